using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Npgsql;
using NpgsqlTypes;

namespace Portique.LegacyMigration;

internal enum ColumnType { Long, LongNull, Text, TextNull, Bool, Time }

/// <summary>
/// A staging table shaped like its live table (same column names) plus the legacy id, which it keeps after the move as the
/// legacy id → new id mapping. <see cref="Constants"/> are live columns every migrated row fills with the same value.
/// </summary>
internal sealed record StagingTable(string Name, string Live, (string Name, ColumnType Type)[] Columns, (string Column, string Postgres, string Sqlite)[] Constants)
{
    public static readonly StagingTable Structures = new("stg_structures", "structures",
    [
        ("Id", ColumnType.Long), ("LegacyId", ColumnType.Long), ("IdentifierType", ColumnType.Text), ("Identifier", ColumnType.Text),
        ("Name", ColumnType.Text), ("NameKey", ColumnType.Text), ("IsPublic", ColumnType.Bool), ("IsActive", ColumnType.Bool), ("CreatedAt", ColumnType.Time),
        ("Address_Line1", ColumnType.TextNull), ("Address_Line2", ColumnType.TextNull), ("Address_PostCode", ColumnType.TextNull),
        ("Address_City", ColumnType.TextNull), ("Address_CountryCode", ColumnType.TextNull),
        ("Parameters_ServiceCodeRequired", ColumnType.Bool), ("Parameters_CommitmentNumberRequired", ColumnType.Bool),
        ("Parameters_ServiceCodeOrCommitmentRequired", ColumnType.Bool), ("Parameters_PaymentStatusNotReported", ColumnType.Bool),
        ("Parameters_MoaOnly", ColumnType.Bool), ("Parameters_ManagesMoa", ColumnType.Bool), ("Parameters_EdiConnection", ColumnType.Bool),
    ], []);

    /// <summary>LegacyId is null for the default service a public structure is given, as Structure.Create does.</summary>
    public static readonly StagingTable Services = new("stg_services", "services",
    [
        ("Id", ColumnType.Long), ("LegacyId", ColumnType.LongNull), ("StructureId", ColumnType.Long), ("Code", ColumnType.Text),
        ("Name", ColumnType.Text), ("IsActive", ColumnType.Bool),
    ], [("CommitmentNumberRequired", "false", "0")]);

    public static readonly StagingTable Users = new("stg_users", "AspNetUsers",
    [
        ("Id", ColumnType.Long), ("LegacyId", ColumnType.Long), ("UserName", ColumnType.Text), ("NormalizedUserName", ColumnType.Text),
        ("Email", ColumnType.Text), ("NormalizedEmail", ColumnType.Text), ("ContactEmail", ColumnType.TextNull),
        ("FirstName", ColumnType.Text), ("LastName", ColumnType.Text), ("IsDeactivated", ColumnType.Bool), ("CreatedAt", ColumnType.Time),
        ("SecurityStamp", ColumnType.Text), ("ConcurrencyStamp", ColumnType.Text),
    ],
    [
        ("EmailConfirmed", "true", "1"), ("MustSetPassword", "true", "1"), ("NotifyInvoicing", "false", "0"), ("NotifyNews", "false", "0"),
        ("PhoneNumberConfirmed", "false", "0"), ("TwoFactorEnabled", "false", "0"), ("LockoutEnabled", "true", "1"), ("AccessFailedCount", "0", "0"),
    ]);

    public static readonly StagingTable Memberships = new("stg_memberships", "memberships",
    [
        ("Id", ColumnType.Long), ("StructureId", ColumnType.Long), ("UserId", ColumnType.Long), ("Role", ColumnType.Text), ("AttachedAt", ColumnType.Time),
    ], [("IsActive", "true", "1"), ("ServiceIds", "'{}'::bigint[]", "'[]'")]);

    public static readonly StagingTable Habilitations = new("stg_habilitations", "habilitations",
    [
        ("Id", ColumnType.Long), ("MembershipId", ColumnType.Long), ("Application", ColumnType.Text), ("Profile", ColumnType.Text), ("ServiceId", ColumnType.LongNull),
    ], []);

    /// <summary>Parents first: the move inserts in this order.</summary>
    public static readonly StagingTable[] All = [Structures, Services, Users, Memberships, Habilitations];

