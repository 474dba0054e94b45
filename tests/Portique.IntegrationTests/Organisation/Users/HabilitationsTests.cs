using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Portique.IntegrationTests.Infrastructure;
using Portique.Organisation;
using static Portique.IntegrationTests.Organisation.CreateStructureTests;
using static Portique.IntegrationTests.Organisation.Users.StructureUsers;

namespace Portique.IntegrationTests.Organisation.Users;

public sealed class HabilitationsTests(PortiqueApp app) : IClassFixture<PortiqueApp>
{
    [Fact]
    public async Task Grant_sets_the_profile_per_application_and_per_service_and_withdraw_removes_it()
    {
        var (_, client) = await app.SignedInUserAsync();
        var structureId = await CreateStructureAsync(client, isPublic: true);
        var services = await AddServicesAsync(app, structureId, "ACHATS");
        var user = await app.CreateUserAsync();
        await AttachAsync(client, structureId, user.Email!);

        await GrantAsync(client, structureId, user.Id, "FacturesRecues", "Modification");
        await GrantAsync(client, structureId, user.Id, "FacturesRecues", "Consultation");
        await GrantAsync(client, structureId, user.Id, "FacturesAValider", "Modification", services[0]);
        var member = await GrantAsync(client, structureId, user.Id, "Raccordements", "Consultation");

        Assert.Equal(["FacturesRecues:Consultation", "FacturesAValider:Modification:ACHATS", "Raccordements:Consultation"], Habilitations(member));
        var membership = await MembershipAsync(app, structureId, user.Id);
        Assert.True(membership.Allows(PortalApplication.FacturesAValider, HabilitationProfile.Modification, services[0]));
        Assert.False(membership.Allows(PortalApplication.FacturesAValider, HabilitationProfile.Consultation));
        Assert.False(membership.Allows(PortalApplication.FacturesRecues, HabilitationProfile.Modification));

        var afterService = await client.DeleteAsync($"/api/v1/structures/{structureId}/users/{user.Id}/habilitations/FacturesAValider?serviceId={services[0]}");
        afterService.EnsureSuccessStatusCode();
        var afterWithdraw = await (await client.DeleteAsync($"/api/v1/structures/{structureId}/users/{user.Id}/habilitations/Raccordements")).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(["FacturesRecues:Consultation"], Habilitations(afterWithdraw));
        var details = await app.Db(db => db.AuditEntries.Where(a => a.StructureId == structureId && a.Action.StartsWith("habilitation.")).OrderBy(a => a.Id).Select(a => a.Details).ToListAsync());
        Assert.Equal(6, details.Count);
        Assert.Contains("Factures à valider : Modification (service ACHATS)", details);
    }

    [Fact]
    public async Task Every_portal_application_can_be_granted()
    {
        var (_, client) = await app.SignedInUserAsync();
        var structureId = await CreateStructureAsync(client);
        var user = await app.CreateUserAsync();
        await AttachAsync(client, structureId, user.Email!);

        foreach (var application in Enum.GetNames<PortalApplication>())
            await GrantAsync(client, structureId, user.Id, application, "Consultation");

        Assert.Equal(8, (await MembershipAsync(app, structureId, user.Id)).Habilitations.Count);
    }

