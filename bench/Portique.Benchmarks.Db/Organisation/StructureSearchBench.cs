using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;
using Portique.Benchmarks.Db.Seeding;
using Portique.Common;
using Portique.Common.Data;
using Portique.Organisation;
using Portique.Organisation.SearchStructures;

namespace Portique.Benchmarks.Db.Organisation;

/// <summary>
/// Structure search among 1.3 million structures on PostgreSQL: seeds them with binary COPY, then times the real
/// SearchStructuresHandler (count + first page) by exact identifier and by name prefix, and shows the plans it gets.
/// </summary>
internal static class StructureSearchBench
{
    private const int WarmUp = 200;

    public static async Task<int> RunAsync(BenchOptions o)
    {
        var connection = await EnsureDatabaseAsync(o);
        var recorder = new CommandRecorder();
        var options = new DbContextOptionsBuilder<PortiqueDb>();
        Database.Configure(options, DatabaseProvider.Postgres, connection);
        options.AddInterceptors(recorder);
        PortiqueDb NewDb() => new(options.Options);

        await using (var db = NewDb())
        {
            await Schema.MigrateAsync(db);
            var existing = await db.Structures.LongCountAsync();
            if (existing != o.Count)
            {
                var sw = Stopwatch.StartNew();
                await SeedAsync(connection, options.Options, o.Count);
                await db.Database.ExecuteSqlRawAsync("VACUUM ANALYZE structures");
                Console.WriteLine($"seeded {o.Count:N0} structures in {sw.Elapsed.TotalSeconds:F1} s (binary COPY, then VACUUM ANALYZE)");
            }
            else
                Console.WriteLine($"database {o.Database} already holds {existing:N0} structures (--reseed to seed again)");
        }

        var identifiers = await SampleAsync(connection, "Identifier");
        var rng = new Random(42);
        // What a person types: the first 3 to 6 characters of an existing name ("SA " of "SA DUPONT" is too short and is skipped).
        var prefixes = (await SampleAsync(connection, "NameKey")).Select(k => Prefix(k, rng.Next(3, 7))).Where(p => p.Length >= 3).ToList();

        async Task<int> Search(SearchStructuresRequest request)
        {
            await using var db = NewDb();
            return (await new SearchStructuresHandler(db).HandleAsync(request, CancellationToken.None)).Total;
        }

        var byIdentifier = await TimeAsync("type + identifier (exact)", o.Queries, i => Search(new SearchStructuresRequest(IdentifierType.SIRET, identifiers[i % identifiers.Count])));
        var byName = await TimeAsync("name prefix (3-6 letters)", o.Queries, i => Search(new SearchStructuresRequest(Name: prefixes[i % prefixes.Count])));
        Console.WriteLine();
        Console.WriteLine($"(matches are counted up to SearchStructuresHandler.CountLimit = {SearchStructuresHandler.CountLimit})");
        Console.WriteLine("| search | queries | p50 ms | p95 ms | p99 ms | max ms | median matches |");
        Console.WriteLine("|---|---|---|---|---|---|---|");
        Console.WriteLine(byIdentifier);
        Console.WriteLine(byName);

        // The plans PostgreSQL chose for the exact statements the handler sent (count, then page).
        await ExplainAsync(connection, recorder, "type + identifier", () => Search(new SearchStructuresRequest(IdentifierType.SIRET, identifiers[0])));
        var common = prefixes.GroupBy(p => p[..3]).OrderByDescending(g => g.Count()).First().Key;
        await ExplainAsync(connection, recorder, $"name prefix '{common}' (the most frequent 3-letter prefix of the sample)", () => Search(new SearchStructuresRequest(Name: common)));
        await ExplainAsync(connection, recorder, $"name prefix '{prefixes[1]}'", () => Search(new SearchStructuresRequest(Name: prefixes[1])));
        return o.Smoke || (byIdentifier.P95 < 20 && byName.P95 < 20) ? 0 : 1;
    }

