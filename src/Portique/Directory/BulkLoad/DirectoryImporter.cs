using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;
using Portique.Common;
using Portique.LegacyMigration;

namespace Portique.Annuaire.BulkLoad;

/// <summary>The import's summary (the shape of <c>migrate import</c>'s) and the reject counts per file and reason.</summary>
public sealed record DirectoryImportResult(ImportSummary Summary, IReadOnlyDictionary<string, SortedDictionary<string, long>> Rejects);

/// <summary>
/// Loads a national directory file set (<see cref="DirectoryFiles"/>) into an empty directory with the legacy migration's
/// machinery (<see cref="LoadStore"/>, <see cref="BatchPipe"/>): each file's accepted rows go by binary COPY (PostgreSQL)
/// or prepared statements (SQLite) in one transaction recorded with the file; the indexes, keys and the lines' non-overlap
/// constraint are dropped first and rebuilt as recorded steps. Killed at any point, a re-run re-reads every file (the
/// verdicts depend on earlier rows), writes only the files not committed and runs the steps left; after success it writes
/// nothing. Every row is checked with the entities' own rules (<see cref="LegalUnit.Create"/>, <see cref="Facility.Create"/>,
/// <see cref="RoutingCode.Create"/>, <see cref="AddressingIdentifier.TryParse"/>, ...) and imported or written to
/// FILE.rejects.csv with its reason. Memory: the keys seen (SIRENs as ints, SIRETs as longs, one 64-bit hash and end day
/// per line address), nothing per row beyond the two buffers in flight.
/// </summary>
public sealed class DirectoryImporter
{
    internal static readonly LiveTable Platforms = new("directory_platforms",
        [("Matricule", ColumnType.Text), ("Name", ColumnType.Text), ("Type", ColumnType.Text), ("BaseUrl", ColumnType.TextNull), ("IsActive", ColumnType.Bool), ("RegisteredAt", ColumnType.Time)], []);
    internal static readonly LiveTable LegalUnits = new("directory_legal_units",
        [("Siren", ColumnType.Text), ("BusinessName", ColumnType.Text), ("NameKey", ColumnType.Text), ("EntityType", ColumnType.Text), ("AdministrativeStatus", ColumnType.Text), ("CreatedAt", ColumnType.Time)], []);
    internal static readonly LiveTable Facilities = new("directory_facilities",
    [
        ("Siret", ColumnType.Text), ("Siren", ColumnType.Text), ("Name", ColumnType.Text), ("FacilityType", ColumnType.Text), ("AdministrativeStatus", ColumnType.Text),
        ("Diffusible", ColumnType.Bool), ("CreatedAt", ColumnType.Time), ("Address_Line1", ColumnType.TextNull), ("Address_PostalCode", ColumnType.TextNull),
        ("Address_Locality", ColumnType.TextNull), ("Address_CountryCode", ColumnType.TextNull),
    ], []);
    internal static readonly LiveTable RoutingCodes = new("directory_routing_codes",
    [
        ("Id", ColumnType.Long), ("Siret", ColumnType.Text), ("RoutingIdentifier", ColumnType.Text), ("Name", ColumnType.Text), ("AdministrativeStatus", ColumnType.Text), ("CreatedAt", ColumnType.Time),
    ], [Constant.Bool("ManagesLegalCommitmentCode", false)]);
    internal static readonly LiveTable Lines = new("directory_lines",
    [
        ("IdInstance", ColumnType.Long), ("AddressingIdentifier", ColumnType.Text), ("Granularity", ColumnType.Text), ("Siren", ColumnType.Text), ("Siret", ColumnType.TextNull),
        ("RoutingIdentifier", ColumnType.TextNull), ("Suffix", ColumnType.TextNull), ("PlatformMatricule", ColumnType.TextNull),
        ("ValidFrom", ColumnType.Date), ("ValidTo", ColumnType.DateNull), ("CreatedAt", ColumnType.Time),
    ], []);

    internal static readonly LoadScope Scope = new("directory_load", [Platforms, LegalUnits, Facilities, RoutingCodes, Lines],
        [("directory_routing_codes", "Id"), ("directory_lines", "IdInstance")]);

