using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Runtime;
using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;
using Portique.Accounts;
using Portique.Common;
using Portique.Common.Data;
using Portique.Organisation;

namespace Portique.LegacyMigration;

public sealed record ImportOptions(DatabaseProvider Provider, string Connection, int BatchSize = 1024, string? RejectDirectory = null);

public sealed record FileSummary(string File, long Read, long Imported, long Rejected);

/// <summary>What a run did. Resolutions: structures whose principal manager was decided by the rule of docs/migration.md. IndexSeconds: after the last file, the rebuild steps left and ANALYZE.</summary>
public sealed record ImportSummary(IReadOnlyList<FileSummary> Files, double ElapsedSeconds, IReadOnlyDictionary<string, long> Resolutions, bool AlreadyMoved, double IndexSeconds)
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
/// Imports a legacy export (docs/migration.md). Every row is checked with the entities' own rule functions; accepted rows
/// go straight into the live tables by binary COPY (PostgreSQL) or prepared statements (SQLite), one transaction per file,
/// in the recorded steps of <see cref="LoadStore"/>: killed at any point, a re-run re-derives everything from the files,
/// writes only what was not committed and never duplicates; after success, it writes nothing. Row-local rules run on
/// worker threads, the rules on earlier rows in file order on the loading thread, and one buffer of rows is written while
/// the next fills, so parsing and the database's work overlap. Ids are assigned here, from bases fixed by the first run,
/// so no legacy id → new id lookup ever goes to the database. Lines are split and the high-volume files (roles,
/// habilitations) validated on their UTF-8 bytes, without a string per line or per field.
/// </summary>
public sealed class LegacyImporter
{
    private static readonly DateOnly Earliest = new(1990, 1, 1);
    private static readonly (byte[] Name, PortalApplication Value)[] Applications =
        Enum.GetValues<PortalApplication>().Select(a => (Encoding.UTF8.GetBytes(a.ToString()), a)).ToArray();

    private readonly ImportOptions _options;
    private readonly IProgress<ImportProgress>? _progress;
    private readonly DateOnly _today;

    // Legacy id → index; the new id is base + index.
    private readonly Dictionary<long, int> _structures = [];
    private readonly List<DateTime> _structureCreated = [];
    private readonly List<long> _defaultServices = [];
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

    /// <summary>12 bytes per membership, in file order (the index is the row order the role rule needs).</summary>
    private struct Member(int user, int structure, LegacyRole role)
    {
        public readonly int User = user;
        public readonly int Structure = structure;
        public LegacyRole Role = role;
        public ushort StructureWide;
    }

    private enum LegacyRole : byte { User, Secondary, Principal }

    /// <summary>The fields of the current line as UTF-8 bytes; <see cref="String"/> decodes one where a rule needs text.</summary>
    private readonly ref struct Fields
    {
        private readonly ReadOnlySpan<byte> _data;
        private readonly FieldSplitter _splitter;

        public Fields(ReadOnlySpan<byte> data, FieldSplitter splitter)
        {
            _data = data;
            _splitter = splitter;
        }

        public ReadOnlySpan<byte> this[int i] => _data[_splitter[i]];
        public string String(int i) => Encoding.UTF8.GetString(this[i]);
    }

    /// <summary>Adds the row to the batch, or returns the reject code.</summary>
    private delegate string? RowHandler(Fields fields, long row, Batch batch);