    private static string Prefix(string key, int length) => key[..Math.Min(length, key.Length)].TrimEnd();

    private sealed record Result(string Label, int Queries, double P50, double P95, double P99, double Max, int MedianMatches)
    {
        public override string ToString() => string.Create(CultureInfo.InvariantCulture,
            $"| {Label} | {Queries} | {P50:F2} | {P95:F2} | {P99:F2} | {Max:F2} | {MedianMatches} |");
    }

    private static async Task<Result> TimeAsync(string label, int queries, Func<int, Task<int>> query)
    {
        for (var i = 0; i < WarmUp; i++)
            await query(i + queries);
        var times = new double[queries];
        var matches = new int[queries];
        for (var i = 0; i < queries; i++)
        {
            var start = Stopwatch.GetTimestamp();
            matches[i] = await query(i);
            times[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }
        Array.Sort(times);
        Array.Sort(matches);
        double At(double q) => times[Math.Min(times.Length - 1, (int)Math.Ceiling(q * times.Length) - 1)];
        return new Result(label, queries, At(0.50), At(0.95), At(0.99), times[^1], matches[queries / 2]);
    }

    private static async Task ExplainAsync(string connection, CommandRecorder recorder, string label, Func<Task<int>> query)
    {
        recorder.Recorded.Clear();
        recorder.Recording = true;
        await query();
        recorder.Recording = false;
        Console.WriteLine();
        Console.WriteLine($"### EXPLAIN (ANALYZE, BUFFERS): {label}");
        await using var conn = new NpgsqlConnection(connection);
        await conn.OpenAsync();
        foreach (var (sql, parameters) in recorder.Recorded)
        {
            Console.WriteLine();
            Console.WriteLine(sql);
            Console.WriteLine("  -- " + string.Join(", ", parameters.Select(p => $"{p.ParameterName} = {p.Value}")));
            await using var explain = new NpgsqlCommand("EXPLAIN (ANALYZE, BUFFERS) " + sql, conn);
            explain.Parameters.AddRange(parameters.ToArray());
            await using var reader = await explain.ExecuteReaderAsync();
            while (await reader.ReadAsync())
                Console.WriteLine("  " + reader.GetString(0));
        }
    }

    /// <summary>Keeps copies of the statements (text and parameters) EF sends while recording.</summary>
    private sealed class CommandRecorder : DbCommandInterceptor
    {
        public bool Recording { get; set; }
        public List<(string Sql, List<NpgsqlParameter> Parameters)> Recorded { get; } = [];

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            Record(command);
            return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
        }

        public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<object> result, CancellationToken cancellationToken = default)
        {
            Record(command);
            return base.ScalarExecutingAsync(command, eventData, result, cancellationToken);
        }

