using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Portique.IntegrationTests.Infrastructure;
using Portique.Organisation;
using static Portique.IntegrationTests.Organisation.CreateStructureTests;
using static Portique.IntegrationTests.Organisation.Users.StructureUsers;

namespace Portique.IntegrationTests.Organisation.Users;

public sealed class PrincipalRoleTests(PortiqueApp app) : IClassFixture<PortiqueApp>
{
    [Fact]
    public async Task Transfer_makes_the_successor_principal_and_the_former_a_user_with_organisation_modification()
    {
        var (principal, client) = await app.SignedInUserAsync();
        var structureId = await CreateStructureAsync(client);
        var successor = await app.CreateUserAsync();
        await AttachAsync(client, structureId, successor.Email!);
        await GrantAsync(client, structureId, principal.Id, "FacturesEmises", "Consultation");

        var response = await client.PostAsync($"/api/v1/structures/{structureId}/users/{successor.Id}/transfer-principal-role", null);

        response.EnsureSuccessStatusCode();
        Assert.Equal("PrincipalManager", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("role").GetString());
        var former = await MembershipAsync(app, structureId, principal.Id);
        Assert.Equal(MemberRole.User, former.Role);
        Assert.True(former.CanManage);
        Assert.True(former.Allows(PortalApplication.FacturesEmises, HabilitationProfile.Consultation));
        Assert.Equal(MemberRole.PrincipalManager, (await MembershipAsync(app, structureId, successor.Id)).Role);
        Assert.Equal(1, await app.Db(db => db.Memberships.CountAsync(m => m.StructureId == structureId && m.Role == MemberRole.PrincipalManager)));
        var audit = await app.Db(db => db.AuditEntries.SingleAsync(a => a.StructureId == structureId && a.Action == "principal.transfer"));
        Assert.Equal((principal.Id, successor.Id), (audit.ActorUserId!.Value, audit.TargetUserId!.Value));
        await app.DrainMailAsync();
        Assert.Contains(app.Mailbox.To(successor.Email!), m => m.Subject?.Contains("gestionnaire principal", StringComparison.Ordinal) == true);

        // The former principal still manages users but can no longer give the role.
        await AssertProblem(await client.PostAsync($"/api/v1/structures/{structureId}/users/{principal.Id}/transfer-principal-role", null),
            HttpStatusCode.Forbidden, "NOT_PRINCIPAL_MANAGER");
        await AttachAsync(client, structureId, (await app.CreateUserAsync()).Email!);
    }

    [Fact]
    public async Task Transfer_to_a_detached_unconfirmed_deactivated_or_foreign_user_is_refused_and_nothing_is_written()
    {
        var (principal, client) = await app.SignedInUserAsync();
        var structureId = await CreateStructureAsync(client);
        var detached = await app.CreateUserAsync();
        await AttachAsync(client, structureId, detached.Email!);
        (await client.DeleteAsync($"/api/v1/structures/{structureId}/users/{detached.Id}")).EnsureSuccessStatusCode();
        var deactivated = await app.CreateUserAsync();
        await AttachAsync(client, structureId, deactivated.Email!);
        await SetAccountAsync(app, deactivated.Id, deactivated: true);
        var unconfirmed = await app.CreateUserAsync();
        await SetAccountAsync(app, unconfirmed.Id, confirmed: false);
        await AttachAsync(client, structureId, unconfirmed.Email!);
        var stranger = await app.CreateUserAsync();
        var before = await SnapshotAsync(app, structureId);

        var url = $"/api/v1/structures/{structureId}/users/{{0}}/transfer-principal-role";
        await AssertProblem(await client.PostAsync(string.Format(null, url, detached.Id), null), HttpStatusCode.BadRequest, "TRANSFER_TARGET_NOT_ATTACHED");
        await AssertProblem(await client.PostAsync(string.Format(null, url, deactivated.Id), null), HttpStatusCode.BadRequest, "TRANSFER_TARGET_INACTIVE");
        await AssertProblem(await client.PostAsync(string.Format(null, url, unconfirmed.Id), null), HttpStatusCode.BadRequest, "TRANSFER_TARGET_INACTIVE");
        await AssertProblem(await client.PostAsync(string.Format(null, url, principal.Id), null), HttpStatusCode.BadRequest, "TRANSFER_TARGET_ALREADY_PRINCIPAL");
        await AssertProblem(await client.PostAsync(string.Format(null, url, stranger.Id), null), HttpStatusCode.NotFound, "MEMBER_NOT_FOUND");

        Assert.Equal(before, await SnapshotAsync(app, structureId));
    }

