using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;
using Portique.Accounts;
using Portique.Approvals;
using Portique.Approvals.ListApprovals;
using Portique.Benchmarks.Db.Seeding;
using Portique.Common.Authorization;
using Portique.Common.Data;
using Portique.Organisation;

// Usage: dotnet run -c Release --project bench/Portique.Benchmarks.Approvals -- [--pg CONN] [--database D] [--queries N] [--reseed] [--smoke]
// Seeds 10,000 structures (1,000 managed by the measured manager), 10,000 requesters, 100,000 pending and 100,000 decided
// requests, then times the menu's pending count and the "Approbations" first page (count + page) for that manager.
string Value(string name, string fallback) => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
var server = Value("--pg", "Host=127.0.0.1;Port=54329;Username=postgres");
var database = Value("--database", "portique_bench_approvals");
var queries = int.Parse(Value("--queries", "2000"), CultureInfo.InvariantCulture);
// --smoke (CI): a fiftieth of the requests and fewer users, still 1,000 managed structures among 2,000; no time judged.
var smoke = args.Contains("--smoke");
int Structures = smoke ? 2_000 : 10_000, Requesters = smoke ? 200 : 10_000, Pending = smoke ? 2_000 : 100_000, Decided = Pending;
const int Managed = 1_000, WarmUp = 200;

await using (var admin = new NpgsqlConnection(server))
{
    await admin.OpenAsync();
    if (args.Contains("--reseed"))
        await new NpgsqlCommand($"DROP DATABASE IF EXISTS {database} WITH (FORCE)", admin).ExecuteNonQueryAsync();
    if (await new NpgsqlCommand($"SELECT 1 FROM pg_database WHERE datname = '{database}'", admin).ExecuteScalarAsync() is null)
        await new NpgsqlCommand($"CREATE DATABASE {database}", admin).ExecuteNonQueryAsync();
}
var connection = new NpgsqlConnectionStringBuilder(server) { Database = database }.ConnectionString;
var recorder = new Recorder();
var options = new DbContextOptionsBuilder<PortiqueDb>();
Database.Configure(options, DatabaseProvider.Postgres, connection);
options.AddInterceptors(recorder);
PortiqueDb NewDb() => new(options.Options);

long managerId;
await using (var db = NewDb())
{
    await Schema.MigrateAsync(db);
    if (await db.ApprovalRequests.CountAsync() != Pending + Decided)
    {
        var sw = Stopwatch.StartNew();
        managerId = await SeedAsync(db, connection);
        Console.WriteLine($"seeded in {sw.Elapsed.TotalSeconds:F1} s");
    }
    managerId = await db.Users.Where(u => u.Email == "manager@bench.portique").Select(u => u.Id).SingleAsync();
    var mine = await db.ApprovalRequests.CountAsync(a => a.State == Portique.Approvals.ApprovalState.Pending && db.ManagedStructureIds(managerId).Contains(a.StructureId));
    Console.WriteLine($"{await db.ApprovalRequests.CountAsync(a => a.State == Portique.Approvals.ApprovalState.Pending):N0} pending requests, {mine:N0} of them on the manager's {await db.ManagedStructureIds(managerId).CountAsync():N0} structures");
}

// The handler as a request runs it: a fresh DbContext and the signed-in manager's claims.
ListApprovalsHandler Handler(PortiqueDb db)
{
    var http = new DefaultHttpContext { User = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, managerId.ToString(CultureInfo.InvariantCulture))], "bench")) };
    return new ListApprovalsHandler(db, new CurrentUser(new HttpContextAccessor { HttpContext = http }));
}

async Task<int> Count()
{
    await using var db = NewDb();
    return await Handler(db).PendingCountAsync(CancellationToken.None);
}

async Task<int> FirstPage()
{
    await using var db = NewDb();
    return (await Handler(db).HandleAsync(new ListApprovalsRequest(Portique.Approvals.ApprovalState.Pending), CancellationToken.None)).Items.Count;
}

// The Approbations page: the list (count + page), then the menu badge, which reuses the list's count.
async Task<int> Both()
{
    await using var db = NewDb();
    var handler = Handler(db);
    var page = await handler.HandleAsync(new ListApprovalsRequest(Portique.Approvals.ApprovalState.Pending), CancellationToken.None);
    return page.Items.Count + await handler.PendingCountAsync(CancellationToken.None);
}

var results = new[]
{
    await TimeAsync("pending count (menu badge, every page)", Count),
    await TimeAsync("first page of 20 (count + page)", FirstPage),
    await TimeAsync("Approbations page: list + menu badge", Both),
};
Console.WriteLine();
Console.WriteLine("| measure | queries | p50 ms | p95 ms | p99 ms | max ms |");
Console.WriteLine("|---|---|---|---|---|---|");
foreach (var r in results)
    Console.WriteLine(r);

recorder.Recording = true;
await Both();
recorder.Recording = false;
await using (var conn = new NpgsqlConnection(connection))
{
    await conn.OpenAsync();
    foreach (var (sql, parameters) in recorder.Recorded)
    {
        Console.WriteLine();
        Console.WriteLine(sql);
        await using var explain = new NpgsqlCommand("EXPLAIN (ANALYZE, BUFFERS) " + sql, conn);
        foreach (var p in parameters)
            explain.Parameters.Add(new NpgsqlParameter(p.ParameterName, p.Value));
        await using var reader = await explain.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            Console.WriteLine("  " + reader.GetString(0));
    }
}
// --smoke: a run that only proves the bench works (CI), whatever the times.
return smoke || results.All(r => r.P95 < 20) ? 0 : 1;

