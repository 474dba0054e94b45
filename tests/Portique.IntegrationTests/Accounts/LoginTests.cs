using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Portique.IntegrationTests.Infrastructure;
using static Portique.IntegrationTests.Organisation.CreateStructureTests;

namespace Portique.IntegrationTests.Accounts;

public sealed class LoginTests(PortiqueApp app) : IClassFixture<PortiqueApp>
{
    [Fact]
    public async Task Five_failures_hold_up_the_caller_on_that_account_on_api_and_pages_without_locking_the_account()
    {
        var user = await app.CreateUserAsync();
        for (var i = 0; i < 4; i++)
            Assert.Equal(HttpStatusCode.Unauthorized, (await app.ApiLoginAsync(user.Email!, "wrong-password-1A!")).StatusCode);
        var fifth = await app.Browser().LoginPageAsync(user.Email!, "wrong-password-1A!");
        Assert.Equal("ACCOUNT_LOCKED", AccountKit.RefusalCode(await fifth.Content.ReadAsStringAsync()));

        var locked = await app.ApiLoginAsync(user.Email!, PortiqueApp.Password);
        Assert.Equal(HttpStatusCode.Unauthorized, locked.StatusCode);
        Assert.Equal("LockedOut", (await locked.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
        var page = await app.Browser().LoginPageAsync(user.Email!, PortiqueApp.Password);
        Assert.Equal("ACCOUNT_LOCKED", AccountKit.RefusalCode(await page.Content.ReadAsStringAsync()));
        // The caller is held up (Security/ThrottlingTests: the owner from another address is not); the account is not locked.
        Assert.Null(await app.Db(db => db.Users.Where(u => u.Id == user.Id).Select(u => u.LockoutEnd).SingleAsync()));
    }

    [Fact]
    public async Task Two_factor_enabled_on_the_page_then_login_asks_for_the_code()
    {
        var user = await app.CreateUserAsync();
        var browser = app.Browser();
        Assert.Equal(HttpStatusCode.Redirect, (await browser.LoginPageAsync(user.Email!, PortiqueApp.Password)).StatusCode);

        var setup = await (await browser.GetAsync("/Account/Manage/TwoFactor")).Content.ReadAsStringAsync();
        var key = Regex.Match(setup, "data-key=\"([A-Z2-7]+)\"").Groups[1].Value;
        Assert.Contains($"otpauth://totp/Portique%3A{Uri.EscapeDataString(user.Email!)}?secret={key}&amp;issuer=Portique", setup, StringComparison.Ordinal);
        // The QR code is a PNG of exactly the address shown beside it.
        var uri = System.Net.WebUtility.HtmlDecode(Regex.Match(setup, "<code id=\"authenticator-uri\">([^<]+)</code>").Groups[1].Value);
        var png = Convert.FromBase64String(System.Net.WebUtility.HtmlDecode(Regex.Match(setup, "id=\"authenticator-qr\" src=\"data:image/png;base64,([^\"]+)\"").Groups[1].Value));
        Assert.True(png.AsSpan().StartsWith((byte[])[0x89, (byte)'P', (byte)'N', (byte)'G']));
        Assert.Equal(QRCoder.PngByteQRCodeHelper.GetQRCode(uri, QRCoder.QRCodeGenerator.ECCLevel.M, 5), png);
        var wrong = await browser.PostFormAsync("/Account/Manage/TwoFactor?handler=Enable", new() { ["Code"] = "000000" }, pageUrl: "/Account/Manage/TwoFactor");
        Assert.Equal("TWO_FACTOR_CODE_INVALID", AccountKit.RefusalCode(await wrong.Content.ReadAsStringAsync()));
        var enabled = await browser.PostFormAsync("/Account/Manage/TwoFactor?handler=Enable",
            new() { ["Code"] = AccountKit.Totp(key, DateTimeOffset.UtcNow) }, pageUrl: "/Account/Manage/TwoFactor");
        var recoveryCodes = Regex.Matches(await enabled.Content.ReadAsStringAsync(), "<li><code>([^<]+)</code></li>").Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(10, recoveryCodes.Count);
        Assert.True(await app.Db(db => db.Users.Where(u => u.Id == user.Id).Select(u => u.TwoFactorEnabled).SingleAsync()));

        // Web: the password alone leads to the code page.
        var next = app.Browser();
        var first = await next.LoginPageAsync(user.Email!, PortiqueApp.Password);
        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        var codePage = first.Headers.Location!.ToString();
        Assert.StartsWith("/Account/LoginWith2fa", codePage, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await next.GetAsync("/Account/Manage")).StatusCode);
        var second = await next.PostFormAsync("/Account/LoginWith2fa",
            new() { ["Code"] = AccountKit.Totp(key, DateTimeOffset.UtcNow), ["RememberMe"] = "false", ["RememberMachine"] = "false", ["ReturnUrl"] = "/" }, pageUrl: codePage);
        Assert.Equal("/", second.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await next.GetAsync("/Account/Manage")).StatusCode);

        // A recovery code works once.
        var third = app.Browser();
        await third.LoginPageAsync(user.Email!, PortiqueApp.Password);
        var recovery = await third.PostFormAsync("/Account/LoginWithRecoveryCode", new() { ["RecoveryCode"] = recoveryCodes[0], ["ReturnUrl"] = "/" });
        Assert.Equal("/", recovery.Headers.Location?.OriginalString);
        var fourth = app.Browser();
        await fourth.LoginPageAsync(user.Email!, PortiqueApp.Password);
        var reused = await fourth.PostFormAsync("/Account/LoginWithRecoveryCode", new() { ["RecoveryCode"] = recoveryCodes[0], ["ReturnUrl"] = "/" });
        Assert.Equal("RECOVERY_CODE_INVALID", AccountKit.RefusalCode(await reused.Content.ReadAsStringAsync()));

        // API: the bearer login needs the code too.
        var noCode = await app.ApiLoginAsync(user.Email!, PortiqueApp.Password);
        Assert.Equal("RequiresTwoFactor", (await noCode.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.OK, (await app.ApiLoginAsync(user.Email!, PortiqueApp.Password, AccountKit.Totp(key, DateTimeOffset.UtcNow))).StatusCode);
    }

    [Fact]
    public async Task Two_factor_through_the_api()
    {
        var (user, client) = await app.SignedInUserAsync();
        var setup = await (await client.PostAsJsonAsync("/api/v1/account/manage/2fa", new { })).Content.ReadFromJsonAsync<JsonElement>();
        var key = setup.GetProperty("sharedKey").GetString()!;

        var enable = await client.PostAsJsonAsync("/api/v1/account/manage/2fa", new { enable = true, twoFactorCode = AccountKit.Totp(key, DateTimeOffset.UtcNow) });

        Assert.Equal(HttpStatusCode.OK, enable.StatusCode);
        Assert.Equal(10, (await enable.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("recoveryCodes").GetArrayLength());
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.ApiLoginAsync(user.Email!, PortiqueApp.Password)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await app.ApiLoginAsync(user.Email!, PortiqueApp.Password, AccountKit.Totp(key, DateTimeOffset.UtcNow))).StatusCode);
    }

