using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Portique.Accounts;
using Portique.Common.Data;
using Portique.Organisation;

namespace Portique.Benchmarks.Db.Invoicing;

/// <summary>
/// What the deposit benchmarks share: a fresh database with a supplier (and its principal manager) and a public recipient,
/// the Release web host started as a child process on it, a signed-in portal client, and typical UBL invoices for them.
/// </summary>
internal sealed class DepositBenchWorld
{
    public const string Password = "Bench-password-42!";
    private const string Email = "bench@portique.test";
    private const string SupplierSiret = "73282932000074";
    private const string RecipientSiret = "21690123100011";

    private string _template = "";

    public string Connection { get; private set; } = "";

    /// <summary>
    /// Npgsql prepares the statements a connection runs often (they are the same few on the deposit path), so PostgreSQL stops
    /// parsing and planning each one: a connection-string setting of the deployment (docs/benchmarks.md).
    /// </summary>
    public bool AutoPrepare { get; private set; }
    public long SupplierId { get; private set; }

    public PortiqueDb OpenDb()
    {
        var options = new DbContextOptionsBuilder<PortiqueDb>();
        Database.Configure(options, DatabaseProvider.Postgres, Connection);
        return new PortiqueDb(options.Options);
    }
    public string WebDll { get; private set; } = "";

    public static async Task<DepositBenchWorld> CreateAsync(BenchOptions o, string repository)
    {
        var world = new DepositBenchWorld
        {
            WebDll = Path.Combine(repository, "src/Portique.Web/bin/Release/net10.0/Portique.Web.dll"),
            _template = await File.ReadAllTextAsync(Path.Combine(repository, "tests/data/examples/en16931/ubl/BIS3_Invoice_positive.XML")),
            Connection = await DepositThroughputBench.RecreateDatabaseAsync(o),
            AutoPrepare = o.AutoPrepare,
        };
        await using var db = world.OpenDb();
        await Schema.MigrateAsync(db);
        var user = new User { UserName = Email, Email = Email, NormalizedEmail = Email.ToUpperInvariant(), NormalizedUserName = Email.ToUpperInvariant(),
            EmailConfirmed = true, SecurityStamp = Guid.NewGuid().ToString(), FirstName = "Bench", LastName = "Bench", CreatedAt = DateTimeOffset.UtcNow };
        user.PasswordHash = new PasswordHasher<User>().HashPassword(user, Password);
        db.Users.Add(user);
        var supplier = Structure.Create(IdentifierType.SIRET, SupplierSiret, "Fournisseur bench", false, DateTimeOffset.UtcNow);
        var recipient = Structure.Create(IdentifierType.SIRET, RecipientSiret, "Mairie bench", true, DateTimeOffset.UtcNow);
        db.Structures.AddRange(supplier, recipient);
        await db.SaveChangesAsync();
        db.Memberships.Add(Membership.Attach(supplier.Id, user.Id, MemberRole.PrincipalManager, DateTimeOffset.UtcNow));
        await db.SaveChangesAsync();
        world.SupplierId = supplier.Id;
        return world;
    }

    /// <summary>The web host; <paramref name="loops"/> 0 runs it without its deposit worker (acknowledgement alone is measured).</summary>
    public Process StartWeb(int port, int loops) => Process.Start(new ProcessStartInfo("dotnet", [WebDll])
    {
        WorkingDirectory = Path.GetDirectoryName(WebDll)!,
        Environment =
        {
            ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}",
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["Database__Provider"] = "Postgres",
            ["ConnectionStrings__Portique"] = AutoPrepare ? Connection : Connection + ";Max Auto Prepare=0",
            ["Mail__Worker"] = "false",
            ["Logging__LogLevel__Default"] = "Warning",
            ["Invoicing__Worker"] = loops > 0 ? "true" : "false",
            ["Invoicing__WorkerLoops"] = Math.Max(loops, 1).ToString(CultureInfo.InvariantCulture),
            // Throughput is measured on one supplier: its deposit quota would be the figure measured.
            ["Invoicing__DepositsPerMinute"] = "0",
        },
    })!;

    /// <summary>Signs the client in as the supplier's principal manager, waiting up to a minute for the host to listen.</summary>
    public static async Task SignInAsync(HttpClient client)
    {
        for (var i = 0; ; i++)
        {
            try
            {
                var login = await client.PostAsJsonAsync("/api/v1/account/login", new { email = Email, password = Password });
                login.EnsureSuccessStatusCode();
                client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", (await login.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString());
                return;
            }
            catch (HttpRequestException) when (i < 120)
            {
                await Task.Delay(500);
            }
        }
    }

    /// <summary>
    /// The JSON bodies of the timed deposits, built before the clock starts so that the load generator (on the same cores as
    /// the server) spends its CPU on sending, not on rewriting, encoding and serialising invoices.
    /// </summary>
    public byte[][] Bodies(string prefix, int count, Func<byte[], int, object> request) =>
        [.. Enumerable.Range(1, count).Select(n => JsonSerializer.SerializeToUtf8Bytes(request(Invoice(prefix, n), n)))];

    /// <summary>Posts every body from <paramref name="clients"/> concurrent clients (HTTP/1.1 keep-alive); each acknowledgement's latency in ms.</summary>
    public static async Task<double[]> PostAllAsync(HttpClient http, string path, byte[][] bodies, int clients, Func<HttpResponseMessage, Task> check)
    {
        var latencies = new double[bodies.Length];
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, clients).Select(_ => Task.Run(async () =>
        {
            int n;
            while ((n = Interlocked.Increment(ref next)) < bodies.Length)
            {
                var start = Stopwatch.GetTimestamp();
                using var content = Json(bodies[n]);
                using var response = await http.PostAsync(path, content);
                await check(response);
                latencies[n] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            }
        })));
        return latencies;
    }

    public static ByteArrayContent Json(byte[] body) => new(body) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") } };

    /// <summary>A typical UBL invoice from this supplier to this recipient, numbered <paramref name="prefix"/> + n.</summary>
    public byte[] Invoice(string prefix, int n) => System.Text.Encoding.UTF8.GetBytes(_template
        .Replace("schemeID=\"0184\">DK12345678", $"schemeID=\"0009\">{SupplierSiret}", StringComparison.Ordinal)
        .Replace("schemeID=\"0184\">DK87654321", $"schemeID=\"0009\">{RecipientSiret}", StringComparison.Ordinal)
        .Replace("<cbc:ID>12345</cbc:ID>", $"<cbc:ID>{prefix}{n}</cbc:ID>", StringComparison.Ordinal));
}