async Task<Result> TimeAsync(string label, Func<Task<int>> query)
{
    for (var i = 0; i < WarmUp; i++)
        await query();
    var times = new double[queries];
    for (var i = 0; i < queries; i++)
    {
        var start = Stopwatch.GetTimestamp();
        await query();
        times[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
    }
    Array.Sort(times);
    double At(double q) => times[Math.Min(times.Length - 1, (int)Math.Ceiling(q * times.Length) - 1)];
    return new Result(label, queries, At(0.50), At(0.95), At(0.99), times[^1]);
}

// Structures, users and memberships go through the entities and SaveChanges; the 200,000 requests through binary COPY, by
// the same mapping (ModelCopy), so the seed follows the model.
async Task<long> SeedAsync(PortiqueDb db, string connection)
{
    var now = DateTimeOffset.UtcNow;
    var manager = NewUser("manager@bench.portique", now);
    var other = NewUser("other@bench.portique", now);
    db.Users.AddRange(manager, other);
    var requesters = Enumerable.Range(0, Requesters).Select(i => NewUser($"requester{i}@bench.portique", now)).ToList();
    db.Users.AddRange(requesters);
    var structures = Enumerable.Range(0, Structures)
        .Select(i => Structure.Create(IdentifierType.AUTRE, $"BENCH{i:D6}", $"Structure de banc {i:D6}", i % 5 == 0, now)).ToList();
    db.Structures.AddRange(structures);
    await db.SaveChangesAsync();
    // The manager is principal manager of 900 structures and holds "Organisation modification" on 100 more;
    // every structure also has another principal manager (so the scoping has something to leave out).
    for (var i = 0; i < Structures; i++)
    {
        db.Memberships.Add(Membership.Attach(structures[i].Id, other.Id, i < 900 ? MemberRole.User : MemberRole.PrincipalManager, now));
        if (i < 900)
            db.Memberships.Add(Membership.Attach(structures[i].Id, manager.Id, MemberRole.PrincipalManager, now));
        else if (i < Managed)
        {
            var m = Membership.Attach(structures[i].Id, manager.Id, MemberRole.User, now);
            m.Grant(PortalApplication.Organisation, HabilitationProfile.Modification, null);
            db.Memberships.Add(m);
        }
        else if (i < Managed + 500)
        {
            // Members of these with a lesser right: they must not count.
            var m = Membership.Attach(structures[i].Id, manager.Id, MemberRole.User, now);
            m.Grant(PortalApplication.Organisation, HabilitationProfile.Consultation, null);
            db.Memberships.Add(m);
        }
    }
    await db.SaveChangesAsync();
    db.ChangeTracker.Clear();

    // The requests as the portal makes and decides them, written by COPY through its own mapping (schema changes follow).
    var rng = new Random(7);
    IEnumerable<ApprovalRequest> Requests()
    {
        for (var i = 0; i < Pending + Decided; i++)
        {
            var request = ApprovalRequest.ForAttachment(structures[rng.Next(Structures)].Id, requesters[rng.Next(Requesters)].Id, [],
                "Merci de valider mon rattachement", now.AddMinutes(-(Pending + Decided - i)));
            if (i % 2 == 1)
            {
                if (i % 4 == 1)
                    request.Approve(other.Id, null, now);
                else
                    request.Refuse(other.Id, "Inconnu", now);
            }
            yield return request;
        }
    }
    await using (var conn = new NpgsqlConnection(connection))
    {
        await conn.OpenAsync();
        await new ModelCopy<ApprovalRequest>(db).WriteAsync(conn, Requests());
    }
    await db.Database.ExecuteSqlRawAsync("VACUUM ANALYZE");
    return manager.Id;
}

static User NewUser(string email, DateTimeOffset now) => new()
{
    UserName = email, NormalizedUserName = email.ToUpperInvariant(), Email = email, NormalizedEmail = email.ToUpperInvariant(),
    EmailConfirmed = true, FirstName = "Banc", LastName = email.Split('@')[0], CreatedAt = now, SecurityStamp = Guid.NewGuid().ToString(),
};

internal sealed record Result(string Label, int Queries, double P50, double P95, double P99, double Max)
{
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"| {Label} | {Queries} | {P50:F2} | {P95:F2} | {P99:F2} | {Max:F2} |");
}

/// <summary>Keeps the SQL the handler sends, to show the plans PostgreSQL chose for exactly those statements.</summary>
internal sealed class Recorder : DbCommandInterceptor
{
    public bool Recording { get; set; }
    public List<(string Sql, List<DbParameter> Parameters)> Recorded { get; } = [];

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Keep(command);
        return ValueTask.FromResult(result);
    }

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        Keep(command);
        return ValueTask.FromResult(result);
    }

    private void Keep(DbCommand command)
    {
        if (Recording)
            Recorded.Add((command.CommandText, command.Parameters.Cast<DbParameter>().ToList()));
    }
}
