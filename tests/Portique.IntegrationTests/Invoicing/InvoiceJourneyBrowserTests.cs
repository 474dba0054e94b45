using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Portique.Formats;
using Portique.Invoicing;
using Portique.Invoicing.Deposit;
using Portique.IntegrationTests.Infrastructure;

namespace Portique.IntegrationTests.Invoicing;

/// <summary>
/// Issue 7's journey in a real browser: a supplier deposits a Factur-X file, the recipient suspends it with a reason, the
/// supplier completes it, the recipient sets "service fait" then "mise en paiement"; both see the whole history and the
/// supplier received an e-mail per change. The deposit worker runs in the background, as in production.
/// </summary>
public sealed class InvoiceJourneyBrowserTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [SkippableBrowserFact]
    public async Task Supplier_deposits_recipient_suspends_supplier_completes_recipient_processes_to_payment()
    {
        // A Factur-X EN 16931 example whose seller and buyer can be matched to structures.
        var (path, seller, buyer) = File.ReadLines(Path.Combine(InvoicingApp.TestData, "MANIFEST.tsv")).Skip(1).Select(l => l.Split('\t'))
            .Where(c => c[1] == "pdf+cii" && c[3] == "valid" && c[0].Contains("/EN16931/", StringComparison.Ordinal))
            .Select(c =>
            {
                var model = InvoiceEngine.Read(File.ReadAllBytes(Path.Combine(InvoicingApp.TestData, c[0]))).Invoice;
                return (Path: c[0], Seller: FlowProcessor.Identifiers(model.Seller).FirstOrDefault(k => k.Length <= 20), Buyer: FlowProcessor.Identifiers(model.Buyer).FirstOrDefault());
            })
            .First(x => x.Seller is not null && x.Buyer is not null);
        var supplierUser = await app.CreateUserAsync(Unique.Email("fournisseur"));
        var recipientUser = await app.CreateUserAsync(Unique.Email("destinataire"));
        await app.Db(async db =>
        {
            (await db.Users.SingleAsync(u => u.Id == supplierUser.Id)).NotifyInvoicing = true;
            return await db.SaveChangesAsync();
        });
        var supplierId = await Kit.CreateStructureAsync(await app.ClientForAsync(supplierUser.Email!), Unique.Siret(), isPublic: false, vatNumber: seller);
        var recipientId = await Kit.CreateStructureAsync(await app.ClientForAsync(recipientUser.Email!), buyer!, type: "AUTRE");

        var supplier = await app.NewPageAsync();
        await BrowserApp.SignInAsync(supplier, supplierUser.Email!);
        await supplier.GotoAsync($"/Invoicing/{supplierId}/Deposit");
        await supplier.SelectOptionAsync("#syntax", "IN_DP_E2_CII_FACTURX");
        await supplier.SetInputFilesAsync("#file", Path.Combine(InvoicingApp.TestData, path));
        await supplier.ClickAsync("#deposit");
        // The report follows the flow by itself until it is integrated or rejected.
        await supplier.WaitForSelectorAsync("#flow-report[data-final=true]", new() { Timeout = 90_000 });
        Assert.Equal("IN_INTEGRE", await supplier.GetAttributeAsync("#flow-state", "data-code"));
        Assert.Equal("Intégré", await supplier.InnerTextAsync("#flow-state"));
        var invoiceId = await app.Db(db => db.Set<Invoice>().Where(i => i.SupplierStructureId == supplierId).Select(i => i.Id).SingleAsync());

        var recipient = await app.NewPageAsync();
        await BrowserApp.SignInAsync(recipient, recipientUser.Email!);
        await recipient.GotoAsync($"/Invoicing/{recipientId}/Received");
        await recipient.ClickAsync($"#invoices a[href$='/{invoiceId}']");
        await ProcessAsync(recipient, "SUSPENDUE", reason: null);
        Assert.Contains("INVOICE_REASON_REQUIRED", await recipient.InnerTextAsync("#refusal"), StringComparison.Ordinal);
        await ProcessAsync(recipient, "SUSPENDUE", "Il manque le bon de livraison");
        Assert.Equal("Suspendue", await recipient.InnerTextAsync("#invoice-status"));

        await supplier.GotoAsync($"/Invoicing/{supplierId}/Sent/{invoiceId}");
        await supplier.FillAsync("#complete-form textarea", "Bon de livraison joint");
        await supplier.SetInputFilesAsync("#complete-form input[type=file]", new FilePayload { Name = "bl.txt", MimeType = "text/plain", Buffer = "BL 42"u8.ToArray() });
        await supplier.ClickAsync("#complete");
        await supplier.WaitForSelectorAsync(".notice");
        Assert.Equal("Complétée", await supplier.InnerTextAsync("#invoice-status"));

        await recipient.ReloadAsync();
        await ProcessAsync(recipient, "SERVICE_FAIT", null);
        Assert.Equal("Service fait", await recipient.InnerTextAsync("#invoice-status"));
        await ProcessAsync(recipient, "MISE_EN_PAIEMENT", null);
        Assert.Equal("Mise en paiement", await recipient.InnerTextAsync("#invoice-status"));

        string[] expected = ["Déposée", "En cours d'acheminement", "Mise à disposition", "Suspendue", "Complétée", "Service fait", "Mise en paiement"];
        await supplier.ReloadAsync();
        foreach (var page in new[] { supplier, recipient })
            Assert.Equal(expected, await page.Locator("#history td.status").AllInnerTextsAsync());

        await app.DrainMailAsync();
        // Integrated, suspended, completed, service done, payment issued; each links to the invoice itself (issue 17).
        var mails = app.Mailbox.To(supplierUser.Email!);
        Assert.Equal(5, mails.Count);
        Assert.All(mails, m => Assert.Contains($"http://portique.test/Invoicing/{supplierId}/Sent/{invoiceId}", m.TextBody, StringComparison.Ordinal));
    }

    private static async Task ProcessAsync(IPage page, string status, string? reason)
    {
        await page.SelectOptionAsync("#new-status", status);
        if (reason is not null)
            await page.FillAsync("#reason", reason);
        await page.ClickAsync("#process");
        // The change is confirmed in a dialog that names the status chosen.
        StringAssert(await page.InnerTextAsync("#confirm-message"), await page.Locator("#new-status option:checked").InnerTextAsync());
        await page.ClickAsync("#confirm-yes");
        await page.WaitForSelectorAsync("#invoice-status");
    }

    private static void StringAssert(string text, string expected) => Assert.Contains(expected, text, StringComparison.Ordinal);
}
