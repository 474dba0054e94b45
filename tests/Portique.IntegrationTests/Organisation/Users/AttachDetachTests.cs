using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Portique.IntegrationTests.Infrastructure;
using Portique.Organisation;
using static Portique.IntegrationTests.Organisation.CreateStructureTests;
using static Portique.IntegrationTests.Organisation.Users.StructureUsers;

namespace Portique.IntegrationTests.Organisation.Users;

public sealed class AttachDetachTests(PortiqueApp app) : IClassFixture<PortiqueApp>
{
    [Fact]
    public async Task List_shows_role_account_status_habilitations_and_services()
    {
        var (principal, client) = await app.SignedInUserAsync();
        var structureId = await CreateStructureAsync(client, isPublic: true);
        var services = await AddServicesAsync(app, structureId, "ACHATS");
        var agent = await app.CreateUserAsync();
        await AttachAsync(client, structureId, agent.Email!, services[0]);
        await GrantAsync(client, structureId, agent.Id, "FacturesRecues", "Modification", services[0]);
        await SetAccountAsync(app, agent.Id, confirmed: false);

        var page = await client.GetFromJsonAsync<JsonElement>($"/api/v1/structures/{structureId}/users");

        Assert.Equal(2, page.GetProperty("total").GetInt32());
        var first = page.GetProperty("items")[0];
        Assert.Equal(principal.Id, first.GetProperty("userId").GetInt64());
        Assert.Equal("PrincipalManager", first.GetProperty("role").GetString());
        Assert.Equal("Active", first.GetProperty("accountStatus").GetString());
        var member = Member(page, agent.Id);
        Assert.Equal("User", member.GetProperty("role").GetString());
        Assert.Equal("Unconfirmed", member.GetProperty("accountStatus").GetString());
        Assert.Equal(agent.Email, member.GetProperty("email").GetString());
        Assert.Equal(["FacturesRecues:Modification:ACHATS"], Habilitations(member));
        Assert.Equal("ACHATS", member.GetProperty("services")[0].GetProperty("code").GetString());
    }

    [Fact]
    public async Task Attach_by_login_email_is_case_insensitive_audited_and_starts_without_rights()
    {
        var (principal, client) = await app.SignedInUserAsync();
        var structureId = await CreateStructureAsync(client);
        var user = await app.CreateUserAsync();

        var response = await client.PostAsJsonAsync($"/api/v1/structures/{structureId}/users", new { email = user.Email!.ToUpperInvariant() });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal($"/api/v1/structures/{structureId}/users/{user.Id}", response.Headers.Location?.OriginalString);
        var membership = await MembershipAsync(app, structureId, user.Id);
        Assert.Equal(MemberRole.User, membership.Role);
        Assert.True(membership.IsActive);
        Assert.Empty(membership.Habilitations);
        var audit = await app.Db(db => db.AuditEntries.SingleAsync(a => a.StructureId == structureId && a.Action == "user.attach"));
        Assert.Equal(principal.Id, audit.ActorUserId);
        Assert.Equal(user.Id, audit.TargetUserId);
        await app.DrainMailAsync();
        Assert.Contains("rattachement", Assert.Single(app.Mailbox.To(user.Email)).Subject ?? "", StringComparison.Ordinal);
    }

    [Fact]
    public async Task Detach_then_reattach_keeps_one_membership_and_drops_former_rights()
    {
        var (_, client) = await app.SignedInUserAsync();
        var structureId = await CreateStructureAsync(client);
        var services = await AddServicesAsync(app, structureId, "COMPTA");
        var user = await app.CreateUserAsync();
        await AttachAsync(client, structureId, user.Email!, services);
        await GrantAsync(client, structureId, user.Id, "FacturesEmises", "Modification");

        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/api/v1/structures/{structureId}/users/{user.Id}")).StatusCode);
        var detached = await MembershipAsync(app, structureId, user.Id);
        Assert.False(detached.IsActive);
        Assert.Empty(detached.Habilitations);
        var listed = await client.GetFromJsonAsync<JsonElement>($"/api/v1/structures/{structureId}/users");
        Assert.DoesNotContain(listed.GetProperty("items").EnumerateArray(), m => m.GetProperty("userId").GetInt64() == user.Id);
        var withDetached = await client.GetFromJsonAsync<JsonElement>($"/api/v1/structures/{structureId}/users?includeDetached=true");
        Assert.False(Member(withDetached, user.Id).GetProperty("isAttached").GetBoolean());

        await AttachAsync(client, structureId, user.Email!);
        var again = await MembershipAsync(app, structureId, user.Id);
        Assert.Equal(detached.Id, again.Id);
        Assert.True(again.IsActive);
        Assert.Empty(again.Habilitations);
        Assert.Empty(again.ServiceIds);
        var actions = await app.Db(db => db.AuditEntries.Where(a => a.StructureId == structureId && a.TargetUserId == user.Id).OrderBy(a => a.Id).Select(a => a.Action).ToListAsync());
        Assert.Equal(["user.attach", "habilitation.grant", "user.detach", "user.reattach"], actions);
    }

