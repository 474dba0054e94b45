using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Portique.Accounts;
using Portique.Common;
using Portique.Common.Data;
using Portique.Organisation;

namespace Portique.LegacyMigration;

public sealed record ImportOptions(DatabaseProvider Provider, string Connection, int BatchSize = 50_000, string? RejectDirectory = null);

public sealed record FileSummary(string File, long Read, long Imported, long Rejected);

/// <summary>What a run did. Resolutions: structures whose principal manager was decided by the rule of docs/migration.md. MoveSeconds: staging → live, indexes included.</summary>
public sealed record ImportSummary(IReadOnlyList<FileSummary> Files, double ElapsedSeconds, IReadOnlyDictionary<string, long> Resolutions, bool AlreadyMoved, double MoveSeconds)
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public string ToJson() => JsonSerializer.Serialize(new
    {
        files = Files.Select(f => new { file = f.File, read = f.Read, imported = f.Imported, rejected = f.Rejected }),
        elapsedSeconds = Math.Round(ElapsedSeconds, 3),
    }, Indented);
}

/// <summary>Progress of one file: bytes for the bar and its ETA, rows for the rate.</summary>
public sealed record ImportProgress(string File, long Bytes, long TotalBytes, long Rows, string Phase);

/// <summary>
/// Imports a legacy export (docs/migration.md). Every row is checked with the entities' own rule functions, then written
/// without change tracking into staging tables in batches (binary COPY on PostgreSQL, prepared statements on SQLite), each
/// batch committed together with its record in migration_batches; finally one transaction moves staging into the live tables.
/// Ids are assigned here, from bases fixed by the first run, so that a re-run derives exactly the same rows and skips the
/// batches already committed: an interrupted import resumes and never duplicates.
/// </summary>
public sealed class LegacyImporter
{
    private static readonly DateOnly Earliest = new(1990, 1, 1);

    private readonly ImportOptions _options;
    private readonly IProgress<ImportProgress>? _progress;
    private readonly DateOnly _today;
    private readonly List<string> _fields = new(16);

    // Legacy id → index; the new id is base + index.
    private readonly Dictionary<long, int> _structures = [];
    private readonly List<DateTime> _structureCreated = [];
    private readonly Dictionary<long, (int Index, int Structure)> _services = [];
    private readonly Dictionary<long, int> _users = [];
    private readonly List<(DateTime Created, bool Active)> _userInfo = [];
    private readonly Dictionary<(int User, int Structure), int> _memberships = [];
    private readonly List<Member> _members = [];
    private readonly HashSet<(int Membership, int Application, int Service)> _serviceHabilitations = [];
    private readonly Dictionary<string, long> _resolutions = [];

    private Bases _bases = new(0, 0, 0, 0, 0);

    /// <summary>Rows derived for each live table (after a run): what verify expects to find from each id base.</summary>
    public IReadOnlyList<(string Table, long FirstId, long Count)> Derived => [
        ("structures", _bases.Structure, _structures.Count), ("services", _bases.Service, _serviceCount), ("AspNetUsers", _bases.User, _users.Count),
        ("memberships", _bases.Membership, _members.Count), ("habilitations", _bases.Habilitation, _habilitationCount)];
    private int _serviceCount;
    private long _habilitationCount;

    public LegacyImporter(ImportOptions options, TimeProvider time, IProgress<ImportProgress>? progress = null)
    {
        _options = options;
        _progress = progress;
        _today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
    }

    private sealed record Bases(long Structure, long Service, long User, long Membership, long Habilitation);

    private sealed class Member(int user, int structure, LegacyRole role, long row)
    {
        public int User { get; } = user;
        public int Structure { get; } = structure;
        public LegacyRole Role { get; set; } = role;
        public long Row { get; } = row;
        public ushort StructureWide { get; set; }
    }

    private enum LegacyRole { User, Secondary, Principal }