    private static readonly LiveTable[] Tables = [Platforms, LegalUnits, Facilities, RoutingCodes, Lines];

    private readonly ImportOptions _options;
    private readonly IProgress<ImportProgress>? _progress;
    private readonly DateTime _now;

    private readonly HashSet<string> _platforms = new(StringComparer.Ordinal);
    private readonly HashSet<int> _sirens = [];
    private readonly HashSet<long> _sirets = [];
    private readonly HashSet<(long Siret, string Code)> _routingCodes = [];
    // Per line address: the end of its last version (int.MaxValue while open), keyed by a 64-bit hash of the address.
    private readonly Dictionary<long, int> _lineEnds = [];
    private readonly Dictionary<string, SortedDictionary<string, long>> _rejects = [];
    private Bases _bases = new(1, 1, []);
    private long _routingCodeCount;
    private long _lineCount;

    public DirectoryImporter(ImportOptions options, TimeProvider time, IProgress<ImportProgress>? progress = null)
    {
        _options = options;
        _progress = progress;
        // Microseconds: what both databases keep, so that a re-derived row equals the stored one.
        var now = time.GetUtcNow().UtcDateTime;
        _now = new DateTime(now.Ticks - now.Ticks % TimeSpan.TicksPerMicrosecond, DateTimeKind.Utc);
    }

    /// <summary>Fixed by the first run: the first ids given and the platforms that were already registered.</summary>
    private sealed record Bases(long RoutingCode, long Line, string[] Platforms);

