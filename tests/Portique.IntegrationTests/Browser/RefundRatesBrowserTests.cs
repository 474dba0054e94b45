using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Portique.IntegrationTests.Infrastructure;
using Portique.Refunds;
using static Portique.IntegrationTests.Refunds.RefundKit;

namespace Portique.IntegrationTests.Browser;

/// <summary>
/// Issue 17 point 8 in a real browser (and the refund proofs of point 5): the form opens on a year that has rates, says which
/// years and products have none, puts the unit beside every quantity; the Barème shows every year from 2019 with the source of
/// each published rate and lets operators enter a missing one; the invoice copy of a line opens for the farmer and the customs.
/// </summary>
public sealed class RefundRatesBrowserTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [SkippableBrowserFact]
    public async Task The_form_defaults_to_a_year_with_rates_and_units_and_sources_are_shown()
    {
        // December 2026: requests are open for 2023 to 2026; 2024 and later have no published rate in the table.
        app.Clock.AdjustTime(Paris(2026, 12, 7));
        var farm = await FarmAsync(app, "EARL des Sources");
        var page = await NewPageAsync();
        await BrowserApp.SignInAsync(page, farm.Owner.Email!);
        await page.GotoAsync($"/Refunds/{farm.StructureId}/Create");
        await FrenchText.AssertPageIsFrenchAsync(page);
        Assert.Equal("2023", await page.InnerTextAsync("#delivery-year"));
        var years = await page.Locator("#year-choice option").AllInnerTextsAsync();
        Assert.Contains(years, y => y.StartsWith("2025", StringComparison.Ordinal) && y.Contains("taux non publiés", StringComparison.Ordinal));
        Assert.Contains("2023", years);

        // The unit follows the product chosen on each line.
        await page.SelectOptionAsync("select[name='Lines[0].Product']", "GazoleNonRoutier");
        Assert.Equal("hl", await page.InnerTextAsync("#unit-0"));
        await page.SelectOptionAsync("select[name='Lines[0].Product']", "Gpl");
        Assert.Equal("100 kg", await page.InnerTextAsync("#unit-0"));
        await page.SelectOptionAsync("select[name='Lines[1].Product']", "GazNaturelCombustible");
        Assert.Equal("MWh", await page.InnerTextAsync("#unit-1"));

        // Filed for 2023 with an invoice copy: the request shows the unit beside the quantity and its copy opens.
        await page.FillAsync("#BankDetailsReference", "FR76 3000 4000 0500 0012 3456 789");
        await page.CheckAsync("#SwornNotInDifficulty");
        await page.FillAsync("input[name='Lines[0].InvoiceNumber']", $"FAC-{Unique.Next()}");
        await page.FillAsync("input[name='Lines[0].DeliveryDate']", "2023-06-01");
        await page.FillAsync("input[name='Lines[0].Quantity']", "20,5");
        await page.SetInputFilesAsync("input[name='Lines[0].File']", new FilePayload { Name = "facture-gpl.pdf", MimeType = "application/pdf", Buffer = Pdf });
        await page.SelectOptionAsync("select[name='Lines[1].Product']", "");
        await page.ClickAsync("#submit-refund");
        await page.WaitForSelectorAsync("#refund-lines");
        var row = FrenchText.Spaces(await page.InnerTextAsync("#refund-lines tbody tr"));
        Assert.Contains("20,50 100 kg", row, StringComparison.Ordinal);
        Assert.Contains("5,72 €/100 kg", row, StringComparison.Ordinal);
        var copy = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("#refund-lines a:text('facture-gpl.pdf')"));
        Assert.Equal(Pdf, await File.ReadAllBytesAsync((await copy.PathAsync())!));
        var refundId = await app.Db(db => db.Set<RefundRequest>().Where(r => r.StructureId == farm.StructureId).Select(r => r.Id).SingleAsync());
        var officer = await app.CreateUserAsync(Unique.Email("douane"));
        await MakeCustomsAsync(app, officer);
        var customs = await NewPageAsync();
        await BrowserApp.SignInAsync(customs, officer.Email!);
        await customs.GotoAsync($"/Refunds/Douane/{refundId}");
        var customsCopy = await customs.RunAndWaitForDownloadAsync(() => customs.ClickAsync("#refund-lines a:text('facture-gpl.pdf')"));
        Assert.Equal(Pdf, await File.ReadAllBytesAsync((await customsCopy.PathAsync())!));

        // 2025: no refund for GNR any more, the other rates not published yet: the form says so instead of a silent gap.
        await page.GotoAsync($"/Refunds/{farm.StructureId}/Create?Year=2025");
        var missing = FrenchText.Spaces(await page.InnerTextAsync("#missing-rates"));
        Assert.Contains("Gazole non routier : pas de remboursement pour cette année", missing, StringComparison.Ordinal);
        Assert.Contains("Fioul lourd : taux pas encore publié", missing, StringComparison.Ordinal);

        // The Barème: 2019 to 2026, each published rate with its source, the unknown ones to be entered.
        var op = await app.CreateUserAsync(Unique.Email("op"), isOperator: true);
        var opPage = await NewPageAsync();
        await BrowserApp.SignInAsync(opPage, op.Email!);
        await opPage.GotoAsync("/Refunds/Rates");
        await FrenchText.AssertPageIsFrenchAsync(opPage);
        for (var year = 2019; year <= 2026; year++)
            Assert.Equal(RefundProducts.All.Count, await opPage.Locator($"#rates tr[data-year='{year}']").CountAsync());
        var gnr2021 = FrenchText.Spaces(await opPage.InnerTextAsync("#rates tr[data-year='2021'][data-product='GazoleNonRoutier']"));
        Assert.Contains("14,96 €/hl", gnr2021, StringComparison.Ordinal);
        Assert.Contains("Publié : Instruction du 28 mars 2022", gnr2021, StringComparison.Ordinal);
        Assert.Contains("Taux non publié — à saisir", await opPage.InnerTextAsync("#rates tr[data-year='2025'][data-product='FioulLourd']"), StringComparison.Ordinal);
        Assert.Contains("Sans objet", await opPage.InnerTextAsync("#rates tr[data-year='2025'][data-product='GazoleNonRoutier']"), StringComparison.Ordinal);

        // An operator enters the 2025 fuel oil rate once published (a test value here): the form offers it at once.
        await opPage.FillAsync("#RateYear", "2025");
        await opPage.SelectOptionAsync("#RateProduct", "FioulLourd");
        await opPage.FillAsync("#RateValue", "13,7");
        await opPage.ClickAsync("#set-rate button[type=submit]");
        await opPage.WaitForSelectorAsync(".notice");
        Assert.Contains("Saisi par un opérateur", await opPage.InnerTextAsync("#rates tr[data-year='2025'][data-product='FioulLourd']"), StringComparison.Ordinal);
        await page.GotoAsync($"/Refunds/{farm.StructureId}/Create?Year=2025");
        Assert.Equal(1, await page.Locator("select[name='Lines[0].Product'] option[value='FioulLourd']").CountAsync());
        Assert.Equal(0, await page.Locator("select[name='Lines[0].Product'] option[value='GazoleNonRoutier']").CountAsync());
    }

    private async Task<IPage> NewPageAsync()
    {
        var page = await app.NewPageAsync();
        page.SetDefaultTimeout(60_000);
        return page;
    }
}