    public string ColumnList(bool staging) => string.Join(", ", Columns.Where(c => staging || c.Name != "LegacyId").Select(c => $"\"{c.Name}\""));

    public string CreateSql(bool postgres)
    {
        var columns = Columns.Select(c => $"\"{c.Name}\" " + (c.Type switch
        {
            ColumnType.Long => postgres ? "bigint NOT NULL" : "INTEGER NOT NULL",
            ColumnType.LongNull => postgres ? "bigint" : "INTEGER",
            ColumnType.Text => postgres ? "text NOT NULL" : "TEXT NOT NULL",
            ColumnType.TextNull => postgres ? "text" : "TEXT",
            ColumnType.Bool => postgres ? "boolean NOT NULL" : "INTEGER NOT NULL",
            _ => postgres ? "timestamptz NOT NULL" : "TEXT NOT NULL",
        }));
        // Unlogged: staging is rebuilt from the files if the server crashes, so its writes need no WAL.
        return $"CREATE {(postgres ? "UNLOGGED " : "")}TABLE IF NOT EXISTS {Name} ({string.Join(", ", columns)})";
    }

    public string MoveSql(bool postgres)
    {
        var live = ColumnList(false) + string.Concat(Constants.Select(c => $", \"{c.Column}\""));
        var values = ColumnList(false) + string.Concat(Constants.Select(c => ", " + (postgres ? c.Postgres : c.Sqlite)));
        return $"INSERT INTO \"{Live}\" ({live}) SELECT {values} FROM {Name}";
    }
}

/// <summary>A batch of rows for one staging table, stored by column so that writing it boxes nothing on PostgreSQL.</summary>
internal sealed class Batch
{
    private readonly long[][] _longs;
    private readonly string?[][] _texts;
    private readonly bool[][] _nulls;
    private int _column;

    public Batch(StagingTable table, int capacity)
    {
        Table = table;
        _longs = table.Columns.Select(_ => new long[capacity]).ToArray();
        _texts = table.Columns.Select(c => c.Type is ColumnType.Text or ColumnType.TextNull ? new string?[capacity] : []).ToArray();
        _nulls = table.Columns.Select(_ => new bool[capacity]).ToArray();
    }

    public StagingTable Table { get; }
    public int Count { get; private set; }

    public void Clear() => Count = 0;

    public Batch Long(long value) { _longs[_column][Count] = value; _nulls[_column++][Count] = false; return this; }
    public Batch Long(long? value) { _longs[_column][Count] = value ?? 0; _nulls[_column++][Count] = value is null; return this; }
    public Batch Text(string? value) { _texts[_column][Count] = value; _nulls[_column++][Count] = value is null; return this; }
    public Batch Bool(bool value) => Long(value ? 1 : 0);
    public Batch Time(DateTime utc) => Long(utc.Ticks);

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

/// <summary>Where the importer writes: staging tables, the record of committed batches, the one-transaction move.</summary>
internal abstract class StagingStore : IAsyncDisposable
{
    public const string RunTable = "migration_run";
    public const string BatchTable = "migration_batches";

    protected StagingStore(DbConnection connection) => Connection = connection;

    public DbConnection Connection { get; }
    public abstract bool IsPostgres { get; }

    public static async Task<StagingStore> OpenAsync(Common.Data.DatabaseProvider provider, string connectionString, CancellationToken ct)
    {
        if (provider == Common.Data.DatabaseProvider.Postgres)
        {
            var pg = new NpgsqlConnection(connectionString);
            await pg.OpenAsync(ct);
            return new PostgresStagingStore(pg);
        }
        var sqlite = new SqliteConnection(connectionString);
        await sqlite.OpenAsync(ct);
        await using (var pragma = sqlite.CreateCommand())
        {
            pragma.CommandText = "PRAGMA synchronous = NORMAL; PRAGMA cache_size = -200000;";
            await pragma.ExecuteNonQueryAsync(ct);
        }
        return new SqliteStagingStore(sqlite);
    }

    public async Task EnsureTablesAsync(CancellationToken ct)
    {
        foreach (var table in StagingTable.All)
            await ExecuteAsync(table.CreateSql(IsPostgres), ct);
        await ExecuteAsync($"CREATE TABLE IF NOT EXISTS {RunTable} (id INTEGER PRIMARY KEY, fingerprint TEXT NOT NULL, bases TEXT NOT NULL, moved INTEGER NOT NULL)", ct);
        await ExecuteAsync($"CREATE TABLE IF NOT EXISTS {BatchTable} (file TEXT NOT NULL, batch INTEGER NOT NULL, PRIMARY KEY (file, batch))", ct);
    }

