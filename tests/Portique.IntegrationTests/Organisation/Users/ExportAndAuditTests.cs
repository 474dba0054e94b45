using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MiniExcelLibs;
using Portique.IntegrationTests.Infrastructure;
using static Portique.IntegrationTests.Organisation.CreateStructureTests;
using static Portique.IntegrationTests.Organisation.Users.StructureUsers;

namespace Portique.IntegrationTests.Organisation.Users;

public sealed class ExportAndAuditTests(PortiqueApp app) : IClassFixture<PortiqueApp>
{
    [Fact]
    public async Task Excel_export_lists_attached_users_with_role_status_and_effective_habilitations()
    {
        var (principal, client) = await app.SignedInUserAsync();
        var structureId = await CreateStructureAsync(client, isPublic: true);
        var services = await AddServicesAsync(app, structureId, "ACHATS");
        var agent = await app.CreateUserAsync();
        await AttachAsync(client, structureId, agent.Email!, services[0]);
        await GrantAsync(client, structureId, agent.Id, "FacturesRecues", "Modification", services[0]);
        await GrantAsync(client, structureId, agent.Id, "Organisation", "Consultation");
        await SetAccountAsync(app, agent.Id, deactivated: true);
        var gone = await app.CreateUserAsync();
        await AttachAsync(client, structureId, gone.Email!);
        (await client.DeleteAsync($"/api/v1/structures/{structureId}/users/{gone.Id}")).EnsureSuccessStatusCode();

        var response = await client.GetAsync($"/api/v1/structures/{structureId}/users/export");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", response.Content.Headers.ContentType?.MediaType);
        Assert.EndsWith(".xlsx", response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName?.Trim('"'), StringComparison.Ordinal);
        var workbook = await response.Content.ReadAsByteArrayAsync();
        // Issue 17 point 10: every part valid against the OOXML schemas (no <drawing> inside <sheetData>), then read back.
        Xlsx.AssertSchemaValid(workbook);
        var rows = Xlsx.Rows(workbook, "Utilisateurs");
        Assert.Equal(2, rows.Count);
        var byEmail = rows.ToDictionary(r => (string)r["E-mail"]!);
        var gp = byEmail[principal.Email!];
        Assert.Equal("Gestionnaire principal", gp["Rôle"]);
        Assert.Equal("Actif", gp["Statut"]);
        Assert.Equal("Modification", gp["Factures reçues"]);
        Assert.Equal("Modification", gp["Raccordements"]);
        var row = byEmail[agent.Email!];
        Assert.Equal("Utilisateur simple", row["Rôle"]);
        Assert.Equal("Désactivé", row["Statut"]);
        Assert.Equal("ACHATS", row["Services"]);
        Assert.Equal("Modification (ACHATS)", row["Factures reçues"]);
        Assert.Equal("Consultation", row["Organisation"]);
        Assert.True(row["Factures émises"] is null or "");
        Assert.False(byEmail.ContainsKey(gone.Email!));
    }

    /// <summary>The check above can fail: the workbook MiniExcel's async writer produces (the file of issue 17) is refused by it.</summary>
    [Fact]
    public async Task The_schema_check_refuses_a_drawing_inside_sheet_data()
    {
        using var stream = new MemoryStream();
        await MiniExcel.SaveAsAsync(stream, new[] { new Dictionary<string, object> { ["Nom"] = "Dupont" } }, sheetName: "Utilisateurs");

        var errors = Xlsx.SchemaErrors(stream.ToArray());

        Assert.Contains(errors, e => e.Contains("sheetData", StringComparison.Ordinal) && e.Contains("drawing", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Audit_log_is_paged_newest_first_and_names_actor_and_target()
    {
        var (principal, client) = await app.SignedInUserAsync();
        var structureId = await CreateStructureAsync(client);
        var user = await app.CreateUserAsync();
        await AttachAsync(client, structureId, user.Email!);
        await GrantAsync(client, structureId, user.Id, "FacturesEmises", "Modification");
        (await client.DeleteAsync($"/api/v1/structures/{structureId}/users/{user.Id}/habilitations/FacturesEmises")).EnsureSuccessStatusCode();

        var first = await client.GetFromJsonAsync<JsonElement>($"/api/v1/structures/{structureId}/audit?size=2");
        var second = await client.GetFromJsonAsync<JsonElement>($"/api/v1/structures/{structureId}/audit?size=2&page=2");

        Assert.Equal(4, first.GetProperty("total").GetInt32());
        var actions = first.GetProperty("items").EnumerateArray().Concat(second.GetProperty("items").EnumerateArray())
            .Select(e => e.GetProperty("action").GetString()).ToList();
        Assert.Equal(["habilitation.withdraw", "habilitation.grant", "user.attach", "structure.create"], actions);
        var latest = first.GetProperty("items")[0];
        Assert.Equal(principal.Email, latest.GetProperty("actorEmail").GetString());
        Assert.Equal(user.Email, latest.GetProperty("targetEmail").GetString());
        Assert.Equal("Factures émises", latest.GetProperty("details").GetString());
    }

    [Fact]
    public async Task Audit_log_of_a_structure_shows_nothing_of_another()
    {
        var (_, client) = await app.SignedInUserAsync();
        var structureId = await CreateStructureAsync(client);
        var (_, otherClient) = await app.SignedInUserAsync();
        var other = await CreateStructureAsync(otherClient);
        await AttachAsync(otherClient, other, (await app.CreateUserAsync()).Email!);

        var log = await client.GetFromJsonAsync<JsonElement>($"/api/v1/structures/{structureId}/audit");

        Assert.Equal(["structure.create"], log.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("action").GetString()));
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync($"/api/v1/structures/{other}/audit")).StatusCode);
    }
}
