using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Portique.Accounts;
using Portique.Common.Data;
using Portique.Invoicing;
using Portique.Organisation;

namespace Portique.Benchmarks.Db.Invoicing;

/// <summary>
/// Deposit-to-integrated throughput through the JSON API on PostgreSQL: the web host (Release build) runs as a child
/// process with its deposit worker; concurrent clients on the same machine deposit typical UBL invoices (one per flow).
/// Throughput and latencies come from the flows' own timestamps (received → integrated), so polling costs nothing.
/// </summary>
internal static class DepositThroughputBench
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
            await DepositBenchWorld.SignInAsync(http);
            object Request(byte[] content, int n) => new { fichierFlux = Convert.ToBase64String(content), nomFichier = $"B{n}.xml", syntaxeFlux = "IN_DP_E1_UBL_INVOICE" };
            var path = $"/api/v1/structures/{supplierId}/invoices/flows";
            static Task Check(HttpResponseMessage response) => Task.FromResult(response.EnsureSuccessStatusCode());
            await DepositBenchWorld.PostAllAsync(http, path, world.Bodies("W", o.WarmUp, Request), clients, Check);
            if (loops > 0)
                await WaitAsync(connection, o.WarmUp);

            var bodies = world.Bodies("B", o.Queries, Request);
            static double At(double[] values, double q) => values[Math.Min(values.Length - 1, (int)Math.Ceiling(q * values.Length) - 1)];
            var cpu = CpuMeter.Start(web, connection);
            var wall = Stopwatch.StartNew();
            var acks = (await DepositBenchWorld.PostAllAsync(http, path, bodies, clients, Check)).Order().ToArray();
            var deposited = wall.Elapsed;
            if (loops == 0)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"""
                    acknowledgement alone (no deposit worker): {o.Queries} deposits in {deposited.TotalSeconds:F1} s: {o.Queries / deposited.TotalSeconds:F1} deposits/s; p50 {At(acks, 0.5):F1} ms, p95 {At(acks, 0.95):F1} ms
                    {cpu.Report(o.Queries, deposited)}
                    """));
                return 0;
            }
            await WaitAsync(connection, o.WarmUp + o.Queries);
            var total = wall.Elapsed;
            var usage = cpu.Report(o.Queries, total);

            await using var db = world.OpenDb();
            var flows = await db.Set<Flow>().OrderBy(f => f.Id).Skip(o.WarmUp).Select(f => new { f.ReceivedAt, f.StateChangedAt, f.State }).ToListAsync();
            var latencies = flows.Select(f => (f.StateChangedAt - f.ReceivedAt).TotalMilliseconds).Order().ToArray();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"""
                {o.Queries} UBL invoices (one per flow), {clients} concurrent clients, {loops} worker loop(s), all {flows.Count(f => f.State == FlowState.IN_INTEGRE)} integrated
                deposits acknowledged in {deposited.TotalSeconds:F1} s: {o.Queries / deposited.TotalSeconds:F1} deposits/s; acknowledgement p50 {At(acks, 0.5):F1} ms, p95 {At(acks, 0.95):F1} ms
                all integrated after {total.TotalSeconds:F1} s: {o.Queries / total.TotalSeconds:F1} invoices/s deposit-to-integrated
                received → integrated per flow: p50 {At(latencies, 0.5):F0} ms, p95 {At(latencies, 0.95):F0} ms, max {latencies[^1]:F0} ms
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

    internal static async Task WaitAsync(string connection, int flows)
    {
        await using var conn = new NpgsqlConnection(connection);
        await conn.OpenAsync();
        while (true)
        {
            await using var cmd = new NpgsqlCommand("SELECT count(*) FROM flows WHERE \"State\" IN ('IN_INTEGRE', 'IN_INTEGRE_PARTIEL', 'IN_REJETE')", conn);
            if ((long)(await cmd.ExecuteScalarAsync())! >= flows)
                return;
            await Task.Delay(200);
        }
    }

    internal static async Task<string> RecreateDatabaseAsync(BenchOptions o)
    {
        await using var server = new NpgsqlConnection(o.Server);
        await server.OpenAsync();
        await using (var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{o.Database}\" WITH (FORCE)", server))
            await drop.ExecuteNonQueryAsync();
        await using (var create = new NpgsqlCommand($"CREATE DATABASE \"{o.Database}\"", server))
            await create.ExecuteNonQueryAsync();
        return new NpgsqlConnectionStringBuilder(o.Server) { Database = o.Database }.ConnectionString;
    }

    internal static int FreePort()
    {
        using var listener = new TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