    public async Task<int> ExecuteAsync(string sql, CancellationToken ct, DbTransaction? tx = null)
    {
        await using var cmd = Connection.CreateCommand();
        cmd.CommandText = sql;
        cmd.Transaction = tx;
        cmd.CommandTimeout = 0;
        return await cmd.ExecuteNonQueryAsync(ct);
    }

    public async Task<List<T>> QueryAsync<T>(string sql, Func<DbDataReader, T> read, CancellationToken ct, DbTransaction? tx = null)
    {
        await using var cmd = Connection.CreateCommand();
        cmd.CommandText = sql;
        cmd.Transaction = tx;
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
        cmd.CommandTimeout = 0;
        return Convert.ToInt64(await cmd.ExecuteScalarAsync(ct) ?? 0L, CultureInfo.InvariantCulture);
    }

    /// <summary>Writes the batches and marks (file, batch) committed in the same transaction: a batch is either entirely in staging and recorded, or absent.</summary>
    public async Task CommitBatchAsync(string file, int batch, IEnumerable<Batch> batches, CancellationToken ct)
    {
        await using var tx = await Connection.BeginTransactionAsync(ct);
        foreach (var b in batches)
        {
            if (b.Count > 0)
                await WriteAsync(b, tx, ct);
        }
        await ExecuteAsync($"INSERT INTO {BatchTable} (file, batch) VALUES ('{file}', {batch})", ct, tx);
        await tx.CommitAsync(ct);
    }

    protected abstract Task WriteAsync(Batch batch, DbTransaction tx, CancellationToken ct);

    /// <summary>
    /// Staging → live in one transaction, so an interruption leaves the live tables untouched. Secondary indexes (and on
    /// PostgreSQL foreign keys) are dropped first and rebuilt after: one sort per index beats 13 million index insertions.
    /// </summary>
    public async Task MoveAsync(Action<string, TimeSpan>? step, CancellationToken ct)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        void Step(string name)
        {
            step?.Invoke(name, clock.Elapsed);
            clock.Restart();
        }
        await using var tx = await Connection.BeginTransactionAsync(ct);
        var tables = string.Join(", ", StagingTable.All.Select(t => $"'{t.Live}'"));
        var indexes = await IndexDefinitionsAsync(tables, tx, ct);
        var foreignKeys = IsPostgres ? await QueryAsync($"""
            SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid) FROM pg_constraint
            WHERE contype = 'f' AND conrelid::regclass::text IN ({string.Join(", ", StagingTable.All.Select(t => $"'\"{t.Live}\"', '{t.Live}'"))})
            """, r => (Table: r.GetString(0), Name: r.GetString(1), Definition: r.GetString(2)), ct, tx) : [];
        if (IsPostgres)
            await ExecuteAsync("SET LOCAL maintenance_work_mem = '1GB'", ct, tx); // index sorts in memory
        foreach (var fk in foreignKeys)
            await ExecuteAsync($"ALTER TABLE {fk.Table} DROP CONSTRAINT \"{fk.Name}\"", ct, tx);
        foreach (var index in indexes)
            await ExecuteAsync($"DROP INDEX \"{index.Name}\"", ct, tx);
        Step("drop indexes and foreign keys");
        foreach (var table in StagingTable.All)
        {
            await ExecuteAsync(table.MoveSql(IsPostgres), ct, tx);
            Step($"insert into {table.Live}");
        }
        foreach (var index in indexes)
        {
            await ExecuteAsync(index.Definition, ct, tx);
            Step($"index {index.Name}");
        }
        foreach (var fk in foreignKeys)
        {
            await ExecuteAsync($"ALTER TABLE {fk.Table} ADD CONSTRAINT \"{fk.Name}\" {fk.Definition}", ct, tx);
            Step($"foreign key {fk.Name}");
        }
        if (IsPostgres)
        {
            // Ids were assigned by the importer: the identity sequences must continue after them.
            foreach (var table in StagingTable.All)
                await ExecuteAsync($"SELECT setval(pg_get_serial_sequence('\"{table.Live}\"', 'Id'), GREATEST((SELECT max(\"Id\") FROM \"{table.Live}\"), 1))", ct, tx);
        }
        await ExecuteAsync($"UPDATE {RunTable} SET moved = 1", ct, tx);
        await tx.CommitAsync(ct);
        Step("commit");
        // Staged memberships and habilitations served only the move; users, structures and services stay as the id mapping.
        foreach (var table in new[] { StagingTable.Memberships, StagingTable.Habilitations })
            await ExecuteAsync(IsPostgres ? $"TRUNCATE {table.Name}" : $"DELETE FROM {table.Name}", ct);
        // Fresh statistics for the planner on the tables that just grew.
        foreach (var table in StagingTable.All)
            await ExecuteAsync($"ANALYZE \"{table.Live}\"", ct);
        Step("truncate staging, analyze");
    }

