using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Portique.IntegrationTests.Infrastructure;
using Portique.IntegrationTests.Invoicing;

namespace Portique.IntegrationTests.Statistics;

/// <summary>Issue 17 point 9: besides creations, the activity since go-live: invoices by channel and month, flows, approvals.</summary>
public sealed class InvoiceActivityTests(InvoicingApp app) : IClassFixture<InvoicingApp>
{
    [Fact]
    public async Task Invoices_by_channel_flows_and_approvals_are_counted_per_month_and_since_go_live()
    {
        var (_, supplier) = await app.SignedInUserAsync();
        var (_, recipient) = await app.SignedInUserAsync();
        var supplierSiret = Unique.Siret();
        var supplierId = await Kit.CreateStructureAsync(supplier, supplierSiret, isPublic: false, vatNumber: $"FR00{supplierSiret[..9]}");
        var recipientSiret = Unique.Siret();
        var recipientId = await Kit.CreateStructureAsync(recipient, recipientSiret, isPublic: true);
        // Two invoices entered on the form (SAISIE), one deposited as a flow (DEPOT_FLUX); each takes the flow path.
        foreach (var number in new[] { $"S{Unique.Next()}", $"S{Unique.Next()}" })
        {
            var entry = await supplier.PostAsJsonAsync($"/api/v1/structures/{supplierId}/invoices/entries", new
            {
                numeroFacture = number, dateFacture = "2026-11-20", dateEcheance = "2027-01-20", identifiantDestinataire = recipientSiret,
                lignes = new[] { new { designation = "Maintenance", quantite = 1m, prixUnitaireHt = 100m, tauxTva = 20m } },
            });
            Assert.True(entry.StatusCode == HttpStatusCode.Created, await entry.Content.ReadAsStringAsync());
        }
        await Kit.DepositAsync(supplier, supplierId, Kit.Ubl(supplierSiret, recipientSiret, $"F{Unique.Next()}"), "facture.xml");
        await app.ProcessDepositsAsync();
        // One attachment request, approved; one left waiting.
        foreach (var approve in new[] { true, false })
        {
            var (_, requester) = await app.SignedInUserAsync();
            var asked = await requester.PostAsJsonAsync("/api/v1/approvals/attachment-requests", new { identifierType = "SIRET", identifier = recipientSiret });
            Assert.Equal(HttpStatusCode.Created, asked.StatusCode);
            var id = (await asked.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
            if (approve)
                (await recipient.PostAsync($"/api/v1/structures/{recipientId}/approvals/{id}/approve", null)).EnsureSuccessStatusCode();
        }

        var (_, operatorClient) = await app.SignedInUserAsync(isOperator: true);
        var month = app.Clock.GetUtcNow().ToString("yyyy-MM", CultureInfo.InvariantCulture);
        var activity = await operatorClient.GetFromJsonAsync<JsonElement>($"/api/v1/statistics/activity?from={month}&to={month}");

        var m = Assert.Single(activity.GetProperty("months").EnumerateArray());
        Assert.Equal(3, m.GetProperty("invoices").GetInt64());
        Assert.Equal(2, m.GetProperty("invoicesByChannel").GetProperty("SAISIE").GetInt64());
        Assert.Equal(1, m.GetProperty("invoicesByChannel").GetProperty("DEPOT_FLUX").GetInt64());
        Assert.Equal(0, m.GetProperty("invoicesByChannel").GetProperty("DEPOT_PDF").GetInt64());
        Assert.Equal(3, m.GetProperty("flows").GetInt64());
        Assert.Equal(2, m.GetProperty("approvalsRequested").GetInt64());
        Assert.Equal(1, m.GetProperty("approvalsDecided").GetInt64());
        Assert.Equal(["DEPOT_FLUX", "SAISIE", "DEPOT_PDF"], activity.GetProperty("channels").EnumerateArray().Select(c => c.GetString()));
        var total = activity.GetProperty("sinceGoLive");
        Assert.Equal(3, total.GetProperty("invoices").GetInt64());
        Assert.Equal(3, total.GetProperty("flowsByState").GetProperty("IN_INTEGRE").GetInt64());
        Assert.Equal(1, total.GetProperty("approvalsByState").GetProperty("Approved").GetInt64());
        Assert.Equal(1, total.GetProperty("approvalsByState").GetProperty("Pending").GetInt64());
        // A month before the activity counts none of it, while the totals since go-live still do.
        var before = app.Clock.GetUtcNow().AddMonths(-2).ToString("yyyy-MM", CultureInfo.InvariantCulture);
        var empty = await operatorClient.GetFromJsonAsync<JsonElement>($"/api/v1/statistics/activity?from={before}&to={before}");
        Assert.Equal(0, empty.GetProperty("invoicesInRange").GetInt64());
        Assert.Equal(3, empty.GetProperty("sinceGoLive").GetProperty("invoices").GetInt64());

        var csv = await operatorClient.GetStringAsync($"/api/v1/statistics/activity.csv?from={month}&to={month}");
        Assert.EndsWith($";3;1;2;0;3;2;1\n", csv, StringComparison.Ordinal);
    }
}
