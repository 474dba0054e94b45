using System.Globalization;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Portique.Common;
using Portique.Invoicing;
using Portique.IntegrationTests.Infrastructure;
using Portique.IntegrationTests.Invoicing;
using static Portique.IntegrationTests.Browser.BrowserSteps;

namespace Portique.IntegrationTests.Browser;

/// <summary>
/// Issue 17 in a real browser, as a French user finds the portal: errors as pages of the portal, the deposit and the entry
/// form walked with the keyboard alone, confirmations before what cannot be undone, a home page that says what to do, and
/// every page visited in French (FrenchLeaks) and without serious accessibility violation (axe-core).
/// </summary>
public sealed class PortalUsabilityBrowserTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [SkippableBrowserFact]
    public async Task Errors_are_french_pages_of_the_portal_and_field_errors_sit_next_to_their_field()
    {
        var user = await app.CreateUserAsync(Unique.Email("erreurs"));
        var structureId = await Kit.CreateStructureAsync(await app.ClientForAsync(user.Email!), Unique.Siret(), isPublic: false);
        var page = await app.NewPageAsync();

        // An unknown address: a page with the layout, what happened and what to do, with the 404 status.
        var response = await page.GotoAsync("/nulle-part");
        Assert.Equal(404, response!.Status);
        Assert.Equal("Page introuvable", await page.InnerTextAsync("h1"));
        Assert.Equal(1, await page.Locator("header.top nav").CountAsync());
        Assert.Contains("Vérifiez l'adresse", await page.InnerTextAsync("#error-page"), StringComparison.Ordinal);
        await AssertFrenchAndAccessibleAsync(page);

        // An unknown id: the refusal's own message, still a page.
        await BrowserApp.SignInAsync(page, user.Email!);
        response = await page.GotoAsync($"/Invoicing/{structureId}/Flows/CPP0011117000000000999999");
        Assert.Equal(404, response!.Status);
        Assert.Contains("n'existe pas", await page.InnerTextAsync("#error-page"), StringComparison.Ordinal);
        Assert.Contains("FLOW_NOT_FOUND", await page.InnerTextAsync("#error-page"), StringComparison.Ordinal);

        // Forbidden: another user's structure, and the operator's pages.
        var stranger = await app.CreateUserAsync(Unique.Email("autre"));
        var foreignId = await Kit.CreateStructureAsync(await app.ClientForAsync(stranger.Email!), Unique.Siret(), isPublic: false);
        foreach (var url in new[] { $"/Invoicing/{foreignId}/Deposit", "/Operator/Roles" })
        {
            await page.GotoAsync(url);
            Assert.Equal("Accès refusé", await page.InnerTextAsync("h1"));
        }
        // The APIs keep their ProblemDetails.
        var api = await page.APIRequest.GetAsync("/api/v1/nulle-part");
        Assert.Equal(404, api.Status);
        Assert.StartsWith("application/problem+json", api.Headers["content-type"], StringComparison.Ordinal);

        // A file over the limit is refused on the form, before it is sent: the limit is said there.
        await page.GotoAsync($"/Invoicing/{structureId}/Deposit");
        Assert.Contains("100 Mo au plus", await page.InnerTextAsync("#file-hint"), StringComparison.Ordinal);
        var big = Path.Combine(Path.GetTempPath(), $"gros-{Guid.NewGuid():N}.zip");
        await using (var stream = File.Create(big))
            stream.SetLength(Flow.MaxBytes + 1); // sparse: nothing is written
        try
        {
            var flows = await app.Db(db => db.Set<Flow>().CountAsync());
            await page.SetInputFilesAsync("#file", big);
            Assert.Contains("100 Mo", await page.InnerTextAsync("#file-size-error"), StringComparison.Ordinal);
            Assert.Equal("true", await page.GetAttributeAsync("#file", "aria-invalid"));
            await page.ClickAsync("#deposit");
            Assert.EndsWith("/Deposit", page.Url, StringComparison.Ordinal);
            Assert.Equal(flows, await app.Db(db => db.Set<Flow>().CountAsync()));
        }
        finally
        {
            File.Delete(big);
        }

        // An unknown e-mail on the operator's Roles page: the form stays, the address too, the message next to it.
        var operatorUser = await app.CreateUserAsync(Unique.Email("operateur"), isOperator: true);
        var operatorPage = await app.NewPageAsync();
        await BrowserApp.SignInAsync(operatorPage, operatorUser.Email!);
        await operatorPage.GotoAsync("/Operator/Roles");
        var ghost = Unique.Email("fantome");
        await operatorPage.FillAsync($"#email-{Portique.Accounts.Roles.Customs}", ghost);
        await operatorPage.PressAsync($"#email-{Portique.Accounts.Roles.Customs}", "Enter");
        await operatorPage.WaitForSelectorAsync(".field-error");
        Assert.EndsWith("/Operator/Roles", new Uri(operatorPage.Url).AbsolutePath, StringComparison.Ordinal);
        var field = operatorPage.Locator($"#email-{Portique.Accounts.Roles.Customs}");
        Assert.Equal(ghost, await field.InputValueAsync());
        Assert.Equal("true", await field.GetAttributeAsync("aria-invalid"));
        var described = await field.GetAttributeAsync("aria-describedby");
        Assert.Contains("Aucun compte", await operatorPage.InnerTextAsync($"#{described}"), StringComparison.Ordinal);
        Assert.Contains("USER_NOT_FOUND", await operatorPage.InnerTextAsync("main"), StringComparison.Ordinal);
        await AssertFrenchAndAccessibleAsync(operatorPage);

        // ASP.NET Core Identity in French: the password rules, once each, no English duplicate; then a taken e-mail.
        var visitor = await app.NewPageAsync();
        await visitor.GotoAsync("/Account/Register");
        await visitor.FillAsync("main input[name='FirstName']", "Camille");
        await visitor.FillAsync("main input[name='LastName']", "Durand");
        await visitor.FillAsync("main input[name='Email']", Unique.Email("camille"));
        await visitor.FillAsync("main input[name='Password']", "motdepassetroplong");
        await visitor.ClickAsync("main form button[type=submit]");
        var refusal = await visitor.InnerTextAsync("main .error");
        Assert.Contains("au moins un chiffre", refusal, StringComparison.Ordinal);
        Assert.Contains("au moins une majuscule", refusal, StringComparison.Ordinal);
        Assert.DoesNotContain("Password", refusal, StringComparison.Ordinal);
        await AssertFrenchAndAccessibleAsync(visitor);
        await visitor.FillAsync("main input[name='Email']", user.Email!);
        await visitor.FillAsync("main input[name='Password']", PortiqueApp.Password);
        await visitor.ClickAsync("main form button[type=submit]");
        // A taken e-mail gets the same French answer as a new one (the sign-up does not tell who has an account;
        // its owner is told by e-mail instead): no English, no error.
        await visitor.WaitForURLAsync("**/Account/Login");
        Assert.Contains("Compte créé", await visitor.InnerTextAsync("main"), StringComparison.Ordinal);
        Assert.Equal(0, await visitor.Locator("main .error").CountAsync());
        await FrenchLeaks.AssertNoneAsync(visitor);
    }

    [SkippableBrowserFact]
    public async Task Keyboard_only_deposit_detects_the_syntax_and_the_report_follows_the_flow_in_french()
    {
        var (supplier, supplierId, supplierSiret, recipientSiret) = await PartiesAsync();
        var page = await app.NewPageAsync();
        await BrowserApp.SignInAsync(page, supplier);
        await page.GotoAsync($"/Invoicing/{supplierId}/Deposit");
        await AssertFrenchAndAccessibleAsync(page);

        // The first Tab reaches the skip link, which jumps over the menu to the content.
        await page.Keyboard.PressAsync("Tab");
        Assert.Equal("skip-link", await page.EvaluateAsync<string>("document.activeElement.className"));
        Assert.True(await FocusIsVisibleAsync(page));
        await page.Keyboard.PressAsync("Enter");
        Assert.Equal("content", await page.EvaluateAsync<string>("document.activeElement.id"));

        // Keyboard only: the file chooser opens from the keyboard, the syntax is left to detection, Enter deposits.
        await TabToAsync(page, "#file");
        Assert.True(await FocusIsVisibleAsync(page));
        var chooser = await page.RunAndWaitForFileChooserAsync(() => page.Keyboard.PressAsync("Space"));
        await chooser.SetFilesAsync(new FilePayload { Name = "facture.xml", MimeType = "application/xml", Buffer = Kit.Ubl(supplierSiret, recipientSiret, $"K{Unique.Next()}") });
        await TabToAsync(page, "#syntax");
        Assert.Equal("", await page.InputValueAsync("#syntax"));
        await TabToAsync(page, "#deposit");
        await page.Keyboard.PressAsync("Enter");

        // The report refreshes by itself until the flow is integrated; states and statuses by their French labels.
        await WaitForFinalReportAsync(page);
        Assert.Equal("IN_INTEGRE", await page.GetAttributeAsync("#flow-state", "data-code"));
        Assert.Equal("Intégré", await page.InnerTextAsync("#flow-state"));
        Assert.Contains("UBL (E1)", await page.InnerTextAsync("#flow-summary"), StringComparison.Ordinal);
        Assert.Contains("Mise à disposition", await page.InnerTextAsync("#flow-invoices"), StringComparison.Ordinal);
        await AssertFrenchAndAccessibleAsync(page);
        // The deposit time in Paris, as every date shown.
        var received = await app.Db(db => db.Set<Flow>().Where(f => f.StructureId == supplierId).Select(f => f.ReceivedAt).SingleAsync());
        Assert.Contains(received.AtParis().ToString("dd/MM/yyyy HH:mm", CultureInfo.InvariantCulture), await page.InnerTextAsync("#flow-summary"), StringComparison.Ordinal);

        // A CII invoice that breaks EN 16931 rules, detected as CII: rejected, its findings worded in French.
        var (invalid, rules) = File.ReadLines(Path.Combine(InvoicingApp.TestData, "MANIFEST.tsv")).Skip(1).Select(l => l.Split('\t'))
            .Where(c => c[1] == "cii" && c[3] == "invalid" && c[4].StartsWith("BR-", StringComparison.Ordinal))
            .Select(c => (Path.Combine(InvoicingApp.TestData, c[0]), c[4])).First();
        await page.GotoAsync($"/Invoicing/{supplierId}/Deposit");
        await page.SetInputFilesAsync("#file", invalid);
        await page.ClickAsync("#deposit");
        await WaitForFinalReportAsync(page);
        Assert.Equal("Rejeté", await page.InnerTextAsync("#flow-state"));
        Assert.Contains("CII 16B (E1)", await page.InnerTextAsync("#flow-summary"), StringComparison.Ordinal);
        var findings = await page.InnerTextAsync("#flow-findings");
        Assert.Contains(rules.Split(',')[0].Trim(), findings, StringComparison.Ordinal);
        Assert.Contains(Portique.Invoicing.Findings.FindingMessages.InFrench(rules.Split(',')[0].Trim()), findings, StringComparison.Ordinal);
        await AssertFrenchAndAccessibleAsync(page);

        // A file that is no invoice: refused on the form, next to the file, nothing stored.
        var flows = await app.Db(db => db.Set<Flow>().CountAsync());
        await page.GotoAsync($"/Invoicing/{supplierId}/Deposit");
        await page.SetInputFilesAsync("#file", new FilePayload { Name = "notes.txt", MimeType = "text/plain", Buffer = "pas une facture"u8.ToArray() });
        await page.ClickAsync("#deposit");
        await page.WaitForSelectorAsync("#err-Fichier");
        Assert.Contains("ni une facture UBL, CII ou Factur-X", await page.InnerTextAsync("#err-Fichier"), StringComparison.Ordinal);
        Assert.Contains("err-Fichier", await page.GetAttributeAsync("#file", "aria-describedby") ?? "", StringComparison.Ordinal);
        Assert.Equal(flows, await app.Db(db => db.Set<Flow>().CountAsync()));
        await AssertFrenchAndAccessibleAsync(page);
    }

    [SkippableBrowserFact]
    public async Task Keyboard_only_entry_checks_the_recipient_while_typing_and_keeps_everything_on_refusal()
    {
        var (supplier, supplierId, _, _) = await PartiesAsync();
        var recipientUser = await app.CreateUserAsync(Unique.Email("mairie"));
        var recipientClient = await app.ClientForAsync(recipientUser.Email!);
        var recipientSiret = Unique.Siret();
        var name = $"Mairie de Clavier {Unique.Next()}";
        var created = await recipientClient.PostAsJsonAsync("/api/v1/structures",
            new { identifierType = "SIRET", identifier = recipientSiret, name, isPublic = true, parameters = new { serviceCodeRequired = true } });
        created.EnsureSuccessStatusCode();
        var recipientId = (await created.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("id").GetInt64();
        (await recipientClient.PostAsJsonAsync($"/api/v1/structures/{recipientId}/services", new { code = "COMPTA", name = "Comptabilité", commitmentNumberRequired = true })).EnsureSuccessStatusCode();

        var page = await app.NewPageAsync();
        await BrowserApp.SignInAsync(page, supplier);
        await page.GotoAsync($"/Invoicing/{supplierId}/Entry");
        var number = $"C{Unique.Next()}";
        await TabToAsync(page, "#number");
        await page.Keyboard.TypeAsync(number);
        await TabToAsync(page, "#issue-date");
        // The date field's segments follow the browser's own language (day first in French, month first in a US build).
        await page.Keyboard.TypeAsync("01122026");
        if (await page.InputValueAsync("#issue-date") != "2026-12-01")
        {
            for (var i = 0; i < 4 && await page.EvaluateAsync<string>("document.activeElement.id") == "issue-date"; i++)
                await page.Keyboard.PressAsync("Shift+Tab");
            await page.Keyboard.PressAsync("Tab");
            await page.Keyboard.TypeAsync("12012026");
        }
        Assert.Equal("2026-12-01", await page.InputValueAsync("#issue-date"));

        // The recipient by the start of its name: the list comes, the arrow keys choose, its parameters are said.
        await TabToAsync(page, "#recipient");
        await page.Keyboard.TypeAsync(name[..20]);
        await page.WaitForSelectorAsync("#recipient-results button");
        await page.Keyboard.PressAsync("ArrowDown");
        Assert.Contains(recipientSiret, await page.EvaluateAsync<string>("document.activeElement.textContent"), StringComparison.Ordinal);
        await page.Keyboard.PressAsync("Enter");
        Assert.Equal(recipientSiret, await page.InputValueAsync("#recipient"));
        Assert.Contains(name, await page.InnerTextAsync("#recipient-status"), StringComparison.Ordinal);
        Assert.Contains("exige un code service", await page.InnerTextAsync("#service-status"), StringComparison.Ordinal);
        Assert.True(await page.IsVisibleAsync("#service-required"));
        // A wrong SIRET is caught while typing.
        await page.FillAsync("#recipient", "12345678901234");
        await page.WaitForFunctionAsync("() => document.getElementById('recipient-status').textContent.includes('clé de contrôle')");
        await page.FillAsync("#recipient", recipientSiret);
        await page.WaitForFunctionAsync("n => document.getElementById('recipient-status').textContent.includes(n)", name);

        // The service: an unknown code is said at once, the right one names the commitment number it requires.
        await TabToAsync(page, "#service");
        await page.Keyboard.TypeAsync("INCONNU");
        await page.WaitForFunctionAsync("() => document.getElementById('service-status').textContent.includes('INCONNU')");
        await page.FillAsync("#service", "");
        await page.Keyboard.TypeAsync("COMPTA");
        await page.WaitForFunctionAsync("() => document.getElementById('service-status').textContent.includes('engagement')");
        Assert.True(await page.IsVisibleAsync("#commitment-required"));

        // One line, typed with the keyboard; no commitment number yet, and the quantity is not a number.
        await TabToAsync(page, "#line-0-designation");
        await page.Keyboard.TypeAsync("Entretien des espaces verts");
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.TypeAsync("douze");
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.TypeAsync("150,50");
        await TabToAsync(page, "#submit-entry");
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForSelectorAsync("#refusal");

        // Refused for the commitment number the service requires: everything typed is still there, the message next to the field.
        Assert.Contains("COMMITMENT_NUMBER_REQUIRED", await page.InnerTextAsync("#refusal"), StringComparison.Ordinal);
        Assert.Equal(number, await page.InputValueAsync("#number"));
        Assert.Equal("2026-12-01", await page.InputValueAsync("#issue-date"));
        Assert.Equal(recipientSiret, await page.InputValueAsync("#recipient"));
        Assert.Equal("COMPTA", await page.InputValueAsync("#service"));
        Assert.Equal("Entretien des espaces verts", await page.InputValueAsync("#line-0-designation"));
        Assert.Equal("douze", await page.InputValueAsync("#line-0-quantity"));
        Assert.Equal("150,50", await page.InputValueAsync("#line-0-price"));
        Assert.Equal("true", await page.GetAttributeAsync("#commitment", "aria-invalid"));
        Assert.Contains("engagement", await page.InnerTextAsync("#err-NumeroEngagement"), StringComparison.Ordinal);
        await AssertFrenchAndAccessibleAsync(page);

        // With the commitment number, the quantity is refused next to it, under its label as shown ("Quantité, ligne 1").
        await TabToAsync(page, "#commitment");
        await page.Keyboard.TypeAsync("EJ-2026-7");
        await TabToAsync(page, "#submit-entry");
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForSelectorAsync("#refusal");
        Assert.Equal("err-Lines-0--Quantite", await page.GetAttributeAsync("#line-0-quantity", "aria-describedby"));
        Assert.Contains("Quantité, ligne 1", await page.InnerTextAsync("#err-Lines-0--Quantite"), StringComparison.Ordinal);
        Assert.DoesNotContain("lignes[0]", await page.InnerTextAsync("main"), StringComparison.Ordinal);
        Assert.Equal("EJ-2026-7", await page.InputValueAsync("#commitment"));
        await FrenchLeaks.AssertNoneAsync(page);

        await page.FillAsync("#line-0-quantity", "12");
        await TabToAsync(page, "#submit-entry");
        await page.Keyboard.PressAsync("Enter");
        await WaitForFinalReportAsync(page);
        Assert.Equal("IN_INTEGRE", await page.GetAttributeAsync("#flow-state", "data-code"));
        var invoice = await app.Db(db => db.Set<Invoice>().SingleAsync(i => i.SupplierStructureId == supplierId && i.Number == number));
        Assert.Equal(("EJ-2026-7", 1806.00m), (invoice.CommitmentNumber, invoice.AmountExclVat));
    }

    [SkippableBrowserFact]
    public async Task Deactivating_withdrawing_and_processing_ask_for_confirmation_with_the_consequence()
    {
        var manager = await app.CreateUserAsync(Unique.Email("gp"));
        var colleague = await app.CreateUserAsync(Unique.Email("collegue"));
        var client = await app.ClientForAsync(manager.Email!);
        var structureId = await Kit.CreateStructureAsync(client, Unique.Siret(), isPublic: false);
        (await client.PostAsJsonAsync($"/api/v1/structures/{structureId}/users", new { email = colleague.Email })).EnsureSuccessStatusCode();
        (await client.PostAsJsonAsync($"/api/v1/structures/{structureId}/users/{colleague.Id}/habilitations", new { application = "FacturesRecues", profile = "Consultation" })).EnsureSuccessStatusCode();
        var page = await app.NewPageAsync();
        await BrowserApp.SignInAsync(page, manager.Email!);

        // Withdrawing a habilitation: cancel keeps it, confirm withdraws it.
        await page.GotoAsync($"/Organisation/Structures/{structureId}/Users/{colleague.Id}");
        await page.ClickAsync("form[data-confirm] button[type=submit]");
        Assert.Contains("perdra aussitôt", await page.InnerTextAsync("#confirm-message"), StringComparison.Ordinal);
        await AssertFrenchAndAccessibleAsync(page);
        await page.Keyboard.PressAsync("Escape");
        Assert.Equal(0, await page.Locator("dialog.confirm").CountAsync());
        Assert.True(await HabilitationsAsync(structureId, colleague.Id) > 0);
        await page.ClickAsync("form[data-confirm] button[type=submit]");
        await page.ClickAsync("#confirm-yes");
        await page.WaitForSelectorAsync(".notice");
        Assert.Equal(0, await HabilitationsAsync(structureId, colleague.Id));

        // Deactivating the structure: the dialog says what follows; cancel, then confirm.
        await page.GotoAsync($"/Organisation/Structures/{structureId}");
        await page.ClickAsync("#toggle-structure");
        Assert.Contains("ne pourra plus recevoir de factures", await page.InnerTextAsync("#confirm-message"), StringComparison.Ordinal);
        await page.ClickAsync("#confirm-no");
        Assert.True(await app.Db(db => db.Structures.Where(s => s.Id == structureId).Select(s => s.IsActive).SingleAsync()));
        await page.ClickAsync("#toggle-structure");
        await page.ClickAsync("#confirm-yes");
        await page.WaitForSelectorAsync(".notice");
        Assert.False(await app.Db(db => db.Structures.Where(s => s.Id == structureId).Select(s => s.IsActive).SingleAsync()));
    }

    [SkippableBrowserFact]
    public async Task The_processing_form_preselects_no_status_and_confirms_the_change()
    {
        var (supplier, supplierId, supplierSiret, recipientSiret) = await PartiesAsync();
        var supplierClient = await app.ClientForAsync(supplier);
        var flow = await Kit.DepositAsync(supplierClient, supplierId, Kit.Ubl(supplierSiret, recipientSiret, $"P{Unique.Next()}"), "p.xml");
        var invoice = await WaitForInvoiceAsync(supplierId);
        var recipientUser = await app.Db(db => db.Memberships.Where(m => m.StructureId == invoice.RecipientStructureId).Select(m => m.UserId).FirstAsync());
        var recipientEmail = await app.Db(db => db.Users.Where(u => u.Id == recipientUser).Select(u => u.Email!).SingleAsync());
        var page = await app.NewPageAsync();
        await BrowserApp.SignInAsync(page, recipientEmail);
        await page.GotoAsync($"/Invoicing/{invoice.RecipientStructureId}/Received/{invoice.Id}");
        Assert.Equal("", await page.InputValueAsync("#new-status"));
        await AssertFrenchAndAccessibleAsync(page);
        // Nothing chosen: the browser keeps the form (required), nothing changes.
        await page.ClickAsync("#process");
        Assert.Equal(0, await page.Locator("dialog.confirm").CountAsync());
        await page.SelectOptionAsync("#new-status", "SERVICE_FAIT");
        await page.ClickAsync("#process");
        var message = await page.InnerTextAsync("#confirm-message");
        Assert.Contains(invoice.Number, message, StringComparison.Ordinal);
        Assert.Contains("« Service fait »", message, StringComparison.Ordinal);
        await page.ClickAsync("#confirm-no");
        Assert.Equal(InvoiceStatus.MISE_A_DISPOSITION, await app.Db(db => db.Set<Invoice>().Where(i => i.Id == invoice.Id).Select(i => i.Status).SingleAsync()));
        await page.ClickAsync("#process");
        await page.ClickAsync("#confirm-yes");
        await page.WaitForSelectorAsync(".notice");
        Assert.Equal("Service fait", await page.InnerTextAsync("#invoice-status"));
        _ = flow;
    }

    [SkippableBrowserFact]
    public async Task The_home_page_says_what_to_do_next_and_menus_show_only_what_the_user_may_do()
    {
        // A newcomer without a structure: create one, or find one by name and ask to join it.
        var newcomer = await app.CreateUserAsync(Unique.Email("nouveau"));
        var owner = await app.CreateUserAsync(Unique.Email("proprietaire"));
        var ownerClient = await app.ClientForAsync(owner.Email!);
        var siret = Unique.Siret();
        var name = $"Boulangerie Accueil {Unique.Next()}";
        (await ownerClient.PostAsJsonAsync("/api/v1/structures", new { identifierType = "SIRET", identifier = siret, name, isPublic = false })).EnsureSuccessStatusCode();
        var page = await app.NewPageAsync();
        await BrowserApp.SignInAsync(page, newcomer.Email!);
        await page.GotoAsync("/");
        Assert.True(await page.IsVisibleAsync("#create-structure-link"));
        await AssertFrenchAndAccessibleAsync(page);
        // Menus: no invoices, refunds, connections or operator entries for someone who may not use them.
        foreach (var entry in new[] { "#menu-invoicing", "#menu-refunds", "#menu-connections", "#menu-operator" })
            Assert.Equal(0, await page.Locator(entry).CountAsync());
        await page.FillAsync("#home-name", name[..18]);
        await page.ClickAsync("#home-search-button");
        var row = page.Locator("#results tr", new() { HasText = name });
        await row.Locator("a.join").ClickAsync();
        Assert.Equal(name, await page.InnerTextAsync("#target"));
        await AssertFrenchAndAccessibleAsync(page);

        // A member with invoices to process and a request to decide: the home page lists them with their links.
        var (supplier, supplierId, supplierSiret, recipientSiret) = await PartiesAsync();
        await Kit.DepositAsync(await app.ClientForAsync(supplier), supplierId, Kit.Ubl(supplierSiret, recipientSiret, $"H{Unique.Next()}"), "h.xml");
        var invoice = await WaitForInvoiceAsync(supplierId);
        var recipientUserId = await app.Db(db => db.Memberships.Where(m => m.StructureId == invoice.RecipientStructureId).Select(m => m.UserId).FirstAsync());
        var recipientEmail = await app.Db(db => db.Users.Where(u => u.Id == recipientUserId).Select(u => u.Email!).SingleAsync());
        var recipientIdentifierType = "SIRET";
        var asker = await app.CreateUserAsync(Unique.Email("demandeur"));
        (await (await app.ClientForAsync(asker.Email!)).PostAsJsonAsync("/api/v1/approvals/attachment-requests",
            new { identifierType = recipientIdentifierType, identifier = recipientSiret, comment = "Je rejoins la comptabilité" })).EnsureSuccessStatusCode();
        var member = await app.NewPageAsync();
        await BrowserApp.SignInAsync(member, recipientEmail);
        await member.GotoAsync("/");
        Assert.Contains("1 facture(s) reçue(s) à traiter", await member.InnerTextAsync("#home-waiting"), StringComparison.Ordinal);
        Assert.EndsWith($"/Invoicing/{invoice.RecipientStructureId}/Received", await member.GetAttributeAsync("#home-waiting a.to-process", "href"), StringComparison.Ordinal);
        Assert.Contains("1 demande(s)", await member.InnerTextAsync("#home-pending"), StringComparison.Ordinal);
        Assert.Equal(1, await member.Locator("#menu-invoicing").CountAsync());
        await AssertFrenchAndAccessibleAsync(member);
    }

    [SkippableBrowserFact]
    public async Task Main_pages_are_usable_at_390_px_have_a_favicon_and_no_serious_axe_violation()
    {
        var (supplier, supplierId, supplierSiret, recipientSiret) = await PartiesAsync();
        await Kit.DepositAsync(await app.ClientForAsync(supplier), supplierId, Kit.Ubl(supplierSiret, recipientSiret, $"M{Unique.Next()}"), "m.xml");
        var invoice = await WaitForInvoiceAsync(supplierId);
        var context = await app.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = app.BaseUrl, Locale = "fr-FR", ViewportSize = new() { Width = 390, Height = 844 } });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(15_000);
        app.Leaks.Watch(page);
        await page.GotoAsync("/");
        Assert.Equal(200, (await page.APIRequest.GetAsync(await page.GetAttributeAsync("link[rel=icon]", "href") ?? "/favicon.ico")).Status);
        await BrowserApp.SignInAsync(page, supplier);
        string[] pages =
        [
            "/", "/Organisation/Structures", $"/Organisation/Structures/{supplierId}", $"/Organisation/Structures/{supplierId}/Users",
            "/Organisation/Structures/Search?Name=Structure", "/Invoicing", $"/Invoicing/{supplierId}/Sent", $"/Invoicing/{supplierId}/Sent/{invoice.Id}",
            $"/Invoicing/{supplierId}/Deposit", $"/Invoicing/{supplierId}/Entry", $"/Invoicing/{supplierId}/Flows", "/Approvals", "/Approvals/Attach",
            "/News", "/Account/Manage", "/Refunds",
        ];
        var problems = new List<string>();
        foreach (var url in pages)
        {
            var response = await page.GotoAsync(url);
            Assert.True(response!.Ok, $"{url}: {response.Status}");
            // Nothing wider than the phone: wide tables scroll inside their own box.
            var width = await page.EvaluateAsync<int>("document.documentElement.scrollWidth");
            if (width > 392)
                problems.Add($"{url}: the page is {width} px wide at 390 px, because of " + await page.EvaluateAsync<string>(
                    "() => [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > 392 && !e.closest('.table-scroll'))" +
                    ".slice(0, 6).map(e => e.tagName + '#' + e.id + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right)).join(', ')"));
            problems.AddRange(await SeriousViolationsAsync(page));
            problems.AddRange((await FrenchLeaks.OfAsync(page)).Select(l => $"{url}: English « {l} »"));
        }
        foreach (var anonymous in new[] { "/Account/Login", "/Account/Register", "/Account/ForgotPassword" })
        {
            var visitor = await app.NewPageAsync();
            await visitor.GotoAsync(anonymous);
            problems.AddRange(await SeriousViolationsAsync(visitor));
        }
        Assert.True(problems.Count == 0, string.Join("\n", problems));
        await context.CloseAsync();
    }

    private Task<(string Supplier, long SupplierId, string SupplierSiret, string RecipientSiret)> PartiesAsync() => Kit.SupplierToSignInAndRecipientAsync(app);

    private async Task<Invoice> WaitForInvoiceAsync(long supplierId)
    {
        for (var i = 0; i < 120; i++)
        {
            if (await app.Db(db => db.Set<Invoice>().AsNoTracking().Where(v => v.SupplierStructureId == supplierId).OrderByDescending(v => v.Id).FirstOrDefaultAsync()) is { Status: InvoiceStatus.MISE_A_DISPOSITION } invoice)
                return invoice;
            await Task.Delay(250);
        }
        throw new TimeoutException("the deposit was not integrated");
    }

    /// <summary>The report page, refreshing itself, reaches a final state; otherwise says where the browser is and what it shows.</summary>
    private static async Task WaitForFinalReportAsync(IPage page)
    {
        try
        {
            await page.WaitForSelectorAsync("#flow-report[data-final=true]", new() { Timeout = 90_000 });
        }
        catch (TimeoutException)
        {
            Assert.Fail($"No final deposit report at {page.Url}: {await page.InnerTextAsync("main")}");
        }
    }

    private Task<int> HabilitationsAsync(long structureId, long userId) =>
        app.Db(async db => (await db.Memberships.SingleAsync(m => m.StructureId == structureId && m.UserId == userId)).Habilitations.Count);
}
