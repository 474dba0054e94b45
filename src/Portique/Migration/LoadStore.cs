using System.Buffers.Binary;
using System.Data.Common;
using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Portique.LegacyMigration;

internal enum ColumnType { Long, LongNull, Short, Text, TextNull, Bool, Time, Date, DateNull }

/// <summary>
/// What one kind of bulk load writes (its live tables, parents first), the prefix of its bookkeeping tables, and the identity
/// columns whose sequences must continue after the ids it assigned. The legacy migration and the directory load share the
/// machinery below, each with its own scope, so that neither's run record can be mistaken for the other's.
/// </summary>
internal sealed record LoadScope(string Prefix, LiveTable[] Tables, (string Table, string Column)[] Identities)
{
    public static readonly LoadScope Migration = new("migration", LiveTable.All, LiveTable.All.Select(t => (t.Name, "Id")).ToArray());
}

/// <summary>A value every migrated row of a table gets: its PostgreSQL binary encoding and its SQLite literal.</summary>
internal sealed record Constant(string Column, byte[] Postgres, string Sqlite)
{
    public static Constant Bool(string column, bool value) => new(column, [value ? (byte)1 : (byte)0], value ? "1" : "0");

    public static Constant Int(string column, int value)
    {
        var bytes = new byte[4];
        BinaryPrimitives.WriteInt32BigEndian(bytes, value);
        return new(column, bytes, value.ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>An empty bigint[]: no dimension, no null, element type oid 20 (int8).</summary>
    public static Constant EmptyBigintArray(string column) => new(column, [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 20], "'[]'");
}

/// <summary>A live table the importer loads: the columns it computes per row, then the constants.</summary>
internal sealed record LiveTable(string Name, (string Name, ColumnType Type)[] Columns, Constant[] Constants)
{
    public static readonly LiveTable Structures = new("structures",
    [
        ("Id", ColumnType.Long), ("IdentifierType", ColumnType.Text), ("Identifier", ColumnType.Text),
        ("Name", ColumnType.Text), ("NameKey", ColumnType.Text), ("IsPublic", ColumnType.Bool), ("IsActive", ColumnType.Bool), ("CreatedAt", ColumnType.Time),
        ("Address_Line1", ColumnType.TextNull), ("Address_Line2", ColumnType.TextNull), ("Address_PostCode", ColumnType.TextNull),
        ("Address_City", ColumnType.TextNull), ("Address_CountryCode", ColumnType.TextNull),
        ("Parameters_ServiceCodeRequired", ColumnType.Bool), ("Parameters_CommitmentNumberRequired", ColumnType.Bool),
        ("Parameters_ServiceCodeOrCommitmentRequired", ColumnType.Bool), ("Parameters_PaymentStatusNotReported", ColumnType.Bool),
        ("Parameters_MoaOnly", ColumnType.Bool), ("Parameters_ManagesMoa", ColumnType.Bool), ("Parameters_EdiConnection", ColumnType.Bool),
        ("Parameters_ReceivesViaEdi", ColumnType.Bool), ("Parameters_DelegatedValidator", ColumnType.Bool), ("Parameters_InseeNonDiffusible", ColumnType.Bool),
    ], []);

    public static readonly LiveTable Services = new("services",
    [
        ("Id", ColumnType.Long), ("StructureId", ColumnType.Long), ("Code", ColumnType.Text), ("Name", ColumnType.Text), ("IsActive", ColumnType.Bool),
    ], [Constant.Bool("CommitmentNumberRequired", false)]);

    public static readonly LiveTable Users = new("AspNetUsers",
    [
        ("Id", ColumnType.Long), ("UserName", ColumnType.Text), ("NormalizedUserName", ColumnType.Text),
        ("Email", ColumnType.Text), ("NormalizedEmail", ColumnType.Text), ("ContactEmail", ColumnType.TextNull),
        ("FirstName", ColumnType.Text), ("LastName", ColumnType.Text), ("IsDeactivated", ColumnType.Bool), ("CreatedAt", ColumnType.Time),
        ("SecurityStamp", ColumnType.Text), ("ConcurrencyStamp", ColumnType.Text),
    ],
    [
        Constant.Bool("EmailConfirmed", true), Constant.Bool("MustSetPassword", true), Constant.Bool("NotifyInvoicing", false), Constant.Bool("NotifyNews", false),
        Constant.Bool("PhoneNumberConfirmed", false), Constant.Bool("TwoFactorEnabled", false), Constant.Bool("LockoutEnabled", true), Constant.Int("AccessFailedCount", 0),
    ]);

    public static readonly LiveTable Memberships = new("memberships",
    [
        ("Id", ColumnType.Long), ("StructureId", ColumnType.Long), ("UserId", ColumnType.Long), ("Role", ColumnType.Text), ("AttachedAt", ColumnType.Time),
    ], [Constant.Bool("IsActive", true), Constant.EmptyBigintArray("ServiceIds")]);

    public static readonly LiveTable Habilitations = new("habilitations",
    [
        ("Id", ColumnType.Long), ("MembershipId", ColumnType.Long), ("Application", ColumnType.Short), ("Profile", ColumnType.Short), ("ServiceId", ColumnType.LongNull),
    ], []);

    /// <summary>Parents first: the load writes in this order.</summary>
    public static readonly LiveTable[] All = [Structures, Services, Users, Memberships, Habilitations];

    public string ColumnList => string.Join(", ", Columns.Select(c => c.Name).Concat(Constants.Select(c => c.Column)).Select(c => $"\"{c}\""));
}

/// <summary>A buffer of rows for one table, stored by column so that writing it boxes nothing.</summary>
internal sealed class Batch
{
    private readonly long[][] _longs;
    private readonly string?[][] _texts;
    private readonly bool[][] _nulls;
    private int _column;

    public Batch(LiveTable table, int capacity)
    {
        Table = table;
        _longs = table.Columns.Select(_ => new long[capacity]).ToArray();
        _texts = table.Columns.Select(c => c.Type is ColumnType.Text or ColumnType.TextNull ? new string?[capacity] : []).ToArray();
        _nulls = table.Columns.Select(_ => new bool[capacity]).ToArray();
        Capacity = capacity;
    }

    public LiveTable Table { get; }
    public int Count { get; private set; }
    public int Capacity { get; }
    public bool IsFull => Count == Capacity;

    public void Clear() => Count = 0;

    public Batch Long(long value) { _longs[_column][Count] = value; _nulls[_column++][Count] = false; return this; }
    public Batch Long(long? value) { _longs[_column][Count] = value ?? 0; _nulls[_column++][Count] = value is null; return this; }
    public Batch Text(string? value) { _texts[_column][Count] = value; _nulls[_column++][Count] = value is null; return this; }
    public Batch Short(short value) => Long(value);
    public Batch Bool(bool value) => Long(value ? 1 : 0);
    public Batch Time(DateTime utc) => Long(utc.Ticks);
    public Batch Date(DateOnly day) => Long(day.DayNumber);
    public Batch Date(DateOnly? day) => Long(day?.DayNumber);

    public void EndRow()
    {
        if (_column != Table.Columns.Length)
            throw new InvalidOperationException($"{Table.Name}: {_column} values for {Table.Columns.Length} columns.");
        _column = 0;
        Count++;
    }

    public long LongAt(int column, int row) => _longs[column][row];
    public string? TextAt(int column, int row) => _texts[column][row];
    public bool IsNull(int column, int row) => _nulls[column][row];
}

/// <summary>Writes the rows of one live table inside the load transaction; Complete ends the table.</summary>
internal abstract class TableWriter : IDisposable
{
    public abstract void Write(Batch batch);
    public abstract void Complete();
    public abstract void Dispose();
}

/// <summary>
/// Where the importer writes, in recorded steps so that a kill at any point leaves either nothing or a committed, recorded
/// step, and a re-run goes on from there. First, one transaction drops the secondary indexes, the foreign keys and the
/// primary keys nothing else references, records what rebuilds each of them in <see cref="StepTable"/> and marks the run
/// <see cref="Prepared"/>. Then each file's rows go straight into their live table in one transaction that also records
/// the file in <see cref="FileTable"/>; right after, the rebuild of that table's indexes starts on a second connection
/// while the next file loads. When every file is in (<see cref="Loaded"/>), the steps left run on two connections, and a
/// last transaction moves the identity sequences and marks the run <see cref="Done"/>.
/// </summary>
internal abstract class LoadStore : IAsyncDisposable
{
    public const int NotLoaded = 0;
    public const int Done = 1;
    public const int Loaded = 2;
    public const int Prepared = 3;
    private const int ValidatePhase = 3;

    private DbTransaction? _tx;
    private DbConnection? _other;
    private DbConnection? _third;
    private Task _background = Task.CompletedTask;
    private readonly HashSet<string> _backgroundTables = [];
    private readonly System.Collections.Concurrent.ConcurrentBag<string> _analyzed = [];

    protected LoadStore(DbConnection connection, string connectionString, LoadScope scope)
    {
        Connection = connection;
        ConnectionString = connectionString;
        Scope = scope;
    }

    public LoadScope Scope { get; }
    public string RunTable => Scope.Prefix + "_run";
    public string StepTable => Scope.Prefix + "_steps";
    public string FileTable => Scope.Prefix + "_files";

    public DbConnection Connection { get; }
    protected string ConnectionString { get; }
    protected DbTransaction Transaction => _tx ?? throw new InvalidOperationException("No load in progress.");
    public abstract bool IsPostgres { get; }

    public static Task<LoadStore> OpenAsync(Common.Data.DatabaseProvider provider, string connectionString, CancellationToken ct) =>
        OpenAsync(LoadScope.Migration, provider, connectionString, ct);

    public static async Task<LoadStore> OpenAsync(LoadScope scope, Common.Data.DatabaseProvider provider, string connectionString, CancellationToken ct)
    {
        if (provider == Common.Data.DatabaseProvider.Postgres)
        {
            var pg = new NpgsqlConnection(connectionString);
            await pg.OpenAsync(ct);
            return new PostgresLoadStore(pg, connectionString, scope);
        }
        var sqlite = new SqliteConnection(connectionString);
        await sqlite.OpenAsync(ct);
        await using (var pragma = sqlite.CreateCommand())
        {
            pragma.CommandText = "PRAGMA synchronous = NORMAL; PRAGMA cache_size = -200000;";
            await pragma.ExecuteNonQueryAsync(ct);
        }
        return new SqliteLoadStore(sqlite, connectionString, scope);
    }

    public async Task EnsureTablesAsync(CancellationToken ct)
    {
        await ExecuteAsync($"CREATE TABLE IF NOT EXISTS {RunTable} (id INTEGER PRIMARY KEY, fingerprint TEXT NOT NULL, bases TEXT NOT NULL, moved INTEGER NOT NULL)", ct);
        await ExecuteAsync($"CREATE TABLE IF NOT EXISTS {StepTable} (name TEXT PRIMARY KEY, phase INTEGER NOT NULL, tbl TEXT NOT NULL, definition TEXT NOT NULL)", ct);
        await ExecuteAsync($"CREATE TABLE IF NOT EXISTS {FileTable} (file TEXT PRIMARY KEY)", ct);
    }

    public Task<int> ExecuteAsync(string sql, CancellationToken ct) => ExecuteAsync(Connection, _tx, sql, ct);

    private static async Task<int> ExecuteAsync(DbConnection connection, DbTransaction? tx, string sql, CancellationToken ct)
    {
        await using var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        cmd.Transaction = tx;
        cmd.CommandTimeout = 0;
        return await cmd.ExecuteNonQueryAsync(ct);
    }

    public async Task<List<T>> QueryAsync<T>(string sql, Func<DbDataReader, T> read, CancellationToken ct)
    {
        await using var cmd = Connection.CreateCommand();
        cmd.CommandText = sql;
        cmd.Transaction = _tx;
        cmd.CommandTimeout = 0;
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        var list = new List<T>();
        while (await reader.ReadAsync(ct))
            list.Add(read(reader));
        return list;
    }

    public async Task<long> ScalarAsync(string sql, CancellationToken ct)
    {
        await using var cmd = Connection.CreateCommand();
        cmd.CommandText = sql;
        cmd.Transaction = _tx;
        cmd.CommandTimeout = 0;
        return Convert.ToInt64(await cmd.ExecuteScalarAsync(ct) ?? 0L, CultureInfo.InvariantCulture);
    }

    private static string Quoted(string table) => table.StartsWith('"') ? table : $"\"{table}\"";

    private static string Unquoted(string table) => table.Trim('"');

    /// <summary>
    /// Opens the load transaction and drops what would make every row cost an index insertion or a key lookup: one sort
    /// per index after the load beats 13 million index insertions. Each is recorded as steps that rebuild it identically:
    /// phase 0 indexes (primary keys' included), 1 primary key constraints, 2 foreign keys, 3 their validation.
    /// </summary>
    public async Task PrepareLoadAsync(CancellationToken ct)
    {
        _tx = await Connection.BeginTransactionAsync(ct);
        var tables = string.Join(", ", Scope.Tables.Select(t => $"'{t.Name}'"));
        var steps = new List<(string Name, int Phase, string Table, string Drop, string Definition)>();
        if (IsPostgres)
        {
            var relations = string.Join(", ", Scope.Tables.Select(t => $"'\"{t.Name}\"'::regclass"));
            await ExecuteAsync("SET LOCAL synchronous_commit = off", ct);
            var foreignKeys = await QueryAsync($"""
                SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid) FROM pg_constraint
                WHERE contype = 'f' AND conrelid IN ({relations}) ORDER BY conname
                """, r => (Table: r.GetString(0), Name: r.GetString(1), Definition: r.GetString(2)), ct);
            // A primary key is dropped only when every foreign key pointing to it is one of those dropped above.
            var primaryKeys = await QueryAsync($"""
                SELECT conrelid::regclass::text, conname, pg_get_indexdef(conindid) FROM pg_constraint p
                WHERE contype = 'p' AND conrelid IN ({relations})
                AND NOT EXISTS (SELECT 1 FROM pg_constraint f WHERE f.contype = 'f' AND f.confrelid = p.conrelid AND f.conrelid NOT IN ({relations}))
                ORDER BY conname
                """, r => (Table: r.GetString(0), Name: r.GetString(1), Index: r.GetString(2)), ct);
            // Foreign keys come back unvalidated, then are validated: VALIDATE locks less than ADD, so those of different
            // tables are checked side by side; the constraint ends exactly as it was, validated.
            foreach (var k in foreignKeys)
            {
                steps.Add((k.Name, 2, Unquoted(k.Table), $"ALTER TABLE {Quoted(k.Table)} DROP CONSTRAINT \"{k.Name}\"",
                    $"ALTER TABLE {Quoted(k.Table)} ADD CONSTRAINT \"{k.Name}\" {k.Definition} NOT VALID"));
                steps.Add(($"validate {k.Name}", ValidatePhase, Unquoted(k.Table), "", $"ALTER TABLE {Quoted(k.Table)} VALIDATE CONSTRAINT \"{k.Name}\""));
            }
            // An exclusion constraint (directory lines: no two versions of one address overlap) is an index too: rebuilt
            // once after the load rather than probed per row; the importer has already refused the rows it would refuse.
            var exclusions = await QueryAsync($"""
                SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid) FROM pg_constraint
                WHERE contype = 'x' AND conrelid IN ({relations}) ORDER BY conname
                """, r => (Table: r.GetString(0), Name: r.GetString(1), Definition: r.GetString(2)), ct);
            foreach (var k in exclusions)
                steps.Add((k.Name, 1, Unquoted(k.Table), $"ALTER TABLE {Quoted(k.Table)} DROP CONSTRAINT \"{k.Name}\"",
                    $"ALTER TABLE {Quoted(k.Table)} ADD CONSTRAINT \"{k.Name}\" {k.Definition}"));
            // A primary key comes back as its unique index first (which, unlike ADD PRIMARY KEY, lets the table's other
            // indexes build at the same time), then as the constraint over that index, which reads nothing.
            foreach (var k in primaryKeys)
            {
                steps.Add((k.Name, 0, Unquoted(k.Table), $"ALTER TABLE {Quoted(k.Table)} DROP CONSTRAINT \"{k.Name}\"", k.Index));
                steps.Add(($"constraint {k.Name}", 1, Unquoted(k.Table), "", $"ALTER TABLE {Quoted(k.Table)} ADD CONSTRAINT \"{k.Name}\" PRIMARY KEY USING INDEX \"{k.Name}\""));
            }
        }
        var indexes = await QueryAsync(IsPostgres
            ? $"""
              SELECT indexname, tablename, indexdef FROM pg_indexes WHERE schemaname = current_schema() AND tablename IN ({tables})
              AND indexname NOT IN (SELECT conname FROM pg_constraint) ORDER BY indexname
              """
            : $"SELECT name, tbl_name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN ({tables}) ORDER BY name",
            r => (Name: r.GetString(0), Table: r.GetString(1), Definition: r.GetString(2)), ct);
        steps.AddRange(indexes.Select(i => (i.Name, 0, i.Table, $"DROP INDEX \"{i.Name}\"", i.Definition)));
        if (!IsPostgres)
        {
            // SQLite's row triggers (directory lines' non-overlap) would each search the table without its dropped index:
            // they come back, unchanged, after the indexes.
            var triggers = await QueryAsync($"SELECT name, tbl_name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name IN ({tables}) ORDER BY name",
                r => (Name: r.GetString(0), Table: r.GetString(1), Definition: r.GetString(2)), ct);
            steps.AddRange(triggers.Select(t => (t.Name, 2, t.Table, $"DROP TRIGGER \"{t.Name}\"", t.Definition)));
        }
        foreach (var step in steps)
        {
            if (step.Drop.Length > 0)
                await ExecuteAsync(step.Drop, ct);
            await ExecuteAsync($"INSERT INTO {StepTable} (name, phase, tbl, definition) VALUES ('{step.Name}', {step.Phase}, '{step.Table}', '{step.Definition.Replace("'", "''", StringComparison.Ordinal)}')", ct);
        }
        await ExecuteAsync($"UPDATE {RunTable} SET moved = {Prepared}", ct);
        await CommitAsync(ct);
    }

    /// <summary>The files whose rows are committed.</summary>
    public Task<List<string>> LoadedFilesAsync(CancellationToken ct) => QueryAsync($"SELECT file FROM {FileTable}", r => r.GetString(0), ct);

    /// <summary>Opens the transaction of one file's rows.</summary>
    public async Task BeginFileAsync(CancellationToken ct)
    {
        _tx = await Connection.BeginTransactionAsync(ct);
        if (IsPostgres)
            await ExecuteAsync("SET LOCAL synchronous_commit = off", ct);
    }

    /// <summary>
    /// Commits the file's rows with its record; then, unless it is the last file (whose steps are better split over the two
    /// connections at the end), its table's indexes start rebuilding beside the next file.
    /// </summary>
    public async Task EndFileAsync(string file, LiveTable table, bool last, Action<string, TimeSpan> done, CancellationToken ct)
    {
        await ExecuteAsync($"INSERT INTO {FileTable} (file) VALUES ('{file}')", ct);
        await CommitAsync(ct);
        if (!last && IsPostgres)
        {
            _backgroundTables.Add(table.Name);
            _background = IndexesAfterAsync(_background, table, done, ct);
        }
    }

    /// <summary>Every file in: the run is loaded, only steps are left (the second connection may still be on those of earlier tables).</summary>
    public Task EndLoadAsync(CancellationToken ct) => ExecuteAsync($"UPDATE {RunTable} SET moved = {Loaded}", ct);

    private async Task CommitAsync(CancellationToken ct)
    {
        await Transaction.CommitAsync(ct);
        await Transaction.DisposeAsync();
        _tx = null;
    }

    /// <summary>
    /// The table's steps, on the second connection, after those of the previous tables: its indexes, keys and its own
    /// foreign keys — they point to earlier files' tables, whose keys are already back, and lock nothing the next file's
    /// COPY needs. Their validation waits for the end: beside the last table's own validation, which locks that table
    /// alone, they keep both cores busy instead of competing with the next file's COPY (docs/benchmarks.md).
    /// </summary>
    private async Task IndexesAfterAsync(Task previous, LiveTable table, Action<string, TimeSpan> done, CancellationToken ct)
    {
        await previous;
        if (await OtherConnectionAsync(ct) is not { } other)
            return; // one connection only: everything waits for the end
        var steps = await QueryAsync(other, $"SELECT name, phase, tbl, definition FROM {StepTable} WHERE tbl = '{table.Name}' AND phase < {ValidatePhase} ORDER BY phase, name", ct);
        foreach (var step in steps)
            await RunStepAsync(other, step, done, ct);
        // Its statistics now, beside the next file, rather than after the last one on the critical path.
        var clock = System.Diagnostics.Stopwatch.StartNew();
        await ExecuteAsync(other, null, $"ANALYZE \"{table.Name}\"", ct);
        _analyzed.Add(table.Name);
        done($"analyze {table.Name}", clock.Elapsed);
    }

    /// <summary>A writer for one table inside the load transaction.</summary>
    public abstract TableWriter OpenTable(LiveTable table);

    /// <summary>
    /// Runs the recorded steps, biggest table first, on the step connections; then moves the identity
    /// sequences past the new ids and marks the run done, in one transaction; then ANALYZE.
    /// </summary>
    public async Task CompleteStepsAsync(Func<string, long> rows, Action<string, TimeSpan> done, CancellationToken ct)
    {
        // The steps of the tables whose rebuild started beside a later file are that chain's (it may still be running on
        // the second connection), but for their validations: the last table's indexes start at once on this connection
        // and a third, side by side, and the second joins in when its chain ends. Foreign keys wait for the chain: they
        // need the keys it rebuilds; then every validation left runs side by side.
        var steps = (await QueryAsync(Connection, $"SELECT name, phase, tbl, definition FROM {StepTable}", ct))
            .Where(s => !_backgroundTables.Contains(s.Table) || s.Phase == ValidatePhase).ToList();
        var connections = new List<DbConnection> { Connection };
        if (await OtherConnectionAsync(ct) is { } other)
        {
            _third = await OpenOtherAsync(ct);
            connections.Add(_third!);
            connections.Add(other);
        }
        {
            foreach (var phase in steps.GroupBy(s => s.Phase).OrderBy(g => g.Key))
            {
                if (phase.Key >= 2)
                    await _background;
                var queue = new System.Collections.Concurrent.ConcurrentQueue<Step>(
                    phase.OrderByDescending(s => rows(s.Table)).ThenBy(s => s.Name, StringComparer.Ordinal));
                await Task.WhenAll(connections.Select(connection => Task.Run(async () =>
                {
                    if (connection == _other)
                        await _background;
                    while (queue.TryDequeue(out var step))
                        await RunStepAsync(connection, step, done, ct);
                }, ct)));
            }
            await _background;
            var final = System.Diagnostics.Stopwatch.StartNew();
            _tx = await Connection.BeginTransactionAsync(ct);
            if (IsPostgres)
            {
                // Ids were assigned by the importer: the identity sequences must continue after them.
                foreach (var (table, column) in Scope.Identities)
                    await ExecuteAsync($"SELECT setval(pg_get_serial_sequence('\"{table}\"', '{column}'), GREATEST((SELECT max(\"{column}\") FROM \"{table}\"), 1))", ct);
            }
            await ExecuteAsync($"UPDATE {RunTable} SET moved = {Done}", ct);
            await Transaction.CommitAsync(ct);
            await Transaction.DisposeAsync();
            _tx = null;
            done("sequences, run marked done", final.Elapsed);
            final.Restart();
            // Fresh statistics for the planner on the tables that just grew and were not analyzed beside a later file (a kill
            // here only leaves it to autovacuum).
            var left = Scope.Tables.Where(t => !_analyzed.Contains(t.Name)).OrderByDescending(t => rows(t.Name)).ToList();
            await Task.WhenAll(connections.Select((connection, w) => Task.Run(async () =>
            {
                foreach (var table in left.Where((_, i) => i % connections.Count == w))
                    await ExecuteAsync(connection, null, $"ANALYZE \"{table.Name}\"", ct);
            }, ct)));
            done("analyze", final.Elapsed);
        }
    }

    private sealed record Step(string Name, int Phase, string Table, string Definition);

    private static async Task<List<Step>> QueryAsync(DbConnection connection, string sql, CancellationToken ct)
    {
        await using var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        var list = new List<Step>();
        while (await reader.ReadAsync(ct))
            list.Add(new Step(reader.GetString(0), Convert.ToInt32(reader.GetValue(1), CultureInfo.InvariantCulture), reader.GetString(2), reader.GetString(3)));
        return list;
    }

    /// <summary>One step in a transaction that also deletes its line: run once, whatever the interruptions.</summary>
    private async Task RunStepAsync(DbConnection connection, Step step, Action<string, TimeSpan> done, CancellationToken ct)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        await using var tx = await connection.BeginTransactionAsync(ct);
        if (IsPostgres)
        {
            // Index sorts in memory; the anti-join that validates a foreign key as one in-memory hash, not in batches
            // spilled to disk (the default work_mem is 4 MB). No parallel workers: the steps already run beside the
            // parsing or beside each other, and on two cores the workers' extra processes only add their merge and
            // coordination (the last habilitations' indexes: 0.6 + 1.2 s without workers, 0.9 + 1.3 s with, a third of the
            // national volume).
            await ExecuteAsync(connection, tx, "SET LOCAL maintenance_work_mem = '1GB'; SET LOCAL work_mem = '512MB'; SET LOCAL max_parallel_maintenance_workers = 0; SET LOCAL synchronous_commit = off", ct);
        }
        await ExecuteAsync(connection, tx, step.Definition, ct);
        await ExecuteAsync(connection, tx, $"DELETE FROM {StepTable} WHERE name = '{step.Name}'", ct);
        await tx.CommitAsync(ct);
        done(step.Name, clock.Elapsed);
    }

    /// <summary>A second connection for the steps, where the database allows two writers (null otherwise).</summary>
    private async Task<DbConnection?> OtherConnectionAsync(CancellationToken ct) => _other ??= await OpenOtherAsync(ct);

    protected virtual Task<DbConnection?> OpenOtherAsync(CancellationToken ct) => Task.FromResult<DbConnection?>(null);

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _background; // a failed load must not leave a step running on the other connection
        }
        catch (Exception e) when (e is DbException or OperationCanceledException)
        {
            // Reported by whoever awaited the load; here only the connections are released.
        }
        if (_tx is not null)
            await _tx.DisposeAsync();
        if (_other is not null)
            await _other.DisposeAsync();
        if (_third is not null)
            await _third.DisposeAsync();
        await Connection.DisposeAsync();
    }
}