    [Fact]
    public async Task A_user_with_organisation_modification_manages_users_but_cannot_take_or_give_the_principal_role()
    {
        var (principal, client) = await app.SignedInUserAsync();
        var structureId = await CreateStructureAsync(client);
        var (managerId, manager) = await MemberAsync(app, client, structureId, ("Organisation", "Modification"));
        var colleague = await app.CreateUserAsync();

        await AttachAsync(manager, structureId, colleague.Email!);
        await GrantAsync(manager, structureId, colleague.Id, "FacturesRecues", "Modification");
        (await manager.PostAsJsonAsync($"/api/v1/structures/{structureId}/users/{colleague.Id}/habilitations/copy", new { fromUserId = managerId })).EnsureSuccessStatusCode();
        (await manager.DeleteAsync($"/api/v1/structures/{structureId}/users/{colleague.Id}")).EnsureSuccessStatusCode();
        await AttachAsync(manager, structureId, colleague.Email!);
        var before = await SnapshotAsync(app, structureId);

        await AssertProblem(await manager.PostAsync($"/api/v1/structures/{structureId}/users/{managerId}/transfer-principal-role", null), HttpStatusCode.Forbidden, "NOT_PRINCIPAL_MANAGER");
        await AssertProblem(await manager.PostAsync($"/api/v1/structures/{structureId}/users/{colleague.Id}/transfer-principal-role", null), HttpStatusCode.Forbidden, "NOT_PRINCIPAL_MANAGER");
        await AssertProblem(await manager.DeleteAsync($"/api/v1/structures/{structureId}/users/{principal.Id}"), HttpStatusCode.BadRequest, "PRINCIPAL_MANAGER_REQUIRED");

        Assert.Equal(before, await SnapshotAsync(app, structureId));
    }

    [Fact]
    public async Task An_operator_appoints_a_new_principal_once_the_previous_one_left()
    {
        var (principal, client) = await app.SignedInUserAsync();
        var structureId = await CreateStructureAsync(client);
        var (op, operatorClient) = await app.SignedInUserAsync(isOperator: true);
        var newcomer = await app.CreateUserAsync();
        var url = $"/api/v1/operator/structures/{structureId}/principal-manager";
        var before = await SnapshotAsync(app, structureId);

        // While the principal is in place, the role is theirs to transfer.
        await AssertProblem(await operatorClient.PostAsJsonAsync(url, new { email = newcomer.Email }), HttpStatusCode.Conflict, "PRINCIPAL_MANAGER_PRESENT");
        Assert.Equal(before, await SnapshotAsync(app, structureId));

        await SetAccountAsync(app, principal.Id, deactivated: true);
        var response = await operatorClient.PostAsJsonAsync(url, new { email = newcomer.Email });

        response.EnsureSuccessStatusCode();
        var appointed = await MembershipAsync(app, structureId, newcomer.Id);
        Assert.Equal(MemberRole.PrincipalManager, appointed.Role);
        Assert.True(appointed.IsActive);
        var departed = await MembershipAsync(app, structureId, principal.Id);
        Assert.Equal(MemberRole.User, departed.Role);
        Assert.False(departed.IsActive);
        var audit = await app.Db(db => db.AuditEntries.SingleAsync(a => a.StructureId == structureId && a.Action == "principal.appoint"));
        Assert.Equal((op.Id, newcomer.Id), (audit.ActorUserId!.Value, audit.TargetUserId!.Value));
        await app.DrainMailAsync();
        Assert.Contains(app.Mailbox.To(newcomer.Email!), m => m.Subject?.Contains("gestionnaire principal", StringComparison.Ordinal) == true);
        (await (await app.ClientForAsync(newcomer.Email!)).GetAsync($"/api/v1/structures/{structureId}/users")).EnsureSuccessStatusCode();
    }

    [Fact]
    public async Task Operator_appointment_refuses_inactive_or_unknown_accounts_and_non_operators()
    {
        var (principal, client) = await app.SignedInUserAsync();
        var structureId = await CreateStructureAsync(client);
        var member = await app.CreateUserAsync();
        await AttachAsync(client, structureId, member.Email!);
        await SetAccountAsync(app, principal.Id, deactivated: true);
        var unconfirmed = await app.CreateUserAsync();
        await SetAccountAsync(app, unconfirmed.Id, confirmed: false);
        var (_, operatorClient) = await app.SignedInUserAsync(isOperator: true);
        var before = await SnapshotAsync(app, structureId);

        var url = $"/api/v1/operator/structures/{structureId}/principal-manager";
        await AssertProblem(await operatorClient.PostAsJsonAsync(url, new { email = unconfirmed.Email }), HttpStatusCode.BadRequest, "TRANSFER_TARGET_INACTIVE");
        await AssertProblem(await operatorClient.PostAsJsonAsync(url, new { email = principal.Email }), HttpStatusCode.BadRequest, "TRANSFER_TARGET_INACTIVE");
        await AssertProblem(await operatorClient.PostAsJsonAsync(url, new { email = Unique.Email("ghost") }), HttpStatusCode.NotFound, "USER_NOT_FOUND");
        await AssertProblem(await operatorClient.PostAsJsonAsync("/api/v1/operator/structures/987654321/principal-manager", new { email = member.Email }), HttpStatusCode.NotFound, "STRUCTURE_NOT_FOUND");
        var memberClient = await app.ClientForAsync(member.Email!);
        Assert.Equal(HttpStatusCode.Forbidden, (await memberClient.PostAsJsonAsync(url, new { email = member.Email })).StatusCode);

        Assert.Equal(before, await SnapshotAsync(app, structureId));
    }
}