    /// <summary>Imports (write) or only re-derives the counts (verify, which passes write: false).</summary>
    public async Task<ImportSummary> RunAsync(string directory, bool write, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        foreach (var file in LegacyFormat.Files)
        {
            if (!File.Exists(Path.Combine(directory, file)))
                throw new PortiqueException("MIGRATION_FILE_MISSING", $"Le fichier {file} manque dans {directory}.");
        }
        await using var store = await StagingStore.OpenAsync(_options.Provider, _options.Connection, ct);
        await store.EnsureTablesAsync(ct);
        var (moved, committed) = await PrepareRunAsync(store, directory, write, ct);
        var existingIdentifiers = (await store.QueryAsync($"SELECT \"IdentifierType\", \"Identifier\" FROM structures WHERE \"Id\" < {_bases.Structure}",
            r => (r.GetString(0), r.GetString(1)), ct)).ToHashSet();
        var existingLogins = (await store.QueryAsync($"SELECT \"NormalizedEmail\" FROM \"AspNetUsers\" WHERE \"Id\" < {_bases.User} AND \"NormalizedEmail\" IS NOT NULL",
            r => r.GetString(0), ct)).ToHashSet(StringComparer.Ordinal);
        // Nothing is written once moved: the run only reports, so a re-run after success is a no-op.
        var sink = write && !moved ? store : null;
        var rejectDirectory = _options.RejectDirectory ?? directory;
        Directory.CreateDirectory(rejectDirectory);

        var summaries = new List<FileSummary>
        {
            await ImportFileAsync(directory, LegacyFormat.Structures, rejectDirectory, sink, committed, StructureRow(existingIdentifiers), ct),
            await ImportFileAsync(directory, LegacyFormat.Services, rejectDirectory, sink, committed, ServiceRow(), ct),
            await ImportFileAsync(directory, LegacyFormat.Users, rejectDirectory, sink, committed, UserRow(existingLogins), ct),
            await ImportRolesAsync(directory, rejectDirectory, sink, committed, ct),
            await ImportFileAsync(directory, LegacyFormat.Habilitations, rejectDirectory, sink, committed, HabilitationRow(), ct),
        };
        await AddSecondaryManagerRightsAsync(sink, committed, ct);
        var moveSeconds = 0.0;
        if (sink is not null)
        {
            _progress?.Report(new ImportProgress("live tables", 0, 1, 0, "move"));
            var move = Stopwatch.StartNew();
            await store.MoveAsync((name, elapsed) => _progress?.Report(new ImportProgress("live tables", 0, 1, (long)elapsed.TotalMilliseconds, "step: " + name)), ct);
            moveSeconds = move.Elapsed.TotalSeconds;
            _progress?.Report(new ImportProgress("live tables", 1, 1, 0, "done"));
        }
        return new ImportSummary(summaries, clock.Elapsed.TotalSeconds, _resolutions, moved, moveSeconds);
    }

    /// <summary>The first run fixes the id bases; later runs must read the same files (same names and sizes).</summary>
    private async Task<(bool Moved, HashSet<(string, int)> Committed)> PrepareRunAsync(StagingStore store, string directory, bool write, CancellationToken ct)
    {
        var fingerprint = string.Join(",", LegacyFormat.Files.Select(f => $"{f}:{new FileInfo(Path.Combine(directory, f)).Length}"));
        var run = (await store.QueryAsync($"SELECT fingerprint, bases, moved FROM {StagingStore.RunTable} WHERE id = 1",
            r => (Fingerprint: r.GetString(0), Bases: r.GetString(1), Moved: Convert.ToInt64(r.GetValue(2), CultureInfo.InvariantCulture) != 0), ct)).SingleOrDefault();
        if (run.Fingerprint is null)
        {
            if (!write)
                throw new PortiqueException("MIGRATION_NOT_RUN", "Aucune migration n'a été importée dans cette base.");
            _bases = new Bases(
                await NextIdAsync(store, "structures", ct), await NextIdAsync(store, "services", ct), await NextIdAsync(store, "AspNetUsers", ct),
                await NextIdAsync(store, "memberships", ct), await NextIdAsync(store, "habilitations", ct));
            await store.ExecuteAsync($"INSERT INTO {StagingStore.RunTable} (id, fingerprint, bases, moved) VALUES (1, '{fingerprint}', '{JsonSerializer.Serialize(_bases)}', 0)", ct);
            return (false, []);
        }
        if (run.Fingerprint != fingerprint)
            throw new PortiqueException("MIGRATION_SOURCE_CHANGED", "Cette base a déjà reçu (en tout ou partie) une migration d'autres fichiers ; elle ne peut en recevoir une seconde.");
        _bases = JsonSerializer.Deserialize<Bases>(run.Bases)!;
        var committed = await store.QueryAsync($"SELECT file, batch FROM {StagingStore.BatchTable}",
            r => (r.GetString(0), Convert.ToInt32(r.GetValue(1), CultureInfo.InvariantCulture)), ct);
        return (run.Moved, committed.ToHashSet());
    }

