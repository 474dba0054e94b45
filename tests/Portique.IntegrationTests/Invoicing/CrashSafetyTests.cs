using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Portique.Invoicing;
using Portique.Invoicing.Deposit;
using Portique.IntegrationTests.Infrastructure;

namespace Portique.IntegrationTests.Invoicing;

/// <summary>
/// The web host runs as a child process on the test database; it is killed (SIGKILL) while clients deposit flows, then
/// restarted. Every acknowledged flow must be there exactly once, fully integrated, nothing half-written.
/// </summary>
public sealed class CrashSafetyTests(InvoicingApp app) : IClassFixture<InvoicingApp>
{
    // The web host built in the same configuration as this test assembly (bin/<Configuration>/net10.0/): CI builds Release.
    private static readonly string WebDll = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../../../src/Portique.Web/bin",
        new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name, "net10.0/Portique.Web.dll"));

    [Fact]
    public async Task A_server_killed_during_a_stream_of_deposits_loses_no_acknowledged_flow_and_resumes_after_restart()
    {
        Assert.True(File.Exists(WebDll), $"build src/Portique.Web first: {WebDll}");
        var (user, client) = await app.SignedInUserAsync();
        var (_, recipientClient) = await app.SignedInUserAsync();
        var supplierSiret = Unique.Siret();
        var recipientSiret = Unique.Siret();
        var supplierId = await Kit.CreateStructureAsync(client, supplierSiret, isPublic: false);
        await Kit.CreateStructureAsync(recipientClient, recipientSiret);
        var connection = app.Services.GetRequiredService<IConfiguration>()["ConnectionStrings:Portique"]!;

        var acknowledged = new ConcurrentBag<string>();
        using (var first = await WebProcess.StartAsync(connection))
        {
            using var http = new HttpClient { BaseAddress = first.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
            var login = await http.PostAsJsonAsync("/api/v1/account/login", new { email = user.Email, password = PortiqueApp.Password });
            login.EnsureSuccessStatusCode();
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer",
                (await login.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString());

            var depositors = Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
            {
                while (true)
                {
                    try
                    {
                        var number = $"K{Unique.Next()}";
                        var response = await http.PostAsJsonAsync($"/api/v1/structures/{supplierId}/invoices/flows", new
                        {
                            fichierFlux = Convert.ToBase64String(Kit.Ubl(supplierSiret, recipientSiret, number)),
                            nomFichier = $"{number}.xml",
                            syntaxeFlux = "IN_DP_E1_UBL_INVOICE",
                        });
                        if (response.StatusCode == HttpStatusCode.Created)
                            acknowledged.Add((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("numeroFluxDepot").GetString()!);
                    }
                    catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException or JsonException)
                    {
                        return;
                    }
                }
            })).ToList();

            // Kill while deposits stream in and the worker integrates some of them.
            var until = DateTime.UtcNow.AddSeconds(60);
            while (acknowledged.Count < 25 && DateTime.UtcNow < until)
                await Task.Delay(100);
            first.Kill();
            await Task.WhenAll(depositors);
        }
        Assert.True(acknowledged.Count >= 25, $"only {acknowledged.Count} deposits acknowledged before the kill");

        using (await WebProcess.StartAsync(connection))
        {
            var until = DateTime.UtcNow.AddSeconds(180);
            while (await app.Db(db => db.Set<Flow>().CountAsync(f => f.State != FlowState.IN_INTEGRE && f.State != FlowState.IN_REJETE && f.State != FlowState.IN_INTEGRE_PARTIEL)) > 0
                   && DateTime.UtcNow < until)
                await Task.Delay(250);
        }

        var flows = await app.Db(db => db.Set<Flow>().Where(f => f.StructureId == supplierId).Select(f => new { f.Id, f.Number, f.State }).ToListAsync());
        var invoices = await app.Db(db => db.Set<Invoice>().Where(i => i.SupplierStructureId == supplierId).Select(i => new { i.Id, i.FlowId }).ToListAsync());
        var originals = await app.Db(db => db.Set<InvoiceOriginal>().CountAsync(o => db.Set<Invoice>().Any(i => i.Id == o.InvoiceId && i.SupplierStructureId == supplierId)));
        foreach (var number in acknowledged)
            Assert.Single(flows, f => f.Number == number);
        var notIntegrated = flows.Where(f => f.State != FlowState.IN_INTEGRE).Select(f => f.Id).ToList();
        var why = await app.Db(db => db.Set<Flow>().Where(f => notIntegrated.Contains(f.Id)).SelectMany(f => f.Findings.Select(x => x.Rule + " " + x.Message)).ToListAsync());
        Assert.True(notIntegrated.Count == 0, $"{notIntegrated.Count} flows not integrated: {string.Join("; ", why)}");
        Assert.All(flows, f => Assert.Single(invoices, i => i.FlowId == f.Id));
        Assert.Equal(invoices.Count, originals);
        Assert.Equal(0, await app.CountAsync<DepositJob>());
        Console.WriteLine($"crash safety: {acknowledged.Count} acknowledged, {flows.Count} stored, {invoices.Count} invoices after restart");
    }

    /// <summary>
    /// Issue 13, point 2: a flow whose integration takes its node down is taken up by the next node when its lease expires.
    /// Here the node is killed (SIGKILL) while it integrates a large flow, as many times as a job may be attempted; the next
    /// node to claim it then closes it as rejected with the reason, instead of integrating it (or dying on it) forever, and goes
    /// on with the queue.
    /// </summary>
    [Fact]
    public async Task A_flow_whose_node_dies_under_it_is_closed_after_its_attempts_without_a_crash_loop()
    {
        Assert.True(File.Exists(WebDll), $"build src/Portique.Web first: {WebDll}");
        var (client, supplierId, supplierSiret, recipientSiret) = await Kit.SupplierAndRecipientAsync(app);
        var connection = app.Services.GetRequiredService<IConfiguration>()["ConnectionStrings:Portique"]!;
        // A flow long enough to integrate that the kill lands in the middle of it.
        var zip = new MemoryStream();
        using (var archive = new System.IO.Compression.ZipArchive(zip, System.IO.Compression.ZipArchiveMode.Create, leaveOpen: true))
        {
            for (var i = 0; i < Flow.MaxInvoices; i++)
            {
                var number = $"P{Unique.Next()}";
                await using var entry = archive.CreateEntry($"{number}.xml").Open();
                await entry.WriteAsync(Kit.Ubl(supplierSiret, recipientSiret, number));
            }
        }
        var poisoned = await Kit.DepositAsync(client, supplierId, zip.ToArray(), "lot.zip");
        var flowId = await app.Db(db => db.Set<Flow>().Where(f => f.Number == poisoned).Select(f => f.Id).SingleAsync());

        for (var attempt = 1; attempt <= DepositWorker.MaxAttempts; attempt++)
        {
            // The database is watched from the node's start: the kill follows the claim within a few milliseconds.
            // One worker loop: a node claims the job once in its life (a second loop could take over its lease on a slow start).
            using var node = await WebProcess.StartAsync(connection, waitUntilServing: false, new Dictionary<string, string> { ["Invoicing__WorkerLoops"] = "1" });
            var until = DateTime.UtcNow.AddSeconds(180);
            while (await app.Db(db => db.Set<DepositJob>().Where(j => j.FlowId == flowId).Select(j => j.Attempts).SingleAsync()) < attempt
                   && DateTime.UtcNow < until)
                await Task.Delay(20);
            node.Kill();
            var job = await app.Db(db => db.Set<DepositJob>().Where(j => j.FlowId == flowId).Select(j => new { j.Attempts, j.LastError }).SingleAsync());
            Assert.True(attempt == job.Attempts, $"attempt {attempt}: the job was claimed {job.Attempts} times ({job.LastError})\n{node.Output}");
            Assert.False(await app.Db(db => db.Set<Flow>().Where(f => f.Id == flowId).Select(f => f.State == FlowState.IN_INTEGRE || f.State == FlowState.IN_REJETE).SingleAsync()),
                $"the flow was integrated before the kill of attempt {attempt}: the kill did not land mid-job");
        }

        using (var last = await WebProcess.StartAsync(connection))
        {
            var until = DateTime.UtcNow.AddSeconds(120);
            while (await app.Db(db => db.Set<DepositJob>().AnyAsync(j => j.FlowId == flowId)) && DateTime.UtcNow < until)
                await Task.Delay(100);
            // The node that closed it is alive and goes on with the queue.
            var number = $"N{Unique.Next()}";
            var next = await Kit.DepositAsync(client, supplierId, Kit.Ubl(supplierSiret, recipientSiret, number), $"{number}.xml");
            until = DateTime.UtcNow.AddSeconds(120);
            while (await app.Db(db => db.Set<Flow>().Where(f => f.Number == next).Select(f => f.State).SingleAsync()) != FlowState.IN_INTEGRE && DateTime.UtcNow < until)
                await Task.Delay(100);
            Assert.False(last.HasExited);
            Assert.Equal(FlowState.IN_INTEGRE, await app.Db(db => db.Set<Flow>().Where(f => f.Number == next).Select(f => f.State).SingleAsync()));
        }

        Assert.False(await app.Db(db => db.Set<DepositJob>().AnyAsync(j => j.FlowId == flowId)));
        var report = await Kit.ReportAsync(client, supplierId, poisoned);
        Assert.Equal("IN_REJETE", report.GetProperty("etatCourantDepotFlux").GetString());
        Assert.Contains("FLOW_TECHNICAL_ERROR", Kit.Rules(report));
        Assert.Contains(report.GetProperty("erreurs").EnumerateArray(), e => e.GetProperty("message").GetString()!.Contains(
            $"abandonné après {DepositWorker.MaxAttempts} tentatives d'intégration : {DepositWorker.Interrupted}", StringComparison.Ordinal));
        Assert.Equal(0, await app.Db(db => db.Set<Invoice>().CountAsync(i => i.FlowId == flowId)));
    }

    /// <summary>The published web host as a child process on a free port, against the test database, with a short lease.</summary>
    private sealed class WebProcess : IDisposable
    {
        private readonly Process _process;

        private WebProcess(Process process, Uri baseAddress)
        {
            _process = process;
            BaseAddress = baseAddress;
        }

        public Uri BaseAddress { get; }

        public static async Task<WebProcess> StartAsync(string connection, bool waitUntilServing = true, IReadOnlyDictionary<string, string>? settings = null)
        {
            var port = TestMailbox.FreePort();
            var start = new ProcessStartInfo("dotnet", [WebDll])
            {
                WorkingDirectory = Path.GetDirectoryName(WebDll)!,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
            start.Environment["ASPNETCORE_ENVIRONMENT"] = "Testing";
            start.Environment["Database__Provider"] = TestDatabase.ProviderName;
            start.Environment["ConnectionStrings__Portique"] = connection;
            start.Environment["Mail__Worker"] = "false";
            start.Environment["Mail__Host"] = "127.0.0.1";
            start.Environment["Invoicing__LeaseSeconds"] = "3";
            foreach (var (key, value) in settings ?? new Dictionary<string, string>())
                start.Environment[key] = value;
            var process = Process.Start(start)!;
            var web = new WebProcess(process, new Uri($"http://127.0.0.1:{port}"));
            process.OutputDataReceived += (_, e) => web.Keep(e.Data);
            process.ErrorDataReceived += (_, e) => web.Keep(e.Data);
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            if (!waitUntilServing)
                return web;
            using var probe = new HttpClient { BaseAddress = web.BaseAddress, Timeout = TimeSpan.FromSeconds(2) };
            for (var i = 0; i < 120; i++)
            {
                try
                {
                    await probe.GetAsync("/");
                    return web;
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                {
                    await Task.Delay(500);
                }
            }
            web.Dispose();
            throw new InvalidOperationException("the web host did not start");
        }

        private readonly ConcurrentQueue<string> _output = new();

        public bool HasExited => _process.HasExited;

        /// <summary>The node's last lines of log, for a failure message.</summary>
        public string Output => string.Join("\n", _output);

        private void Keep(string? line)
        {
            if (line is null)
                return;
            _output.Enqueue(line);
            while (_output.Count > 200)
                _output.TryDequeue(out _);
        }

        /// <summary>SIGKILL: no shutdown, no flush, as a crash.</summary>
        public void Kill() => _process.Kill(entireProcessTree: true);

        public void Dispose()
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit();
            }
            _process.Dispose();
        }
    }
}
