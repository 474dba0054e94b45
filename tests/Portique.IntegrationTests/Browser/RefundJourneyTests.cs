using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Portique.IntegrationTests.Infrastructure;
using Portique.Refunds;
using static Portique.IntegrationTests.Refunds.RefundKit;

namespace Portique.IntegrationTests.Browser;

/// <summary>Issue 6 in a real browser: the April 2022 automatic advance, then 2022 requests with the advance box unticked and ticked.</summary>
public sealed class RefundJourneyTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [SkippableBrowserFact]
    public async Task Farmers_file_with_the_automatic_advance_in_April_then_with_the_box_unticked_and_ticked()
    {
        // 15 April 2022: a 2021 request gets the advance without asking, and the form has no advance box.
        app.Clock.AdjustTime(Paris(2022, 4, 15));
        var april = await FarmAsync(app, "GAEC d'Avril");
        var page = await SignedInAsync(april);
        await page.GotoAsync($"/Refunds/{april.StructureId}/Create?Year=2021");
        Assert.Equal(0, await page.Locator("#references").CountAsync());
        // Without the sworn statement the form is refused on the page, with the stable code.
        await page.FillAsync("#BankDetailsReference", "FR76 3000 4000 0500 0012 3456 789");
        await page.ClickAsync("#submit-refund");
        await page.WaitForSelectorAsync("#refusal");
        Assert.Contains("REFUND_SWORN_STATEMENT_REQUIRED", await page.InnerTextAsync("#refusal"), StringComparison.Ordinal);
        Assert.Equal(0, await app.Db(db => db.Set<RefundRequest>().CountAsync(r => r.StructureId == april.StructureId)));
        await FillHeaderAsync(page);
        await FillLineAsync(page, 0, "2021-06-01", "GazoleNonRoutier", "100");
        await FillLineAsync(page, 1, "2021-09-15", "Gpl", "20,5");
        await page.ClickAsync("#submit-refund");
        await page.WaitForSelectorAsync(".notice");
        // 100 hl × 14.96 + 20.5 × 100 kg × 5.72 = 1 496.00 + 117.26 = 1 613.26; the advance is 25 % of it.
        var notice = await page.InnerTextAsync(".notice");
        Assert.Contains($"remboursement demandé {RefundMoney.Format(1613.26m)}", notice, StringComparison.Ordinal);
        Assert.Contains($"L'avance de 25 % sur vos livraisons 2022 vous est accordée automatiquement : {RefundMoney.Format(403.32m)}", notice, StringComparison.Ordinal);
        Assert.Contains(RefundMoney.Format(403.32m), await page.InnerTextAsync("#advance-granted"), StringComparison.Ordinal);
        Assert.Equal(2, await page.Locator("#refund-lines tbody tr").CountAsync());

        // Two other farms filed their 2021 request in May, outside the automatic window.
        app.Clock.AdjustTime(Paris(2022, 5, 10));
        var unticking = await FarmAsync(app, "EARL du Moulin");
        var ticking = await FarmAsync(app, "CUMA des Collines");
        await FileAsync(unticking.Client, unticking.StructureId, Request(2021, [Line("2021-06-01", "GNR", 100m)]));
        await FileAsync(ticking.Client, ticking.StructureId, Request(2021, [Line("2021-06-01", "GNR", 100m)]));

        // June 2022: the 2022 form offers the advance box, ticked by default; one farmer unticks it.
        app.Clock.AdjustTime(Paris(2022, 6, 15));
        page = await SignedInAsync(unticking);
        await page.GotoAsync($"/Refunds/{unticking.StructureId}/Create?Year=2022");
        Assert.True(await page.IsCheckedAsync("#RequestAdvance"), "the advance box is ticked by default");
        await FillHeaderAsync(page);
        await FillLineAsync(page, 0, "2022-05-02", "GazoleNonRoutier", "40");
        await page.UncheckAsync("#RequestAdvance");
        await page.ClickAsync("#submit-refund");
        await page.WaitForSelectorAsync(".notice");
        Assert.DoesNotContain("avance", await page.InnerTextAsync(".notice"), StringComparison.Ordinal);
        Assert.Null(await AdvanceOfAsync(unticking.StructureId, 2022));

        // Another structure leaves it ticked: the confirmation says so, with 25 % of its 2021 refund (1 496.00).
        page = await SignedInAsync(ticking);
        await page.GotoAsync($"/Refunds/{ticking.StructureId}/Create?Year=2022");
        Assert.True(await page.IsCheckedAsync("#RequestAdvance"));
        await FillHeaderAsync(page);
        await FillLineAsync(page, 0, "2022-05-02", "GazoleNonRoutier", "40");
        await page.ClickAsync("#submit-refund");
        await page.WaitForSelectorAsync(".notice");
        Assert.Contains($"Vous avez demandé l'avance de 25 % du remboursement obtenu pour 2021 : {RefundMoney.Format(374m)}", await page.InnerTextAsync(".notice"), StringComparison.Ordinal);
        Assert.Equal(374m, await AdvanceOfAsync(ticking.StructureId, 2022));
    }

    [SkippableBrowserFact]
    public async Task Customs_process_a_2022_request_down_to_the_amount_to_repay_and_operators_edit_the_rate_table()
    {
        // A farm got 374.00 of advance with its 2022 request (box ticked), then declared only 149.60 for 2022.
        app.Clock.AdjustTime(Paris(2022, 5, 20));
        var farm = await FarmAsync(app, "GAEC du Remboursement");
        await FileAsync(farm.Client, farm.StructureId, Request(2021, [Line("2021-06-01", "GNR", 100m)]));
        app.Clock.AdjustTime(Paris(2022, 9, 1));
        var id = (await FileAsync(farm.Client, farm.StructureId, Request(2022, [Line("2022-08-01", "GNR", 10m)]))).GetProperty("id").GetInt64();

        var officer = await app.CreateUserAsync(Unique.Email("douane"));
        await MakeCustomsAsync(app, officer);
        var page = await NewPageAsync();
        await BrowserApp.SignInAsync(page, officer.Email!);
        await page.GotoAsync("/Refunds/Douane?Status=DEPOSEE&Year=2022");
        await page.ClickAsync($"#customs-refunds a[href='/Refunds/Douane/{id}']");
        foreach (var status in new[] { "MiseADisposition", "EnCoursInstruction" })
        {
            await page.SelectOptionAsync("#NewStatus", status);
            await page.ClickAsync("#move-refund button[type=submit]");
            await page.WaitForSelectorAsync(".notice");
        }
        // Refusing without a reason is refused on the page; validating deducts the advance.
        await page.SelectOptionAsync("#NewStatus", "Refusee");
        await page.ClickAsync("#move-refund button[type=submit]");
        Assert.Contains("REFUND_REASON_REQUIRED", await page.InnerTextAsync("#refusal"), StringComparison.Ordinal);
        await page.SelectOptionAsync("#NewStatus", "Validee");
        await page.ClickAsync("#move-refund button[type=submit]");
        await page.WaitForSelectorAsync("#amount-to-repay");
        Assert.Contains(RefundMoney.Format(224.40m), await page.InnerTextAsync("#amount-to-repay"), StringComparison.Ordinal);
        Assert.Contains(RefundMoney.Format(374m), await page.InnerTextAsync("#advance-deducted"), StringComparison.Ordinal);

        // The beneficiary sees the same balance; a customs officer is no operator of the rate table.
        var farmer = await SignedInAsync(farm);
        await farmer.GotoAsync($"/Refunds/{farm.StructureId}/{id}");
        Assert.Contains(RefundMoney.Format(224.40m), await farmer.InnerTextAsync("#amount-to-repay"), StringComparison.Ordinal);
        var denied = await page.GotoAsync("/Refunds/Rates");
        Assert.Contains("/Account/AccessDenied", denied!.Url, StringComparison.Ordinal);

        var op = await app.CreateUserAsync(Unique.Email("op"), isOperator: true);
        var opPage = await NewPageAsync();
        await BrowserApp.SignInAsync(opPage, op.Email!);
        await opPage.GotoAsync("/Refunds/Rates");
        await opPage.FillAsync("#RateYear", "2025");
        await opPage.SelectOptionAsync("#RateProduct", "GazoleNonRoutier");
        await opPage.FillAsync("#RateValue", "3,86");
        await opPage.ClickAsync("#set-rate button[type=submit]");
        await opPage.WaitForSelectorAsync(".notice");
        Assert.Equal(3.86m, await app.Db(db => db.Set<RefundRate>().Where(r => r.Year == 2025 && r.Product == RefundProduct.GazoleNonRoutier).Select(r => r.Rate).SingleAsync()));
    }

    /// <summary>A page with a patient timeout: the machine running the suite is shared and the first sign-in of a fixture is slow.</summary>
    private async Task<IPage> NewPageAsync()
    {
        var page = await app.NewPageAsync();
        page.SetDefaultTimeout(60_000);
        return page;
    }

    private async Task<IPage> SignedInAsync(Farm farm)
    {
        var page = await NewPageAsync();
        await BrowserApp.SignInAsync(page, farm.Owner.Email!);
        return page;
    }

    private static async Task FillHeaderAsync(IPage page)
    {
        await page.FillAsync("#BankDetailsReference", "FR76 3000 4000 0500 0012 3456 789");
        await page.CheckAsync("#SwornNotInDifficulty");
    }

    private static async Task FillLineAsync(IPage page, int index, string date, string product, string quantity)
    {
        var row = $"#lines tr.refund-line:nth-child({index + 1})";
        if (await page.Locator(row).IsHiddenAsync())
            await page.ClickAsync("#add-line");
        await page.FillAsync($"input[name='Lines[{index}].InvoiceNumber']", $"FAC-{Unique.Next()}");
        await page.FillAsync($"input[name='Lines[{index}].DeliveryDate']", date);
        await page.SelectOptionAsync($"select[name='Lines[{index}].Product']", product);
        await page.FillAsync($"input[name='Lines[{index}].Quantity']", quantity);
        await page.SetInputFilesAsync($"input[name='Lines[{index}].File']", new FilePayload { Name = "facture.pdf", MimeType = "application/pdf", Buffer = Pdf });
    }

    private Task<decimal?> AdvanceOfAsync(long structureId, int year) =>
        app.Db(db => db.Set<RefundRequest>().Where(r => r.StructureId == structureId && r.DeliveryYear == year).Select(r => r.AdvanceAmount).SingleAsync());
}
