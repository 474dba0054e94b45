using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Portique.IntegrationTests.Infrastructure;
using Portique.Organisation;

namespace Portique.IntegrationTests.Organisation;

public sealed class CreateStructureTests(PortiqueApp app) : IClassFixture<PortiqueApp>
{
    [Fact]
    public async Task Creator_becomes_principal_manager_and_public_structure_gets_default_service()
    {
        var (user, client) = await app.SignedInUserAsync();
        var siret = Unique.Siret();

        var response = await client.PostAsJsonAsync("/api/v1/structures", new { identifierType = "SIRET", identifier = siret, name = "Mairie de Test", isPublic = true });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
        var view = await client.GetFromJsonAsync<JsonElement>($"/api/v1/structures/{id}");
        Assert.Equal(siret, view.GetProperty("identifier").GetString());
        Assert.Equal(Structure.DefaultPublicServiceCode, view.GetProperty("services")[0].GetProperty("code").GetString());
        var membership = await app.Db(db => db.Memberships.SingleAsync(m => m.StructureId == id));
        Assert.Equal(user.Id, membership.UserId);
        Assert.Equal(MemberRole.PrincipalManager, membership.Role);
    }

    [Theory]
    [InlineData("SIRET", "12345678901234", "SIRET_INVALID")]
    [InlineData("SIRET", "1234", "SIRET_INVALID")]
    [InlineData("UE_HORS_FRANCE", "FR12345678901", "VAT_NUMBER_INVALID")]
    [InlineData("SIRET", "", "FIELD_REQUIRED")]
    public async Task Bad_identifier_is_refused_with_its_code_and_nothing_is_written(string type, string identifier, string code)
    {
        var (_, client) = await app.SignedInUserAsync();
        var before = await app.Db(db => db.Structures.CountAsync());

        var response = await client.PostAsJsonAsync("/api/v1/structures", new { identifierType = type, identifier, name = "X", isPublic = false });

        await AssertProblem(response, HttpStatusCode.BadRequest, code);
        Assert.Equal(before, await app.Db(db => db.Structures.CountAsync()));
    }

    [Fact]
    public async Task Duplicate_identifier_and_oversized_name_are_refused()
    {
        var (_, client) = await app.SignedInUserAsync();
        var siret = Unique.Siret();
        (await client.PostAsJsonAsync("/api/v1/structures", new { identifierType = "SIRET", identifier = siret, name = "Première", isPublic = false })).EnsureSuccessStatusCode();

        await AssertProblem(await client.PostAsJsonAsync("/api/v1/structures", new { identifierType = "SIRET", identifier = siret, name = "Seconde", isPublic = false }),
            HttpStatusCode.Conflict, "STRUCTURE_IDENTIFIER_DUPLICATE");
        await AssertProblem(await client.PostAsJsonAsync("/api/v1/structures", new { identifierType = "SIRET", identifier = Unique.Siret(), name = new string('x', 201), isPublic = false }),
            HttpStatusCode.BadRequest, "FIELD_TOO_LONG");
        await AssertProblem(await client.PostAsJsonAsync("/api/v1/structures", new { identifierType = "NOPE", identifier = "1", name = "X", isPublic = false }),
            HttpStatusCode.BadRequest, "REQUEST_INVALID");
    }

    [Fact]
    public async Task Search_by_identifier_and_by_name_prefix_ignores_case_and_accents()
    {
        var (_, client) = await app.SignedInUserAsync();
        var siret = Unique.Siret();
        var name = $"Société Générale d'Études {Unique.Next()}";
        (await client.PostAsJsonAsync("/api/v1/structures", new { identifierType = "SIRET", identifier = siret, name, isPublic = false, address = new { postCode = "69001" } })).EnsureSuccessStatusCode();

        var byId = await client.GetFromJsonAsync<JsonElement>($"/api/v1/structures?identifierType=SIRET&identifier={siret}");
        Assert.Equal(1, byId.GetProperty("total").GetInt32());
        var byName = await client.GetFromJsonAsync<JsonElement>($"/api/v1/structures?name={Uri.EscapeDataString(name[..18].ToLowerInvariant().Replace('é', 'e'))}&postCode=69001");
        Assert.Contains(byName.GetProperty("items").EnumerateArray(), s => s.GetProperty("identifier").GetString() == siret);
    }

    [Fact]
    public async Task A_user_of_another_structure_cannot_read_it()
    {
        var (_, owner) = await app.SignedInUserAsync();
        var created = await owner.PostAsJsonAsync("/api/v1/structures", new { identifierType = "SIRET", identifier = Unique.Siret(), name = "Privée", isPublic = false });
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
        var (_, outsider) = await app.SignedInUserAsync();

        var response = await outsider.GetAsync($"/api/v1/structures/{id}");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().GetAsync($"/api/v1/structures/{id}")).StatusCode);
    }

    internal static async Task AssertProblem(HttpResponseMessage response, HttpStatusCode status, string code)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"expected {status}, got {response.StatusCode}: {body}");
        Assert.Equal(code, JsonDocument.Parse(body).RootElement.GetProperty("code").GetString());
    }
}
