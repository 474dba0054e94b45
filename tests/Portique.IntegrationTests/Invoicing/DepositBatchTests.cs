using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Portique.Common.Mail;
using Portique.Invoicing;
using Portique.Invoicing.Deposit;
using Portique.IntegrationTests.Infrastructure;

namespace Portique.IntegrationTests.Invoicing;

/// <summary>The deposit worker integrates batches of flows (docs/decisions/0014): same checks and reports as flow by flow.</summary>
public sealed class DepositBatchTests(InvoicingApp app) : IClassFixture<InvoicingApp>
{
    [Fact]
    public async Task One_batch_refuses_a_number_repeated_by_another_flow_of_the_batch_and_notifies_each_invoice()
    {
        var (supplierUser, supplier) = await app.SignedInUserAsync();
        var (otherUser, other) = await app.SignedInUserAsync();
        var (recipientUser, recipient) = await app.SignedInUserAsync();
        long[] notified = [supplierUser.Id, otherUser.Id, recipientUser.Id];
        await app.Db(async db =>
        {
            foreach (var user in await db.Users.Where(u => notified.Contains(u.Id)).ToListAsync())
                user.NotifyInvoicing = true;
            return await db.SaveChangesAsync();
        });
        var supplierSiret = Unique.Siret();
        var otherSiret = Unique.Siret();
        var recipientSiret = Unique.Siret();
        var supplierId = await Kit.CreateStructureAsync(supplier, supplierSiret, isPublic: false);
        var otherId = await Kit.CreateStructureAsync(other, otherSiret, isPublic: false);
        await Kit.CreateStructureAsync(recipient, recipientSiret);
        var number = $"R{Unique.Next()}";
        var mailsBefore = await app.CountAsync<OutboxMessage>();

        var first = await Kit.DepositAsync(supplier, supplierId, Kit.Ubl(supplierSiret, recipientSiret, number), "first.xml");
        var repeated = await Kit.DepositAsync(supplier, supplierId, Kit.Ubl(supplierSiret, recipientSiret, number), "repeated.xml");
        var fresh = await Kit.DepositAsync(supplier, supplierId, Kit.Ubl(supplierSiret, recipientSiret, $"F{Unique.Next()}"), "fresh.xml");
        // The same number from another supplier is another invoice.
        var otherSupplier = await Kit.DepositAsync(other, otherId, Kit.Ubl(otherSiret, recipientSiret, number), "other.xml");

        // A worker that records its warnings: the batch must pass as one, not through the flow-by-flow fallback.
        var log = new RecordingLogger();
        using var worker = new DepositWorker(app.Services.GetRequiredService<IServiceScopeFactory>(), app.Services.GetRequiredService<DepositSignal>(),
            app.Clock, app.Services.GetRequiredService<IConfiguration>(), log);
        Assert.True(await worker.ProcessOnceAsync(CancellationToken.None));
        Assert.False(await worker.ProcessOnceAsync(CancellationToken.None));
        Assert.Empty(log.Warnings);

        Assert.Equal("IN_INTEGRE", (await Kit.ReportAsync(supplier, supplierId, first)).GetProperty("etatCourantDepotFlux").GetString());
        var report = await Kit.ReportAsync(supplier, supplierId, repeated);
        Assert.Equal("IN_REJETE", report.GetProperty("etatCourantDepotFlux").GetString());
        Assert.Equal("INVOICE_NUMBER_DUPLICATE", Assert.Single(Kit.Rules(report)));
        Assert.Equal("IN_INTEGRE", (await Kit.ReportAsync(supplier, supplierId, fresh)).GetProperty("etatCourantDepotFlux").GetString());
        Assert.Equal("IN_INTEGRE", (await Kit.ReportAsync(other, otherId, otherSupplier)).GetProperty("etatCourantDepotFlux").GetString());
        // Each supplier's manager is told of each of its three invoices (the recipient's manager too).
        Assert.Equal(mailsBefore + 6, await app.CountAsync<OutboxMessage>());
    }

    [Fact]
    public async Task Several_workers_with_small_batches_drain_the_same_queue_and_integrate_each_flow_once()
    {
        var (_, supplier) = await app.SignedInUserAsync();
        var (_, recipient) = await app.SignedInUserAsync();
        var supplierSiret = Unique.Siret();
        var recipientSiret = Unique.Siret();
        var supplierId = await Kit.CreateStructureAsync(supplier, supplierSiret, isPublic: false);
        await Kit.CreateStructureAsync(recipient, recipientSiret);
        var flows = new List<string>();
        for (var i = 0; i < 12; i++)
            flows.Add(await Kit.DepositAsync(supplier, supplierId, Kit.Ubl(supplierSiret, recipientSiret, $"W{Unique.Next()}"), $"w{i}.xml"));

        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Invoicing:BatchSize"] = "3" }).Build();
        var workers = Enumerable.Range(0, 3).Select(_ => new DepositWorker(app.Services.GetRequiredService<IServiceScopeFactory>(),
            app.Services.GetRequiredService<DepositSignal>(), app.Clock, config, NullLogger<DepositWorker>.Instance)).ToList();
        int[] batches;
        try
        {
            batches = await Task.WhenAll(workers.Select(w => Task.Run(async () =>
            {
                var count = 0;
                while (await w.ProcessOnceAsync(CancellationToken.None))
                    count++;
                return count;
            })));
        }
        finally
        {
            workers.ForEach(w => w.Dispose());
        }

        Assert.True(batches.Sum() >= 4, $"batches of at most 3 flows: {string.Join(", ", batches)}");
        foreach (var flow in flows)
        {
            var report = await Kit.ReportAsync(supplier, supplierId, flow);
            Assert.Equal("IN_INTEGRE", report.GetProperty("etatCourantDepotFlux").GetString());
            Assert.Equal(1, report.GetProperty("factures").GetArrayLength());
        }
        Assert.Equal(0, await app.CountAsync<DepositJob>());
        Assert.Equal(12, await app.Db(db => db.Set<Invoice>().CountAsync(i => i.SupplierStructureId == supplierId)));
    }

    private sealed class RecordingLogger : ILogger<DepositWorker>
    {
        public List<string> Warnings { get; } = [];

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (logLevel >= LogLevel.Warning)
                Warnings.Add(formatter(state, exception));
        }
    }
}