    public async Task<DirectoryImportResult> RunAsync(string directory, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        foreach (var file in DirectoryFiles.All)
        {
            if (!File.Exists(Path.Combine(directory, file)))
                throw new PortiqueException("DIRECTORY_FILE_MISSING", $"Le fichier {file} manque dans {directory}.");
        }
        await using var store = await LoadStore.OpenAsync(Scope, _options.Provider, _options.Connection, ct);
        await store.EnsureTablesAsync(ct);
        var state = await PrepareRunAsync(store, directory, ct);
        _platforms.UnionWith(_bases.Platforms);
        var load = state is LoadStore.NotLoaded or LoadStore.Prepared;
        if (state == LoadStore.NotLoaded)
        {
            await store.PrepareLoadAsync(ct);
            Done("drop indexes and keys", clock.Elapsed);
        }
        var committed = load ? (await store.LoadedFilesAsync(ct)).ToHashSet() : [];
        var rejectDirectory = _options.RejectDirectory ?? directory;
        Directory.CreateDirectory(rejectDirectory);
        var summaries = await Task.Factory.StartNew(() =>
        {
            var list = new List<FileSummary>();
            for (var f = 0; f < DirectoryFiles.All.Length; f++)
            {
                var file = DirectoryFiles.All[f];
                var table = Tables[f];
                var write = load && !committed.Contains(file);
                if (write)
                    store.BeginFileAsync(ct).GetAwaiter().GetResult();
                using var writer = write ? store.OpenTable(table) : null;
                list.Add(ImportFile(directory, rejectDirectory, file, table, writer, ct));
                if (writer is not null)
                {
                    writer.Complete();
                    store.EndFileAsync(file, table, f == DirectoryFiles.All.Length - 1, Done, ct).GetAwaiter().GetResult();
                }
            }
            return list;
        }, ct, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        var indexes = Stopwatch.StartNew();
        if (load)
            await store.EndLoadAsync(ct);
        var indexSeconds = 0.0;
        if (state != LoadStore.Done)
        {
            _progress?.Report(new ImportProgress("live tables", 0, 1, 0, "move"));
            var rows = summaries.Zip(Tables).ToDictionary(p => p.Second.Name, p => p.First.Imported);
            await store.CompleteStepsAsync(table => rows.GetValueOrDefault(table), Done, ct);
            indexSeconds = indexes.Elapsed.TotalSeconds;
            _progress?.Report(new ImportProgress("live tables", 1, 1, 0, "done"));
        }
        var summary = new ImportSummary(summaries, clock.Elapsed.TotalSeconds, new Dictionary<string, long>(), state == LoadStore.Done, indexSeconds);
        return new DirectoryImportResult(summary, _rejects);
    }

    private void Done(string step, TimeSpan elapsed) =>
        _progress?.Report(new ImportProgress("live tables", 0, 1, (long)elapsed.TotalMilliseconds, "step: " + step));

    /// <summary>
    /// The first run requires a directory without legal units nor lines (a bulk load initialises the national directory;
    /// changes go through the maintenance use cases) and fixes the id bases; later runs must read the same files.
    /// </summary>
    private async Task<int> PrepareRunAsync(LoadStore store, string directory, CancellationToken ct)
    {
        var fingerprint = string.Join(",", DirectoryFiles.All.Select(f => $"{f}:{new FileInfo(Path.Combine(directory, f)).Length}"));
        var run = (await store.QueryAsync($"SELECT fingerprint, bases, moved FROM {store.RunTable} WHERE id = 1",
            r => (Fingerprint: r.GetString(0), Bases: r.GetString(1), State: Convert.ToInt32(r.GetValue(2), CultureInfo.InvariantCulture)), ct)).SingleOrDefault();
        if (run.Fingerprint is null)
        {
            foreach (var table in new[] { LegalUnits, Facilities, RoutingCodes, Lines })
            {
                if (await store.ScalarAsync($"SELECT COUNT(*) FROM (SELECT 1 FROM \"{table.Name}\" LIMIT 1) AS any_row", ct) > 0)
                    throw PortiqueException.Conflict("DIRECTORY_NOT_EMPTY",
                        $"La table {table.Name} contient déjà des données : le chargement en masse initialise un annuaire vide ; les mises à jour passent par la gestion de l'annuaire.");
            }
            _bases = new Bases(
                await store.ScalarAsync("SELECT COALESCE(MAX(\"Id\"), 0) + 1 FROM directory_routing_codes", ct),
                await store.ScalarAsync("SELECT COALESCE(MAX(\"IdInstance\"), 0) + 1 FROM directory_lines", ct),
                (await store.QueryAsync("SELECT \"Matricule\" FROM directory_platforms", r => r.GetString(0), ct)).ToArray());
            await store.ExecuteAsync($"INSERT INTO {store.RunTable} (id, fingerprint, bases, moved) VALUES (1, '{fingerprint}', '{JsonSerializer.Serialize(_bases)}', {LoadStore.NotLoaded})", ct);
            return LoadStore.NotLoaded;
        }
        if (run.Fingerprint != fingerprint)
            throw new PortiqueException("DIRECTORY_SOURCE_CHANGED", "Cette base a déjà reçu (en tout ou partie) un chargement d'autres fichiers d'annuaire ; elle ne peut en recevoir un second.");
        _bases = JsonSerializer.Deserialize<Bases>(run.Bases)!;
        return run.State;
    }

    /// <summary>One file, in order: each line is checked, then added to the buffer being filled or written to the reject file.</summary>
    private FileSummary ImportFile(string directory, string rejectDirectory, string file, LiveTable table, TableWriter? writer, CancellationToken ct)
    {
        var expected = DirectoryFiles.Headers[file].Length;
        var rejects = _rejects[file] = new SortedDictionary<string, long>(StringComparer.Ordinal);
        Func<string[], Batch, string?> row = file switch
        {
            DirectoryFiles.Platforms => PlatformRow,
            DirectoryFiles.LegalUnits => LegalUnitRow,
            DirectoryFiles.Facilities => FacilityRow,
            DirectoryFiles.RoutingCodes => RoutingCodeRow,
            _ => LineRow,
        };
        var splitter = new FieldSplitter();
        var fields = new string[expected];
        using var pipe = new BatchPipe(writer, table, _options.BatchSize);
        using var reader = new LineReader(Path.Combine(directory, file));
        using var output = new StreamWriter(Path.Combine(rejectDirectory, Path.GetFileNameWithoutExtension(file) + ".rejects.csv"), false, new UTF8Encoding(false), 1 << 16);
        output.WriteLine("row;code;raw");
        long read = 0;
        reader.Next(); // header
        while (reader.Next())
        {
            read++;
            var line = reader.Line;
            string? code;
            if (!Utf8.IsValid(line))
                code = "ENCODING_INVALID";
            else if (splitter.Split(line, out var data) != expected)
                code = "COLUMN_COUNT";
            else
            {
                for (var i = 0; i < expected; i++)
                    fields[i] = Encoding.UTF8.GetString(data[splitter[i]]);
                try
                {
                    code = row(fields, pipe.Filling);
                }
                catch (PortiqueException e)
                {
                    code = e.Code;
                }
            }
            if (code is not null)
            {
                rejects[code] = rejects.GetValueOrDefault(code) + 1;
                output.WriteLine($"{read.ToString(CultureInfo.InvariantCulture)};{code};{LegacyFormat.Quote(LineReader.Raw(line))}");
            }
            if (pipe.Filling.IsFull)
            {
                ct.ThrowIfCancellationRequested();
                pipe.Hand();
            }
            if (read % _options.BatchSize == 0)
                _progress?.Report(new ImportProgress(file, reader.Position, reader.Length, read, "import"));
        }
        pipe.Finish();
        _progress?.Report(new ImportProgress(file, reader.Length, reader.Length, read, "done"));
        var rejected = rejects.Values.Sum();
        return new FileSummary(file, read, read - rejected, rejected);
    }

    private string? PlatformRow(string[] f, Batch b)
    {
        if (!Enum.TryParse<PlatformType>(f[2], ignoreCase: false, out var type) || !Enum.IsDefined(type) || char.IsAsciiDigit(f[2][0]))
            return "PLATFORM_TYPE_INVALID";
        var platform = Platform.Register(f[0], f[1], type, f[3].Length == 0 ? null : f[3], _now);
        if (!_platforms.Add(platform.Matricule))
            return "PLATFORM_DUPLICATE";
        b.Text(platform.Matricule).Text(platform.Name).Text(platform.Type.ToString()).Text(platform.BaseUrl).Bool(true).Time(_now).EndRow();
        return null;
    }

    private string? LegalUnitRow(string[] f, Batch b)
    {
        var siren = Siren.Checked(f[0]);
        if (!_sirens.Add(int.Parse(siren, CultureInfo.InvariantCulture)))
            return "SIREN_DUPLICATE";
        var ok = Accept(() =>
        {
            if (f[2] is not (nameof(EntityType.Public) or nameof(EntityType.PrivateVatRegistered)))
                return "ENTITY_TYPE_INVALID";
            if (Status(f[3]) is not { } status)
                return "STATUS_INVALID";
            if (Day(f[4]) is not { } created)
                return "DATE_INVALID";
            var unit = LegalUnit.Create(siren, f[1], Enum.Parse<EntityType>(f[2]), status, created.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc));
            b.Text(unit.Siren).Text(unit.BusinessName).Text(unit.NameKey).Text(unit.EntityType.ToString()).Text(unit.AdministrativeStatus.ToString())
                .Time(unit.CreatedAt.UtcDateTime).EndRow();
            return null;
        });
        if (ok is not null)
            _sirens.Remove(int.Parse(siren, CultureInfo.InvariantCulture)); // a rejected unit is not known to the rows after it
        return ok;
    }

