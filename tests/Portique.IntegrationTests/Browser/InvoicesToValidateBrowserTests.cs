using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Portique.Invoicing;
using Portique.IntegrationTests.Infrastructure;
using Portique.IntegrationTests.Invoicing;

namespace Portique.IntegrationTests.Browser;

/// <summary>
/// Issue 21 point 2 on the portal: a subcontractor enters an A9 invoice naming its main contractor; the main contractor
/// finds it in Factures à valider with its days left, is told next to the field what a refusal lacks, validates it after
/// confirming, and the public buyer then receives it. A second A9 left unanswered is validated tacitly once the clock passes
/// the 15 days, and the page says so.
/// </summary>
public sealed class InvoicesToValidateBrowserTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [SkippableBrowserFact]
    public async Task Main_contractor_validates_an_A9_on_the_page_the_buyer_gets_it_and_silence_validates_another_after_15_days()
    {
        var subUser = await app.CreateUserAsync(Unique.Email("soustraitant"));
        var validatorUser = await app.CreateUserAsync(Unique.Email("titulaire"));
        var buyerUser = await app.CreateUserAsync(Unique.Email("acheteur"));
        var (subSiret, validatorSiret, buyerSiret) = (Unique.Siret(), Unique.Siret(), Unique.Siret());
        var subId = await Kit.CreateStructureAsync(await app.ClientForAsync(subUser.Email!), subSiret, isPublic: false, vatNumber: $"FR00{subSiret[..9]}");
        var validatorId = await Kit.CreateStructureAsync(await app.ClientForAsync(validatorUser.Email!), validatorSiret, isPublic: false, vatNumber: $"FR00{validatorSiret[..9]}");
        var buyerId = await Kit.CreateStructureAsync(await app.ClientForAsync(buyerUser.Email!), buyerSiret);

        var sub = await app.NewPageAsync();
        await BrowserApp.SignInAsync(sub, subUser.Email!);
        async Task<long> EnterA9Async(string number)
        {
            await sub.GotoAsync($"/Invoicing/{subId}/Entry");
            await sub.FillAsync("#number", number);
            await sub.FillAsync("#issue-date", "2026-11-20");
            await sub.FillAsync("#recipient", buyerSiret);
            await sub.FillAsync("input[name='Lines[0].Designation']", "Lot sous-traité");
            await sub.FillAsync("input[name='Lines[0].Quantite']", "1");
            await sub.FillAsync("input[name='Lines[0].PrixUnitaireHt']", "1000");
            await sub.SelectOptionAsync("#cadre", "A9");
            await sub.FillAsync("#validator", validatorSiret);
            await sub.ClickAsync("#submit-entry");
            await sub.WaitForSelectorAsync("#flow-report[data-final=true]", new() { Timeout = 90_000 });
            Assert.Equal("IN_INTEGRE", await sub.GetAttributeAsync("#flow-state", "data-code"));
            return await app.Db(db => db.Set<Invoice>().Where(i => i.SupplierStructureId == subId && i.Number == number).Select(i => i.Id).SingleAsync());
        }
        var validatedNumber = $"ST-{Unique.Next()}";
        var validatedId = await EnterA9Async(validatedNumber);

        // The main contractor finds it from the invoicing page, 15 days left.
        var validator = await app.NewPageAsync();
        await BrowserApp.SignInAsync(validator, validatorUser.Email!);
        await validator.GotoAsync("/Invoicing");
        await validator.ClickAsync($"#invoicing-structures a[href='/Invoicing/{validatorId}/ToValidate']");
        var row = validator.Locator($"#to-validate tr[data-invoice='{validatedId}']");
        Assert.Equal("15 jour(s)", await row.Locator(".days-left").InnerTextAsync());
        await row.Locator("a").ClickAsync();
        Assert.Equal("A9", await validator.InnerTextAsync("#cadre"));
        Assert.Equal("15 jour(s)", await validator.InnerTextAsync("#days-left"));

        // "Autre motif" without details: refused next to the field, in French, and the invoice still waits.
        await validator.SelectOptionAsync("#reason-select", "AUTRE");
        await validator.ClickAsync("#refuse");
        Assert.Contains(validatedNumber, await validator.InnerTextAsync("#confirm-message"), StringComparison.Ordinal);
        await validator.ClickAsync("#confirm-yes");
        await validator.WaitForSelectorAsync("#refusal");
        Assert.Contains("VALIDATION_COMMENT_REQUIRED", await validator.InnerTextAsync("#refusal"), StringComparison.Ordinal);
        Assert.Contains("doit être précisé", await validator.InnerTextAsync("#err-ComplementInfo"), StringComparison.Ordinal);
        Assert.Equal("true", await validator.GetAttributeAsync("#reason-comment", "aria-invalid"));
        Assert.Equal(InvoiceStatus.A_VALIDER_1, await app.Db(db => db.Set<Invoice>().Where(i => i.Id == validatedId).Select(i => i.Status).SingleAsync()));

        // Cancelling the confirmation changes nothing; confirming validates.
        await validator.ClickAsync("#validate");
        await validator.ClickAsync("#confirm-no");
        Assert.Equal(InvoiceStatus.A_VALIDER_1, await app.Db(db => db.Set<Invoice>().Where(i => i.Id == validatedId).Select(i => i.Status).SingleAsync()));
        await validator.FillAsync("#validate-comment", "Conforme au bon de commande");
        await validator.ClickAsync("#validate");
        await validator.ClickAsync("#confirm-yes");
        await validator.WaitForSelectorAsync(".notice");
        Assert.Equal("Validated", await validator.GetAttributeAsync("#decision", "data-code"));
        Assert.Equal("Validée", await validator.InnerTextAsync("#decision"));
        Assert.Equal(0, await validator.Locator("#validate-form").CountAsync());

        // The public buyer now receives it.
        var buyer = await app.NewPageAsync();
        await BrowserApp.SignInAsync(buyer, buyerUser.Email!);
        await buyer.GotoAsync($"/Invoicing/{buyerId}/Received");
        Assert.Contains(validatedNumber, await buyer.InnerTextAsync("#invoices"), StringComparison.Ordinal);

        // The subcontractor is not the validator structure's user: the page is refused to him.
        await sub.GotoAsync($"/Invoicing/{validatorId}/ToValidate");
        Assert.Contains("/Account/AccessDenied", sub.Url, StringComparison.Ordinal);
        await sub.GotoAsync($"/Invoicing/{validatorId}/ToValidate/{validatedId}");
        Assert.Contains("/Account/AccessDenied", sub.Url, StringComparison.Ordinal);

        // A second A9 waits, then the 15 days pass in silence.
        var silentNumber = $"ST-{Unique.Next()}";
        var silentId = await EnterA9Async(silentNumber);
        await validator.GotoAsync($"/Invoicing/{validatorId}/ToValidate");
        Assert.Equal(1, await validator.Locator("#to-validate tbody tr").CountAsync());
        Assert.Equal("15 jour(s)", await validator.Locator($"#to-validate tr[data-invoice='{silentId}'] .days-left").InnerTextAsync());
        app.Clock.Advance(TimeSpan.FromDays(14));
        // Sessions do not outlive days of the test clock: the validator signs in again each time the clock moves.
        validator = await app.NewPageAsync();
        await BrowserApp.SignInAsync(validator, validatorUser.Email!);
        await validator.GotoAsync($"/Invoicing/{validatorId}/ToValidate");
        Assert.Equal("1 jour(s)", await validator.Locator($"#to-validate tr[data-invoice='{silentId}'] .days-left").InnerTextAsync());
        app.Clock.Advance(TimeSpan.FromDays(1) + TimeSpan.FromMinutes(1));

        // The day after the deadline the invoice is validated tacitly; it left the waiting list.
        validator = await app.NewPageAsync();
        await BrowserApp.SignInAsync(validator, validatorUser.Email!);
        await validator.GotoAsync($"/Invoicing/{validatorId}/ToValidate");
        Assert.Equal(0, await validator.Locator("#to-validate tbody tr").CountAsync());
        await validator.ClickAsync("#tab-decided");
        Assert.Equal("Tacit", await validator.GetAttributeAsync($"#to-validate tr[data-invoice='{silentId}'] .decision", "data-code"));
        Assert.Equal("Validée tacitement", await validator.InnerTextAsync($"#to-validate tr[data-invoice='{silentId}'] .decision"));
        Assert.Equal("Validée", await validator.InnerTextAsync($"#to-validate tr[data-invoice='{validatedId}'] .decision"));
        await validator.ClickAsync($"#to-validate tr[data-invoice='{silentId}'] a");
        Assert.Equal("Validée tacitement", await validator.InnerTextAsync("#decision"));
        Assert.Equal(0, await validator.Locator("#refuse-form").CountAsync());

        buyer = await app.NewPageAsync();
        await BrowserApp.SignInAsync(buyer, buyerUser.Email!);
        await buyer.GotoAsync($"/Invoicing/{buyerId}/Received");
        Assert.Contains(silentNumber, await buyer.InnerTextAsync("#invoices"), StringComparison.Ordinal);
    }
}
