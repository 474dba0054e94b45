using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Portique.Formats;
using Portique.Invoicing;
using Portique.IntegrationTests.Infrastructure;

namespace Portique.IntegrationTests.Invoicing;

/// <summary>The entry page in a real browser: totals shown as you type, a refused entry keeps its values, a PDF deposit is integrated.</summary>
public sealed class InvoiceEntryBrowserTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [SkippableBrowserFact]
    public async Task Supplier_enters_an_invoice_with_its_pdf_and_sees_the_totals_as_he_types()
    {
        var (supplier, supplierId, _, recipientSiret) = await Kit.SupplierToSignInAndRecipientAsync(app);
        var number = $"W{Unique.Next()}";

        var page = await app.NewPageAsync();
        await BrowserApp.SignInAsync(page, supplier);
        await page.GotoAsync($"/Invoicing/{supplierId}/Sent");
        await page.ClickAsync("#entry-link");
        await page.FillAsync("#number", number);
        await page.FillAsync("#issue-date", "2026-11-20");
        await page.FillAsync("#recipient", recipientSiret);
        await page.FillAsync("input[name='Lines[0].Designation']", "Maintenance");
        await page.FillAsync("input[name='Lines[0].Quantite']", "3");
        await page.FillAsync("input[name='Lines[0].PrixUnitaireHt']", "33,333");
        await page.FillAsync("input[name='Lines[0].RemiseHt']", "10");
        await page.FillAsync("input[name='Lines[1].Quantite']", "2");
        await page.FillAsync("input[name='Lines[1].PrixUnitaireHt']", "12,5");
        await page.SelectOptionAsync("select[name='Lines[1].TauxTva']", "5.5");
        // 100,00 less a 10,00 discount at 20 % and 25,00 at 5.5 %: VAT 18,00 + 1,38 (1,375 rounded up).
        Assert.Equal("134,38", Normal(await page.InnerTextAsync("#total-incl")));

        // The second line has no description: refused, nothing stored, the values stay on the page.
        var flows = await app.Db(db => db.Set<Flow>().CountAsync());
        await page.ClickAsync("#submit-entry");
        Assert.Contains("FIELD_REQUIRED", await page.InnerTextAsync("#refusal"), StringComparison.Ordinal);
        // Issue 17: the message names the field as the user sees it, and sits next to it.
        Assert.Contains("Désignation, ligne 2", await page.InnerTextAsync("#refusal"), StringComparison.Ordinal);
        Assert.DoesNotContain("lignes[1]", await page.InnerTextAsync("main"), StringComparison.Ordinal);
        Assert.Equal("true", await page.GetAttributeAsync("input[name='Lines[1].Designation']", "aria-invalid"));
        Assert.Equal(flows, await app.Db(db => db.Set<Flow>().CountAsync()));
        Assert.Equal("134,38", Normal(await page.InnerTextAsync("#total-incl")));

        await page.FillAsync("input[name='Lines[1].Designation']", "Livres");
        // An advance invoice in euros, under a contract, with a comment (BT-3 386, BT-12, BT-22).
        await page.SelectOptionAsync("#type", "ACOMPTE");
        await page.FillAsync("#contract", "M-2026-12");
        await page.FillAsync("#comment", "Premier acompte");
        var image = InvoiceEngine.RenderPdf(new Portique.Formats.Model.Invoice { Number = number, CurrencyCode = "EUR" });
        await page.SetInputFilesAsync("#pdf", new FilePayload { Name = "facture.pdf", MimeType = "application/pdf", Buffer = image });
        await page.SetInputFilesAsync("#attachments", new FilePayload { Name = "bon-de-livraison.csv", MimeType = "text/csv", Buffer = "article;quantite\nMaintenance;3\n"u8.ToArray() });
        await page.ClickAsync("#submit-entry");
        await page.WaitForSelectorAsync("#flow-report[data-final=true]", new() { Timeout = 90_000 });
        Assert.Equal("IN_INTEGRE", await page.GetAttributeAsync("#flow-state", "data-code"));
        var invoice = await app.Db(db => db.Set<Invoice>().SingleAsync(i => i.SupplierStructureId == supplierId));
        Assert.Equal((number, "DEPOT_PDF", 134.38m, "ACOMPTE", "EUR"), (invoice.Number, invoice.DepositMode, invoice.AmountInclVat, invoice.InvoiceType, invoice.Currency));
        var original = System.Text.Encoding.UTF8.GetString(await app.Db(db => db.Set<InvoiceOriginal>().Where(o => o.InvoiceId == invoice.Id).Select(o => o.Content).SingleAsync()));
        Assert.Contains("M-2026-12", original, StringComparison.Ordinal);
        Assert.Contains("Premier acompte", original, StringComparison.Ordinal);
        // The image first, then the complementary document.
        Assert.Equal(["facture.pdf", "bon-de-livraison.csv"],
            await app.Db(db => db.Set<InvoiceAttachment>().Where(a => a.InvoiceId == invoice.Id).OrderBy(a => a.Id).Select(a => a.FileName).ToListAsync()));
    }

    // Browsers group thousands with a narrow no-break space in French.
    private static string Normal(string amount) => amount.Replace("\u202f", "", StringComparison.Ordinal).Replace("\u00a0", "", StringComparison.Ordinal).Trim();
}
