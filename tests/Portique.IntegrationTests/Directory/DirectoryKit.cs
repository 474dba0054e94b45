using System.Net.Http.Headers;
using System.Text;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Portique.IntegrationTests.Infrastructure;

namespace Portique.IntegrationTests.Annuaire;

/// <summary>Valid SIREN/SIRET keys and directory data through the maintenance API (as an operator).</summary>
public static class DirectoryKit
{
    public static string Siren()
    {
        while (true)
        {
            var body = Random.Shared.Next(10_000_000, 99_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (body.StartsWith("35600000", StringComparison.Ordinal))
                continue;
            for (var key = 0; key < 10; key++)
                if (Portique.Organisation.StructureIdentifier.Luhn(body + key))
                    return body + key;
        }
    }

    public static string SiretOf(string siren)
    {
        var nic = Random.Shared.Next(1000, 9999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        for (var key = 0; key < 10; key++)
            if (Portique.Organisation.StructureIdentifier.Luhn(siren + nic + key))
                return siren + nic + key;
        throw new InvalidOperationException("unreachable: one key in ten satisfies Luhn");
    }

    public static async Task<HttpClient> OperatorAsync(PortiqueApp app) => (await app.SignedInUserAsync(isOperator: true)).Client;

    public static async Task<long> LegalUnitAsync(HttpClient op, string siren, string name, string? platform = null, bool isPublic = false, string? validFrom = null)
    {
        var response = await op.PostAsJsonAsync("/api/v1/directory/legal-units",
            new { siren, businessName = name, entityType = isPublic ? "Public" : "PrivateVatRegistered", platformMatricule = platform, validFrom });
        await Ok(response, HttpStatusCode.Created);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("defaultLineId").GetInt64();
    }

    public static async Task FacilityAsync(HttpClient op, string siret, string name, bool diffusible = true, string facilityType = "S")
    {
        var response = await op.PostAsJsonAsync("/api/v1/directory/facilities", new
        {
            siret, name, facilityType, diffusible,
            address = new { line1 = "12 rue des Lilas", postalCode = "69003", locality = "Lyon", countryCode = "FR" },
        });
        await Ok(response, HttpStatusCode.Created);
    }

    public static async Task RoutingCodeAsync(HttpClient op, string siret, string code) =>
        await Ok(await op.PostAsJsonAsync("/api/v1/directory/routing-codes", new { siret, routingIdentifier = code, name = $"Service {code}" }), HttpStatusCode.Created);

    public static async Task<string> PlatformAsync(HttpClient op)
    {
        string matricule;
        HttpResponseMessage response;
        do
        {
            matricule = Random.Shared.Next(1, 9998).ToString("D4", System.Globalization.CultureInfo.InvariantCulture);
            response = await op.PostAsJsonAsync("/api/v1/directory/platforms", new { matricule, name = $"PA {matricule}" });
        }
        while (response.StatusCode == HttpStatusCode.Conflict);
        await Ok(response, HttpStatusCode.Created);
        return matricule;
    }

    public static async Task<JsonElement> LineAsync(HttpClient client, object request)
    {
        var response = await client.PostAsJsonAsync("/api/v1/directory/lines", request);
        await Ok(response, HttpStatusCode.Created);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>An API client of the structure, its token from the OAuth2 endpoint (secret as HTTP Basic), and nothing else.</summary>
    public static async Task<HttpClient> DirectoryServiceClientAsync(PortiqueApp app, HttpClient manager, long structureId)
    {
        var apiClient = await (await manager.PostAsJsonAsync($"/api/v1/structures/{structureId}/api-clients", new { name = "Logiciel de facturation" })).Content.ReadFromJsonAsync<JsonElement>();
        var anonymous = app.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/oauth/token") { Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["grant_type"] = "client_credentials" }) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(
            $"{apiClient.GetProperty("clientId").GetString()}:{apiClient.GetProperty("clientSecret").GetString()}")));
        var token = await (await anonymous.SendAsync(request)).Content.ReadFromJsonAsync<JsonElement>();
        var http = app.CreateClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.GetProperty("access_token").GetString());
        return http;
    }

    public static async Task Ok(HttpResponseMessage response, HttpStatusCode expected)
    {
        if (response.StatusCode != expected)
            Assert.Fail($"expected {expected}, got {response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }
}