    private Task<List<(string Name, string Definition)>> IndexDefinitionsAsync(string tables, DbTransaction tx, CancellationToken ct) => IsPostgres
        ? QueryAsync($"""
            SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema() AND tablename IN ({tables})
            AND indexname NOT IN (SELECT conname FROM pg_constraint)
            """, r => (r.GetString(0), r.GetString(1)), ct, tx)
        : QueryAsync($"SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN ({tables})",
            r => (r.GetString(0), r.GetString(1)), ct, tx);

    public ValueTask DisposeAsync() => Connection.DisposeAsync();
}

internal sealed class PostgresStagingStore(NpgsqlConnection connection) : StagingStore(connection)
{
    public override bool IsPostgres => true;

    protected override async Task WriteAsync(Batch batch, DbTransaction tx, CancellationToken ct)
    {
        var columns = batch.Table.Columns;
        await using var copy = await connection.BeginBinaryImportAsync($"COPY {batch.Table.Name} ({batch.Table.ColumnList(true)}) FROM STDIN (FORMAT BINARY)", ct);
        for (var row = 0; row < batch.Count; row++)
        {
            copy.StartRow();
            for (var c = 0; c < columns.Length; c++)
            {
                if (batch.IsNull(c, row))
                {
                    copy.WriteNull();
                    continue;
                }
                switch (columns[c].Type)
                {
                    case ColumnType.Long or ColumnType.LongNull: copy.Write(batch.LongAt(c, row), NpgsqlDbType.Bigint); break;
                    case ColumnType.Bool: copy.Write(batch.LongAt(c, row) != 0, NpgsqlDbType.Boolean); break;
                    case ColumnType.Time: copy.Write(new DateTime(batch.LongAt(c, row), DateTimeKind.Utc), NpgsqlDbType.TimestampTz); break;
                    default: copy.Write(batch.TextAt(c, row)!, NpgsqlDbType.Text); break;
                }
            }
        }
        await copy.CompleteAsync(ct);
    }
}

internal sealed class SqliteStagingStore(SqliteConnection connection) : StagingStore(connection)
{
    public override bool IsPostgres => false;

    protected override async Task WriteAsync(Batch batch, DbTransaction tx, CancellationToken ct)
    {
        var columns = batch.Table.Columns;
        await using var cmd = connection.CreateCommand();
        cmd.Transaction = (SqliteTransaction)tx;
        cmd.CommandText = $"INSERT INTO {batch.Table.Name} ({batch.Table.ColumnList(true)}) VALUES ({string.Join(", ", columns.Select((_, i) => "$p" + i))})";
        var parameters = columns.Select((_, i) => cmd.Parameters.AddWithValue("$p" + i, DBNull.Value)).ToArray();
        cmd.Prepare();
        for (var row = 0; row < batch.Count; row++)
        {
            for (var c = 0; c < columns.Length; c++)
            {
                parameters[c].Value = batch.IsNull(c, row) ? DBNull.Value : columns[c].Type switch
                {
                    ColumnType.Text or ColumnType.TextNull => batch.TextAt(c, row)!,
                    // EF Core's SQLite format for DateTimeOffset, so that the live rows read back like any other.
                    ColumnType.Time => new DateTime(batch.LongAt(c, row), DateTimeKind.Utc).ToString("yyyy'-'MM'-'dd' 'HH':'mm':'ss'+00:00'", CultureInfo.InvariantCulture),
                    _ => batch.LongAt(c, row),
                };
            }
            await cmd.ExecuteNonQueryAsync(ct);
        }
    }
}