    /// <summary>Imports (write) or only re-derives the counts (verify, which passes write: false).</summary>
    public async Task<ImportSummary> RunAsync(string directory, bool write, CancellationToken ct)
    {
        // A batch job: no background collections. On two shared cores a concurrent collector's thread takes CPU from the
        // parsing and from PostgreSQL, and nobody waits on the pauses.
        var latency = GCSettings.LatencyMode;
        var paused = GC.GetTotalPauseDuration();
        int[] collections = [GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2)];
        GCSettings.LatencyMode = GCLatencyMode.Batch;
        try
        {
            return await RunCoreAsync(directory, write, ct);
        }
        finally
        {
            GCSettings.LatencyMode = latency;
            _progress?.Report(new ImportProgress("live tables", 0, 1, (long)(GC.GetTotalPauseDuration() - paused).TotalMilliseconds, 
                $"step: garbage collection pauses (whole run: {GC.CollectionCount(0) - collections[0]} collections, {GC.CollectionCount(1) - collections[1]} of generation 1, {GC.CollectionCount(2) - collections[2]} of 2)"));
        }
    }

    private async Task<ImportSummary> RunCoreAsync(string directory, bool write, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        foreach (var file in LegacyFormat.Files)
        {
            if (!File.Exists(Path.Combine(directory, file)))
                throw new PortiqueException("MIGRATION_FILE_MISSING", $"Le fichier {file} manque dans {directory}.");
        }
        await using var store = await LoadStore.OpenAsync(_options.Provider, _options.Connection, ct);
        await store.EnsureTablesAsync(ct);
        var state = await PrepareRunAsync(store, directory, write, ct);
        var existingIdentifiers = (await store.QueryAsync($"SELECT \"IdentifierType\", \"Identifier\" FROM structures WHERE \"Id\" < {_bases.Structure}",
            r => IdentifierKey(r.GetString(0), r.GetString(1)), ct)).ToHashSet(StringComparer.Ordinal);
        var existingLogins = (await store.QueryAsync($"SELECT \"NormalizedEmail\" FROM \"AspNetUsers\" WHERE \"Id\" < {_bases.User} AND \"NormalizedEmail\" IS NOT NULL",
            r => r.GetString(0), ct)).ToHashSet(StringComparer.Ordinal);
        // Each file's rows are written only by the run that commits them; a re-run re-derives every count and id from the
        // files, writes the files not yet committed and runs the rebuild steps left (LoadStore): after success, nothing.
        var load = write && state is LoadStore.NotLoaded or LoadStore.Prepared;
        var rejectDirectory = _options.RejectDirectory ?? directory;
        Directory.CreateDirectory(rejectDirectory);
        var stepClock = Stopwatch.StartNew();
        var stepLock = new Lock();
        void Step(string name)
        {
            lock (stepLock)
            {
                _progress?.Report(new ImportProgress("live tables", 0, 1, (long)stepClock.Elapsed.TotalMilliseconds, "step: " + name));
                stepClock.Restart();
            }
        }
        void Done(string name, TimeSpan elapsed)
        {
            lock (stepLock)
                _progress?.Report(new ImportProgress("live tables", 0, 1, (long)elapsed.TotalMilliseconds, "step: " + name));
        }

        if (write && state == LoadStore.NotLoaded)
        {
            await store.PrepareLoadAsync(ct);
            Step("drop indexes and keys");
        }
        var committed = load ? (await store.LoadedFilesAsync(ct)).ToHashSet() : [];
        TableWriter? Open(string file, LiveTable table)
        {
            if (!load || committed.Contains(file))
                return null;
            store.BeginFileAsync(ct).GetAwaiter().GetResult();
            return store.OpenTable(table);
        }
        void Commit(string file, LiveTable table) => store.EndFileAsync(file, table, file == LegacyFormat.Files[^1], Done, ct).GetAwaiter().GetResult();
        // Its own thread: it blocks on the chunks and the writer, and the thread pool's few threads (one per core) are for
        // the chunks' preparation.
        var summaries = await Task.Factory.StartNew(() => LoadFiles(directory, rejectDirectory, Open, Commit, Step, existingIdentifiers, existingLogins, ct),
            ct, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        var indexes = Stopwatch.StartNew();
        if (load)
            await store.EndLoadAsync(ct);
        var indexSeconds = 0.0;
        if (write && state != LoadStore.Done)
        {
            _progress?.Report(new ImportProgress("live tables", 0, 1, 0, "move"));
            var rows = Derived.ToDictionary(d => d.Table, d => d.Count);
            await store.CompleteStepsAsync(table => rows.GetValueOrDefault(table), Done, ct);
            indexSeconds = indexes.Elapsed.TotalSeconds;
            _progress?.Report(new ImportProgress("live tables", 1, 1, 0, "done"));
        }
        return new ImportSummary(summaries, clock.Elapsed.TotalSeconds, _resolutions, state == LoadStore.Done, indexSeconds);
    }

    /// <summary>
    /// The five files in order, each table written and completed before the next. Each file goes through a method of its
    /// own so that its validation sets (identifiers, logins: a few hundred MB at national volume) die with that method's
    /// frame instead of staying reachable from a long-lived one until the end.
    /// </summary>
    private List<FileSummary> LoadFiles(string directory, string rejectDirectory, Func<string, LiveTable, TableWriter?> open, Action<string, LiveTable> commit,
        Action<string> step, HashSet<string> existingIdentifiers, HashSet<string> existingLogins, CancellationToken ct)
    {
        Reserve(directory);
        return
        [
            LoadFile(LegacyFormat.Structures, LiveTable.Structures, open, commit, step, w =>
                ImportFile(directory, LegacyFormat.Structures, rejectDirectory, LiveTable.Structures, w, PrepareStructure, StructureRow(existingIdentifiers), ct), collect: true),
            LoadFile(LegacyFormat.Services, LiveTable.Services, open, commit, step, w =>
            {
                WriteDefaultServices(w);
                return ImportFile(directory, LegacyFormat.Services, rejectDirectory, LiveTable.Services, w, ServiceRow(), ct);
            }),
            LoadFile(LegacyFormat.Users, LiveTable.Users, open, commit, step, w =>
                ImportFile(directory, LegacyFormat.Users, rejectDirectory, LiveTable.Users, w, PrepareUser, UserRow(existingLogins), ct), collect: true),
            LoadFile(LegacyFormat.Roles, LiveTable.Memberships, open, commit, step, w => ImportRoles(directory, rejectDirectory, w, ct)),
            LoadFile(LegacyFormat.Habilitations, LiveTable.Habilitations, open, commit, step, w =>
            {
                var summary = ImportFile(directory, LegacyFormat.Habilitations, rejectDirectory, LiveTable.Habilitations, w, PrepareHabilitation, HabilitationRow(), ct);
                AddSecondaryManagerRights(w);
                return summary;
            }),
        ];
    }

    /// <summary>One file into one table through one writer, committed with the rows the import adds after the file's own.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static FileSummary LoadFile(string file, LiveTable table, Func<string, LiveTable, TableWriter?> open, Action<string, LiveTable> commit,
        Action<string> step, Func<TableWriter?, FileSummary> import, bool collect = false)
    {
        using (var writer = open(file, table))
        {
            var summary = import(writer);
            if (writer is not null)
            {
                writer.Complete();
                commit(file, table);
            }
            step(file);
            // The file's validation sets (identifiers, logins: a few hundred MB at national volume) are garbage now: one
            // full collection here, not whenever the next file's allocations trigger it, keeps the peak at the live maps.
            if (collect)
                GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
            return summary;
        }
    }

    /// <summary>
    /// Sizes the maps from the files' lengths up front: growing a dictionary of a million entries by doubling keeps the old
    /// and the new arrays alive at once, which is most of the peak memory otherwise.
    /// </summary>
    private void Reserve(string directory)
    {
        var structures = EstimatedRows(directory, LegacyFormat.Structures);
        _structures.EnsureCapacity(structures);
        _structureCreated.Capacity = structures;
        var users = EstimatedRows(directory, LegacyFormat.Users);
        _users.EnsureCapacity(users);
        _userInfo.Capacity = users;
        var roles = EstimatedRows(directory, LegacyFormat.Roles);
        _memberships.EnsureCapacity(roles);
        _members.Capacity = roles;
    }

    /// <summary>File length over the mean length of its first lines, plus a margin.</summary>
    private static int EstimatedRows(string directory, string file)
    {
        using var stream = File.OpenRead(Path.Combine(directory, file));
        var head = new byte[1 << 16];
        var read = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        var lines = Math.Max(1, head.AsSpan(0, read).Count((byte)'\n'));
        return (int)Math.Min(int.MaxValue / 2, stream.Length / Math.Max(1, read / lines) * 11 / 10 + 16);
    }

    /// <summary>The first run fixes the id bases; later runs must read the same files (same names and sizes). Returns the run's state (LoadStore).</summary>
    private async Task<int> PrepareRunAsync(LoadStore store, string directory, bool write, CancellationToken ct)
    {
        var fingerprint = string.Join(",", LegacyFormat.Files.Select(f => $"{f}:{new FileInfo(Path.Combine(directory, f)).Length}"));
        var run = (await store.QueryAsync($"SELECT fingerprint, bases, moved FROM {store.RunTable} WHERE id = 1",
            r => (Fingerprint: r.GetString(0), Bases: r.GetString(1), State: Convert.ToInt32(r.GetValue(2), CultureInfo.InvariantCulture)), ct)).SingleOrDefault();
        if (run.Fingerprint is null)
        {
            if (!write)
                throw new PortiqueException("MIGRATION_NOT_RUN", "Aucune migration n'a été importée dans cette base.");
            _bases = new Bases(
                await NextIdAsync(store, "structures", ct), await NextIdAsync(store, "services", ct), await NextIdAsync(store, "AspNetUsers", ct),
                await NextIdAsync(store, "memberships", ct), await NextIdAsync(store, "habilitations", ct));
            await store.ExecuteAsync($"INSERT INTO {store.RunTable} (id, fingerprint, bases, moved) VALUES (1, '{fingerprint}', '{JsonSerializer.Serialize(_bases)}', {LoadStore.NotLoaded})", ct);
            return LoadStore.NotLoaded;
        }
        if (run.Fingerprint != fingerprint)
            throw new PortiqueException("MIGRATION_SOURCE_CHANGED", "Cette base a déjà reçu (en tout ou partie) une migration d'autres fichiers ; elle ne peut en recevoir une seconde.");
        _bases = JsonSerializer.Deserialize<Bases>(run.Bases)!;
        return run.State;
    }

    private static async Task<long> NextIdAsync(LoadStore store, string table, CancellationToken ct) =>
        await store.ScalarAsync($"SELECT COALESCE(MAX(\"Id\"), 0) + 1 FROM \"{table}\"", ct);

    /// <summary>A file whose rules all depend on earlier rows: everything runs in the commit stage.</summary>
    private FileSummary ImportFile(string directory, string file, string rejectDirectory, LiveTable table, TableWriter? writer, RowHandler handle, CancellationToken ct) =>
        ImportFile<byte>(directory, file, rejectDirectory, table, writer, null, (ref byte _, Fields f, long row, Batch b) => handle(f, row, b), ct);

    /// <summary>
    /// Reads one file in three stages. A reader cuts the file into chunks of lines; each chunk is checked (encoding, column
    /// count) and, when the file has row-local rules, prepared on the thread pool, several chunks at a time. This thread
    /// then commits the rows in file order with the rules that depend on earlier rows: each line is accepted into the
    /// batch being filled or written to the reject file. A full batch goes to the writer on another thread while the next
    /// one fills. Rows left after the file go to the caller's writer too, which the caller completes.
    /// </summary>
    private FileSummary ImportFile<T>(string directory, string file, string rejectDirectory, LiveTable table, TableWriter? writer,
        Prepare<T>? prepare, Commit<T> commit, CancellationToken ct)
    {
        var expected = LegacyFormat.Headers[file].Length;
        var splitter = new FieldSplitter();
        using var pipe = new BatchPipe(writer, table, _options.BatchSize);
        using var reader = new LineReader(Path.Combine(directory, file));
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        using var chunks = new BlockingCollection<Task<Chunk<T>>>(boundedCapacity: 4);
        var spare = new ConcurrentBag<Chunk<T>>();
        var producer = Task.Factory.StartNew(() =>
        {
            try
            {
                reader.Next(); // header
                var chunk = Chunk<T>.Take(spare);
                while (reader.Next())
                {
                    chunk.Add(reader.Line);
                    if (chunk.IsFull)
                    {
                        var full = chunk;
                        chunks.Add(Task.Run(() => full.Prepare(expected, prepare), stop.Token), stop.Token);
                        chunk = Chunk<T>.Take(spare);
                    }
                }
                chunks.Add(Task.Run(() => chunk.Prepare(expected, prepare), stop.Token), stop.Token);
            }
            finally
            {
                chunks.CompleteAdding();
            }
        }, stop.Token, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        using var rejects = new StreamWriter(Path.Combine(rejectDirectory, Path.GetFileNameWithoutExtension(file) + ".rejects.csv"), false, new UTF8Encoding(false), 1 << 16);
        rejects.WriteLine("row;code;raw");
        long read = 0, rejected = 0;
        try
        {
            foreach (var prepared in chunks.GetConsumingEnumerable(stop.Token))
            {
                var chunk = prepared.GetAwaiter().GetResult();
                for (var i = 0; i < chunk.Count; i++)
                {
                    read++;
                    var line = chunk.Line(i);
                    var code = chunk.Codes[i];
                    if (code is null)
                    {
                        try
                        {
                            var fields = prepare is null && splitter.Split(line, out var data) == expected ? new Fields(data, splitter) : default;
                            code = commit(ref chunk.Items[i], fields, read, pipe.Filling);
                        }
                        catch (PortiqueException e)
                        {
                            code = e.Code;
                        }
                    }
                    if (code is not null)
                    {
                        rejected++;
                        rejects.Write(read.ToString(CultureInfo.InvariantCulture));
                        rejects.Write(';');
                        rejects.Write(code);
                        rejects.Write(';');
                        rejects.WriteLine(LegacyFormat.Quote(LineReader.Raw(line)));
                    }
                    if (pipe.Filling.IsFull)
                    {
                        ct.ThrowIfCancellationRequested();
                        pipe.Hand();
                    }
                    if (read % _options.BatchSize == 0)
                        _progress?.Report(new ImportProgress(file, reader.Position, reader.Length, read, "import"));
                }
                chunk.Clear();
                spare.Add(chunk);
            }
            producer.GetAwaiter().GetResult();
        }
        catch
        {
            // The reader must not go on filling chunks (or reading a disposed file) behind a failed commit.
            stop.Cancel();
            try
            {
                producer.Wait(CancellationToken.None);
            }
            catch (AggregateException)
            {
                // Its own failure is a consequence of the cancellation; the first exception is the one to report.
            }
            throw;
        }
        pipe.Finish();
        _progress?.Report(new ImportProgress(file, reader.Length, reader.Length, read, "done"));
        return new FileSummary(file, read, read - rejected, rejected);
    }

    /// <summary>Row-local rules, run on worker threads: what the commit needs, a first failing rule included.</summary>
    private delegate T Prepare<T>(Fields fields);

    /// <summary>Rules that depend on earlier rows, run in file order: adds the row to the batch or returns the reject code. Fields are given when nothing was prepared.</summary>
    private delegate string? Commit<T>(ref T prepared, Fields fields, long row, Batch batch);

    /// <summary>Lines of a file copied out of the reader's buffer, with their encoding/column verdict and what was prepared.</summary>
    private sealed class Chunk<T>
    {
        // Small, like the buffers (BatchPipe): the rows in flight between the reader and the writer stay well under what
        // the collector lets the program allocate between two collections, so their strings die young.
        private const int Rows = 1024;
        private byte[] _data = new byte[Rows * 160];
        private readonly int[] _starts = new int[Rows];
        private readonly int[] _lengths = new int[Rows];
        private int _used;

        public string?[] Codes { get; } = new string?[Rows];
        public T[] Items { get; } = new T[Rows];
        public int Count { get; private set; }
        public bool IsFull => Count == Rows;

        public static Chunk<T> Take(ConcurrentBag<Chunk<T>> spare) => spare.TryTake(out var chunk) ? chunk : new Chunk<T>();

        public void Add(ReadOnlySpan<byte> line)
        {
            if (_used + line.Length > _data.Length)
                Array.Resize(ref _data, Math.Max(_data.Length * 2, _used + line.Length));
            line.CopyTo(_data.AsSpan(_used));
            _starts[Count] = _used;
            _lengths[Count++] = line.Length;
            _used += line.Length;
        }

        public ReadOnlySpan<byte> Line(int i) => _data.AsSpan(_starts[i], _lengths[i]);

        public Chunk<T> Prepare(int expected, Prepare<T>? prepare)
        {
            var splitter = new FieldSplitter();
            for (var i = 0; i < Count; i++)
            {
                var line = Line(i);
                if (!Utf8.IsValid(line))
                    Codes[i] = "ENCODING_INVALID";
                else if (splitter.Split(line, out var data) != expected)
                    Codes[i] = "COLUMN_COUNT";
                else if (prepare is not null)
                    Items[i] = prepare(new Fields(data, splitter));
            }
            return this;
        }

        public void Clear()
        {
            Array.Clear(Codes, 0, Count);
            Array.Clear(Items, 0, Count);
            Count = 0;
            _used = 0;
        }
    }

    private static void Write(TableWriter? writer, Batch batch)
    {
        if (batch.Count > 0)
            writer?.Write(batch);
        batch.Clear();
    }

    /// <summary>A structure row after its row-local rules: LegacyId 0 when not a valid id, Error the first rule it fails.</summary>
    private struct PreparedStructure
    {
        public long LegacyId;
        public string? Error;
        public string Type;
        public string Identifier;
        public string Name;
        public string NameKey;
        public bool IsPublic;
        public bool Active;
        public DateTime Created;
        public PostalAddress Address;
        public string Parameters;
    }

    /// <summary>Every rule of a structure row but the two on earlier rows (legacy id and identifier already seen), in the order they are reported.</summary>
    private PreparedStructure PrepareStructure(Fields f)
    {
        var p = new PreparedStructure { LegacyId = TryLegacyId(f[0]) };
        try
        {
            if (!Enum.TryParse<IdentifierType>(f.String(1), ignoreCase: false, out var type) || !Enum.IsDefined(type))
                return p with { Error = "IDENTIFIER_TYPE_INVALID" };
            p.Type = type.ToString();
            p.Identifier = StructureIdentifier.Normalize(type, f.String(2));
            p.Name = Validation.Required(f.String(3), "raison sociale", 200);
            bool? isPublic = f[4].SequenceEqual("PUBLIC"u8) ? true : f[4].SequenceEqual("PRIVATE"u8) ? false : null;
            if (isPublic is null)
                return p with { Error = "SECTOR_INVALID" };
            p.IsPublic = isPublic.Value;
            p.Address = new PostalAddress { Line1 = f.String(5), Line2 = f.String(6), PostCode = f.String(7), City = f.String(8), CountryCode = f[9].IsEmpty ? null : f.String(9) }.Validated();
            if (Date(f[10]) is not { } created)
                return p with { Error = "DATE_INVALID" };
            p.Created = created;
            if (Status(f[11]) is not { } active)
                return p with { Error = "STATUS_INVALID" };
            p.Active = active;
            var parameters = f[12];
            if (parameters.Length is not (0 or 7 or LegacyFormat.StructureParameterCount) || parameters.ContainsAnyExcept("01"u8))
                return p with { Error = "PARAMETERS_INVALID" };
            p.Parameters = f.String(12);
            p.NameKey = NameKey(p.Name);
            return p;
        }
        catch (PortiqueException e)
        {
            return p with { Error = e.Code };
        }
    }

    /// <summary>
    /// A structure's identifier with its type, as one key: a set of strings with the ordinal comparer hashes fast, where a
    /// set of string pairs went through shared generic code and the randomized hash of both strings (the slowest of the
    /// structures' in-order rules). A SIRET, the bulk, is its own key; the other types are prefixed (no SIRET has a ':').
    /// </summary>
    private static string IdentifierKey(string type, string identifier) =>
        type == nameof(IdentifierType.SIRET) ? identifier : string.Concat(type, ":", identifier);

    private Commit<PreparedStructure> StructureRow(HashSet<string> existing)
    {
        var seen = new HashSet<string>(_structureCreated.Capacity, StringComparer.Ordinal);
        return (ref PreparedStructure p, Fields _, long _, Batch b) =>
        {
            if (p.LegacyId == 0)
                return "LEGACY_ID_INVALID";
            if (_structures.ContainsKey(p.LegacyId))
                return "LEGACY_ID_DUPLICATE";
            if (p.Error is not null)
                return p.Error;
            var key = IdentifierKey(p.Type, p.Identifier);
            if (existing.Contains(key) || !seen.Add(key))
                return "IDENTIFIER_DUPLICATE";

            var index = _structures.Count;
            _structures.Add(p.LegacyId, index);
            _structureCreated.Add(p.Created);
            var id = _bases.Structure + index;
            b.Long(id).Text(p.Type).Text(p.Identifier).Text(p.Name).Text(p.NameKey).Bool(p.IsPublic).Bool(p.Active).Time(p.Created)
                .Text(p.Address.Line1).Text(p.Address.Line2).Text(p.Address.PostCode).Text(p.Address.City).Text(p.Address.CountryCode);
            for (var i = 0; i < LegacyFormat.StructureParameterCount; i++)
                b.Bool(i < p.Parameters.Length && p.Parameters[i] == '1');
            b.EndRow();
            // As Structure.Create: every public structure carries the default service (written with the services).
            if (p.IsPublic)
                _defaultServices.Add(index);
            return null;
        };
    }

    /// <summary>The default services of the public structures, numbered first: they were created with their structure.</summary>
    private void WriteDefaultServices(TableWriter? writer)
    {
        var batch = new Batch(LiveTable.Services, _options.BatchSize);
        foreach (var structure in _defaultServices)
        {
            batch.Long(_bases.Service + _serviceCount++).Long(_bases.Structure + structure).Text(Structure.DefaultPublicServiceCode).Text("Service des factures publiques").Bool(true).EndRow();
            if (batch.IsFull)
                Write(writer, batch);
        }
        Write(writer, batch);
    }

    private RowHandler ServiceRow()
    {
        var codes = new HashSet<(int, string)>();
        return (f, _, b) =>
        {
            var legacyId = LegacyId(f[0]);
            if (_services.ContainsKey(legacyId))
                return "LEGACY_ID_DUPLICATE";
            if (!_structures.TryGetValue(LegacyId(f[1]), out var structure))
                return "STRUCTURE_UNKNOWN";
            // Service.Create holds the code and name rules; the reserved default code is refused as AddService refuses it.
            var service = Service.Create(f.String(2), f.String(3), null, null, false);
            if (service.IsDefault)
                return "SERVICE_CODE_RESERVED";
            if (Status(f[4]) is not { } active)
                return "STATUS_INVALID";
            if (!codes.Add((structure, service.Code)))
                return "SERVICE_CODE_DUPLICATE";
            var index = _serviceCount++;
            _services.Add(legacyId, (index, structure));
            b.Long(_bases.Service + index).Long(_bases.Structure + structure).Text(service.Code).Text(service.Name).Bool(active).EndRow();
            return null;
        };
    }

    /// <summary>A user row after its row-local rules: LegacyId 0 when not a valid id, Error the first rule it fails.</summary>
    private struct PreparedUser
    {
        public long LegacyId;
        public string? Error;
        public string Login;
        public string Normalized;
        public string FirstName;
        public string LastName;
        public string? ContactEmail;
        public bool Active;
        public DateTime Created;
    }

    [ThreadStatic]
    private static User? t_profile;

    /// <summary>Every rule of a user row but the two on earlier rows (legacy id and login already seen), in the order they are reported.</summary>
    private PreparedUser PrepareUser(Fields f)
    {
        var p = new PreparedUser { LegacyId = TryLegacyId(f[0]) };
        try
        {
            p.Login = Validation.Required(f.String(1), "e-mail de connexion", 256);
            if (!System.Net.Mail.MailAddress.TryCreate(p.Login, out var parsed) || parsed.Address != p.Login)
                return p with { Error = "EMAIL_INVALID" };
            // User.UpdateProfile holds the rules on names and contact address. One scratch User per thread: the constructor
            // of an Identity user draws a GUID from the system, which would be 1.4 million system calls for nothing.
            var profile = t_profile ??= new User();
            profile.UpdateProfile(f.String(3), f.String(4), f.String(2), false, false);
            (p.FirstName, p.LastName, p.ContactEmail) = (profile.FirstName, profile.LastName, profile.ContactEmail);
            if (Status(f[5]) is not { } active)
                return p with { Error = "STATUS_INVALID" };
            p.Active = active;
            if (Date(f[6]) is not { } created)
                return p with { Error = "DATE_INVALID" };
            p.Created = created;
            // Identity's normaliser is upper-invariant; the login is unique on it.
            p.Normalized = p.Login.ToUpperInvariant();
            return p;
        }
        catch (PortiqueException e)
        {
            return p with { Error = e.Code };
        }
    }

    private Commit<PreparedUser> UserRow(HashSet<string> existing)
    {
        var logins = new HashSet<string>(_userInfo.Capacity, StringComparer.Ordinal);
        var stamps = new Stamps();
        return (ref PreparedUser p, Fields _, long _, Batch b) =>
        {
            if (p.LegacyId == 0)
                return "LEGACY_ID_INVALID";
            if (_users.ContainsKey(p.LegacyId))
                return "LEGACY_ID_DUPLICATE";
            if (p.Error is not null)
                return p.Error;
            if (existing.Contains(p.Normalized) || !logins.Add(p.Normalized))
                return "EMAIL_DUPLICATE";
            var index = _users.Count;
            _users.Add(p.LegacyId, index);
            _userInfo.Add((p.Created, p.Active));
            b.Long(_bases.User + index).Text(p.Login).Text(p.Normalized).Text(p.Login).Text(p.Normalized).Text(p.ContactEmail)
                .Text(p.FirstName).Text(p.LastName).Bool(!p.Active).Time(p.Created)
                .Text(stamps.Next().ToString("N").ToUpperInvariant()).Text(stamps.Next().ToString()).EndRow();
            return null;
        };
    }

    /// <summary>
    /// Roles are read whole before any membership is written: who is principal depends on all the rows of a structure.
    /// Rule (docs/migration.md): several principals → the first in file order stays, the others become secondary managers;
    /// none → the first member with an active account (secondary managers before simple users), else the first member.
    /// </summary>
    private FileSummary ImportRoles(string directory, string rejectDirectory, TableWriter? writer, CancellationToken ct)
    {
        var summary = ImportFile(directory, LegacyFormat.Roles, rejectDirectory, LiveTable.Memberships, null, (f, _, _) =>
        {
            if (!_users.TryGetValue(LegacyId(f[0]), out var user))
                return "USER_UNKNOWN";
            if (!_structures.TryGetValue(LegacyId(f[1]), out var structure))
                return "STRUCTURE_UNKNOWN";
            var text = f[2];
            LegacyRole? role = text.SequenceEqual("PRINCIPAL"u8) ? LegacyRole.Principal : text.SequenceEqual("SECONDARY"u8) ? LegacyRole.Secondary
                : text.SequenceEqual("USER"u8) ? LegacyRole.User : null;
            if (role is null)
                return "ROLE_INVALID";
            if (!_memberships.TryAdd((user, structure), _members.Count))
                return "MEMBERSHIP_DUPLICATE";
            _members.Add(new Member(user, structure, role.Value));
            return null;
        }, ct);
        ResolvePrincipals();
        // Two buffers, as for the files: one is written while the other fills.
        using var pipe = new BatchPipe(writer, LiveTable.Memberships, _options.BatchSize);
        for (var m = 0; m < _members.Count; m++)
        {
            var member = _members[m];
            var attached = Max(_userInfo[member.User].Created, _structureCreated[member.Structure]);
            pipe.Filling.Long(_bases.Membership + m).Long(_bases.Structure + member.Structure).Long(_bases.User + member.User)
                .Text(member.Role == LegacyRole.Principal ? nameof(MemberRole.PrincipalManager) : nameof(MemberRole.User)).Time(attached).EndRow();
            if (pipe.Filling.IsFull)
                pipe.Hand();
        }
        pipe.Finish();
        return summary;
    }

    private void ResolvePrincipals()
    {
        // One pass over the members with a few ints per structure (no grouping): the first principal, how many there are,
        // and the best candidate should there be none — active account first, then secondary managers, then file order.
        var members = CollectionsMarshal.AsSpan(_members);
        var firstPrincipal = new int[_structures.Count];
        var principals = new int[_structures.Count];
        var candidate = new int[_structures.Count];
        Array.Fill(candidate, -1);
        for (var m = 0; m < members.Length; m++)
        {
            var s = members[m].Structure;
            if (members[m].Role == LegacyRole.Principal && principals[s]++ == 0)
                firstPrincipal[s] = m;
            if (candidate[s] < 0 || Rank(members[m]) < Rank(members[candidate[s]]))
                candidate[s] = m;
        }
        for (var m = 0; m < members.Length; m++)
        {
            var s = members[m].Structure;
            if (members[m].Role == LegacyRole.Principal && principals[s] > 1 && firstPrincipal[s] != m)
                members[m].Role = LegacyRole.Secondary;
        }
        long several = 0, promoted = 0, orphans = 0;
        for (var s = 0; s < candidate.Length; s++)
        {
            if (candidate[s] < 0)
                orphans++;
            else if (principals[s] > 1)
                several++;
            else if (principals[s] == 0)
            {
                members[candidate[s]].Role = LegacyRole.Principal;
                promoted++;
            }
        }
        foreach (var (rule, count) in new[] { ("SEVERAL_PRINCIPALS_FIRST_KEPT", several), ("NO_PRINCIPAL_MEMBER_PROMOTED", promoted), ("NO_MEMBER_NO_PRINCIPAL", orphans) })
        {
            if (count > 0)
                _resolutions[rule] = count;
        }
    }

    /// <summary>Order of preference of a member to be promoted principal (lower first); ties go to file order.</summary>
    private int Rank(Member member) => (_userInfo[member.User].Active ? 0 : 2) + (member.Role == LegacyRole.Secondary ? 0 : 1);


    /// <summary>
    /// A habilitation row after its row-local rules. Once the roles are read, the maps it looks up (users, structures,
    /// memberships, services) no longer change, so every rule but the duplicate check runs on the worker threads.
    /// </summary>
    private struct PreparedHabilitation
    {
        public string? Error;
        public int Membership;
        public int Service; // -1: the whole structure
        public PortalApplication Application;
        public HabilitationProfile Profile;
    }

    /// <summary>Every rule of a habilitation row but the duplicate check, in the order they are reported.</summary>
    private PreparedHabilitation PrepareHabilitation(Fields f)
    {
        try
        {
            if (!_users.TryGetValue(LegacyId(f[0]), out var user))
                return new PreparedHabilitation { Error = "USER_UNKNOWN" };
            if (!_structures.TryGetValue(LegacyId(f[1]), out var structure))
                return new PreparedHabilitation { Error = "STRUCTURE_UNKNOWN" };
            if (!_memberships.TryGetValue((user, structure), out var membership))
                return new PreparedHabilitation { Error = "NOT_ATTACHED" };
            var service = -1;
            if (f[2].Length > 0)
            {
                if (!_services.TryGetValue(LegacyId(f[2]), out var s) || s.Structure != structure)
                    return new PreparedHabilitation { Error = "SERVICE_UNKNOWN" };
                service = s.Index;
            }
            if (Application(f) is not { } application)
                return new PreparedHabilitation { Error = "APPLICATION_INVALID" };
            HabilitationProfile profile;
            if (f[4].SequenceEqual("CONSULTATION"u8)) profile = HabilitationProfile.Consultation;
            else if (f[4].SequenceEqual("MODIFICATION"u8)) profile = HabilitationProfile.Modification;
            else return new PreparedHabilitation { Error = "PROFILE_INVALID" };
            return new PreparedHabilitation { Membership = membership, Service = service, Application = application, Profile = profile };
        }
        catch (PortiqueException e)
        {
            return new PreparedHabilitation { Error = e.Code };
        }
    }

    /// <summary>The one rule on earlier rows, in file order: the same user, structure, application and service seen before.</summary>
    private Commit<PreparedHabilitation> HabilitationRow() => (ref PreparedHabilitation p, Fields _, long _, Batch b) =>
    {
        if (p.Error is not null)
            return p.Error;
        ref var member = ref CollectionsMarshal.AsSpan(_members)[p.Membership];
        var profile = p.Profile;
        if (p.Service < 0)
        {
            var bit = (ushort)(1 << (int)p.Application);
            if ((member.StructureWide & bit) != 0)
                return "HABILITATION_DUPLICATE";
            member.StructureWide |= bit;
            // A secondary manager keeps its rights through "Organisation modification", whatever the row says.
            if (member.Role == LegacyRole.Secondary && p.Application == PortalApplication.Organisation)
                profile = HabilitationProfile.Modification;
        }
        else if (!_serviceHabilitations.Add((p.Membership, (int)p.Application, p.Service)))
            return "HABILITATION_DUPLICATE";
        b.Long(_bases.Habilitation + _habilitationCount++).Long(_bases.Membership + p.Membership).Short((short)p.Application).Short((short)profile)
            .Long(p.Service < 0 ? null : _bases.Service + p.Service).EndRow();
        return null;
    };

    /// <summary>An exact name is matched on the bytes; anything else gets Enum.TryParse's verdict, as the text always did.</summary>
    private static PortalApplication? Application(Fields f)
    {
        var bytes = f[3];
        foreach (var (name, value) in Applications)
        {
            if (bytes.SequenceEqual(name))
                return value;
        }
        var s = f.String(3);
        if (Enum.TryParse<PortalApplication>(s, ignoreCase: false, out var application) && Enum.IsDefined(application) && !char.IsAsciiDigit(s[0]))
            return application;
        return null;
    }

    /// <summary>Secondary managers become simple users with "Organisation modification" on the structure, unless a row already gave it.</summary>
    private void AddSecondaryManagerRights(TableWriter? writer)
    {
        var bit = (ushort)(1 << (int)PortalApplication.Organisation);
        var batch = new Batch(LiveTable.Habilitations, _options.BatchSize);
        var added = 0L;
        var members = CollectionsMarshal.AsSpan(_members);
        for (var m = 0; m < members.Length; m++)
        {
            if (members[m].Role != LegacyRole.Secondary || (members[m].StructureWide & bit) != 0)
                continue;
            batch.Long(_bases.Habilitation + _habilitationCount++).Long(_bases.Membership + m)
                .Short((short)PortalApplication.Organisation).Short((short)HabilitationProfile.Modification).Long((long?)null).EndRow();
            added++;
            if (batch.IsFull)
                Write(writer, batch);
        }
        Write(writer, batch);
        _resolutions["SECONDARY_MANAGER_RIGHTS_ADDED"] = added;
    }

    /// <summary>A positive integer in digits only (as long.TryParse with NumberStyles.None), read from the bytes.</summary>
    private static long LegacyId(ReadOnlySpan<byte> value) => TryLegacyId(value) is > 0 and var id ? id : InvalidLegacyId(value);

    /// <summary><see cref="LegacyId"/>, 0 when the value is not one.</summary>
    private static long TryLegacyId(ReadOnlySpan<byte> value)
    {
        long id = 0;
        foreach (var b in value)
        {
            var digit = b - '0';
            if ((uint)digit > 9 || id > (long.MaxValue - digit) / 10)
                return 0;
            id = id * 10 + digit;
        }
        return id;
    }

    private static long InvalidLegacyId(ReadOnlySpan<byte> value) =>
        throw new PortiqueException("LEGACY_ID_INVALID", $"Identifiant historique « {Encoding.UTF8.GetString(value)} » invalide.");

    private static bool? Status(ReadOnlySpan<byte> value) => value.SequenceEqual("ACTIVE"u8) ? true : value.SequenceEqual("INACTIVE"u8) ? false : null;

    private DateTime? Date(ReadOnlySpan<byte> value)
    {
        // The usual form, read from the bytes; anything else gets DateOnly's verdict below.
        if (value.Length == 10 && value[4] == '-' && value[7] == '-' && !value[..4].ContainsAnyExceptInRange((byte)'0', (byte)'9')
            && !value[5..7].ContainsAnyExceptInRange((byte)'0', (byte)'9') && !value[8..].ContainsAnyExceptInRange((byte)'0', (byte)'9'))
        {
            int year = (value[0] - '0') * 1000 + (value[1] - '0') * 100 + (value[2] - '0') * 10 + (value[3] - '0');
            int month = (value[5] - '0') * 10 + (value[6] - '0'), dayOfMonth = (value[8] - '0') * 10 + (value[9] - '0');
            if (year < 1 || month is < 1 or > 12 || dayOfMonth < 1 || dayOfMonth > DateTime.DaysInMonth(year, month))
                return null;
            var date = new DateOnly(year, month, dayOfMonth);
            return date >= Earliest && date <= _today ? date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc) : null;
        }
        if (value.Length > 32)
            return null;
        Span<char> chars = stackalloc char[32];
        var length = Encoding.UTF8.GetChars(value, chars);
        return DateOnly.TryParseExact(chars[..length], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) && day >= Earliest && day <= _today
            ? day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc)
            : null;
    }

    private static DateTime Max(DateTime a, DateTime b) => a > b ? a : b;

    /// <summary>
    /// <see cref="SearchKey.Of"/>, whose decomposition and recomposition change nothing in ASCII: there it is the
    /// trimmed upper-case name, without the two normalisations per structure.
    /// </summary>
    private static string NameKey(string name) => Ascii.IsValid(name) ? name.Trim().ToUpperInvariant() : SearchKey.Of(name);

    /// <summary>
    /// Random version-4 GUIDs for the security and concurrency stamps, drawn from the cryptographic generator 4 KB at a time:
    /// Guid.NewGuid asks the system for 16 bytes per call, 2.8 million calls at national volume.
    /// </summary>
    private sealed class Stamps
    {
        private readonly byte[] _pool = new byte[4096];
        private int _used = 4096;

        public Guid Next()
        {
            if (_used == _pool.Length)
            {
                RandomNumberGenerator.Fill(_pool);
                _used = 0;
            }
            var bytes = _pool.AsSpan(_used, 16);
            bytes[7] = (byte)((bytes[7] & 0x0F) | 0x40);
            bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
            _used += 16;
            return new Guid(bytes);
        }
    }
}
