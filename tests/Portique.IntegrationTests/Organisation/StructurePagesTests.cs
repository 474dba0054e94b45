using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Portique.IntegrationTests.Infrastructure;
using static Portique.IntegrationTests.Organisation.ManageStructureTests;

namespace Portique.IntegrationTests.Organisation;

/// <summary>The structure pages over HTTP, signed in with the API's bearer token (the pages accept it as well as the cookie).</summary>
public sealed partial class StructurePagesTests(PortiqueApp app) : IClassFixture<PortiqueApp>
{
    [Fact]
    public async Task Structure_page_shows_details_and_services_to_the_manager_and_is_refused_to_an_outsider()
    {
        var (_, manager) = await app.SignedInUserAsync();
        var name = $"Mairie de Pagesville {Unique.Next()}";
        var id = await CreateStructureAsync(manager, isPublic: true, name: name);
        var (_, outsider) = await app.SignedInUserAsync();

        var page = await manager.GetAsync($"/Organisation/Structures/{id}");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = WebUtility.HtmlDecode(await page.Content.ReadAsStringAsync());
        Assert.Contains(name, html, StringComparison.Ordinal);
        Assert.Contains("FACTURES_PUBLIQUES", html, StringComparison.Ordinal);
        Assert.Contains("id=\"edit-structure\"", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await outsider.GetAsync($"/Organisation/Structures/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await outsider.GetAsync($"/Organisation/Structures/{id}/Edit")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await outsider.GetAsync($"/Organisation/Structures/{id}/Services/Create")).StatusCode);
    }

    [Fact]
    public async Task A_user_with_consultation_only_reads_the_page_without_actions_and_cannot_open_the_forms()
    {
        var (_, manager) = await app.SignedInUserAsync();
        var id = await CreateStructureAsync(manager, isPublic: true);
        var (reader, readerClient) = await app.SignedInUserAsync();
        await app.Db(async db =>
        {
            var m = Portique.Organisation.Membership.Attach(id, reader.Id, Portique.Organisation.MemberRole.User, app.Clock.GetUtcNow());
            m.Grant(Portique.Organisation.PortalApplication.Organisation, Portique.Organisation.HabilitationProfile.Consultation, null);
            db.Memberships.Add(m);
            return await db.SaveChangesAsync();
        });
        var serviceId = await app.Db(db => db.Services.Where(s => s.StructureId == id).Select(s => s.Id).SingleAsync());

        var html = await readerClient.GetStringAsync($"/Organisation/Structures/{id}");

        Assert.Contains("FACTURES_PUBLIQUES", html, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"edit-structure\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"add-service\"", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await readerClient.GetAsync($"/Organisation/Structures/{id}/Edit")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await readerClient.GetAsync($"/Organisation/Structures/{id}/Services/{serviceId}/Edit")).StatusCode);
    }

    [Fact]
    public async Task Mes_structures_and_search_pages_list_the_structure()
    {
        var (_, client) = await app.SignedInUserAsync();
        var name = $"Quincaillerie Pagès {Unique.Next()}";
        await CreateStructureAsync(client, name: name);

        // Razor encodes non-ASCII characters ("è" → "&#xE8;"): compare decoded text.
        var mine = WebUtility.HtmlDecode(await client.GetStringAsync("/Organisation/Structures"));
        Assert.Contains(name, mine, StringComparison.Ordinal);
        Assert.Contains("Gestionnaire principal", mine, StringComparison.Ordinal);

        var found = WebUtility.HtmlDecode(await client.GetStringAsync($"/Organisation/Structures/Search?Name={Uri.EscapeDataString("quincaillerie pages")}&Kind=private"));
        Assert.Contains(name, found, StringComparison.Ordinal);
        var none = WebUtility.HtmlDecode(await client.GetStringAsync($"/Organisation/Structures/Search?Name={Uri.EscapeDataString("quincaillerie pages")}&Kind=public"));
        Assert.DoesNotContain(name, none, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_page_creates_the_structure_and_shows_a_refusal_with_its_code()
    {
        var (user, client) = await app.SignedInUserAsync();
        var siret = Unique.Siret();
        var name = $"Fromagerie du Plateau {Unique.Next()}";

        var created = await PostFormAsync(client, "/Organisation/Structures/Create", new()
        {
            ["IdentifierType"] = "SIRET", ["Identifier"] = siret, ["Form.Name"] = name, ["Form.PostCode"] = "25000",
            ["Form.ServiceCodeRequired"] = "true",
        });

        var structure = await app.Db(db => db.Structures.AsNoTracking().SingleAsync(s => s.Identifier == siret));
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        Assert.Equal($"/Organisation/Structures/{structure.Id}", created.Headers.Location?.OriginalString);
        Assert.Contains(name, WebUtility.HtmlDecode(await client.GetStringAsync(created.Headers.Location)), StringComparison.Ordinal);
        Assert.True(structure.Parameters.ServiceCodeRequired);
        Assert.Equal("25000", structure.Address.PostCode);

        var before = await app.Db(db => db.Structures.CountAsync());
        var refused = await PostFormAsync(client, "/Organisation/Structures/Create", new()
        {
            ["IdentifierType"] = "SIRET", ["Identifier"] = "12345678901234", ["Form.Name"] = "Clé fausse",
        });
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("SIRET_INVALID", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(before, await app.Db(db => db.Structures.CountAsync()));
        Assert.Equal(user.Id, await app.Db(db => db.Memberships.Where(m => m.StructureId == structure.Id).Select(m => m.UserId).SingleAsync()));
    }

    [Fact]
    public async Task Service_pages_add_a_service_and_refuse_to_deactivate_the_default_one()
    {
        var (_, client) = await app.SignedInUserAsync();
        var id = await CreateStructureAsync(client, isPublic: true);

        var added = await PostFormAsync(client, $"/Organisation/Structures/{id}/Services/Create", new()
        {
            ["Form.Code"] = "voirie", ["Form.Name"] = "Service voirie", ["Form.ValidFrom"] = "2026-01-01",
        });
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        Assert.Contains("VOIRIE", await client.GetStringAsync(added.Headers.Location), StringComparison.Ordinal);

        var defaultId = await app.Db(db => db.Services.Where(s => s.StructureId == id && s.Code == "FACTURES_PUBLIQUES").Select(s => s.Id).SingleAsync());
        var refused = await PostFormAsync(client, $"/Organisation/Structures/{id}/Services/{defaultId}/Edit?handler=Deactivate", [], $"/Organisation/Structures/{id}");
        Assert.Contains("DEFAULT_SERVICE_PROTECTED", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.True(await app.Db(db => db.Services.Where(s => s.Id == defaultId).Select(s => s.IsActive).SingleAsync()));
    }

    [Fact]
    public async Task Bank_details_page_adds_an_account_shown_on_the_structure_page_refuses_a_bad_iban_and_deactivates()
    {
        var (_, client) = await app.SignedInUserAsync();
        var id = await CreateStructureAsync(client, isPublic: false);

        var added = await PostFormAsync(client, $"/Organisation/Structures/{id}/BankAccounts", new()
        {
            ["Nom"] = "Compte courant", ["Iban"] = "fr76 3000 6000 0112 3456 7890 189", ["Bic"] = "BNPAFRPP",
        });
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        var page = WebUtility.HtmlDecode(await client.GetStringAsync($"/Organisation/Structures/{id}"));
        Assert.Contains("FR76 3000 6000 0112 3456 7890 189", page, StringComparison.Ordinal);
        Assert.Contains("Compte courant", page, StringComparison.Ordinal);

        var refused = await PostFormAsync(client, $"/Organisation/Structures/{id}/BankAccounts", new() { ["Nom"] = "Faux", ["Iban"] = "FR76 3000 6000 0112 3456 7890 188" });
        Assert.Contains("BANK_IBAN_INVALID", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var accountId = await app.Db(db => db.Set<Portique.Organisation.BankAccounts.BankAccount>().Where(b => b.StructureId == id).Select(b => b.Id).SingleAsync());
        var deactivated = await PostFormAsync(client, $"/Organisation/Structures/{id}/BankAccounts?handler=Deactivate",
            new() { ["bankAccountId"] = accountId.ToString(System.Globalization.CultureInfo.InvariantCulture) }, $"/Organisation/Structures/{id}");
        Assert.Equal(HttpStatusCode.Redirect, deactivated.StatusCode);
        Assert.False(await app.Db(db => db.Set<Portique.Organisation.BankAccounts.BankAccount>().Where(b => b.Id == accountId).Select(b => b.IsActive).SingleAsync()));
    }

    /// <summary>
    /// Posts a form the way a browser does: the antiforgery token (and its cookie) come from the page that holds the form.
    /// The redirect that follows a success is returned, not followed: HttpClient drops the bearer token on redirects.
    /// </summary>
    private async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string url, Dictionary<string, string> fields, string? formPage = null)
    {
        using var browser = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        browser.DefaultRequestHeaders.Authorization = client.DefaultRequestHeaders.Authorization;
        var form = await browser.GetStringAsync(formPage ?? url);
        fields["__RequestVerificationToken"] = AntiforgeryToken().Match(form).Groups[1].Value;
        return await browser.PostAsync(url, new FormUrlEncodedContent(fields));
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}