internal sealed class PostgresLoadStore(NpgsqlConnection connection, string connectionString, LoadScope scope) : LoadStore(connection, connectionString, scope)
{
    public override bool IsPostgres => true;

    public override TableWriter OpenTable(LiveTable table) =>
        new PostgresCopyWriter(table, connection.BeginRawBinaryCopy($"COPY \"{table.Name}\" ({table.ColumnList}) FROM STDIN (FORMAT BINARY)"));

    /// <summary>On two shared cores, two index sorts side by side finish well before two in a row.</summary>
    protected override async Task<DbConnection?> OpenOtherAsync(CancellationToken ct)
    {
        var other = new NpgsqlConnection(ConnectionString);
        await other.OpenAsync(ct);
        return other;
    }
}

/// <summary>
/// PostgreSQL's binary COPY format written by hand into one buffer: big-endian lengths and values, no per-value type
/// resolution and no intermediate objects, which keeps the writing thread's share of the two cores small.
/// </summary>
internal sealed class PostgresCopyWriter : TableWriter
{
    private const int FlushAt = 1 << 18;
    private static readonly byte[] Signature = [(byte)'P', (byte)'G', (byte)'C', (byte)'O', (byte)'P', (byte)'Y', (byte)'\n', 0xFF, (byte)'\r', (byte)'\n', 0];
    private static readonly long Epoch2000 = new DateTime(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc).Ticks;
    private static readonly long Epoch2000Day = new DateOnly(2000, 1, 1).DayNumber;
    private readonly LiveTable _table;
    private readonly NpgsqlRawCopyStream _stream;
    private readonly short _fieldCount;
    private byte[] _buffer = new byte[FlushAt + (1 << 14)];
    private int _position;
    private bool _completed;