    [Fact]
    public async Task Deactivated_account_cannot_sign_in_by_cookie_nor_bearer_and_comes_back_by_emailed_link()
    {
        var (user, client) = await app.SignedInUserAsync();
        var email = user.Email!;
        var refreshToken = (await (await app.ApiLoginAsync(email, PortiqueApp.Password)).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("refreshToken").GetString();

        await AssertProblem(await client.PostAsJsonAsync("/api/v1/account/deactivate", new { password = "not-my-password" }), HttpStatusCode.BadRequest, "PASSWORD_INVALID");
        Assert.False(await IsDeactivated(user.Id));
        Assert.Equal(HttpStatusCode.NoContent, (await client.PostAsJsonAsync("/api/v1/account/deactivate", new { password = PortiqueApp.Password })).StatusCode);

        Assert.True(await IsDeactivated(user.Id));
        // The token issued before stays valid in form but carries no rights any more (authenticated, then forbidden).
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/v1/me")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.ApiLoginAsync(email, PortiqueApp.Password)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.ApiLoginAsync(email, PortiqueApp.Password, cookies: true)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().PostAsJsonAsync("/api/v1/account/refresh", new { refreshToken })).StatusCode);
        var page = await app.Browser().LoginPageAsync(email, PortiqueApp.Password);
        Assert.Equal("ACCOUNT_DEACTIVATED", AccountKit.RefusalCode(await page.Content.ReadAsStringAsync()));
        var wrongPassword = await app.Browser().LoginPageAsync(email, "wrong-password-1A!");
        Assert.Equal("LOGIN_FAILED", AccountKit.RefusalCode(await wrongPassword.Content.ReadAsStringAsync()));

        Assert.Equal(HttpStatusCode.Accepted, (await app.CreateClient().PostAsJsonAsync("/api/v1/account/reactivation", new { email })).StatusCode);
        await app.DrainMailAsync();
        var link = app.PortalLink(email, "réactivation", "/Account/Reactivate");
        var browser = app.Browser();
        var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(new Uri("http://x" + link).Query);
        var reactivated = await browser.PostFormAsync("/Account/Reactivate", new() { ["UserId"] = query["userId"]!, ["Code"] = query["code"]! }, pageUrl: link);

        Assert.Equal(HttpStatusCode.Redirect, reactivated.StatusCode);
        Assert.False(await IsDeactivated(user.Id));
        Assert.Equal(HttpStatusCode.OK, (await app.ApiLoginAsync(email, PortiqueApp.Password)).StatusCode);
        await AssertProblem(await app.CreateClient().PostAsJsonAsync("/api/v1/account/reactivate", new { userId = user.Id, code = query["code"].ToString() }),
            HttpStatusCode.BadRequest, "LINK_INVALID");
    }

    [Fact]
    public async Task Deactivation_on_the_page_signs_out()
    {
        var user = await app.CreateUserAsync();
        var browser = app.Browser();
        await browser.LoginPageAsync(user.Email!, PortiqueApp.Password);

        var response = await browser.PostFormAsync("/Account/Manage/Deactivate", new() { ["Password"] = PortiqueApp.Password });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.True(await IsDeactivated(user.Id));
        Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync("/Account/Manage")).StatusCode);
    }

    [Fact]
    public async Task A_principal_manager_cannot_deactivate_before_transferring_the_role()
    {
        var (user, client) = await app.SignedInUserAsync();
        (await client.PostAsJsonAsync("/api/v1/structures", new { identifierType = "SIRET", identifier = Unique.Siret(), name = "Ma société", isPublic = false })).EnsureSuccessStatusCode();

        await AssertProblem(await client.PostAsJsonAsync("/api/v1/account/deactivate", new { password = PortiqueApp.Password }),
            HttpStatusCode.BadRequest, "PRINCIPAL_MANAGER_CANNOT_LEAVE");
        Assert.False(await IsDeactivated(user.Id));
    }

    [Fact]
    public async Task Access_denied_page_and_api_answers()
    {
        var (_, client) = await app.SignedInUserAsync();
        Assert.Equal(HttpStatusCode.Forbidden, (await client.PostAsJsonAsync("/api/v1/news", new { title = "t", body = "b" })).StatusCode);
        var browser = app.Browser();
        await browser.LoginPageAsync((await app.CreateUserAsync()).Email!, PortiqueApp.Password);
        var operatorPage = await browser.GetAsync("/Operator/News");
        Assert.Contains("/Account/AccessDenied", operatorPage.Headers.Location!.ToString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await browser.GetAsync("/Account/AccessDenied")).StatusCode);
    }

    private Task<bool> IsDeactivated(long id) => app.Db(db => db.Users.Where(u => u.Id == id).Select(u => u.IsDeactivated).SingleAsync());
}
