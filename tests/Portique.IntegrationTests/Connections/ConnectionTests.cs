using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Portique.IntegrationTests.Infrastructure;
using static Portique.IntegrationTests.Organisation.CreateStructureTests;

namespace Portique.IntegrationTests.Connections;

public sealed class ConnectionTests(PortiqueApp app) : IClassFixture<PortiqueApp>
{
    internal sealed record Api(long StructureId, HttpClient Manager, string ManagerEmail, string ClientId, string ClientSecret, long AccountId, string Login, string Password);

    internal static async Task<Api> ApiAsync(PortiqueApp app)
    {
        var (manager, client) = await app.SignedInUserAsync();
        var created = await client.PostAsJsonAsync("/api/v1/structures", new { identifierType = "SIRET", identifier = Unique.Siret(), name = $"Éditeur {Unique.Next()}", isPublic = false });
        created.EnsureSuccessStatusCode();
        var structureId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
        var apiClient = await (await client.PostAsJsonAsync($"/api/v1/structures/{structureId}/api-clients", new { name = "Logiciel de facturation" })).Content.ReadFromJsonAsync<JsonElement>();
        var account = await client.PostAsync($"/api/v1/structures/{structureId}/technical-accounts", null);
        Assert.Equal(HttpStatusCode.Created, account.StatusCode);
        var credentials = await account.Content.ReadFromJsonAsync<JsonElement>();
        return new Api(structureId, client, manager.Email!, apiClient.GetProperty("clientId").GetString()!, apiClient.GetProperty("clientSecret").GetString()!,
            credentials.GetProperty("id").GetInt64(), credentials.GetProperty("login").GetString()!, credentials.GetProperty("password").GetString()!);
    }

    internal static async Task<HttpResponseMessage> TokenAsync(HttpClient http, string clientId, string secret, string grant = "client_credentials") =>
        await http.PostAsync("/api/oauth/token", new FormUrlEncodedContent(new Dictionary<string, string>
            { ["grant_type"] = grant, ["client_id"] = clientId, ["client_secret"] = secret, ["scope"] = "openid" }));

    internal static async Task<string> AccessTokenAsync(HttpClient http, Api api) =>
        (await (await TokenAsync(http, api.ClientId, api.ClientSecret)).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("access_token").GetString()!;

    internal static HttpRequestMessage HealthCheck(string? token, string? account, string headerName = "cpro-account")
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/cpro/transverses/v1/health-check");
        if (token is not null)
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (account is not null)
            request.Headers.TryAddWithoutValidation(headerName, account);
        return request;
    }

    internal static string Account(string login, string password) => Convert.ToBase64String(Encoding.UTF8.GetBytes($"{login}:{password}"));

