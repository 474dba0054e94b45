using System.Globalization;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Portique.Invoicing;
using Portique.IntegrationTests.Infrastructure;
using Portique.IntegrationTests.Invoicing;

namespace Portique.IntegrationTests.Browser;

/// <summary>Issue 17 point 9 in a real browser: the operators' statistics show invoices by channel and month, flows and approvals.</summary>
public sealed class StatisticsBrowserTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [SkippableBrowserFact]
    public async Task Operators_see_the_activity_since_go_live_by_channel_and_month()
    {
        var supplierUser = await app.CreateUserAsync(Unique.Email("fournisseur"));
        var supplier = await app.ClientForAsync(supplierUser.Email!);
        var supplierSiret = Unique.Siret();
        var supplierId = await Kit.CreateStructureAsync(supplier, supplierSiret, isPublic: false, vatNumber: $"FR00{supplierSiret[..9]}");
        var recipientSiret = Unique.Siret();
        await Kit.CreateStructureAsync(await app.ClientForAsync((await app.CreateUserAsync()).Email!), recipientSiret, isPublic: true);
        var entry = await supplier.PostAsJsonAsync($"/api/v1/structures/{supplierId}/invoices/entries", new
        {
            numeroFacture = $"S{Unique.Next()}", dateFacture = "2026-11-20", identifiantDestinataire = recipientSiret,
            lignes = new[] { new { designation = "Maintenance", quantite = 1m, prixUnitaireHt = 100m, tauxTva = 20m } },
        });
        Assert.True(entry.IsSuccessStatusCode, await entry.Content.ReadAsStringAsync());
        await Kit.DepositAsync(supplier, supplierId, Kit.Ubl(supplierSiret, recipientSiret, $"F{Unique.Next()}"), "facture.xml");
        var requester = await app.ClientForAsync((await app.CreateUserAsync()).Email!);
        (await requester.PostAsJsonAsync("/api/v1/approvals/attachment-requests", new { identifierType = "SIRET", identifier = recipientSiret })).EnsureSuccessStatusCode();
        for (var i = 0; i < 120 && await app.Db(db => db.Set<Invoice>().CountAsync(x => x.SupplierStructureId == supplierId)) < 2; i++)
            await Task.Delay(500);

        var op = await app.CreateUserAsync(Unique.Email("op"), isOperator: true);
        var page = await app.NewPageAsync();
        page.SetDefaultTimeout(60_000);
        await BrowserApp.SignInAsync(page, op.Email!);
        await page.GotoAsync("/Statistics");
        await FrenchText.AssertPageIsFrenchAsync(page);

        Assert.Equal("2", await page.InnerTextAsync("#invoices-total"));
        Assert.Equal("2", await page.InnerTextAsync("#flows-total"));
        Assert.Equal("1", await page.InnerTextAsync("#approvals-total"));
        var channels = FrenchText.Spaces(await page.InnerTextAsync("#activity-totals"));
        Assert.Contains("Dépôt de flux", channels, StringComparison.Ordinal);
        Assert.Contains("Saisie en ligne", channels, StringComparison.Ordinal);
        Assert.Contains("En attente 1", FrenchText.Spaces(await page.InnerTextAsync("#approvals-by-state")), StringComparison.Ordinal);
        var month = app.Clock.GetUtcNow().ToString("yyyy-MM", CultureInfo.InvariantCulture);
        var row = page.Locator($"#activity-months tr[data-month='{month}']");
        Assert.Equal("2", await row.Locator("td.invoices").InnerTextAsync());
        Assert.Equal("1", await row.Locator("td[data-channel='SAISIE']").InnerTextAsync());
        Assert.Equal("1", await row.Locator("td[data-channel='DEPOT_FLUX']").InnerTextAsync());
        Assert.Equal("2", await row.Locator("td.flows").InnerTextAsync());
        Assert.Equal("1", await row.Locator("td.approvals").InnerTextAsync());
        Assert.StartsWith($"{month[5..]}/{month[..4]}", await row.Locator("th").InnerTextAsync(), StringComparison.Ordinal);
        // Chart.js drew both charts (a drawn canvas has a rendering size and a chart attached).
        foreach (var id in new[] { "activity-chart", "invoices-chart" })
            Assert.True(await page.EvaluateAsync<bool>($"() => !!Chart.getChart(document.getElementById('{id}'))"), $"{id} drawn");
    }
}