    [Fact]
    public async Task Services_of_a_member_can_be_changed_and_must_belong_to_the_structure()
    {
        var (_, client) = await app.SignedInUserAsync();
        var structureId = await CreateStructureAsync(client);
        var services = await AddServicesAsync(app, structureId, "NORD", "SUD");
        var otherStructure = await CreateStructureAsync(client);
        var foreign = await AddServicesAsync(app, otherStructure, "AILLEURS");
        var user = await app.CreateUserAsync();
        await AttachAsync(client, structureId, user.Email!, services[0]);

        var ok = await client.PutAsJsonAsync($"/api/v1/structures/{structureId}/users/{user.Id}/services", new { serviceIds = new[] { services[1], services[0] } });
        ok.EnsureSuccessStatusCode();
        Assert.Equal(services.Order(), (await MembershipAsync(app, structureId, user.Id)).ServiceIds);

        var before = await SnapshotAsync(app, structureId);
        await AssertProblem(await client.PutAsJsonAsync($"/api/v1/structures/{structureId}/users/{user.Id}/services", new { serviceIds = new[] { foreign[0] } }),
            HttpStatusCode.NotFound, "SERVICE_NOT_FOUND");
        Assert.Equal(before, await SnapshotAsync(app, structureId));
    }

    [Fact]
    public async Task The_principal_manager_cannot_be_detached()
    {
        var (principal, client) = await app.SignedInUserAsync();
        var structureId = await CreateStructureAsync(client);
        var before = await SnapshotAsync(app, structureId);

        await AssertProblem(await client.DeleteAsync($"/api/v1/structures/{structureId}/users/{principal.Id}"), HttpStatusCode.BadRequest, "PRINCIPAL_MANAGER_REQUIRED");

        Assert.Equal(before, await SnapshotAsync(app, structureId));
    }

    [Fact]
    public async Task Bad_attachments_are_refused_with_their_code_and_nothing_is_written()
    {
        var (_, client) = await app.SignedInUserAsync();
        var structureId = await CreateStructureAsync(client);
        var services = await AddServicesAsync(app, structureId, "ACHATS");
        var attached = await app.CreateUserAsync();
        await AttachAsync(client, structureId, attached.Email!);
        var deactivated = await app.CreateUserAsync();
        await SetAccountAsync(app, deactivated.Id, deactivated: true);
        var free = await app.CreateUserAsync();
        var before = await SnapshotAsync(app, structureId);

        var url = $"/api/v1/structures/{structureId}/users";
        await AssertProblem(await client.PostAsJsonAsync(url, new { email = Unique.Email("nobody") }), HttpStatusCode.NotFound, "USER_NOT_FOUND");
        await AssertProblem(await client.PostAsJsonAsync(url, new { email = attached.Email }), HttpStatusCode.Conflict, "ALREADY_ATTACHED");
        await AssertProblem(await client.PostAsJsonAsync(url, new { email = deactivated.Email }), HttpStatusCode.BadRequest, "USER_DEACTIVATED");
        await AssertProblem(await client.PostAsJsonAsync(url, new { email = free.Email, serviceIds = new[] { services[0], 999_999_999L } }), HttpStatusCode.NotFound, "SERVICE_NOT_FOUND");
        await AssertProblem(await client.PostAsJsonAsync(url, new { email = new string('a', 250) + "@x.fr" }), HttpStatusCode.BadRequest, "FIELD_TOO_LONG");
        await AssertProblem(await client.PostAsJsonAsync(url, new { email = " " }), HttpStatusCode.BadRequest, "FIELD_REQUIRED");
        await AssertProblem(await client.PostAsJsonAsync(url, new { email = free.Email, serviceIds = "x" }), HttpStatusCode.BadRequest, "REQUEST_INVALID");
        await AssertProblem(await client.DeleteAsync($"{url}/{free.Id}"), HttpStatusCode.NotFound, "MEMBER_NOT_FOUND");

        Assert.Equal(before, await SnapshotAsync(app, structureId));
    }

    [Fact]
    public async Task A_deactivated_structure_takes_no_new_user()
    {
        var (_, client) = await app.SignedInUserAsync();
        var structureId = await CreateStructureAsync(client);
        await app.Db(async db =>
        {
            var s = await db.Structures.SingleAsync(x => x.Id == structureId);
            s.Deactivate(app.Clock.GetUtcNow());
            return await db.SaveChangesAsync();
        });
        var user = await app.CreateUserAsync();
        var before = await SnapshotAsync(app, structureId);

        await AssertProblem(await client.PostAsJsonAsync($"/api/v1/structures/{structureId}/users", new { email = user.Email }), HttpStatusCode.BadRequest, "STRUCTURE_INACTIVE");

        Assert.Equal(before, await SnapshotAsync(app, structureId));
    }
}
