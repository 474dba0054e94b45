using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using MimeKit;
using Portique.IntegrationTests.Infrastructure;

namespace Portique.IntegrationTests.Accounts;

/// <summary>What account tests share: browser-like clients for the pages, links read from e-mails, TOTP codes.</summary>
public static partial class AccountKit
{
    /// <summary>A client that keeps cookies and does not follow redirects, so tests see where a page sends the browser.</summary>
    public static HttpClient Browser(this PortiqueApp app) =>
        app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    /// <summary>Loads the page, takes the antiforgery token from its form, and posts the fields as the browser would.</summary>
    public static async Task<HttpResponseMessage> PostFormAsync(this HttpClient browser, string url, Dictionary<string, string> fields, string? pageUrl = null)
    {
        var page = await browser.GetAsync(pageUrl ?? url);
        var html = await page.Content.ReadAsStringAsync();
        Assert.True(page.StatusCode == HttpStatusCode.OK, $"GET {pageUrl ?? url}: {page.StatusCode}");
        var token = AntiforgeryToken().Match(html);
        Assert.True(token.Success, $"no antiforgery token on {pageUrl ?? url}");
        var form = new Dictionary<string, string>(fields) { ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups[1].Value) };
        return await browser.PostAsync(url, new FormUrlEncodedContent(form));
    }

    public static async Task<HttpResponseMessage> LoginPageAsync(this HttpClient browser, string email, string password) =>
        await browser.PostFormAsync("/Account/Login", new() { ["Email"] = email, ["Password"] = password, ["RememberMe"] = "false" });

    public static async Task<HttpResponseMessage> ApiLoginAsync(this PortiqueApp app, string email, string password, string? twoFactorCode = null, bool cookies = false) =>
        await app.CreateClient().PostAsJsonAsync($"/api/v1/account/login{(cookies ? "?useCookies=true" : "")}",
            twoFactorCode is null ? new { email, password } : (object)new { email, password, twoFactorCode });

    /// <summary>The sign-in cookie, as "name=value", from the API's cookie login: to replay it by hand (another node, after sign-out).</summary>
    public static async Task<string> SignInCookieAsync(this PortiqueApp app, string email)
    {
        var response = await app.ApiLoginAsync(email, PortiqueApp.Password, cookies: true);
        response.EnsureSuccessStatusCode();
        return Assert.Single(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith(".AspNetCore.Identity.Application=", StringComparison.Ordinal)).Split(';')[0];
    }

    /// <summary>The antiforgery token of the first form of a page.</summary>
    public static string FormToken(string html) => WebUtility.HtmlDecode(AntiforgeryToken().Match(html).Groups[1].Value);

    /// <summary>The stable code a page shows with a refusal.</summary>
    public static string? RefusalCode(string html) => RefusalCodeRegex().Match(html) is { Success: true } m ? m.Groups[1].Value : null;

    /// <summary>The single e-mail received at the address whose subject contains the text; its link to the portal path, as path and query.</summary>
    public static string PortalLink(this PortiqueApp app, string to, string subjectPart, string path)
    {
        var mail = Assert.Single(app.Mailbox.To(to), m => m.Subject?.Contains(subjectPart, StringComparison.Ordinal) == true);
        var match = Regex.Match(mail.TextBody ?? "", "http://portique\\.test(" + Regex.Escape(path) + "\\?\\S+)");
        Assert.True(match.Success, $"no link to {path} in: {mail.TextBody}");
        return match.Groups[1].Value;
    }

    public static MimeMessage SingleMail(this PortiqueApp app, string to, string subjectPart) =>
        Assert.Single(app.Mailbox.To(to), m => m.Subject?.Contains(subjectPart, StringComparison.Ordinal) == true);

    /// <summary>RFC 6238 (HMAC-SHA1, 30 s, 6 digits) computed here, independently of Identity's implementation.</summary>
    public static string Totp(string base32Key, DateTimeOffset at)
    {
        var key = Base32(base32Key);
        var counter = BitConverter.GetBytes(at.ToUnixTimeSeconds() / 30);
        if (BitConverter.IsLittleEndian)
            Array.Reverse(counter);
        // RFC 6238's default, which authenticator apps and Identity use.
#pragma warning disable CA5350
        var hash = HMACSHA1.HashData(key, counter);
#pragma warning restore CA5350
        var offset = hash[^1] & 0x0f;
        var binary = ((hash[offset] & 0x7f) << 24) | (hash[offset + 1] << 16) | (hash[offset + 2] << 8) | hash[offset + 3];
        return (binary % 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
    }

    private static byte[] Base32(string text)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var bits = 0;
        var value = 0;
        var bytes = new List<byte>();
        foreach (var c in text.ToUpperInvariant().Where(c => c is not (' ' or '=')))
        {
            value = (value << 5) | alphabet.IndexOf(c, StringComparison.Ordinal);
            bits += 5;
            if (bits >= 8)
            {
                bytes.Add((byte)(value >> (bits - 8)));
                bits -= 8;
            }
        }
        return [.. bytes];
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();

    [GeneratedRegex("data-code=\"([A-Z_]+)\"")]
    private static partial Regex RefusalCodeRegex();
}
