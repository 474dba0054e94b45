using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Portique.Invoicing;
using Portique.IntegrationTests.Infrastructure;
using Portique.IntegrationTests.Invoicing;
using PigDocument = UglyToad.PdfPig.PdfDocument;

namespace Portique.IntegrationTests.Browser;

/// <summary>
/// Issue 17 points 4 and 5 in a real browser: the readable HTML and PDF versions of an entered invoice speak French (English
/// once the user chose English), with French dates and amounts, codes by their names and the line discount shown; every
/// attachment opens or downloads from the invoice page of both sides, and stays closed to another structure.
/// </summary>
public sealed class RenderingAndAttachmentsBrowserTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    private static readonly byte[] DeliveryNote = "%PDF-1.4\n% bon de livraison signé\n%%EOF\n"u8.ToArray();
    private static readonly byte[] Detail = "article;quantité\nfenêtre;4\n"u8.ToArray();

    [SkippableBrowserFact]
    public async Task Both_sides_read_the_invoice_in_french_or_english_and_open_its_attachments()
    {
        var supplierUser = await app.CreateUserAsync(Unique.Email("fournisseur"));
        var recipientUser = await app.CreateUserAsync(Unique.Email("acheteur"));
        var supplier = await app.ClientForAsync(supplierUser.Email!);
        var supplierSiret = Unique.Siret();
        var supplierId = await Kit.CreateStructureAsync(supplier, supplierSiret, isPublic: false, vatNumber: $"FR00{supplierSiret[..9]}");
        var recipientSiret = Unique.Siret();
        var recipientId = await Kit.CreateStructureAsync(await app.ClientForAsync(recipientUser.Email!), recipientSiret, isPublic: true);
        var number = $"FA-{Unique.Next()}";
        var entered = await supplier.PostAsJsonAsync($"/api/v1/structures/{supplierId}/invoices/entries", new
        {
            numeroFacture = number, dateFacture = "2026-11-20", dateEcheance = "2027-01-20", identifiantDestinataire = recipientSiret,
            lignes = new[]
            {
                new { designation = "Pose de fenêtres", quantite = 10m, prixUnitaireHt = 100m, tauxTva = 20m, remiseHt = 25m },
                new { designation = "Fenêtres double vitrage", quantite = 1m, prixUnitaireHt = 100m, tauxTva = 20m, remiseHt = 0m },
            },
            piecesJointes = new[] { new { nom = "bon-de-livraison.pdf", contenu = Convert.ToBase64String(DeliveryNote) }, new { nom = "detail.csv", contenu = Convert.ToBase64String(Detail) } },
        });
        Assert.True(entered.IsSuccessStatusCode, await entered.Content.ReadAsStringAsync());
        var invoiceId = await IntegratedAsync(supplierId, number);

        var page = await NewPageAsync();
        await BrowserApp.SignInAsync(page, recipientUser.Email!);
        await page.GotoAsync($"/Invoicing/{recipientId}/Received/{invoiceId}");
        await FrenchText.AssertPageIsFrenchAsync(page);

        // Point 5: both attachments listed, the PDF opens in the browser, the CSV downloads, each with its own bytes.
        Assert.Equal(["bon-de-livraison.pdf", "detail.csv"], await page.Locator("#attachments a").AllInnerTextsAsync());
        var pdfLink = await page.GetAttributeAsync("#attachments a:text('bon-de-livraison.pdf')", "href");
        var opened = await page.Context.APIRequest.GetAsync(pdfLink!);
        Assert.Equal(200, opened.Status);
        Assert.Equal("application/pdf", opened.Headers["content-type"]);
        Assert.StartsWith("inline", opened.Headers["content-disposition"], StringComparison.Ordinal);
        Assert.Equal("nosniff", opened.Headers["x-content-type-options"]);
        Assert.Equal(DeliveryNote, await opened.BodyAsync());
        Assert.Equal("_blank", await page.GetAttributeAsync("#attachments a:text('bon-de-livraison.pdf')", "target"));
        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("#attachments a:text('detail.csv')"));
        Assert.Equal("detail.csv", download.SuggestedFilename);
        Assert.Equal(Detail, await File.ReadAllBytesAsync((await download.PathAsync())!));

        // The supplier sees the same attachments from its side; a user of another structure gets nothing.
        var supplierPage = await NewPageAsync();
        await BrowserApp.SignInAsync(supplierPage, supplierUser.Email!);
        await supplierPage.GotoAsync($"/Invoicing/{supplierId}/Sent/{invoiceId}");
        Assert.Equal(2, await supplierPage.Locator("#attachments a").CountAsync());
        var sentCsv = await supplierPage.Context.APIRequest.GetAsync((await supplierPage.GetAttributeAsync("#attachments a:text('detail.csv')", "href"))!);
        Assert.Equal(Detail, await sentCsv.BodyAsync());
        var stranger = await app.CreateUserAsync(Unique.Email("autre"));
        var strangerId = await Kit.CreateStructureAsync(await app.ClientForAsync(stranger.Email!), Unique.Siret(), isPublic: true);
        var strangerPage = await NewPageAsync();
        await BrowserApp.SignInAsync(strangerPage, stranger.Email!);
        var refused = await strangerPage.Context.APIRequest.GetAsync(pdfLink!.Replace($"/structures/{recipientId}/", $"/structures/{strangerId}/", StringComparison.Ordinal));
        Assert.Equal(404, refused.Status);
        Assert.DoesNotContain("PDF-1.4", await refused.TextAsync(), StringComparison.Ordinal);

        // Point 4: the readable version opens in a new tab, in French.
        var readable = await page.Context.RunAndWaitForPageAsync(() => page.ClickAsync("a:text('Version lisible')"));
        await readable.WaitForLoadStateAsync();
        Assert.Equal("fr", await readable.GetAttributeAsync("html", "lang"));
        var text = await FrenchText.VisibleTextAsync(readable);
        FrenchText.AssertNoEnglish(text, "HTML rendering");
        foreach (var expected in new[] { $"Facture {number}", "Vendeur", "Acheteur", "20/11/2026", "20/01/2027", "Net à payer", "1 290,00 €", "Taux normal (S) 20 %", "Remise", "-25,00", "10 unité" })
            Assert.Contains(expected, FrenchText.Spaces(text), StringComparison.Ordinal);
        Assert.Equal(1, await readable.Locator("#lines tr.line-allowance").CountAsync());

        var pdf = await page.Context.APIRequest.GetAsync($"/api/v1/structures/{recipientId}/invoices/received/{invoiceId}/pdf");
        Assert.Equal("application/pdf", pdf.Headers["content-type"]);
        var pdfText = PdfText(await pdf.BodyAsync());
        FrenchText.AssertNoEnglish(pdfText, "PDF rendering");
        foreach (var expected in new[] { $"Facture {number}", "Vendeur", "Net à payer", "1 290,00 €", "20/11/2026", "Remise" })
            Assert.Contains(expected, pdfText, StringComparison.Ordinal);

        // The user chooses English: the same renderings in English.
        await page.GotoAsync($"/culture/en?returnUrl=/Invoicing/{recipientId}/Received/{invoiceId}");
        var english = await page.Context.RunAndWaitForPageAsync(() => page.ClickAsync($"a[href$='/{invoiceId}/html']"));
        await english.WaitForLoadStateAsync();
        Assert.Equal("en", await english.GetAttributeAsync("html", "lang"));
        var englishText = FrenchText.Spaces(await FrenchText.VisibleTextAsync(english));
        foreach (var expected in new[] { $"Commercial invoice {number}", "Seller", "Amount due", "1,290.00 €", "Standard rate (S) 20%", "Allowance" })
            Assert.Contains(expected, englishText, StringComparison.Ordinal);
        var englishPdf = PdfText(await (await page.Context.APIRequest.GetAsync($"/api/v1/structures/{recipientId}/invoices/received/{invoiceId}/pdf")).BodyAsync());
        Assert.Contains("Amount due", englishPdf, StringComparison.Ordinal);
    }

    private async Task<long> IntegratedAsync(long supplierId, string number)
    {
        for (var i = 0; i < 120; i++)
        {
            var id = await app.Db(db => db.Set<Invoice>().Where(x => x.SupplierStructureId == supplierId && x.Number == number && x.Status == InvoiceStatus.MISE_A_DISPOSITION)
                .Select(x => (long?)x.Id).FirstOrDefaultAsync());
            if (id is { } found)
                return found;
            await Task.Delay(500);
        }
        throw new TimeoutException($"invoice {number} was not integrated");
    }

    private static string PdfText(byte[] pdf)
    {
        using var document = PigDocument.Open(pdf);
        return string.Join(" ", document.GetPages().SelectMany(p => p.GetWords()).Select(w => w.Text)).Replace('\u00A0', ' ');
    }

    private async Task<IPage> NewPageAsync()
    {
        var page = await app.NewPageAsync();
        page.SetDefaultTimeout(60_000);
        return page;
    }
}