    public PostgresCopyWriter(LiveTable table, NpgsqlRawCopyStream stream)
    {
        _table = table;
        _stream = stream;
        _fieldCount = (short)(table.Columns.Length + table.Constants.Length);
        Signature.CopyTo(_buffer, 0);
        _position = 11 + 8; // signature, then flags and header extension length, both 0
    }

    public override void Write(Batch batch)
    {
        var columns = _table.Columns;
        for (var row = 0; row < batch.Count; row++)
        {
            Int16(_fieldCount);
            for (var c = 0; c < columns.Length; c++)
            {
                if (batch.IsNull(c, row))
                {
                    Int32(-1);
                    continue;
                }
                switch (columns[c].Type)
                {
                    case ColumnType.Long or ColumnType.LongNull:
                        Int32(8);
                        Int64(batch.LongAt(c, row));
                        break;
                    case ColumnType.Short:
                        Int32(2);
                        Int16((short)batch.LongAt(c, row));
                        break;
                    case ColumnType.Bool:
                        Int32(1);
                        _buffer[_position++] = batch.LongAt(c, row) != 0 ? (byte)1 : (byte)0;
                        break;
                    case ColumnType.Date or ColumnType.DateNull:
                        Int32(4);
                        Int32((int)(batch.LongAt(c, row) - Epoch2000Day));
                        break;
                    case ColumnType.Time:
                        Int32(8);
                        Int64((batch.LongAt(c, row) - Epoch2000) / TimeSpan.TicksPerMicrosecond);
                        break;
                    default:
                        Text(batch.TextAt(c, row)!);
                        break;
                }
            }
            foreach (var constant in _table.Constants)
            {
                Int32(constant.Postgres.Length);
                constant.Postgres.CopyTo(_buffer, _position);
                _position += constant.Postgres.Length;
            }
            if (_position >= FlushAt)
                Flush();
        }
    }

