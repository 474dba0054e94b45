using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Portique.IntegrationTests.Accounts;
using Portique.IntegrationTests.Infrastructure;
using Portique.IntegrationTests.Invoicing;

namespace Portique.IntegrationTests.Security;

/// <summary>Issue 13 point 6: headers, cookies, antiforgery on cookie API calls, sign-out, second factor, clear 400s.</summary>
public sealed class HardeningTests(SecurityApp app) : IClassFixture<SecurityApp>
{
    [Fact]
    public async Task Every_page_carries_the_security_headers_and_its_scripts_the_policys_nonce()
    {
        var response = await app.CreateClient().GetAsync("/Account/Login");
        var headers = response.Headers;
        Assert.Equal("nosniff", Assert.Single(headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("same-origin", Assert.Single(headers.GetValues("Referrer-Policy")));
        Assert.Equal("DENY", Assert.Single(headers.GetValues("X-Frame-Options")));
        var csp = Assert.Single(headers.GetValues("Content-Security-Policy"));
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.Contains("object-src 'none'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", Regex.Match(csp, "script-src [^;]+").Value, StringComparison.Ordinal);
        var nonce = Regex.Match(csp, "script-src 'self' 'nonce-([^']+)'").Groups[1].Value;
        Assert.False(string.IsNullOrEmpty(nonce));
        var html = await response.Content.ReadAsStringAsync();
        Assert.Matches($"<script src=\"/js/site\\.js[^\"]*\" defer nonce=\"{Regex.Escape(nonce)}\"", html);
        // Inline event handlers would be refused by the policy: no page has one any more.
        Assert.DoesNotMatch(" on(click|change|submit)=", html);
        // A new answer, a new nonce.
        Assert.DoesNotContain(nonce, Assert.Single((await app.CreateClient().GetAsync("/Account/Login")).Headers.GetValues("Content-Security-Policy")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task On_https_answers_carry_hsts_and_cookies_are_secure_on_http_neither()
    {
        var user = await app.CreateUserAsync();
        var https = app.From("198.51.100.30", "https://portique.test");
        var http = app.From("198.51.100.31", "http://portique.test");

        Assert.Contains("max-age=", Assert.Single((await https.GetAsync("/Account/Login")).Headers.GetValues("Strict-Transport-Security")), StringComparison.Ordinal);
        Assert.False((await http.GetAsync("/Account/Login")).Headers.Contains("Strict-Transport-Security"));

        var secure = await https.PostAsJsonAsync("/api/v1/account/login?useCookies=true", new { email = user.Email, password = PortiqueApp.Password });
        var plain = await http.PostAsJsonAsync("/api/v1/account/login?useCookies=true", new { email = user.Email, password = PortiqueApp.Password });
        Assert.All(secure.Headers.GetValues("Set-Cookie"), c => Assert.Contains("; secure", c, StringComparison.OrdinalIgnoreCase));
        Assert.All(plain.Headers.GetValues("Set-Cookie"), c => Assert.DoesNotContain("; secure", c, StringComparison.OrdinalIgnoreCase));
        var culture = await https.GetAsync("/culture/en?returnUrl=/Account/Login");
        Assert.Contains("; secure", Assert.Single(culture.Headers.GetValues("Set-Cookie")), StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("//evil.example/")]
    [InlineData("/\\evil.example/")]
    [InlineData("https://evil.example/")]
    public async Task The_language_switch_refuses_another_sites_address_with_a_clear_400(string returnUrl)
    {
        var response = await app.CreateClient(new() { AllowAutoRedirect = false }).GetAsync($"/culture/en?returnUrl={Uri.EscapeDataString(returnUrl)}");
        // A browser follows this link: the refusal is the portal's French error page, naming the code and the reason.
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var page = await response.Content.ReadAsStringAsync();
        Assert.Contains("<code>RETURN_URL_INVALID</code>", page, StringComparison.Ordinal);
        Assert.Contains("adresse de retour doit être une page de ce portail", System.Net.WebUtility.HtmlDecode(page), StringComparison.Ordinal);
        Assert.DoesNotContain(response.Headers, h => h.Key == "Set-Cookie" && h.Value.Any(v => v.StartsWith(".AspNetCore.Culture", StringComparison.Ordinal)));
        var local = await app.CreateClient(new() { AllowAutoRedirect = false }).GetAsync("/culture/en?returnUrl=/Account/Login");
        Assert.Equal(HttpStatusCode.Redirect, local.StatusCode);
        Assert.Equal("/Account/Login", local.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task A_cookie_authenticated_form_post_to_the_api_needs_the_antiforgery_token_a_bearer_call_does_not()
    {
        var (user, bearer) = await app.SignedInUserAsync();
        var structureId = await Kit.CreateStructureAsync(bearer, Unique.Siret(), isPublic: false);
        var cookie = await app.SignInCookieAsync(user.Email!);
        var url = $"/api/v1/structures/{structureId}/invoices/flows";
        var raw = app.CreateClient(new() { HandleCookies = false });

        // What a cross-site page can send: the browser adds the cookie, the page cannot add the token.
        var forged = new HttpRequestMessage(HttpMethod.Post, url) { Content = Flow() };
        forged.Headers.Add("Cookie", cookie);
        await Kit.AssertProblem(await raw.SendAsync(forged), HttpStatusCode.BadRequest, "ANTIFORGERY_TOKEN_REQUIRED");
        Assert.Equal(0, await app.Db(db => db.Set<Portique.Invoicing.Flow>().CountAsync(f => f.StructureId == structureId)));

        // The portal's own pages hold the token (any form of the layout carries it) and may post.
        var home = new HttpRequestMessage(HttpMethod.Get, "/Account/Manage");
        home.Headers.Add("Cookie", cookie);
        var page = await raw.SendAsync(home);
        var antiforgeryCookie = Assert.Single(page.Headers.GetValues("Set-Cookie"), c => c.StartsWith(".AspNetCore.Antiforgery.", StringComparison.Ordinal)).Split(';')[0];
        var token = AccountKit.FormToken(await page.Content.ReadAsStringAsync());
        var genuine = new HttpRequestMessage(HttpMethod.Post, url) { Content = Flow() };
        genuine.Headers.Add("Cookie", $"{cookie}; {antiforgeryCookie}");
        genuine.Headers.Add("RequestVerificationToken", token);
        Assert.Equal(HttpStatusCode.Created, (await raw.SendAsync(genuine)).StatusCode);

        // Software with a bearer token is not exposed to cross-site forms.
        Assert.Equal(HttpStatusCode.Created, (await bearer.PostAsync(url, Flow())).StatusCode);
        Assert.Equal(2, await app.Db(db => db.Set<Portique.Invoicing.Flow>().CountAsync(f => f.StructureId == structureId)));
    }

    [Fact]
    public async Task A_signed_out_cookie_no_longer_works_nor_does_the_accounts_refresh_token()
    {
        var user = await app.CreateUserAsync();
        var browser = app.From("198.51.100.32");
        Assert.Equal(HttpStatusCode.Redirect, (await browser.LoginPageAsync(user.Email!, PortiqueApp.Password)).StatusCode);
        var copied = await app.SignInCookieAsync(user.Email!);
        var refresh = (await (await app.ApiLoginAsync(user.Email!, PortiqueApp.Password)).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("refreshToken").GetString();
        Assert.Equal(HttpStatusCode.OK, (await Me(copied, null)).StatusCode);

        Assert.Equal(HttpStatusCode.Redirect, (await browser.PostFormAsync("/Account/Logout", [], pageUrl: "/Account/Manage")).StatusCode);

        Assert.NotEqual(HttpStatusCode.OK, (await Me(copied, null)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().PostAsJsonAsync("/api/v1/account/refresh", new { refreshToken = refresh })).StatusCode);
        var manage = new HttpRequestMessage(HttpMethod.Get, "/Account/Manage");
        manage.Headers.Add("Cookie", copied);
        Assert.NotEqual(HttpStatusCode.OK, (await app.CreateClient(new() { HandleCookies = false, AllowAutoRedirect = false }).SendAsync(manage)).StatusCode);
        // Signing in again works.
        Assert.Equal(HttpStatusCode.OK, (await Me(await app.SignInCookieAsync(user.Email!), null)).StatusCode);
    }

    [Fact]
    public async Task Turning_the_second_factor_off_needs_a_code_by_api_and_the_password_or_a_code_on_the_page()
    {
        var (user, client) = await app.SignedInUserAsync();
        var key = (await (await client.PostAsJsonAsync("/api/v1/account/manage/2fa", new { })).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("sharedKey").GetString()!;
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync("/api/v1/account/manage/2fa", new { enable = true, twoFactorCode = AccountKit.Totp(key, DateTimeOffset.UtcNow) })).StatusCode);

        await Kit.AssertProblem(await client.PostAsJsonAsync("/api/v1/account/manage/2fa", new { enable = false }), HttpStatusCode.BadRequest, "TWO_FACTOR_CONFIRMATION_REQUIRED");
        await Kit.AssertProblem(await client.PostAsJsonAsync("/api/v1/account/manage/2fa", new { resetSharedKey = true }), HttpStatusCode.BadRequest, "TWO_FACTOR_CONFIRMATION_REQUIRED");
        await Kit.AssertProblem(await client.PostAsJsonAsync("/api/v1/account/manage/2fa", new { enable = false, twoFactorCode = "000000" }), HttpStatusCode.BadRequest, "TWO_FACTOR_CONFIRMATION_INVALID");
        Assert.True(await TwoFactorEnabled(user.Id));

        // The page: a session alone is refused, the password is accepted.
        var browser = app.From("198.51.100.33");
        var first = await browser.LoginPageAsync(user.Email!, PortiqueApp.Password);
        await browser.PostFormAsync("/Account/LoginWith2fa", new() { ["Code"] = AccountKit.Totp(key, DateTimeOffset.UtcNow), ["RememberMe"] = "false", ["RememberMachine"] = "false", ["ReturnUrl"] = "/" },
            pageUrl: first.Headers.Location!.ToString());
        var refused = await browser.PostFormAsync("/Account/Manage/TwoFactor?handler=Disable", new() { ["Confirmation"] = "" }, pageUrl: "/Account/Manage/TwoFactor");
        Assert.Equal("TWO_FACTOR_CONFIRMATION_REQUIRED", AccountKit.RefusalCode(await refused.Content.ReadAsStringAsync()));
        var wrong = await browser.PostFormAsync("/Account/Manage/TwoFactor?handler=Disable", new() { ["Confirmation"] = "not-my-password" }, pageUrl: "/Account/Manage/TwoFactor");
        Assert.Equal("TWO_FACTOR_CONFIRMATION_INVALID", AccountKit.RefusalCode(await wrong.Content.ReadAsStringAsync()));
        Assert.True(await TwoFactorEnabled(user.Id));
        var done = await browser.PostFormAsync("/Account/Manage/TwoFactor?handler=Disable", new() { ["Confirmation"] = PortiqueApp.Password }, pageUrl: "/Account/Manage/TwoFactor");
        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
        Assert.False(await TwoFactorEnabled(user.Id));
    }

    [Fact]
    public async Task Sign_up_and_cpro_user_look_ups_answer_the_same_whether_or_not_the_account_exists()
    {
        var taken = (await app.CreateUserAsync()).Email!;
        var browser = app.From("198.51.100.34");
        var before = await app.Db(db => db.Users.CountAsync());
        Dictionary<string, string> Form(string email, string password) =>
            new() { ["FirstName"] = "Ana", ["LastName"] = "Durand", ["Email"] = email, ["Password"] = password };

        var again = await browser.PostFormAsync("/Account/Register", Form(taken, PortiqueApp.Password));
        var fresh = await browser.PostFormAsync("/Account/Register", Form(Unique.Email("nouveau"), PortiqueApp.Password));
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        Assert.Equal(fresh.StatusCode, again.StatusCode);
        Assert.Equal(fresh.Headers.Location, again.Headers.Location);
        Assert.Equal(before + 1, await app.Db(db => db.Users.CountAsync()));
        // A weak password is refused alike, taken address or not.
        Assert.Equal("PASSWORD_TOO_WEAK", AccountKit.RefusalCode(await (await browser.PostFormAsync("/Account/Register", Form(taken, "short"))).Content.ReadAsStringAsync()));
        Assert.Equal("PASSWORD_TOO_WEAK", AccountKit.RefusalCode(await (await browser.PostFormAsync("/Account/Register", Form(Unique.Email(), "short"))).Content.ReadAsStringAsync()));

        var apiTaken = await app.CreateClient().PostAsJsonAsync("/api/v1/account/register", new { email = taken, password = PortiqueApp.Password });
        var apiFresh = await app.CreateClient().PostAsJsonAsync("/api/v1/account/register", new { email = Unique.Email("api"), password = PortiqueApp.Password });
        Assert.Equal(HttpStatusCode.OK, apiTaken.StatusCode);
        Assert.Equal(await apiFresh.Content.ReadAsStringAsync(), await apiTaken.Content.ReadAsStringAsync());
        var weakTaken = await app.CreateClient().PostAsJsonAsync("/api/v1/account/register", new { email = taken, password = "Motdepasse2024!" });
        var weakFresh = await app.CreateClient().PostAsJsonAsync("/api/v1/account/register", new { email = Unique.Email(), password = "Motdepasse2024!" });
        Assert.Equal(HttpStatusCode.BadRequest, weakTaken.StatusCode);
        Assert.Equal(ErrorKeys(await weakFresh.Content.ReadAsStringAsync()), ErrorKeys(await weakTaken.Content.ReadAsStringAsync()));
        Assert.Equal(["PasswordCommon"], ErrorKeys(await weakTaken.Content.ReadAsStringAsync()));
        // The owner learns of both attempts.
        await app.DrainMailAsync();
        Assert.Equal(2, app.Mailbox.To(taken).Count(m => m.Subject?.Contains("déjà un compte", StringComparison.Ordinal) == true));

        // /cpro: an account of another structure is "no user of this structure", as an address nobody has.
        var (_, portal) = await app.SignedInUserAsync();
        var structureId = await Kit.CreateStructureAsync(portal, Unique.Siret(), isPublic: false);
        var cpro = await Portique.IntegrationTests.Cpro.CproClient.ForStructureAsync(app, portal, structureId);
        await cpro.RefusedAsync("structures/v1/lister/rattachementsutilisateur", new { adresseEmailConnexionUtilisateur = taken }, 2, "USER_NOT_FOUND");
        await cpro.RefusedAsync("structures/v1/lister/rattachementsutilisateur", new { adresseEmailConnexionUtilisateur = Unique.Email("personne") }, 2, "USER_NOT_FOUND");
        // A number beyond range in a /cpro body is a clear refusal, not a server error.
        await cpro.RefusedAsync("structures/v1/lister/rattachementsutilisateur", "{\"idUtilisateur\": 1e309}", 1, "FIELD_INVALID");
    }

    private static List<string> ErrorKeys(string problem) =>
        [.. JsonDocument.Parse(problem).RootElement.GetProperty("errors").EnumerateObject().Select(p => p.Name).Order()];

    [Fact]
    public async Task Numbers_beyond_range_get_a_clear_400_never_a_500()
    {
        var (_, supplier) = await app.SignedInUserAsync();
        var (_, recipient) = await app.SignedInUserAsync();
        var supplierSiret = Unique.Siret();
        var supplierId = await Kit.CreateStructureAsync(supplier, supplierSiret, isPublic: false, vatNumber: $"FR00{supplierSiret[..9]}");
        var recipientSiret = Unique.Siret();
        await Kit.CreateStructureAsync(recipient, recipientSiret, isPublic: true);
        var url = $"/api/v1/structures/{supplierId}/invoices/entries";
        string Entry(string quantity, string price) => $$"""
            {"numeroFacture":"N{{Unique.Next()}}","dateFacture":"2026-11-20","dateEcheance":"2027-01-20","identifiantDestinataire":"{{recipientSiret}}",
             "lignes":[{"designation":"Vis","quantite":{{quantity}},"prixUnitaireHt":{{price}},"tauxTva":20}]}
            """;
        foreach (var (quantity, price) in new[] { ("1e309", "1"), ("1e20", "1e20"), ("79228162514264337593543950335", "79228162514264337593543950335") })
        {
            var response = await supplier.PostAsync(url, new StringContent(Entry(quantity, price), Encoding.UTF8, "application/json"));
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{quantity} × {price}: {response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            Assert.False(string.IsNullOrEmpty(JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("code").GetString()));
        }
        Assert.Equal(0, await app.Db(db => db.Set<Portique.Invoicing.Flow>().CountAsync(f => f.StructureId == supplierId)));
    }

    private static MultipartFormDataContent Flow()
    {
        var content = new MultipartFormDataContent();
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes("<Invoice xmlns=\"urn:oasis:names:specification:ubl:schema:xsd:Invoice-2\"/>"));
        file.Headers.ContentType = new MediaTypeHeaderValue("application/xml");
        content.Add(file, "fichierFlux", "facture.xml");
        content.Add(new StringContent("IN_DP_E1_UBL_INVOICE"), "syntaxeFlux");
        return content;
    }

    private async Task<HttpResponseMessage> Me(string? cookie, string? bearer)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/me");
        if (cookie is not null)
            request.Headers.Add("Cookie", cookie);
        if (bearer is not null)
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        return await app.CreateClient(new() { HandleCookies = false }).SendAsync(request);
    }

    private Task<bool> TwoFactorEnabled(long userId) => app.Db(db => db.Users.Where(u => u.Id == userId).Select(u => u.TwoFactorEnabled).SingleAsync());
}
