using System.Net;
using System.Text;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portique.Invoicing;
using Portique.Invoicing.Consult;
using Portique.Invoicing.Deposit;
using Portique.IntegrationTests.Infrastructure;

namespace Portique.IntegrationTests.Invoicing;

/// <summary>Issue 13, point 3: renderings are bounded in size and cached; a deposit batch holds a bounded amount of decompressed documents.</summary>
public sealed class RenderingBoundsTests(RenderingBoundsTests.SmallBudgetApp app) : IClassFixture<RenderingBoundsTests.SmallBudgetApp>
{
    /// <summary>A node whose batches may hold 1 byte of decompressed documents: every flow after the first waits for the next batch.</summary>
    public sealed class SmallBudgetApp : InvoicingApp
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Invoicing:BatchExpandedBytes", "1");
        }
    }

    private Task<(HttpClient Supplier, long SupplierId, string SupplierSiret, string RecipientSiret)> PartiesAsync() => Kit.SupplierAndRecipientAsync(app);

    [Fact]
    public async Task A_valid_invoice_with_a_huge_note_is_stored_but_its_rendering_is_refused_at_once()
    {
        var (client, id, siret, recipientSiret) = await PartiesAsync();
        var number = $"N{Unique.Next()}";
        var xml = Encoding.UTF8.GetString(Kit.Ubl(siret, recipientSiret, number))
            .Replace("<cbc:Note>text</cbc:Note>", $"<cbc:Note>{new string('x', 3_000_000)}</cbc:Note>", StringComparison.Ordinal);
        var flow = await Kit.DepositAsync(client, id, Encoding.UTF8.GetBytes(xml), $"{number}.xml");
        await app.ProcessDepositsAsync();
        Assert.Equal("IN_INTEGRE", (await Kit.ReportAsync(client, id, flow)).GetProperty("etatCourantDepotFlux").GetString());
        var invoiceId = await app.Db(db => db.Set<Invoice>().Where(i => i.SupplierStructureId == id && i.Number == number).Select(i => i.Id).SingleAsync());

        foreach (var kind in new[] { "pdf", "html" })
        {
            var response = await client.GetAsync($"/api/v1/structures/{id}/invoices/sent/{invoiceId}/{kind}");
            await Kit.AssertProblem(response, HttpStatusCode.UnprocessableEntity, "INVOICE_RENDERING_TOO_LARGE");
        }
        // The original stays available as it was deposited.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/v1/structures/{id}/invoices/sent/{invoiceId}/original")).StatusCode);
    }

    [Fact]
    public async Task An_invoice_is_rendered_once_and_then_served_from_the_cache()
    {
        var (client, id, siret, recipientSiret) = await PartiesAsync();
        var number = $"C{Unique.Next()}";
        await Kit.DepositAsync(client, id, Kit.Ubl(siret, recipientSiret, number), $"{number}.xml");
        await app.ProcessDepositsAsync();
        var invoiceId = await app.Db(db => db.Set<Invoice>().Where(i => i.SupplierStructureId == id && i.Number == number).Select(i => i.Id).SingleAsync());
        var renderings = app.Services.GetRequiredService<InvoiceRenderings>();

        var first = await client.GetByteArrayAsync($"/api/v1/structures/{id}/invoices/sent/{invoiceId}/pdf");
        var computed = renderings.Computed;
        var second = await client.GetByteArrayAsync($"/api/v1/structures/{id}/invoices/sent/{invoiceId}/pdf");

        Assert.StartsWith("%PDF-", Encoding.ASCII.GetString(first, 0, 5), StringComparison.Ordinal);
        Assert.Equal(first, second);
        Assert.Equal(computed, renderings.Computed);
        // The cache does not bypass the access check: another structure is still refused.
        var (_, outsider) = await app.SignedInUserAsync();
        Assert.Equal(HttpStatusCode.Forbidden, (await outsider.GetAsync($"/api/v1/structures/{id}/invoices/sent/{invoiceId}/pdf")).StatusCode);
    }

    [Fact]
    public async Task A_batch_past_its_decompression_budget_leaves_the_other_flows_for_the_next_batch()
    {
        var (client, id, siret, recipientSiret) = await PartiesAsync();
        var flows = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            var number = $"B{Unique.Next()}";
            flows.Add(await Kit.DepositAsync(client, id, Kit.Ubl(siret, recipientSiret, number), $"{number}.xml"));
        }
        var worker = app.Services.GetRequiredService<DepositWorker>();

        Assert.True(await worker.ProcessOnceAsync(CancellationToken.None));

        var states = await app.Db(db => db.Set<Flow>().Where(f => f.StructureId == id).Select(f => f.State).ToListAsync());
        Assert.Equal(1, states.Count(s => s == FlowState.IN_INTEGRE));
        Assert.Equal(2, await app.Db(db => db.Set<DepositJob>().CountAsync()));
        await app.ProcessDepositsAsync();
        foreach (var flow in flows)
            Assert.Equal("IN_INTEGRE", (await Kit.ReportAsync(client, id, flow)).GetProperty("etatCourantDepotFlux").GetString());
        Assert.Equal(0, await app.Db(db => db.Set<DepositJob>().CountAsync()));
    }
}