        private void Record(DbCommand command)
        {
            if (Recording)
                Recorded.Add((command.CommandText, command.Parameters.Cast<NpgsqlParameter>().Select(p => p.Clone()).ToList()));
        }
    }

    private static async Task<string> EnsureDatabaseAsync(BenchOptions o)
    {
        await using var server = new NpgsqlConnection(o.Server);
        await server.OpenAsync();
        if (o.Reseed)
        {
            // A fresh database, so that a regenerated schema migrates cleanly.
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{o.Database}\" WITH (FORCE)", server);
            await drop.ExecuteNonQueryAsync();
        }
        await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = $1", server) { Parameters = { new() { Value = o.Database } } };
        if (await exists.ExecuteScalarAsync() is null)
        {
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{o.Database}\"", server);
            await create.ExecuteNonQueryAsync();
        }
        return new NpgsqlConnectionStringBuilder(o.Server) { Database = o.Database }.ConnectionString;
    }

    private static async Task<List<string>> SampleAsync(string connection, string column)
    {
        await using var conn = new NpgsqlConnection(connection);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand($"SELECT \"{column}\" FROM structures TABLESAMPLE SYSTEM (1) REPEATABLE (7) WHERE \"IsActive\" LIMIT 5000", conn);
        var values = new List<string>();
        await using var reader = await cmd.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            values.Add(reader.GetString(0));
        // TABLESAMPLE returns whole pages in physical order: shuffle so consecutive queries do not hit neighbouring rows.
        var rng = new Random(11);
        return values.OrderBy(_ => rng.Next()).ToList();
    }

    /// <summary>
    /// The structures as the portal makes them (Structure.Create, Modify, Deactivate: its name key, address and parameters),
    /// written by binary COPY through the portal's own mapping (<see cref="ModelCopy{T}"/>), so a schema change cannot break it.
    /// </summary>
    private static async Task SeedAsync(string connection, DbContextOptions<PortiqueDb> options, int count)
    {
        await using var db = new PortiqueDb(options);
        var copy = new ModelCopy<Structure>(db);
        await using var conn = new NpgsqlConnection(connection);
        await conn.OpenAsync();
        // TRUNCATE and COPY FREEZE in one transaction write the rows frozen and all-visible, as a long-lived table is after
        // autovacuum; a plain VACUUM cannot get there on a server shared with open transactions.
        await using var tx = await conn.BeginTransactionAsync();
        await using (var truncate = new NpgsqlCommand("TRUNCATE structures RESTART IDENTITY CASCADE", conn, tx))
            await truncate.ExecuteNonQueryAsync();
        await copy.WriteAsync(conn, Structures(count), "FREEZE");
        await tx.CommitAsync();
    }

    private static IEnumerable<Structure> Structures(int count)
    {
        var rng = new Random(2026);
        var now = DateTimeOffset.UtcNow;
        var written = 0;
        for (long n = 0; written < count; n++)
        {
            var siret = Siret(n);
            if (siret is null)
                continue;
            var isPublic = rng.NextDouble() < 0.05;
            var city = Names.Towns[rng.Next(Names.Towns.Length)];
            var name = isPublic ? Names.PublicName(rng, city) : Names.CompanyName(rng);
            var created = now.AddMinutes(-rng.Next(5_000_000));
            var structure = Structure.Create(IdentifierType.SIRET, siret, name, isPublic, created);
            var address = new PostalAddress
            {
                Line1 = $"{rng.Next(1, 200)} {Names.Streets[rng.Next(Names.Streets.Length)]}",
                PostCode = string.Create(CultureInfo.InvariantCulture, $"{rng.Next(1, 96):D2}{rng.Next(0, 1000):D3}"),
                City = city,
                CountryCode = "FR",
            };
            bool Flag() => isPublic && rng.NextDouble() < 0.3;
            var (serviceCode, commitment) = (Flag(), Flag());
            var parameters = new StructureParameters
            {
                // "Service code or commitment" is a level of its own, never combined with the other two (StructureParameters.Checked).
                ServiceCodeRequired = serviceCode, CommitmentNumberRequired = commitment, ServiceCodeOrCommitmentRequired = Flag() && !serviceCode && !commitment,
                PaymentStatusNotReported = Flag(), MoaOnly = Flag(), ManagesMoa = Flag(), EdiConnection = Flag(),
            };
            structure.Modify(name, null, null, address, parameters, created);
            if (rng.NextDouble() <= 0.03)
                structure.Deactivate(created);
            written++;
            yield return structure;
        }
    }

    /// <summary>A distinct valid SIRET per n (13 spread digits and the Luhn key); null for La Poste's SIREN, which follows another rule.</summary>
    private static string? Siret(long n)
    {
        var body = (1_000_000_000_000 + n * 6_553_201).ToString(CultureInfo.InvariantCulture);
        if (body.StartsWith("356000000", StringComparison.Ordinal))
            return null;
        for (var key = 0; key < 10; key++)
        {
            var candidate = body + (char)('0' + key);
            if (StructureIdentifier.Luhn(candidate))
                return candidate;
        }
        throw new InvalidOperationException("one key in ten satisfies Luhn");
    }
}
