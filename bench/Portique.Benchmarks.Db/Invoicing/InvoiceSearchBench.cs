using System.Diagnostics;
using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Portique.Benchmarks.Db.Seeding;
using Portique.Common.Authorization;
using Portique.Common.Data;
using Portique.Invoicing;
using Portique.Invoicing.Search;
using Portique.Organisation;

namespace Portique.Benchmarks.Db.Invoicing;

/// <summary>
/// Search of received invoices for one recipient among N invoices (10 million by default) on PostgreSQL: seeds them
/// server-side (generate_series, indexes rebuilt after the load), then times the real SearchInvoicesHandler — the capped
/// count and the first page, as a request does — for the common searches of a recipient.
/// </summary>
internal static class InvoiceSearchBench
{
    private const int WarmUp = 100;
    private const int Recipients = 2000;
    private const int BigRecipients = 10;
    private const int Suppliers = 8000;

    public static async Task<int> RunAsync(BenchOptions o)
    {
        var connection = await EnsureDatabaseAsync(o);
        var options = new DbContextOptionsBuilder<PortiqueDb>();
        Database.Configure(options, DatabaseProvider.Postgres, connection);
        long existing;
        await using (var db = new PortiqueDb(options.Options))
        {
            await Schema.MigrateAsync(db);
            existing = await db.Set<Invoice>().LongCountAsync();
        }
        if (existing != o.Count)
        {
            // A fresh, migrated database: a half-done earlier seed must not leave its dropped indexes behind.
            NpgsqlConnection.ClearAllPools();
            connection = await EnsureDatabaseAsync(o with { Reseed = true });
            options = new DbContextOptionsBuilder<PortiqueDb>();
            Database.Configure(options, DatabaseProvider.Postgres, connection);
            await using (var fresh = new PortiqueDb(options.Options))
                await Schema.MigrateAsync(fresh);
            var sw = Stopwatch.StartNew();
            await SeedAsync(connection, options.Options, o.Count);
            Console.WriteLine($"seeded {o.Count:N0} invoices in {sw.Elapsed.TotalSeconds:F0} s");
        }
        else
            Console.WriteLine($"database {o.Database} already holds {existing:N0} invoices (--reseed to seed again)");

        // A signed-in member without service restriction (its membership lookup is part of each timed call).
        var accessor = new HttpContextAccessor
        {
            HttpContext = new DefaultHttpContext { User = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, "1")], "bench")) },
        };
        var rng = new Random(7);
        // Half the calls for one of the 10 large recipients (about 5 % of all invoices each), half for one of the others.
        long Recipient() => rng.Next(2) == 0 ? 1 + rng.Next(BigRecipients) : 1 + BigRecipients + rng.Next(Recipients - BigRecipients);
        var today = DateOnly.FromDateTime(DateTime.UtcNow);

        async Task<int> Search(long recipient, InvoiceSearch search)
        {
            await using var db = new PortiqueDb(options.Options);
            var handler = new SearchInvoicesHandler(new InvoiceAccess(db, new CurrentUser(accessor)));
            return (await handler.HandleAsync(recipient, InvoiceSide.Received, search, CancellationToken.None)).Total;
        }

        var statuses = Enum.GetValues<InvoiceStatus>().Where(s => s >= InvoiceStatus.MISE_A_DISPOSITION).ToArray();
        var results = new List<Result>
        {
            await TimeAsync("latest first (no filter)", o.Queries, _ => Search(Recipient(), new InvoiceSearch())),
            await TimeAsync("status", o.Queries, _ => Search(Recipient(), new InvoiceSearch(Statut: statuses[rng.Next(statuses.Length)]))),
            await TimeAsync("deposit date, one month", o.Queries, _ =>
            {
                var from = today.AddDays(-rng.Next(30, 360));
                return Search(Recipient(), new InvoiceSearch(DateDepotDu: from, DateDepotAu: from.AddDays(30)));
            }),
            await TimeAsync("invoice number (exact)", o.Queries, _ =>
            {
                var g = 1 + rng.NextInt64(o.Count);
                return Search(RecipientOf(g), new InvoiceSearch(NumeroFacture: $"N{g}"));
            }),
        };
        Console.WriteLine();
        Console.WriteLine($"(counts are capped at SearchInvoicesHandler.CountCap = {SearchInvoicesHandler.CountCap}; page size 20)");
        Console.WriteLine("| search | queries | p50 ms | p95 ms | p99 ms | max ms | median matches |");
        Console.WriteLine("|---|---|---|---|---|---|---|");
        foreach (var r in results)
            Console.WriteLine(r);
        return o.Smoke || results.All(r => r.P95 < 50) ? 0 : 1;
    }

    /// <summary>The recipient the seed gives to invoice g (see SeedAsync).</summary>
    private static long RecipientOf(long g) => g % 20 == 0 ? 1 + g / 20 % BigRecipients : 1 + BigRecipients + g % (Recipients - BigRecipients);

    private sealed record Result(string Label, int Queries, double P50, double P95, double P99, double Max, int MedianMatches)
    {
        public override string ToString() => string.Create(CultureInfo.InvariantCulture,
            $"| {Label} | {Queries} | {P50:F2} | {P95:F2} | {P99:F2} | {Max:F2} | {MedianMatches} |");
    }

    private static async Task<Result> TimeAsync(string label, int queries, Func<int, Task<int>> query)
    {
        for (var i = 0; i < WarmUp; i++)
            await query(i);
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

    private static async Task<string> EnsureDatabaseAsync(BenchOptions o)
    {
        await using var server = new NpgsqlConnection(o.Server);
        await server.OpenAsync();
        if (o.Reseed)
        {
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{o.Database}\" WITH (FORCE)", server);
            await drop.ExecuteNonQueryAsync();
        }
        await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = $1", server) { Parameters = { new() { Value = o.Database } } };
        if (await exists.ExecuteScalarAsync() is null)
        {
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{o.Database}\"", server);
            await create.ExecuteNonQueryAsync();
        }
        return new NpgsqlConnectionStringBuilder(o.Server) { Database = o.Database, CommandTimeout = 0 }.ConnectionString;
    }

    /// <summary>
    /// Structures 1..2000 are recipients (1..10 large: every 20th invoice goes to one of them), 2001..10000 suppliers.
    /// Invoices are loaded in id order over the past year, with the secondary indexes dropped during the load and rebuilt
    /// after it (what a bulk import does); then VACUUM ANALYZE. Structures and invoices are made by the portal's own
    /// factories and lifecycle (deposit, routing, the recipient's processing) and written by binary COPY through its
    /// mapping (<see cref="ModelCopy{T}"/>), so a schema change cannot break the seed.
    /// </summary>
    private static async Task SeedAsync(string connection, DbContextOptions<PortiqueDb> options, long count)
    {
        await using var db = new PortiqueDb(options);
        await using var conn = new NpgsqlConnection(connection);
        await conn.OpenAsync();
        async Task Run(string sql)
        {
            await using var cmd = new NpgsqlCommand(sql, conn);
            await cmd.ExecuteNonQueryAsync();
        }
        await Run("TRUNCATE invoices, structures RESTART IDENTITY CASCADE");
        var now = DateTimeOffset.UtcNow;
        await new ModelCopy<Structure>(db).WriteAsync(conn, Enumerable.Range(1, Recipients + Suppliers).Select(g =>
            Structure.Create(IdentifierType.AUTRE, $"B{g}", $"Structure {g}", g <= Recipients, now)));
        var indexes = new List<string>();
        await using (var list = new NpgsqlCommand("SELECT indexdef FROM pg_indexes WHERE tablename = 'invoices' AND indexname LIKE 'IX_%'", conn))
        await using (var reader = await list.ExecuteReaderAsync())
            while (await reader.ReadAsync())
                indexes.Add(reader.GetString(0));
        await Run("""DO $$ DECLARE i text; BEGIN FOR i IN SELECT indexname FROM pg_indexes WHERE tablename = 'invoices' AND indexname LIKE 'IX_%' LOOP EXECUTE format('DROP INDEX %I', i); END LOOP; END $$""");
        var sw = Stopwatch.StartNew();
        await new ModelCopy<Invoice>(db).WriteAsync(conn, Invoices(count, now));
        Console.WriteLine($"  {count:N0} invoices in {sw.Elapsed.TotalSeconds:F0} s");
        foreach (var index in indexes)
        {
            sw.Restart();
            await Run(index);
            Console.WriteLine($"  {index[..Math.Min(90, index.Length)]}… {sw.Elapsed.TotalSeconds:F0} s");
        }
        await Run("VACUUM ANALYZE invoices");
        await Run("VACUUM ANALYZE structures");
    }

    /// <summary>
    /// Invoice g: deposited 3 s × (count − g) ago, from supplier 2001 + g mod 8000 to <see cref="RecipientOf"/>(g), then routed
    /// and taken by its recipient to one of nine statuses in turn.
    /// </summary>
    private static IEnumerable<Invoice> Invoices(long count, DateTimeOffset now)
    {
        InvoiceStatus[] statuses =
        [
            InvoiceStatus.MISE_A_DISPOSITION, InvoiceStatus.SERVICE_FAIT, InvoiceStatus.MANDATEE, InvoiceStatus.MISE_A_DISPOSITION_COMPTABLE,
            InvoiceStatus.COMPTABILISEE, InvoiceStatus.MISE_EN_PAIEMENT, InvoiceStatus.SUSPENDUE, InvoiceStatus.REJETEE, InvoiceStatus.A_RECYCLER,
        ];
        for (long g = 1; g <= count; g++)
        {
            var at = now.AddSeconds(-3 * (count - g));
            var supplier = Recipients + 1 + g % Suppliers;
            var excl = Math.Round((10 + g * 7919 % 100_000) / 10.0m, 2);
            var vat = Math.Round(excl * 0.2m, 2);
            var invoice = Invoice.Deposit(null, new Invoice.Parties(supplier, $"Structure {supplier}", RecipientOf(g), "Destinataire", null),
                $"N{g}", DateOnly.FromDateTime(at.UtcDateTime.AddDays(-2)), null, "FACTURE", new Invoice.Amounts("EUR", excl, vat, excl + vat, excl + vat),
                null, null, DepositModes.Flow, null, at);
            invoice.Route(at);
            var status = statuses[g % statuses.Length];
            if (status != InvoiceStatus.MISE_A_DISPOSITION)
                invoice.Change(status, InvoiceActor.Recipient, null, at, status is InvoiceStatus.SUSPENDUE or InvoiceStatus.REJETEE ? "Motif" : null,
                    status == InvoiceStatus.MANDATEE ? $"M{g}" : null);
            yield return invoice;
        }
    }
}