    private static async Task<long> NextIdAsync(StagingStore store, string table, CancellationToken ct) =>
        await store.ScalarAsync($"SELECT COALESCE(MAX(\"Id\"), 0) + 1 FROM \"{table}\"", ct);

    /// <summary>Adds the row to its batches, or returns the reject code.</summary>
    private delegate string? RowHandler(List<string> fields, long row, Batch[] batches);

    private async Task<FileSummary> ImportFileAsync(string directory, string file, string rejectDirectory, StagingStore? sink,
        HashSet<(string, int)> committed, (StagingTable[] Tables, RowHandler Handle) handler, CancellationToken ct)
    {
        var expected = LegacyFormat.Headers[file].Length;
        // Two sets of batches: one is written (on another thread: COPY blocks on the socket) while the next is filled.
        var sets = new[] { handler.Tables.Select(t => new Batch(t, _options.BatchSize + 1)).ToArray(), handler.Tables.Select(t => new Batch(t, _options.BatchSize + 1)).ToArray() };
        var filling = 0;
        var writing = Task.CompletedTask;
        using var reader = new LineReader(Path.Combine(directory, file));
        await using var rejects = new StreamWriter(Path.Combine(rejectDirectory, Path.GetFileNameWithoutExtension(file) + ".rejects.csv"), false, new System.Text.UTF8Encoding(false), 1 << 16);
        await rejects.WriteLineAsync("row;code;raw");
        long read = 0, rejected = 0;
        reader.Next(out _, out _); // header
        var batch = 0;
        while (reader.Next(out var text, out var raw))
        {
            read++;
            string? code;
            if (text is null)
                code = "ENCODING_INVALID";
            else if (LegacyFormat.Split(text, _fields) != expected)
                code = "COLUMN_COUNT";
            else
            {
                try
                {
                    code = handler.Handle(_fields, read, sets[filling]);
                }
                catch (PortiqueException e)
                {
                    code = e.Code;
                }
            }
            if (code is not null)
            {
                rejected++;
                await rejects.WriteLineAsync($"{read};{code};{LegacyFormat.Quote(raw)}");
            }
            if (read % _options.BatchSize == 0)
            {
                await writing;
                var full = sets[filling];
                var number = batch++;
                writing = Task.Run(() => FlushAsync(sink, committed, file, number, full, ct), ct);
                filling ^= 1;
                _progress?.Report(new ImportProgress(file, reader.Position, reader.Length, read, "import"));
            }
        }
        await writing;
        await FlushAsync(sink, committed, file, batch, sets[filling], ct);
        _progress?.Report(new ImportProgress(file, reader.Length, reader.Length, read, "done"));
        return new FileSummary(file, read, read - rejected, rejected);
    }

    private static async Task FlushAsync(StagingStore? sink, HashSet<(string, int)> committed, string file, int batch, Batch[] batches, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        if (sink is not null && !committed.Contains((file, batch)))
            await sink.CommitBatchAsync(file, batch, batches, ct);
        foreach (var b in batches)
            b.Clear();
    }

