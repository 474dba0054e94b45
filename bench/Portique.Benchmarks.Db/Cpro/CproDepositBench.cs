using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Portique.Accounts;
using Portique.Benchmarks.Db.Invoicing;
using Portique.Common.Data;
using Portique.Invoicing;
using Portique.Organisation;

namespace Portique.Benchmarks.Db.Cpro;

/// <summary>
/// End-to-end deposer/flux through the Chorus-compatible API on PostgreSQL: the web host (Release) runs as a child process
/// with its deposit worker; concurrent clients authenticate as an ERP does (OAuth token + technical account) and post
/// typical UBL invoices to /cpro/factures/v1/deposer/flux. Latencies come from the flows' own timestamps.
/// </summary>
internal static class CproDepositBench
{
    public static async Task<int> RunAsync(BenchOptions o, string repository, int clients, int loops)
    {
        var world = await DepositBenchWorld.CreateAsync(o, repository);
        var connection = world.Connection;
        var supplierId = world.SupplierId;
        var port = DepositThroughputBench.FreePort();
        using var web = world.StartWeb(port, loops);
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(60) };
            using var portal = new HttpClient { BaseAddress = http.BaseAddress };
            await DepositBenchWorld.SignInAsync(portal);
            // The ERP's credentials, created as a principal manager does in Raccordements.
            var apiClient = await (await portal.PostAsJsonAsync($"/api/v1/structures/{supplierId}/api-clients", new { name = "ERP bench" })).Content.ReadFromJsonAsync<JsonElement>();
            var account = await (await portal.PostAsync($"/api/v1/structures/{supplierId}/technical-accounts", null)).Content.ReadFromJsonAsync<JsonElement>();
            var token = await (await http.PostAsync("/api/oauth/token", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "client_credentials",
                ["client_id"] = apiClient.GetProperty("clientId").GetString()!,
                ["client_secret"] = apiClient.GetProperty("clientSecret").GetString()!,
                ["scope"] = "openid",
            }))).Content.ReadFromJsonAsync<JsonElement>();
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.GetProperty("access_token").GetString());
            http.DefaultRequestHeaders.Add("cpro-account", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{account.GetProperty("login").GetString()}:{account.GetProperty("password").GetString()}")));

            object Request(byte[] content, int n) =>
                new { fichierFlux = Convert.ToBase64String(content), nomFichier = $"C{n}.xml", syntaxeFlux = "IN_DP_E1_UBL_INVOICE", avecSignature = false };
            const string path = "/cpro/factures/v1/deposer/flux";
            await DepositBenchWorld.PostAllAsync(http, path, world.Bodies("W", o.WarmUp, Request), clients, CheckAsync);
            if (loops > 0)
                await DepositThroughputBench.WaitAsync(connection, o.WarmUp);

            var bodies = world.Bodies("C", o.Queries, Request);
            static double At(double[] values, double q) => values[Math.Min(values.Length - 1, (int)Math.Ceiling(q * values.Length) - 1)];
            var cpu = CpuMeter.Start(web, connection);
            var wall = Stopwatch.StartNew();
            var acks = (await DepositBenchWorld.PostAllAsync(http, path, bodies, clients, CheckAsync)).Order().ToArray();
            var deposited = wall.Elapsed;
            if (loops == 0)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"""
                    acknowledgement alone (no deposit worker): {o.Queries} deposits in {deposited.TotalSeconds:F1} s: {o.Queries / deposited.TotalSeconds:F1} deposits/s; p50 {At(acks, 0.5):F1} ms, p95 {At(acks, 0.95):F1} ms
                    {cpu.Report(o.Queries, deposited)}
                    """));
                return 0;
            }
            await DepositThroughputBench.WaitAsync(connection, o.WarmUp + o.Queries);
            var total = wall.Elapsed;
            var usage = cpu.Report(o.Queries, total);

            await using var db = world.OpenDb();
            var flows = await db.Set<Flow>().OrderBy(f => f.Id).Skip(o.WarmUp).Select(f => new { f.ReceivedAt, f.StateChangedAt, f.State }).ToListAsync();
            var latencies = flows.Select(f => (f.StateChangedAt - f.ReceivedAt).TotalMilliseconds).Order().ToArray();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"""
                /cpro deposer/flux: {o.Queries} UBL invoices (one per flow), {clients} concurrent clients, {loops} worker loop(s), {flows.Count(f => f.State == FlowState.IN_INTEGRE)} IN_INTEGRE
                flows accepted in {deposited.TotalSeconds:F1} s: {o.Queries / deposited.TotalSeconds:F1} flows/s; acknowledgement p50 {At(acks, 0.5):F1} ms, p95 {At(acks, 0.95):F1} ms
                all integrated after {total.TotalSeconds:F1} s: {o.Queries / total.TotalSeconds:F1} invoices/s deposit-to-IN_INTEGRE
                received → IN_INTEGRE per flow: p50 {At(latencies, 0.5):F0} ms, p95 {At(latencies, 0.95):F0} ms, max {latencies[^1]:F0} ms
                {usage}
                """));
            return 0;
        }
        finally
        {
            web.Kill(entireProcessTree: true);
            await web.WaitForExitAsync();
        }
    }

    /// <summary>An answer other than codeRetour 0 stops the bench.</summary>
    private static async Task CheckAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        if (!response.IsSuccessStatusCode || body.GetProperty("codeRetour").GetInt32() != 0)
            throw new InvalidOperationException($"deposer/flux refused: {(int)response.StatusCode} {body}");
    }
}