    public override void Complete()
    {
        Int16(-1);
        Flush();
        _completed = true;
        _stream.Dispose(); // ends the COPY
    }

    public override void Dispose()
    {
        if (!_completed)
            _stream.Cancel();
    }

    private void Text(string value)
    {
        var max = Encoding.UTF8.GetMaxByteCount(value.Length) + 4;
        if (_position + max > _buffer.Length)
        {
            Flush();
            if (max > _buffer.Length)
                _buffer = new byte[max];
        }
        var length = Encoding.UTF8.GetBytes(value, _buffer.AsSpan(_position + 4));
        Int32(length);
        _position += length;
    }

    private void Int16(short value)
    {
        BinaryPrimitives.WriteInt16BigEndian(_buffer.AsSpan(_position), value);
        _position += 2;
    }

    private void Int32(int value)
    {
        BinaryPrimitives.WriteInt32BigEndian(_buffer.AsSpan(_position), value);
        _position += 4;
    }

    private void Int64(long value)
    {
        BinaryPrimitives.WriteInt64BigEndian(_buffer.AsSpan(_position), value);
        _position += 8;
    }

    private void Flush()
    {
        _stream.Write(_buffer, 0, _position);
        _position = 0;
    }
}

internal sealed class SqliteLoadStore(SqliteConnection connection, string connectionString, LoadScope scope) : LoadStore(connection, connectionString, scope)
{
    public override bool IsPostgres => false;