    private (StagingTable[], RowHandler) StructureRow(HashSet<(string, string)> existing)
    {
        var seen = new HashSet<(string, string)>();
        return ([StagingTable.Structures, StagingTable.Services], (f, _, b) =>
        {
            var legacyId = LegacyId(f[0]);
            if (_structures.ContainsKey(legacyId))
                return "LEGACY_ID_DUPLICATE";
            if (!Enum.TryParse<IdentifierType>(f[1], ignoreCase: false, out var type) || !Enum.IsDefined(type))
                return "IDENTIFIER_TYPE_INVALID";
            var identifier = StructureIdentifier.Normalize(type, f[2]);
            var name = Validation.Required(f[3], "raison sociale", 200);
            var isPublic = f[4] switch { "PUBLIC" => true, "PRIVATE" => false, _ => (bool?)null };
            if (isPublic is null)
                return "SECTOR_INVALID";
            var address = new PostalAddress { Line1 = f[5], Line2 = f[6], PostCode = f[7], City = f[8], CountryCode = f[9] is "" ? null : f[9] }.Validated();
            if (Date(f[10]) is not { } created)
                return "DATE_INVALID";
            if (Status(f[11]) is not { } active)
                return "STATUS_INVALID";
            var parameters = f[12];
            if (parameters.Length is not (0 or 7) || parameters.Any(c => c is not ('0' or '1')))
                return "PARAMETERS_INVALID";
            var key = (type.ToString(), identifier);
            if (existing.Contains(key) || !seen.Add(key))
                return "IDENTIFIER_DUPLICATE";

            var index = _structures.Count;
            _structures.Add(legacyId, index);
            _structureCreated.Add(created);
            var id = _bases.Structure + index;
            b[0].Long(id).Long(legacyId).Text(key.Item1).Text(identifier).Text(name).Text(SearchKey.Of(name)).Bool(isPublic.Value).Bool(active).Time(created)
                .Text(address.Line1).Text(address.Line2).Text(address.PostCode).Text(address.City).Text(address.CountryCode);
            for (var p = 0; p < 7; p++)
                b[0].Bool(parameters.Length == 7 && parameters[p] == '1');
            b[0].EndRow();
            // As Structure.Create: every public structure carries the default service.
            if (isPublic.Value)
            {
                b[1].Long(_bases.Service + _serviceCount++).Long((long?)null).Long(id).Text(Structure.DefaultPublicServiceCode).Text("Service des factures publiques").Bool(true).EndRow();
            }
            return null;
        });
    }

    private (StagingTable[], RowHandler) ServiceRow()
    {
        var codes = new HashSet<(int, string)>();
        return ([StagingTable.Services], (f, _, b) =>
        {
            var legacyId = LegacyId(f[0]);
            if (_services.ContainsKey(legacyId))
                return "LEGACY_ID_DUPLICATE";
            if (!_structures.TryGetValue(LegacyId(f[1]), out var structure))
                return "STRUCTURE_UNKNOWN";
            // Service.Create holds the code and name rules; the reserved default code is refused as AddService refuses it.
            var service = Service.Create(f[2], f[3], null, null, false);
            if (service.IsDefault)
                return "SERVICE_CODE_RESERVED";
            if (Status(f[4]) is not { } active)
                return "STATUS_INVALID";
            if (!codes.Add((structure, service.Code)))
                return "SERVICE_CODE_DUPLICATE";
            var index = _serviceCount++;
            _services.Add(legacyId, (index, structure));
            b[0].Long(_bases.Service + index).Long(legacyId).Long(_bases.Structure + structure).Text(service.Code).Text(service.Name).Bool(active).EndRow();
            return null;
        });
    }