    [Fact]
    public async Task Bad_grants_and_withdrawals_are_refused_with_their_code_and_nothing_is_written()
    {
        var (_, client) = await app.SignedInUserAsync();
        var structureId = await CreateStructureAsync(client);
        await AddServicesAsync(app, structureId, "ICI");
        var other = await CreateStructureAsync(client);
        var foreign = await AddServicesAsync(app, other, "AILLEURS");
        var user = await app.CreateUserAsync();
        await AttachAsync(client, structureId, user.Email!);
        await GrantAsync(client, structureId, user.Id, "FacturesEmises", "Consultation");
        var detached = await app.CreateUserAsync();
        await AttachAsync(client, structureId, detached.Email!);
        (await client.DeleteAsync($"/api/v1/structures/{structureId}/users/{detached.Id}")).EnsureSuccessStatusCode();
        var stranger = await app.CreateUserAsync();
        var before = await SnapshotAsync(app, structureId);

        var url = $"/api/v1/structures/{structureId}/users/{user.Id}/habilitations";
        await AssertProblem(await client.PostAsJsonAsync(url, new { application = "FacturesRecues", profile = "Modification", serviceId = foreign[0] }), HttpStatusCode.NotFound, "SERVICE_NOT_FOUND");
        await AssertProblem(await client.PostAsJsonAsync(url, new { application = "FacturesRecues", profile = "Modification", serviceId = 987_654_321 }), HttpStatusCode.NotFound, "SERVICE_NOT_FOUND");
        await AssertProblem(await client.PostAsJsonAsync(url, new { application = "Jeux", profile = "Modification" }), HttpStatusCode.BadRequest, "REQUEST_INVALID");
        await AssertProblem(await client.PostAsJsonAsync(url, new { application = 42, profile = "Modification" }), HttpStatusCode.BadRequest, "HABILITATION_INVALID");
        await AssertProblem(await client.PostAsJsonAsync(url, new { application = "FacturesRecues", profile = "Administration" }), HttpStatusCode.BadRequest, "REQUEST_INVALID");
        await AssertProblem(await client.PostAsJsonAsync($"/api/v1/structures/{structureId}/users/{detached.Id}/habilitations", new { application = "FacturesRecues", profile = "Modification" }),
            HttpStatusCode.BadRequest, "MEMBERSHIP_INACTIVE");
        await AssertProblem(await client.PostAsJsonAsync($"/api/v1/structures/{structureId}/users/{stranger.Id}/habilitations", new { application = "FacturesRecues", profile = "Modification" }),
            HttpStatusCode.NotFound, "MEMBER_NOT_FOUND");
        await AssertProblem(await client.DeleteAsync($"{url}/FacturesRecues"), HttpStatusCode.NotFound, "HABILITATION_NOT_FOUND");
        await AssertProblem(await client.DeleteAsync($"{url}/FacturesEmises?serviceId={foreign[0]}"), HttpStatusCode.NotFound, "SERVICE_NOT_FOUND");
        await AssertProblem(await client.DeleteAsync($"{url}/Inconnue"), HttpStatusCode.BadRequest, "REQUEST_INVALID");

        Assert.Equal(before, await SnapshotAsync(app, structureId));
    }

    [Fact]
    public async Task Copy_replaces_the_target_habilitations_by_the_source_ones()
    {
        var (_, client) = await app.SignedInUserAsync();
        var structureId = await CreateStructureAsync(client);
        var services = await AddServicesAsync(app, structureId, "CHANTIERS");
        var model = await app.CreateUserAsync();
        var newcomer = await app.CreateUserAsync();
        await AttachAsync(client, structureId, model.Email!);
        await AttachAsync(client, structureId, newcomer.Email!);
        await GrantAsync(client, structureId, model.Id, "FacturesTravaux", "Modification", services[0]);
        await GrantAsync(client, structureId, model.Id, "Organisation", "Consultation");
        await GrantAsync(client, structureId, newcomer.Id, "RemboursementTaxes", "Modification");

        var response = await client.PostAsJsonAsync($"/api/v1/structures/{structureId}/users/{newcomer.Id}/habilitations/copy", new { fromUserId = model.Id });

        response.EnsureSuccessStatusCode();
        var member = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(["FacturesTravaux:Modification:CHANTIERS", "Organisation:Consultation"], Habilitations(member));
        Assert.Equal(2, (await MembershipAsync(app, structureId, model.Id)).Habilitations.Count);
        Assert.Equal(1, await app.Db(db => db.AuditEntries.CountAsync(a => a.StructureId == structureId && a.Action == "habilitation.copy" && a.TargetUserId == newcomer.Id)));
    }

    [Fact]
    public async Task Bad_copies_are_refused_with_their_code_and_nothing_is_written()
    {
        var (principal, client) = await app.SignedInUserAsync();
        var structureId = await CreateStructureAsync(client);
        var user = await app.CreateUserAsync();
        await AttachAsync(client, structureId, user.Email!);
        await GrantAsync(client, structureId, user.Id, "FacturesEmises", "Consultation");
        var (_, otherClient) = await app.SignedInUserAsync();
        var otherStructure = await CreateStructureAsync(otherClient);
        var foreigner = await app.CreateUserAsync();
        await AttachAsync(otherClient, otherStructure, foreigner.Email!);
        var before = await SnapshotAsync(app, structureId);

        var url = $"/api/v1/structures/{structureId}/users/{user.Id}/habilitations/copy";
        await AssertProblem(await client.PostAsJsonAsync(url, new { fromUserId = user.Id }), HttpStatusCode.BadRequest, "HABILITATION_COPY_SAME_USER");
        await AssertProblem(await client.PostAsJsonAsync(url, new { fromUserId = principal.Id }), HttpStatusCode.BadRequest, "HABILITATION_COPY_FROM_PRINCIPAL");
        await AssertProblem(await client.PostAsJsonAsync(url, new { fromUserId = foreigner.Id }), HttpStatusCode.NotFound, "MEMBER_NOT_FOUND");

        Assert.Equal(before, await SnapshotAsync(app, structureId));
    }
}
