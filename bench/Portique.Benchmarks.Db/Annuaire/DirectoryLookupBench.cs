using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using Portique.Annuaire.BulkLoad;
using Portique.Benchmarks.Db.Invoicing;
using Portique.Common.Data;
using Portique.LegacyMigration;

namespace Portique.Benchmarks.Db.Annuaire;

/// <summary>
/// GET /directory-service/v1/directory-line/code:{id} over HTTP/1.1 keep-alive, random ids among the loaded lines in force or upcoming (a closed one answers 404), against
/// a minimal Kestrel endpoint that answers a constant JSON, in the same run on the same machine: the web host (Release)
/// and the constant endpoint each run as a child process, the clients here. The directory is a generated national set
/// (`directory generate`, no defects) loaded by the bulk importer.
/// </summary>
internal static class DirectoryLookupBench
{
    private const string Constant = """{"addressingIdentifier":"123456782","platformType":"WK","directoryLineStatus":"Enabled","siren":"123456782"}""";

    public static async Task<int> RunAsync(BenchOptions o, string repository, int clients)
    {
        var world = await DepositBenchWorld.CreateAsync(o, repository);
        var files = Directory.CreateTempSubdirectory("portique-directory-bench-");
        try
        {
            var load = Stopwatch.StartNew();
            DirectoryGenerator.Generate(new DirectoryGeneratorOptions(o.Count, o.Count * 14 / 10, Seed: 1, Defects: 0), files.FullName);
            var result = await new DirectoryImporter(new ImportOptions(DatabaseProvider.Postgres, world.Connection, 1024, files.FullName), TimeProvider.System)
                .RunAsync(files.FullName, CancellationToken.None);
            var ids = await LineIdsAsync(world.Connection);
            Console.WriteLine($"directory: {o.Count:N0} legal units, {ids.Length:N0} lines loaded in {load.Elapsed.TotalSeconds:F1} s "
                + $"({string.Join(", ", result.Summary.Files.Select(f => $"{f.File} {f.Imported:N0}"))})");

            var portiquePort = DepositThroughputBench.FreePort();
            var constantPort = DepositThroughputBench.FreePort();
            using var web = world.StartWeb(portiquePort, loops: 0);
            using var constant = Process.Start(new ProcessStartInfo("dotnet", [typeof(DirectoryLookupBench).Assembly.Location, "constant-json-server", constantPort.ToString(CultureInfo.InvariantCulture)]))!;
            try
            {
                using var portal = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{portiquePort}") };
                await DepositBenchWorld.SignInAsync(portal);
                var apiClient = await (await portal.PostAsJsonAsync($"/api/v1/structures/{world.SupplierId}/api-clients", new { name = "Annuaire bench" })).Content.ReadFromJsonAsync<JsonElement>();
                using var http = Client(portiquePort, clients);
                var token = await (await http.PostAsync("/api/oauth/token", new FormUrlEncodedContent(new Dictionary<string, string>
                {
                    ["grant_type"] = "client_credentials",
                    ["client_id"] = apiClient.GetProperty("clientId").GetString()!,
                    ["client_secret"] = apiClient.GetProperty("clientSecret").GetString()!,
                }))).Content.ReadFromJsonAsync<JsonElement>();
                http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.GetProperty("access_token").GetString());
                using var plain = Client(constantPort, clients);
                await WaitAsync(plain, "/constant");

                var random = new Random(1);
                string[] Paths(int n) => [.. Enumerable.Range(0, n).Select(_ => "/directory-service/v1/directory-line/code:" + Uri.EscapeDataString(ids[random.Next(ids.Length)]))];
                string[] Constants(int n) => [.. Enumerable.Repeat("/constant", n)];
                // Warm-up of both (JIT tiers, pools), then the two measured back to back.
                await GetAllAsync(http, Paths(o.WarmUp), clients);
                await GetAllAsync(plain, Constants(o.WarmUp), clients);
                var (portiqueRate, portiqueLatencies) = await GetAllAsync(http, Paths(o.Queries), clients);
                var (constantRate, constantLatencies) = await GetAllAsync(plain, Constants(o.Queries), clients);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"""
                    GET directory-line/code:{"{id}"}, random ids among {ids.Length:N0} lines, {o.Queries} requests, {clients} keep-alive clients
                      Portique:          {portiqueRate,8:F0} req/s  p50 {At(portiqueLatencies, 0.5):F2} ms  p99 {At(portiqueLatencies, 0.99):F2} ms
                      constant Kestrel:  {constantRate,8:F0} req/s  p50 {At(constantLatencies, 0.5):F2} ms  p99 {At(constantLatencies, 0.99):F2} ms
                      ratio (Portique / constant): {portiqueRate / constantRate:F3}   (target ≥ 0.5, p99 < 10 ms)
                    """));
                return 0;
            }
            finally
            {
                foreach (var child in new[] { web, constant })
                {
                    child.Kill(entireProcessTree: true);
                    await child.WaitForExitAsync();
                }
            }
        }
        finally
        {
            files.Delete(recursive: true);
        }
    }

    /// <summary>The minimal endpoint: Kestrel, one route, a constant JSON body, nothing else (what the ratio divides by).</summary>
    public static async Task<int> ServeConstantAsync(int port)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.MapGet("/constant", () => Results.Text(Constant, "application/json"));
        await app.RunAsync();
        return 0;
    }

    private static HttpClient Client(int port, int clients) =>
        new(new SocketsHttpHandler { MaxConnectionsPerServer = clients, PooledConnectionLifetime = Timeout.InfiniteTimeSpan })
        { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(60) };

    private static async Task WaitAsync(HttpClient client, string path)
    {
        for (var i = 0; ; i++)
        {
            try
            {
                (await client.GetAsync(path)).EnsureSuccessStatusCode();
                return;
            }
            catch (HttpRequestException) when (i < 120)
            {
                await Task.Delay(500);
            }
        }
    }

    private static async Task<string[]> LineIdsAsync(string connection)
    {
        await using var db = new NpgsqlConnection(connection);
        await db.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT DISTINCT \"AddressingIdentifier\" FROM directory_lines WHERE \"ValidTo\" IS NULL OR \"ValidTo\" > current_date", db);
        await using var reader = await command.ExecuteReaderAsync();
        var ids = new List<string>();
        while (await reader.ReadAsync())
            ids.Add(reader.GetString(0));
        return [.. ids];
    }

    /// <summary>Every path from <paramref name="clients"/> concurrent keep-alive clients; any answer but 200 stops the bench. Requests/s and sorted latencies (ms).</summary>
    private static async Task<(double Rate, double[] Latencies)> GetAllAsync(HttpClient http, string[] paths, int clients)
    {
        var latencies = new double[paths.Length];
        var next = -1;
        var wall = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(_ => Task.Run(async () =>
        {
            int n;
            while ((n = Interlocked.Increment(ref next)) < paths.Length)
            {
                var start = Stopwatch.GetTimestamp();
                using var response = await http.GetAsync(paths[n]);
                var body = await response.Content.ReadAsByteArrayAsync();
                if (!response.IsSuccessStatusCode)
                    throw new InvalidOperationException($"GET {paths[n]}: {(int)response.StatusCode} {System.Text.Encoding.UTF8.GetString(body)}");
                latencies[n] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            }
        })));
        var rate = paths.Length / wall.Elapsed.TotalSeconds;
        Array.Sort(latencies);
        return (rate, latencies);
    }

    private static double At(double[] sorted, double q) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(q * sorted.Length) - 1)];
}
