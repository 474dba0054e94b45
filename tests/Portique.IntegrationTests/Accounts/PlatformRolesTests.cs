using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Portique.Accounts;
using Portique.IntegrationTests.Infrastructure;
using static Portique.IntegrationTests.Organisation.CreateStructureTests;

namespace Portique.IntegrationTests.Accounts;

/// <summary>Operators grant and withdraw the platform roles; the change applies to open sessions from their next request.</summary>
public sealed class PlatformRolesTests(PortiqueApp app) : IClassFixture<PortiqueApp>
{
    [Fact]
    public async Task An_operator_grants_the_customs_role_by_email_which_opens_the_customs_api_then_withdraws_it()
    {
        var (op, operatorClient) = await app.SignedInUserAsync(isOperator: true);
        var agent = await app.CreateUserAsync();
        // A session opened before the grant: roles apply from the next request, not from the next sign-in.
        var agentClient = await app.ClientForAsync(agent.Email!);
        Assert.Equal(HttpStatusCode.Forbidden, (await agentClient.GetAsync("/api/v1/customs/refunds")).StatusCode);

        var granted = await operatorClient.PostAsJsonAsync("/api/v1/operator/roles/douane/users", new { email = agent.Email!.ToUpperInvariant() });

        Assert.Equal(HttpStatusCode.OK, granted.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await agentClient.GetAsync("/api/v1/customs/refunds")).StatusCode);
        var holders = await operatorClient.GetFromJsonAsync<JsonElement>("/api/v1/operator/roles/Douane/users");
        Assert.Contains(holders.EnumerateArray(), h => h.GetProperty("id").GetInt64() == agent.Id);
        await AssertProblem(await operatorClient.PostAsJsonAsync("/api/v1/operator/roles/Douane/users", new { email = agent.Email }), HttpStatusCode.Conflict, "ROLE_ALREADY_GRANTED");
        Assert.Contains(agent.Email, await operatorClient.GetStringAsync("/Operator/Roles"), StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.NoContent, (await operatorClient.DeleteAsync($"/api/v1/operator/roles/Douane/users/{agent.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await agentClient.GetAsync("/api/v1/customs/refunds")).StatusCode);
        await AssertProblem(await operatorClient.DeleteAsync($"/api/v1/operator/roles/Douane/users/{agent.Id}"), HttpStatusCode.NotFound, "ROLE_NOT_GRANTED");

        var audit = await app.Db(db => db.AuditEntries.Where(a => a.TargetUserId == agent.Id).OrderBy(a => a.Id).Select(a => new { a.Action, a.ActorUserId, a.Details }).ToListAsync());
        Assert.Equal(["role.grant", "role.revoke"], audit.Select(a => a.Action));
        Assert.All(audit, a => Assert.Equal((op.Id, Roles.Customs), (a.ActorUserId!.Value, a.Details)));
    }

    [Fact]
    public async Task Bad_requests_are_refused_with_their_code_and_change_nothing()
    {
        var (_, operatorClient) = await app.SignedInUserAsync(isOperator: true);
        var before = await app.Db(db => db.UserRoles.CountAsync());

        await AssertProblem(await operatorClient.PostAsJsonAsync("/api/v1/operator/roles/Douane/users", new { email = Unique.Email() }), HttpStatusCode.NotFound, "USER_NOT_FOUND");
        await AssertProblem(await operatorClient.PostAsJsonAsync("/api/v1/operator/roles/Douane/users", new { email = "" }), HttpStatusCode.BadRequest, "FIELD_REQUIRED");
        await AssertProblem(await operatorClient.PostAsJsonAsync("/api/v1/operator/roles/Admin/users", new { email = Unique.Email() }), HttpStatusCode.BadRequest, "ROLE_UNKNOWN");

        Assert.Equal(before, await app.Db(db => db.UserRoles.CountAsync()));
    }

    [Fact]
    public async Task Only_operators_manage_roles_and_the_last_operator_keeps_the_role()
    {
        var (_, userClient) = await app.SignedInUserAsync();
        var (me, operatorClient) = await app.SignedInUserAsync(isOperator: true);
        Assert.Equal(HttpStatusCode.Forbidden, (await userClient.PostAsJsonAsync("/api/v1/operator/roles/Operateur/users", new { email = Unique.Email() })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await userClient.GetAsync("/api/v1/operator/roles/Operateur/users")).StatusCode);

        // Tests of a class run one after the other on its own database: withdraw every other operator, then try the last.
        foreach (var other in (await operatorClient.GetFromJsonAsync<JsonElement>("/api/v1/operator/roles/Operateur/users")).EnumerateArray())
            if (other.GetProperty("id").GetInt64() != me.Id)
                Assert.Equal(HttpStatusCode.NoContent, (await operatorClient.DeleteAsync($"/api/v1/operator/roles/Operateur/users/{other.GetProperty("id").GetInt64()}")).StatusCode);
        await AssertProblem(await operatorClient.DeleteAsync($"/api/v1/operator/roles/Operateur/users/{me.Id}"), HttpStatusCode.Conflict, "ROLE_LAST_OPERATOR");
        Assert.Equal(1, await app.Db(db => db.UserRoles.CountAsync(r => r.UserId == me.Id)));
    }
}