    private (StagingTable[], RowHandler) UserRow(HashSet<string> existing)
    {
        var logins = new HashSet<string>(StringComparer.Ordinal);
        return ([StagingTable.Users], (f, _, b) =>
        {
            var legacyId = LegacyId(f[0]);
            if (_users.ContainsKey(legacyId))
                return "LEGACY_ID_DUPLICATE";
            var login = Validation.Required(f[1], "e-mail de connexion", 256);
            if (!System.Net.Mail.MailAddress.TryCreate(login, out var parsed) || parsed.Address != login)
                return "EMAIL_INVALID";
            // User.UpdateProfile holds the rules on names and contact address.
            var user = new User();
            user.UpdateProfile(f[3], f[4], f[2], false, false);
            if (Status(f[5]) is not { } active)
                return "STATUS_INVALID";
            if (Date(f[6]) is not { } created)
                return "DATE_INVALID";
            // Identity's normaliser is upper-invariant; the login is unique on it.
            var normalized = login.ToUpperInvariant();
            if (existing.Contains(normalized) || !logins.Add(normalized))
                return "EMAIL_DUPLICATE";
            var index = _users.Count;
            _users.Add(legacyId, index);
            _userInfo.Add((created, active));
            b[0].Long(_bases.User + index).Long(legacyId).Text(login).Text(normalized).Text(login).Text(normalized).Text(user.ContactEmail)
                .Text(user.FirstName).Text(user.LastName).Bool(!active).Time(created)
                .Text(Guid.NewGuid().ToString("N").ToUpperInvariant()).Text(Guid.NewGuid().ToString()).EndRow();
            return null;
        });
    }

    /// <summary>
    /// Roles are read whole before any membership is written: who is principal depends on all the rows of a structure.
    /// Rule (docs/migration.md): several principals → the first in file order stays, the others become secondary managers;
    /// none → the first member with an active account (secondary managers before simple users), else the first member.
    /// </summary>
    private async Task<FileSummary> ImportRolesAsync(string directory, string rejectDirectory, StagingStore? sink, HashSet<(string, int)> committed, CancellationToken ct)
    {
        var summary = await ImportFileAsync(directory, LegacyFormat.Roles, rejectDirectory, null, committed, ([], (f, row, _) =>
        {
            if (!_users.TryGetValue(LegacyId(f[0]), out var user))
                return "USER_UNKNOWN";
            if (!_structures.TryGetValue(LegacyId(f[1]), out var structure))
                return "STRUCTURE_UNKNOWN";
            LegacyRole? role = f[2] switch { "PRINCIPAL" => LegacyRole.Principal, "SECONDARY" => LegacyRole.Secondary, "USER" => LegacyRole.User, _ => null };
            if (role is null)
                return "ROLE_INVALID";
            if (!_memberships.TryAdd((user, structure), _members.Count))
                return "MEMBERSHIP_DUPLICATE";
            _members.Add(new Member(user, structure, role.Value, row));
            return null;
        }), ct);
        ResolvePrincipals();
        // Members are written in the batches of the rows they came from, so committed batches line up with the file.
        var batch = new Batch(StagingTable.Memberships, _options.BatchSize + 1);
        var current = 0;
        foreach (var member in _members)
        {
            var rowBatch = (int)((member.Row - 1) / _options.BatchSize);
            if (rowBatch != current)
            {
                await FlushAsync(sink, committed, "memberships", current, [batch], ct);
                current = rowBatch;
            }
            var attached = Max(_userInfo[member.User].Created, _structureCreated[member.Structure]);
            batch.Long(_bases.Membership + _memberships[(member.User, member.Structure)]).Long(_bases.Structure + member.Structure).Long(_bases.User + member.User)
                .Text(member.Role == LegacyRole.Principal ? nameof(MemberRole.PrincipalManager) : nameof(MemberRole.User)).Time(attached).EndRow();
        }
        await FlushAsync(sink, committed, "memberships", current, [batch], ct);
        return summary;
    }

    private void ResolvePrincipals()
    {
        foreach (var group in _members.GroupBy(m => m.Structure))
        {
            var principals = group.Where(m => m.Role == LegacyRole.Principal).ToList();
            if (principals.Count == 1)
                continue;
            if (principals.Count > 1)
            {
                foreach (var extra in principals.Skip(1))
                    extra.Role = LegacyRole.Secondary;
                Count("SEVERAL_PRINCIPALS_FIRST_KEPT");
                continue;
            }
            var chosen = group.OrderBy(m => _userInfo[m.User].Active ? 0 : 1).ThenBy(m => m.Role == LegacyRole.Secondary ? 0 : 1).ThenBy(m => m.Row).First();
            chosen.Role = LegacyRole.Principal;
            Count("NO_PRINCIPAL_MEMBER_PROMOTED");
        }
        var withMembers = _members.Select(m => m.Structure).ToHashSet();
        var orphans = _structures.Count - withMembers.Count;
        if (orphans > 0)
            _resolutions["NO_MEMBER_NO_PRINCIPAL"] = orphans;
    }