    public override TableWriter OpenTable(LiveTable table) => new SqliteTableWriter(connection, (SqliteTransaction)Transaction, table);
}

/// <summary>One prepared INSERT per table, executed per row inside the load transaction.</summary>
internal sealed class SqliteTableWriter : TableWriter
{
    private readonly SqliteCommand _command;
    private readonly SqliteParameter[] _parameters;
    private readonly (string Name, ColumnType Type)[] _columns;

    public SqliteTableWriter(SqliteConnection connection, SqliteTransaction tx, LiveTable table)
    {
        _columns = table.Columns;
        _command = connection.CreateCommand();
        _command.Transaction = tx;
        var values = _columns.Select((_, i) => "$p" + i).Concat(table.Constants.Select(c => c.Sqlite));
        _command.CommandText = $"INSERT INTO \"{table.Name}\" ({table.ColumnList}) VALUES ({string.Join(", ", values)})";
        _parameters = _columns.Select((_, i) => _command.Parameters.AddWithValue("$p" + i, DBNull.Value)).ToArray();
        _command.Prepare();
    }

    public override void Write(Batch batch)
    {
        for (var row = 0; row < batch.Count; row++)
        {
            for (var c = 0; c < _columns.Length; c++)
            {
                _parameters[c].Value = batch.IsNull(c, row) ? DBNull.Value : _columns[c].Type switch
                {
                    ColumnType.Text or ColumnType.TextNull => batch.TextAt(c, row)!,
                    // EF Core's SQLite format for DateTimeOffset, so that the live rows read back like any other.
                    ColumnType.Date or ColumnType.DateNull => DateOnly.FromDayNumber((int)batch.LongAt(c, row)).ToString("yyyy'-'MM'-'dd", CultureInfo.InvariantCulture),
                    ColumnType.Time => new DateTime(batch.LongAt(c, row), DateTimeKind.Utc).ToString("yyyy'-'MM'-'dd' 'HH':'mm':'ss'+00:00'", CultureInfo.InvariantCulture),
                    _ => batch.LongAt(c, row),
                };
            }
            _command.ExecuteNonQuery();
        }
    }

    public override void Complete()
    {
    }

    public override void Dispose() => _command.Dispose();
}
