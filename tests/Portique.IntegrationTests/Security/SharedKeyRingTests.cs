using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Portique.Common.Data;
using Portique.IntegrationTests.Accounts;
using Portique.IntegrationTests.Connections;
using Portique.IntegrationTests.Infrastructure;

namespace Portique.IntegrationTests.Security;

/// <summary>
/// Issue 13 point 4 and issue 14 point 4: the Data Protection key ring is in the database, encrypted at rest, so two web
/// nodes on one database read each other's cookies and tokens, and a node started later still reads them.
/// </summary>
public sealed class SharedKeyRingTests
{
    /// <summary>Another node of the deployment: same database, same settings, its own process state (key-ring cache included).</summary>
    private sealed class Node(string connection) : SecurityApp(connection, ownsDatabase: false);

    [Fact]
    public async Task Two_web_hosts_on_one_database_accept_each_others_tokens_and_cookies_and_a_restarted_one_still_does()
    {
        var connection = TestDatabase.Create();
        var nodes = new List<Node>();
        try
        {
            // The schema comes first, as `portique db migrate` makes it before any node of a deployment starts.
            var options = new DbContextOptionsBuilder<PortiqueDb>();
            Database.Configure(options, Enum.Parse<DatabaseProvider>(TestDatabase.ProviderName), connection);
            await using (var db = new PortiqueDb(options.Options))
                await Schema.MigrateAsync(db);

            var a = await StartAsync(connection, nodes);
            var user = await a.CreateUserAsync();
            var bearer = await BearerAsync(a, user.Email!);
            var cookie = await a.SignInCookieAsync(user.Email!);
            var api = await ConnectionTests.ApiAsync(a);
            var cproToken = await ConnectionTests.AccessTokenAsync(a.CreateClient(), api);
            var (antiforgeryCookie, antiforgeryToken) = await AntiforgeryAsync(a);

            var b = await StartAsync(connection, nodes);

            // B reads what A made: the bearer token, the sign-in cookie, the /cpro token, the antiforgery pair.
            Assert.Equal(HttpStatusCode.OK, (await MeAsync(b, bearer: bearer)).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await MeAsync(b, cookie: cookie)).StatusCode);
            var page = new HttpRequestMessage(HttpMethod.Get, "/Account/Manage");
            page.Headers.Add("Cookie", cookie);
            Assert.Equal(HttpStatusCode.OK, (await b.CreateClient(new() { HandleCookies = false, AllowAutoRedirect = false }).SendAsync(page)).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await b.CreateClient().SendAsync(ConnectionTests.HealthCheck(cproToken, ConnectionTests.Account(api.Login, api.Password)))).StatusCode);
            var login = new HttpRequestMessage(HttpMethod.Post, "/Account/Login")
            {
                Content = new FormUrlEncodedContent(new Dictionary<string, string>
                {
                    ["Email"] = user.Email!, ["Password"] = PortiqueApp.Password, ["RememberMe"] = "false", ["__RequestVerificationToken"] = antiforgeryToken,
                }),
            };
            login.Headers.Add("Cookie", antiforgeryCookie);
            var signedIn = await b.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false }).SendAsync(login);
            Assert.True(signedIn.StatusCode == HttpStatusCode.Redirect, $"B refused A's antiforgery pair: {signedIn.StatusCode}");
            // And the other way round.
            Assert.Equal(HttpStatusCode.OK, (await MeAsync(a, bearer: await BearerAsync(b, user.Email!))).StatusCode);

            // At rest the keys' secrets are encrypted by the certificate: the rows hold no key material in clear.
            var keys = await b.Db(db => db.DataProtectionKeys.AsNoTracking().Select(k => k.Xml!).ToListAsync());
            Assert.NotEmpty(keys);
            Assert.All(keys, xml =>
            {
                Assert.Contains("EncryptedXmlDecryptor", xml, StringComparison.Ordinal);
                Assert.DoesNotContain("<value>", xml, StringComparison.Ordinal);
            });

            // Both nodes stop; a new one (a restart) still reads what A issued.
            foreach (var node in nodes.ToList())
            {
                await ((IAsyncLifetime)node).DisposeAsync();
                nodes.Remove(node);
            }
            var c = await StartAsync(connection, nodes);
            Assert.Equal(HttpStatusCode.OK, (await MeAsync(c, bearer: bearer)).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await MeAsync(c, cookie: cookie)).StatusCode);

            // No node warned about its key ring (no "unencrypted", no "not persisted", no unreadable key).
            var warnings = a.Logs.Entries.Concat(b.Logs.Entries).Concat(c.Logs.Entries)
                .Where(e => e.Category.StartsWith("Microsoft.AspNetCore.DataProtection", StringComparison.Ordinal) && e.Level >= LogLevel.Warning)
                .Select(e => e.Message).ToList();
            Assert.True(warnings.Count == 0, string.Join("\n", warnings));
        }
        finally
        {
            foreach (var node in nodes)
                await ((IAsyncLifetime)node).DisposeAsync();
            TestDatabase.Drop(connection);
        }
    }

    private static async Task<Node> StartAsync(string connection, List<Node> nodes)
    {
        var node = new Node(connection);
        nodes.Add(node);
        await node.InitializeAsync();
        return node;
    }

    private static async Task<string> BearerAsync(PortiqueApp node, string email)
    {
        var response = await node.ApiLoginAsync(email, PortiqueApp.Password);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString()!;
    }

    /// <summary>The antiforgery cookie and the form token of the login page, as a browser would hold them.</summary>
    private static async Task<(string Cookie, string Token)> AntiforgeryAsync(PortiqueApp node)
    {
        var page = await node.CreateClient(new() { HandleCookies = false }).GetAsync("/Account/Login");
        var cookie = Assert.Single(page.Headers.GetValues("Set-Cookie"), c => c.StartsWith(".AspNetCore.Antiforgery.", StringComparison.Ordinal)).Split(';')[0];
        var token = AccountKit.FormToken(await page.Content.ReadAsStringAsync());
        Assert.False(string.IsNullOrEmpty(token));
        return (cookie, token);
    }

    private static async Task<HttpResponseMessage> MeAsync(PortiqueApp node, string? bearer = null, string? cookie = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/me");
        if (bearer is not null)
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        if (cookie is not null)
            request.Headers.Add("Cookie", cookie);
        return await node.CreateClient(new() { HandleCookies = false }).SendAsync(request);
    }
}