    private void Count(string resolution) => _resolutions[resolution] = _resolutions.GetValueOrDefault(resolution) + 1;

    private (StagingTable[], RowHandler) HabilitationRow() => ([StagingTable.Habilitations], (f, _, b) =>
    {
        if (!_users.TryGetValue(LegacyId(f[0]), out var user))
            return "USER_UNKNOWN";
        if (!_structures.TryGetValue(LegacyId(f[1]), out var structure))
            return "STRUCTURE_UNKNOWN";
        if (!_memberships.TryGetValue((user, structure), out var membership))
            return "NOT_ATTACHED";
        int? service = null;
        if (f[2].Length > 0)
        {
            if (!_services.TryGetValue(LegacyId(f[2]), out var s) || s.Structure != structure)
                return "SERVICE_UNKNOWN";
            service = s.Index;
        }
        if (!Enum.TryParse<PortalApplication>(f[3], ignoreCase: false, out var application) || !Enum.IsDefined(application) || char.IsAsciiDigit(f[3][0]))
            return "APPLICATION_INVALID";
        HabilitationProfile profile;
        if (f[4] == "CONSULTATION") profile = HabilitationProfile.Consultation;
        else if (f[4] == "MODIFICATION") profile = HabilitationProfile.Modification;
        else return "PROFILE_INVALID";
        var member = _members[membership];
        if (service is null)
        {
            var bit = (ushort)(1 << (int)application);
            if ((member.StructureWide & bit) != 0)
                return "HABILITATION_DUPLICATE";
            member.StructureWide |= bit;
            // A secondary manager keeps its rights through "Organisation modification", whatever the row says.
            if (member.Role == LegacyRole.Secondary && application == PortalApplication.Organisation)
                profile = HabilitationProfile.Modification;
        }
        else if (!_serviceHabilitations.Add((membership, (int)application, service.Value)))
            return "HABILITATION_DUPLICATE";
        b[0].Long(_bases.Habilitation + _habilitationCount++).Long(_bases.Membership + membership).Text(application.ToString()).Text(profile.ToString())
            .Long(service is null ? null : _bases.Service + service.Value).EndRow();
        return null;
    });

    /// <summary>Secondary managers become simple users with "Organisation modification" on the structure, unless a row already gave it.</summary>
    private async Task AddSecondaryManagerRightsAsync(StagingStore? sink, HashSet<(string, int)> committed, CancellationToken ct)
    {
        var bit = (ushort)(1 << (int)PortalApplication.Organisation);
        var batch = new Batch(StagingTable.Habilitations, _members.Count + 1);
        for (var m = 0; m < _members.Count; m++)
        {
            if (_members[m].Role != LegacyRole.Secondary || (_members[m].StructureWide & bit) != 0)
                continue;
            batch.Long(_bases.Habilitation + _habilitationCount++).Long(_bases.Membership + m)
                .Text(nameof(PortalApplication.Organisation)).Text(nameof(HabilitationProfile.Modification)).Long((long?)null).EndRow();
        }
        _resolutions["SECONDARY_MANAGER_RIGHTS_ADDED"] = batch.Count;
        await FlushAsync(sink, committed, "secondary-managers", 0, [batch], ct);
    }

    private static long LegacyId(string value) =>
        long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0 ? id
            : throw new PortiqueException("LEGACY_ID_INVALID", $"Identifiant historique « {value} » invalide.");

    private static bool? Status(string value) => value switch { "ACTIVE" => true, "INACTIVE" => false, _ => null };

    private DateTime? Date(string value) =>
        DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) && day >= Earliest && day <= _today
            ? day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc)
            : null;

    private static DateTime Max(DateTime a, DateTime b) => a > b ? a : b;
}
