using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Portique.IntegrationTests.Accounts;
using Portique.IntegrationTests.Connections;
using Portique.IntegrationTests.Infrastructure;

namespace Portique.IntegrationTests.Security;

/// <summary>
/// Issue 13 point 5: failures are limited per (caller, target) pair, so an attacker is held up while the legitimate owner
/// goes on working; forwarded addresses are believed only from the configured proxy. Each test uses its own addresses.
/// </summary>
public sealed class ThrottlingTests(SecurityApp app) : IClassFixture<SecurityApp>
{
    [Fact]
    public async Task Bad_secrets_from_one_address_hold_up_that_address_on_that_client_id_while_the_owner_gets_tokens()
    {
        var api = await ConnectionTests.ApiAsync(app);
        var attacker = app.From("203.0.113.10");
        for (var i = 0; i < 5; i++)
            Assert.Equal(HttpStatusCode.Unauthorized, (await ConnectionTests.TokenAsync(attacker, api.ClientId, "wrong")).StatusCode);

        var blocked = await ConnectionTests.TokenAsync(attacker, api.ClientId, api.ClientSecret);
        Assert.Equal(HttpStatusCode.TooManyRequests, blocked.StatusCode);
        Assert.Equal("slow_down", (await blocked.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString());
        Assert.Equal(HttpStatusCode.OK, (await ConnectionTests.TokenAsync(app.From("198.51.100.10"), api.ClientId, api.ClientSecret)).StatusCode);
    }

    [Fact]
    public async Task Bad_passwords_from_one_api_client_do_not_lock_the_technical_account_for_its_owner()
    {
        var victim = await ConnectionTests.ApiAsync(app);
        var http = app.From("203.0.113.11");
        var victimToken = await ConnectionTests.AccessTokenAsync(http, victim);
        // The owner's own client, with a wrong password five times (a misconfigured batch, or someone holding the client).
        for (var i = 0; i < 5; i++)
            Assert.Equal(HttpStatusCode.Unauthorized, (await http.SendAsync(ConnectionTests.HealthCheck(victimToken, ConnectionTests.Account(victim.Login, "wrong")))).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests,
            (await http.SendAsync(ConnectionTests.HealthCheck(victimToken, ConnectionTests.Account(victim.Login, victim.Password)))).StatusCode);

        // Another client of the same structure, from the same address, goes on working with the same technical account.
        var second = await (await victim.Manager.PostAsJsonAsync($"/api/v1/structures/{victim.StructureId}/api-clients", new { name = "Second logiciel" }))
            .Content.ReadFromJsonAsync<JsonElement>();
        var secondToken = await ConnectionTests.AccessTokenAsync(http, victim with
        {
            ClientId = second.GetProperty("clientId").GetString()!, ClientSecret = second.GetProperty("clientSecret").GetString()!,
        });
        Assert.Equal(HttpStatusCode.OK, (await http.SendAsync(ConnectionTests.HealthCheck(secondToken, ConnectionTests.Account(victim.Login, victim.Password)))).StatusCode);
    }

    [Fact]
    public async Task An_api_client_acts_only_with_the_technical_accounts_of_its_own_structure()
    {
        var victim = await ConnectionTests.ApiAsync(app);
        var attacker = await ConnectionTests.ApiAsync(app);
        var http = app.From("203.0.113.12");
        var attackerToken = await ConnectionTests.AccessTokenAsync(http, attacker);

        // Even with the right password, another structure's technical account is unknown to this client, and answered as such.
        var foreign = await http.SendAsync(ConnectionTests.HealthCheck(attackerToken, ConnectionTests.Account(victim.Login, victim.Password)));
        Assert.Equal(HttpStatusCode.Unauthorized, foreign.StatusCode);
        Assert.Equal("CPRO_ACCOUNT_UNKNOWN", (await foreign.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        var wrong = await http.SendAsync(ConnectionTests.HealthCheck(attackerToken, ConnectionTests.Account(victim.Login, "wrong")));
        Assert.Equal("CPRO_ACCOUNT_UNKNOWN", (await wrong.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        for (var i = 0; i < 4; i++)
            await http.SendAsync(ConnectionTests.HealthCheck(attackerToken, ConnectionTests.Account(victim.Login, "wrong")));
        Assert.Equal(HttpStatusCode.TooManyRequests,
            (await http.SendAsync(ConnectionTests.HealthCheck(attackerToken, ConnectionTests.Account(victim.Login, victim.Password)))).StatusCode);

        // The owner, with its own client, from the same address, is not held up.
        var victimToken = await ConnectionTests.AccessTokenAsync(http, victim);
        Assert.Equal(HttpStatusCode.OK, (await http.SendAsync(ConnectionTests.HealthCheck(victimToken, ConnectionTests.Account(victim.Login, victim.Password)))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.SendAsync(ConnectionTests.HealthCheck(attackerToken, ConnectionTests.Account(attacker.Login, attacker.Password)))).StatusCode);
    }

    [Fact]
    public async Task Wrong_passwords_hold_up_the_attackers_address_not_the_account_and_say_the_same_for_unknown_addresses()
    {
        var user = await app.CreateUserAsync();
        var unknown = Unique.Email("personne");
        var attacker = app.From("203.0.113.13");
        for (var i = 0; i < 4; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await attacker.PostAsJsonAsync("/api/v1/account/login", new { email = user.Email, password = "wrong-password-1A!" })).StatusCode);
            Assert.Equal(HttpStatusCode.Unauthorized, (await attacker.PostAsJsonAsync("/api/v1/account/login", new { email = unknown, password = "wrong-password-1A!" })).StatusCode);
        }
        var known = await attacker.LoginPageAsync(user.Email!, "wrong-password-1A!");
        var nobody = await attacker.LoginPageAsync(unknown, "wrong-password-1A!");
        // Same refusal, same words, whether or not the account exists.
        Assert.Equal("ACCOUNT_LOCKED", AccountKit.RefusalCode(await known.Content.ReadAsStringAsync()));
        Assert.Equal("ACCOUNT_LOCKED", AccountKit.RefusalCode(await nobody.Content.ReadAsStringAsync()));
        var locked = await attacker.PostAsJsonAsync("/api/v1/account/login", new { email = user.Email, password = PortiqueApp.Password });
        Assert.Equal(HttpStatusCode.Unauthorized, locked.StatusCode);
        Assert.Equal("LockedOut", (await locked.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());

        // The owner, from elsewhere, signs in by page and by API; the account itself was never locked.
        var owner = app.From("198.51.100.13");
        Assert.Equal(HttpStatusCode.Redirect, (await owner.LoginPageAsync(user.Email!, PortiqueApp.Password)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await owner.PostAsJsonAsync("/api/v1/account/login", new { email = user.Email, password = PortiqueApp.Password })).StatusCode);
        Assert.Null(await app.Db(db => db.Users.Where(u => u.Id == user.Id).Select(u => u.LockoutEnd).SingleAsync()));
    }

    [Fact]
    public async Task A_forwarded_address_counts_only_when_the_configured_proxy_sends_it()
    {
        var api = await ConnectionTests.ApiAsync(app);
        // A direct client cannot choose the address its failures are counted under.
        var direct = app.From("203.0.113.14");
        for (var i = 0; i < 5; i++)
        {
            var request = Token(api.ClientId, "wrong");
            request.Headers.Add("X-Forwarded-For", $"198.51.100.{100 + i}");
            await direct.SendAsync(request);
        }
        var spoofed = Token(api.ClientId, api.ClientSecret);
        spoofed.Headers.Add("X-Forwarded-For", "198.51.100.99");
        Assert.Equal(HttpStatusCode.TooManyRequests, (await direct.SendAsync(spoofed)).StatusCode);

        // Behind the configured proxy, each client is counted under its own forwarded address.
        var proxy = app.From(SecurityApp.Proxy);
        for (var i = 0; i < 5; i++)
        {
            var request = Token(api.ClientId, "wrong");
            request.Headers.Add("X-Forwarded-For", "203.0.113.15");
            await proxy.SendAsync(request);
        }
        var held = Token(api.ClientId, api.ClientSecret);
        held.Headers.Add("X-Forwarded-For", "203.0.113.15");
        Assert.Equal(HttpStatusCode.TooManyRequests, (await proxy.SendAsync(held)).StatusCode);
        var other = Token(api.ClientId, api.ClientSecret);
        other.Headers.Add("X-Forwarded-For", "198.51.100.15");
        Assert.Equal(HttpStatusCode.OK, (await proxy.SendAsync(other)).StatusCode);
    }

    private static HttpRequestMessage Token(string clientId, string secret) => new(HttpMethod.Post, "/api/oauth/token")
    {
        Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["grant_type"] = "client_credentials", ["client_id"] = clientId, ["client_secret"] = secret }),
    };
}