    private static async Task AssertRefused(HttpResponseMessage response, string code)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"expected 401 {code}, got {response.StatusCode}: {body}");
        var json = JsonDocument.Parse(body).RootElement;
        Assert.Equal(code, json.GetProperty("code").GetString());
        Assert.False(string.IsNullOrWhiteSpace(json.GetProperty("libelle").GetString()));
    }

    [Fact]
    public async Task Token_then_health_check_with_the_technical_account_answers_the_chorus_envelope()
    {
        var api = await ApiAsync(app);
        var http = app.CreateClient();

        var tokenResponse = await TokenAsync(http, api.ClientId, api.ClientSecret);

        Assert.Equal(HttpStatusCode.OK, tokenResponse.StatusCode);
        var token = await tokenResponse.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Bearer", token.GetProperty("token_type").GetString());
        Assert.Equal(3600, token.GetProperty("expires_in").GetInt32());
        Assert.Matches(@"^TECH_1_\d{10}@cpro\.portique$", api.Login);
        // The header name is case-insensitive and the login too (be liberal in what you accept).
        var ok = await http.SendAsync(HealthCheck(token.GetProperty("access_token").GetString(), Account(api.Login.ToLowerInvariant(), api.Password), "CPRO-ACCOUNT"));
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        var body = await ok.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(0, body.GetProperty("codeRetour").GetInt32());

        var stored = await app.Db(db => db.TechnicalAccounts.SingleAsync(t => t.Id == api.AccountId));
        Assert.DoesNotContain(api.Password, stored.PasswordHash, StringComparison.Ordinal);
        Assert.Equal(app.Clock.GetUtcNow().AddDays(424), stored.PasswordExpiresAt, TimeSpan.FromMilliseconds(1));
        await app.DrainMailAsync();
        Assert.Contains(app.Mailbox.To(api.ManagerEmail), m => m.Subject!.Contains("compte technique créé", StringComparison.Ordinal) && !m.TextBody!.Contains(api.Password, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Token_endpoint_refuses_bad_clients_with_oauth_errors()
    {
        var api = await ApiAsync(app);
        var http = app.CreateClient();

        var wrong = await TokenAsync(http, api.ClientId, "not-the-secret");
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal("invalid_client", (await wrong.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString());
        Assert.Equal(HttpStatusCode.Unauthorized, (await TokenAsync(http, "pq-unknown", api.ClientSecret)).StatusCode);
        var grant = await TokenAsync(http, api.ClientId, api.ClientSecret, "password");
        Assert.Equal(HttpStatusCode.BadRequest, grant.StatusCode);
        Assert.Equal("unsupported_grant_type", (await grant.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, (await http.PostAsJsonAsync("/api/oauth/token", new { grant_type = "client_credentials" })).StatusCode);

        // HTTP Basic client authentication (RFC 6749 §2.3.1) works as well.
        using var basic = new HttpRequestMessage(HttpMethod.Post, "/api/oauth/token")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["grant_type"] = "client_credentials" }),
        };
        basic.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{api.ClientId}:{api.ClientSecret}")));
        Assert.Equal(HttpStatusCode.OK, (await http.SendAsync(basic)).StatusCode);

        // A revoked client gets no token, and the tokens it already has stop working.
        var token = await AccessTokenAsync(http, api);
        (await api.Manager.PostAsync($"/api/v1/structures/{api.StructureId}/api-clients/{await ClientIdAsync(api)}/revoke", null)).EnsureSuccessStatusCode();
        Assert.Equal(HttpStatusCode.Unauthorized, (await TokenAsync(http, api.ClientId, api.ClientSecret)).StatusCode);
        await AssertRefused(await http.SendAsync(HealthCheck(token, Account(api.Login, api.Password))), "CPRO_CLIENT_REVOKED");
    }

    private Task<long> ClientIdAsync(Api api) => app.Db(db => db.ApiClients.Where(c => c.ClientId == api.ClientId).Select(c => c.Id).SingleAsync());

    [Fact]
    public async Task Each_authentication_failure_has_its_own_clear_message()
    {
        var api = await ApiAsync(app);
        var http = app.CreateClient();
        var token = await AccessTokenAsync(http, api);
        var good = Account(api.Login, api.Password);

        await AssertRefused(await http.SendAsync(HealthCheck(null, good)), "CPRO_BEARER_MISSING");
        await AssertRefused(await http.SendAsync(HealthCheck("forged-token", good)), "CPRO_TOKEN_INVALID");
        await AssertRefused(await http.SendAsync(HealthCheck(token, null)), "CPRO_ACCOUNT_MISSING");
        await AssertRefused(await http.SendAsync(HealthCheck(token, "%%%not-base64%%%")), "CPRO_ACCOUNT_BAD_BASE64");
        await AssertRefused(await http.SendAsync(HealthCheck(token, Convert.ToBase64String("no-colon"u8.ToArray()))), "CPRO_ACCOUNT_MALFORMED");
        await AssertRefused(await http.SendAsync(HealthCheck(token, Account("TECH_1_0000000000@cpro.portique", api.Password))), "CPRO_ACCOUNT_UNKNOWN");
        await AssertRefused(await http.SendAsync(HealthCheck(token, Account(api.Login, api.Password + "x"))), "CPRO_ACCOUNT_BAD_PASSWORD");
        // A portal user's own bearer token is not an API token.
        var portal = await app.ClientForAsync(api.ManagerEmail);
        using var portalRequest = HealthCheck(null, good);
        portalRequest.Headers.Authorization = portal.DefaultRequestHeaders.Authorization;
        await AssertRefused(await http.SendAsync(portalRequest), "CPRO_TOKEN_INVALID");
        Assert.Equal(HttpStatusCode.OK, (await http.SendAsync(HealthCheck(token, good))).StatusCode);
    }

    [Fact]
    public async Task Expired_token_and_expired_technical_account_are_refused()
    {
        var api = await ApiAsync(app);
        var http = app.CreateClient();
        var token = await AccessTokenAsync(http, api);
        var good = Account(api.Login, api.Password);

        app.Clock.Advance(TimeSpan.FromMinutes(61));
        await AssertRefused(await http.SendAsync(HealthCheck(token, good)), "CPRO_TOKEN_EXPIRED");

        // 15 days before expiry the structure's page warns; at 424 days the account is refused.
        app.Clock.Advance(TimeSpan.FromDays(410));
        // The manager's own portal token has long expired as well: sign in again.
        var manager = await app.ClientForAsync(api.ManagerEmail);
        var connections = await manager.GetFromJsonAsync<JsonElement>($"/api/v1/structures/{api.StructureId}/connections");
        Assert.Equal("ExpiresSoon", connections.GetProperty("technicalAccounts")[0].GetProperty("status").GetString());
        app.Clock.Advance(TimeSpan.FromDays(14));
        await AssertRefused(await http.SendAsync(HealthCheck(await AccessTokenAsync(http, api), good)), "CPRO_ACCOUNT_EXPIRED");

        // A reset gives a new password that works at once and a new expiry; the old password is refused at once.
        manager = await app.ClientForAsync(api.ManagerEmail);
        var reset = await manager.PostAsync($"/api/v1/structures/{api.StructureId}/technical-accounts/{api.AccountId}/reset-password", null);
        Assert.Equal(HttpStatusCode.OK, reset.StatusCode);
        var newPassword = (await reset.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("password").GetString()!;
        Assert.NotEqual(api.Password, newPassword);
        var fresh = await AccessTokenAsync(http, api);
        await AssertRefused(await http.SendAsync(HealthCheck(fresh, good)), "CPRO_ACCOUNT_BAD_PASSWORD");
        Assert.Equal(HttpStatusCode.OK, (await http.SendAsync(HealthCheck(fresh, Account(api.Login, newPassword)))).StatusCode);
        await app.DrainMailAsync();
        Assert.Contains(app.Mailbox.To(api.ManagerEmail), m => m.Subject!.Contains("réinitialisé", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_deactivated_technical_account_is_refused_at_once_and_works_again_once_reactivated()
    {
        var api = await ConnectionTests.ApiAsync(app);
        var http = app.CreateClient();
        var token = await AccessTokenAsync(http, api);
        var account = Account(api.Login, api.Password);
        Assert.Equal(HttpStatusCode.OK, (await http.SendAsync(HealthCheck(token, account))).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await api.Manager.PostAsync($"/api/v1/structures/{api.StructureId}/technical-accounts/{api.AccountId}/deactivate", null)).StatusCode);

        await AssertRefused(await http.SendAsync(HealthCheck(token, account)), "CPRO_ACCOUNT_INACTIVE");
        var connections = await api.Manager.GetFromJsonAsync<JsonElement>($"/api/v1/structures/{api.StructureId}/connections");
        Assert.Equal("Inactive", connections.GetProperty("technicalAccounts")[0].GetProperty("status").GetString());
        await AssertProblem(await api.Manager.PostAsync($"/api/v1/structures/{api.StructureId}/technical-accounts/{api.AccountId}/deactivate", null),
            HttpStatusCode.BadRequest, "TECHNICAL_ACCOUNT_ALREADY_INACTIVE");
        Assert.Contains("handler=Activate", await api.Manager.GetStringAsync($"/Connections/Structures/{api.StructureId}"), StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.NoContent, (await api.Manager.PostAsync($"/api/v1/structures/{api.StructureId}/technical-accounts/{api.AccountId}/activate", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.SendAsync(HealthCheck(token, account))).StatusCode);
        await app.DrainMailAsync();
        Assert.Contains(app.Mailbox.To(api.ManagerEmail), m => m.Subject!.Contains("compte technique désactivé", StringComparison.Ordinal));
        Assert.Contains(app.Mailbox.To(api.ManagerEmail), m => m.Subject!.Contains("compte technique réactivé", StringComparison.Ordinal));
        var actions = await app.Db(db => db.AuditEntries.Where(a => a.StructureId == api.StructureId && a.Action.StartsWith("connections.technical-account.")).Select(a => a.Action).ToListAsync());
        Assert.Contains("connections.technical-account.deactivate", actions);
        Assert.Contains("connections.technical-account.activate", actions);
    }

    [Fact]
    public async Task A_technical_account_acts_as_its_principal_manager_on_all_his_structures()
    {
        var api = await ApiAsync(app);
        var second = await api.Manager.PostAsJsonAsync("/api/v1/structures", new { identifierType = "SIRET", identifier = Unique.Siret(), name = "Seconde structure du GP", isPublic = true });
        var secondId = (await second.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
        var (_, stranger) = await app.SignedInUserAsync();
        (await stranger.PostAsJsonAsync("/api/v1/structures", new { identifierType = "SIRET", identifier = Unique.Siret(), name = "Structure d'un autre", isPublic = false })).EnsureSuccessStatusCode();
        var http = app.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/cpro/utilisateurs/v1/monCompte/recuperer/rattachements") { Content = JsonContent.Create(new { }) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await AccessTokenAsync(http, api));
        request.Headers.Add("cpro-account", Account(api.Login, api.Password));

        var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var list = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("listeStructureRattachement").EnumerateArray().ToList();
        Assert.Equal([api.StructureId, secondId], list.Select(s => s.GetProperty("idStructure").GetInt64()).Order());
        Assert.All(list, s => Assert.Equal("GESTIONNAIRE_PRINCIPAL", s.GetProperty("roleUtilisateur").GetString()));
        var services = list.Single(s => s.GetProperty("idStructure").GetInt64() == secondId).GetProperty("listeServicesRattache");
        Assert.Equal("FACTURES_PUBLIQUES", services[0].GetProperty("codeService").GetString());
        // The portal's own bearer token does not open /cpro, even for the principal manager himself.
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.Manager.PostAsJsonAsync("/cpro/utilisateurs/v1/monCompte/recuperer/rattachements", new { })).StatusCode);
    }

    [Fact]
    public async Task Technical_accounts_and_api_clients_are_managed_only_by_the_structure()
    {
        var api = await ApiAsync(app);
        var (_, outsider) = await app.SignedInUserAsync();
        var before = await app.Db(db => db.TechnicalAccounts.CountAsync());

        Assert.Equal(HttpStatusCode.Forbidden, (await outsider.PostAsync($"/api/v1/structures/{api.StructureId}/technical-accounts", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await outsider.PostAsync($"/api/v1/structures/{api.StructureId}/technical-accounts/{api.AccountId}/reset-password", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await outsider.GetAsync($"/api/v1/structures/{api.StructureId}/connections")).StatusCode);
        await AssertProblem(await api.Manager.PostAsJsonAsync($"/api/v1/structures/{api.StructureId}/api-clients", new { name = "" }), HttpStatusCode.BadRequest, "FIELD_REQUIRED");
        Assert.Equal(before, await app.Db(db => db.TechnicalAccounts.CountAsync()));
        // A technical account is not a portal user: its login cannot sign in.
        var login = await app.CreateClient().PostAsJsonAsync("/api/v1/account/login", new { email = api.Login, password = api.Password });
        Assert.Equal(HttpStatusCode.Unauthorized, login.StatusCode);
    }
}

/// <summary>Its own fixture: the failure limiter is per application, and this test spends its permits on purpose.</summary>
public sealed class ConnectionRateLimitTests(PortiqueApp app) : IClassFixture<PortiqueApp>
{
    [Fact]
    public async Task Repeated_failures_on_a_login_are_rate_limited_even_with_the_right_password_afterwards()
    {
        var api = await ConnectionTests.ApiAsync(app);
        var other = await ConnectionTests.ApiAsync(app);
        var http = app.CreateClient();
        var token = await ConnectionTests.AccessTokenAsync(http, api);

        for (var i = 0; i < 5; i++)
            Assert.Equal(HttpStatusCode.Unauthorized, (await http.SendAsync(ConnectionTests.HealthCheck(token, ConnectionTests.Account(api.Login, "wrong")))).StatusCode);

        var blocked = await http.SendAsync(ConnectionTests.HealthCheck(token, ConnectionTests.Account(api.Login, api.Password)));
        Assert.Equal(HttpStatusCode.TooManyRequests, blocked.StatusCode);
        Assert.Equal("CPRO_TOO_MANY_FAILURES", (await blocked.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        Assert.True(blocked.Headers.RetryAfter is not null);
        // Another technical account from the same address (with its own structure's client) is not held up by this one's failures.
        var otherToken = await ConnectionTests.AccessTokenAsync(http, other);
        Assert.Equal(HttpStatusCode.OK, (await http.SendAsync(ConnectionTests.HealthCheck(otherToken, ConnectionTests.Account(other.Login, other.Password)))).StatusCode);
    }

    [Fact]
    public async Task Repeated_bad_secrets_on_a_client_id_are_rate_limited_at_the_token_endpoint()
    {
        var api = await ConnectionTests.ApiAsync(app);
        var http = app.CreateClient();

        for (var i = 0; i < 5; i++)
            Assert.Equal(HttpStatusCode.Unauthorized, (await ConnectionTests.TokenAsync(http, api.ClientId, "wrong")).StatusCode);

        var blocked = await ConnectionTests.TokenAsync(http, api.ClientId, api.ClientSecret);
        Assert.Equal(HttpStatusCode.TooManyRequests, blocked.StatusCode);
        Assert.Equal("slow_down", (await blocked.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString());
    }
}