    private string? FacilityRow(string[] f, Batch b)
    {
        var siret = Siren.CheckedSiret(f[0]);
        var key = long.Parse(siret, CultureInfo.InvariantCulture);
        if (_sirets.Contains(key))
            return "SIRET_DUPLICATE";
        if (!_sirens.Contains(int.Parse(siret.AsSpan(0, 9), CultureInfo.InvariantCulture)))
            return "LEGAL_UNIT_UNKNOWN";
        if (f[2] is not ("P" or "S"))
            return "FACILITY_TYPE_INVALID";
        if (Status(f[3]) is not { } status)
            return "STATUS_INVALID";
        if (f[4] is not ("O" or "N"))
            return "DIFFUSIBLE_INVALID";
        var address = new FacilityAddress { Line1 = f[5], PostalCode = f[6], Locality = f[7], CountryCode = f[8].Length == 0 ? null : f[8] };
        var facility = Facility.Create(siret, f[1], f[2] == "P" ? FacilityType.P : FacilityType.S, status, address, f[4] == "O", _now);
        _sirets.Add(key);
        var a = facility.Address;
        b.Text(facility.Siret).Text(facility.Siren).Text(facility.Name).Text(facility.FacilityType.ToString()).Text(facility.AdministrativeStatus.ToString())
            .Bool(facility.Diffusible).Time(_now).Text(a.Line1).Text(a.PostalCode).Text(a.Locality).Text(a.CountryCode).EndRow();
        return null;
    }

    private string? RoutingCodeRow(string[] f, Batch b)
    {
        var siret = Siren.CheckedSiret(f[0]);
        var key = long.Parse(siret, CultureInfo.InvariantCulture);
        if (!_sirets.Contains(key))
            return "FACILITY_UNKNOWN";
        if (Status(f[3]) is not { } status)
            return "STATUS_INVALID";
        var code = RoutingCode.Create(siret, f[1], f[2], managesLegalCommitmentCode: false, _now);
        if (!_routingCodes.Add((key, code.RoutingIdentifier)))
            return "ROUTING_CODE_DUPLICATE";
        b.Long(_bases.RoutingCode + _routingCodeCount++).Text(code.Siret).Text(code.RoutingIdentifier).Text(code.Name).Text(status.ToString()).Time(_now).EndRow();
        return null;
    }

    private string? LineRow(string[] f, Batch b)
    {
        if (AddressingIdentifier.TryParse(f[0], out _) is not { } address)
            return "ADDRESS_INVALID";
        if (!_sirens.Contains(int.Parse(address.Siren, CultureInfo.InvariantCulture)))
            return "LEGAL_UNIT_UNKNOWN";
        if (address.Siret is not null && !_sirets.Contains(long.Parse(address.Siret, CultureInfo.InvariantCulture)))
            return "FACILITY_UNKNOWN";
        if (address.RoutingIdentifier is not null && !_routingCodes.Contains((long.Parse(address.Siret!, CultureInfo.InvariantCulture), address.RoutingIdentifier)))
            return "ROUTING_CODE_UNKNOWN";
        var platform = f[1].Length == 0 ? null : f[1];
        if (platform is not null && !_platforms.Contains(platform))
            return "PLATFORM_UNKNOWN";
        if (Day(f[2]) is not { } from)
            return "DATE_INVALID";
        DateOnly? to = null;
        if (f[3].Length > 0)
        {
            if (Day(f[3]) is not { } end)
                return "DATE_INVALID";
            if (end <= from)
                return "PERIOD_INVALID";
            to = end;
        }
        // Versions of one address come oldest first: each starts no earlier than the end of the one before.
        var hash = Hash(address.Value);
        if (_lineEnds.TryGetValue(hash, out var previousEnd) && from.DayNumber < previousEnd)
            return "LINE_OVERLAP";
        _lineEnds[hash] = to?.DayNumber ?? int.MaxValue;
        var line = DirectoryLine.Create(address, platform, from, _now);
        b.Long(_bases.Line + _lineCount++).Text(line.AddressingIdentifier).Text(line.Granularity.ToString()).Text(line.Siren).Text(line.Siret)
            .Text(line.RoutingIdentifier).Text(line.Suffix).Text(line.PlatformMatricule).Date(line.ValidFrom).Date(to).Time(_now).EndRow();
        return null;
    }

    /// <summary>Runs a row's rules; a rule's exception becomes its code, like a returned one.</summary>
    private static string? Accept(Func<string?> rules)
    {
        try
        {
            return rules();
        }
        catch (PortiqueException e)
        {
            return e.Code;
        }
    }

    private static AdministrativeStatus? Status(string value) => value switch { "A" => AdministrativeStatus.A, "C" => AdministrativeStatus.C, _ => null };

    private static DateOnly? Day(string value) =>
        DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ? day : null;

    /// <summary>
    /// FNV-1a over the address's bytes: stable from run to run (string.GetHashCode is not), 8 bytes a line instead of the
    /// string. Two addresses sharing a hash could only make the second's first version a false LINE_OVERLAP reject, never
    /// let an overlap in: the database's constraint is rebuilt over the loaded lines anyway.
    /// </summary>
    private static long Hash(string value)
    {
        var hash = 14695981039346656037UL;
        foreach (var c in value)
        {
            hash ^= c;
            hash *= 1099511628211UL;
        }
        return (long)hash;
    }
}
