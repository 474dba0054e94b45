using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portique.Approvals;
using Portique.IntegrationTests.Infrastructure;
using Portique.Organisation;
using static Portique.IntegrationTests.Organisation.CreateStructureTests;

namespace Portique.IntegrationTests.Approvals;

public sealed class ApprovalTests(PortiqueApp app) : IClassFixture<PortiqueApp>
{
    private sealed record Setup(long StructureId, string Siret, HttpClient Manager, long ManagerId);

    private async Task<Setup> StructureWithManagerAsync(bool isPublic = true)
    {
        var (manager, client) = await app.SignedInUserAsync();
        var siret = Unique.Siret();
        var created = await client.PostAsJsonAsync("/api/v1/structures", new { identifierType = "SIRET", identifier = siret, name = $"Structure {Unique.Next()}", isPublic });
        created.EnsureSuccessStatusCode();
        return new Setup((await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64(), siret, client, manager.Id);
    }

    private static async Task<long> AskAttachmentAsync(HttpClient requester, string siret, object? serviceIds = null, string? comment = "Je rejoins le service comptable")
    {
        var response = await requester.PostAsJsonAsync("/api/v1/approvals/attachment-requests", new { identifierType = "SIRET", identifier = siret, serviceIds, comment });
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
    }

    private static async Task<int> PendingCountAsync(HttpClient client) =>
        (await client.GetFromJsonAsync<JsonElement>("/api/v1/approvals/pending-count")).GetProperty("count").GetInt32();

    [Fact]
    public async Task Attachment_request_is_counted_listed_and_approval_attaches_at_once_and_mails_the_requester()
    {
        var s = await StructureWithManagerAsync();
        var serviceId = await app.Db(db => db.Services.Where(x => x.StructureId == s.StructureId).Select(x => x.Id).SingleAsync());
        var (requester, requesterClient) = await app.SignedInUserAsync();
        Assert.Equal(0, await PendingCountAsync(s.Manager));

        var id = await AskAttachmentAsync(requesterClient, s.Siret, new[] { serviceId });

        Assert.Equal(1, await PendingCountAsync(s.Manager));
        var list = await s.Manager.GetFromJsonAsync<JsonElement>("/api/v1/approvals?state=Pending");
        var item = Assert.Single(list.GetProperty("items").EnumerateArray());
        Assert.Equal(id, item.GetProperty("id").GetInt64());
        Assert.Equal("Pending", item.GetProperty("state").GetString());
        Assert.Equal(requester.Email, item.GetProperty("requesterEmail").GetString());
        Assert.StartsWith(Structure.DefaultPublicServiceCode, item.GetProperty("services")[0].GetString(), StringComparison.Ordinal);
        var detail = await s.Manager.GetFromJsonAsync<JsonElement>($"/api/v1/structures/{s.StructureId}/approvals/{id}");
        Assert.Equal("Je rejoins le service comptable", detail.GetProperty("comment").GetString());
        // Not a member yet: the structure is closed to the requester.
        Assert.Equal(HttpStatusCode.Forbidden, (await requesterClient.GetAsync($"/api/v1/structures/{s.StructureId}")).StatusCode);

        var approved = await s.Manager.PostAsync($"/api/v1/structures/{s.StructureId}/approvals/{id}/approve", null);

        Assert.Equal(HttpStatusCode.OK, approved.StatusCode);
        var membership = await app.Db(db => db.Memberships.SingleAsync(m => m.StructureId == s.StructureId && m.UserId == requester.Id));
        Assert.True(membership.IsActive);
        Assert.Equal([serviceId], membership.ServiceIds);
        Assert.Equal(0, await PendingCountAsync(s.Manager));
        var history = await s.Manager.GetFromJsonAsync<JsonElement>("/api/v1/approvals?state=Approved");
        Assert.Equal(id, history.GetProperty("items")[0].GetProperty("id").GetInt64());
        await app.DrainMailAsync();
        Assert.Contains(app.Mailbox.To(requester.Email!), m => m.Subject!.Contains("approuvée", StringComparison.Ordinal));
        await AssertProblem(await s.Manager.PostAsync($"/api/v1/structures/{s.StructureId}/approvals/{id}/approve", null), HttpStatusCode.Conflict, "APPROVAL_ALREADY_DECIDED");
    }

    [Fact]
    public async Task Refusal_requires_a_reason_and_the_requester_sees_it()
    {
        var s = await StructureWithManagerAsync();
        var (requester, requesterClient) = await app.SignedInUserAsync();
        var id = await AskAttachmentAsync(requesterClient, s.Siret);

        foreach (var reason in new[] { null, "", "   " })
            await AssertProblem(await s.Manager.PostAsJsonAsync($"/api/v1/structures/{s.StructureId}/approvals/{id}/refuse", new { reason }),
                HttpStatusCode.BadRequest, "APPROVAL_REASON_REQUIRED");
        var unchanged = await app.Db(db => db.ApprovalRequests.AsNoTracking().SingleAsync(a => a.Id == id));
        Assert.Equal(ApprovalState.Pending, unchanged.State);
        Assert.Null(unchanged.DecidedAt);
        Assert.Equal(0, unchanged.Version);

        var refused = await s.Manager.PostAsJsonAsync($"/api/v1/structures/{s.StructureId}/approvals/{id}/refuse", new { reason = "Inconnu du service" });

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var mine = await requesterClient.GetFromJsonAsync<JsonElement>("/api/v1/approvals/mine");
        var item = Assert.Single(mine.GetProperty("items").EnumerateArray());
        Assert.Equal("Refused", item.GetProperty("state").GetString());
        Assert.Equal("Inconnu du service", item.GetProperty("refusalReason").GetString());
        Assert.False(await app.Db(db => db.Memberships.AnyAsync(m => m.StructureId == s.StructureId && m.UserId == requester.Id)));
        await app.DrainMailAsync();
        Assert.Contains(app.Mailbox.To(requester.Email!), m => m.TextBody!.Contains("Inconnu du service", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_manager_of_another_structure_neither_sees_nor_decides_its_requests()
    {
        var a = await StructureWithManagerAsync();
        var b = await StructureWithManagerAsync();
        var (_, requesterClient) = await app.SignedInUserAsync();
        var idB = await AskAttachmentAsync(requesterClient, b.Siret);

        Assert.Equal(0, await PendingCountAsync(a.Manager));
        Assert.Equal(0, (await a.Manager.GetFromJsonAsync<JsonElement>($"/api/v1/approvals?structureId={b.StructureId}")).GetProperty("total").GetInt32());
        Assert.Equal(HttpStatusCode.Forbidden, (await a.Manager.GetAsync($"/api/v1/structures/{b.StructureId}/approvals/{idB}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await a.Manager.PostAsync($"/api/v1/structures/{b.StructureId}/approvals/{idB}/approve", null)).StatusCode);
        // Through his own structure's route the request is simply not there.
        await AssertProblem(await a.Manager.PostAsync($"/api/v1/structures/{a.StructureId}/approvals/{idB}/approve", null), HttpStatusCode.NotFound, "APPROVAL_NOT_FOUND");
        Assert.Equal(HttpStatusCode.Forbidden, (await requesterClient.PostAsync($"/api/v1/structures/{b.StructureId}/approvals/{idB}/approve", null)).StatusCode);
        Assert.Equal(ApprovalState.Pending, await app.Db(db => db.ApprovalRequests.Where(x => x.Id == idB).Select(x => x.State).SingleAsync()));
        Assert.Equal(1, await PendingCountAsync(b.Manager));
    }

    [Fact]
    public async Task Organisation_modification_holder_decides_but_a_consultation_holder_does_not()
    {
        var s = await StructureWithManagerAsync();
        var deputy = await app.CreateUserAsync();
        var reader = await app.CreateUserAsync();
        await app.Db(async db =>
        {
            var m = Membership.Attach(s.StructureId, deputy.Id, MemberRole.User, app.Clock.GetUtcNow());
            m.Grant(PortalApplication.Organisation, HabilitationProfile.Modification, null);
            var r = Membership.Attach(s.StructureId, reader.Id, MemberRole.User, app.Clock.GetUtcNow());
            r.Grant(PortalApplication.Organisation, HabilitationProfile.Consultation, null);
            db.Memberships.AddRange(m, r);
            return await db.SaveChangesAsync();
        });
        var deputyClient = await app.ClientForAsync(deputy.Email!);
        var readerClient = await app.ClientForAsync(reader.Email!);
        var (_, requesterClient) = await app.SignedInUserAsync();
        var id = await AskAttachmentAsync(requesterClient, s.Siret);

        Assert.Equal(1, await PendingCountAsync(deputyClient));
        Assert.Equal(0, await PendingCountAsync(readerClient));
        Assert.Equal(HttpStatusCode.Forbidden, (await readerClient.PostAsync($"/api/v1/structures/{s.StructureId}/approvals/{id}/approve", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await deputyClient.PostAsync($"/api/v1/structures/{s.StructureId}/approvals/{id}/approve", null)).StatusCode);
    }

    [Fact]
    public async Task Habilitation_request_from_a_member_is_granted_on_approval()
    {
        var s = await StructureWithManagerAsync();
        var (requester, requesterClient) = await app.SignedInUserAsync();
        var attach = await AskAttachmentAsync(requesterClient, s.Siret);
        (await s.Manager.PostAsync($"/api/v1/structures/{s.StructureId}/approvals/{attach}/approve", null)).EnsureSuccessStatusCode();
        Assert.Equal(HttpStatusCode.Forbidden, (await requesterClient.GetAsync($"/api/v1/structures/{s.StructureId}")).StatusCode);

        var response = await requesterClient.PostAsJsonAsync("/api/v1/approvals/habilitation-requests",
            new { structureId = s.StructureId, application = "Organisation", profile = "Consultation", comment = "Pour consulter la fiche" });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
        await AssertProblem(await requesterClient.PostAsJsonAsync("/api/v1/approvals/habilitation-requests",
            new { structureId = s.StructureId, application = "Organisation", profile = "Consultation" }), HttpStatusCode.Conflict, "APPROVAL_DUPLICATE");

        (await s.Manager.PostAsync($"/api/v1/structures/{s.StructureId}/approvals/{id}/approve", null)).EnsureSuccessStatusCode();

        Assert.Equal(HttpStatusCode.OK, (await requesterClient.GetAsync($"/api/v1/structures/{s.StructureId}")).StatusCode);
        await AssertProblem(await requesterClient.PostAsJsonAsync("/api/v1/approvals/habilitation-requests",
            new { structureId = s.StructureId, application = "Organisation", profile = "Consultation" }), HttpStatusCode.Conflict, "HABILITATION_ALREADY_HELD");
        Assert.Equal(requester.Id, await app.Db(db => db.ApprovalRequests.Where(a => a.Id == id).Select(a => a.RequesterId).SingleAsync()));
    }

    [Fact]
    public async Task Bad_requests_are_refused_with_their_code_and_nothing_is_written()
    {
        var s = await StructureWithManagerAsync();
        var other = await StructureWithManagerAsync();
        var otherService = await app.Db(db => db.Services.Where(x => x.StructureId == other.StructureId).Select(x => x.Id).SingleAsync());
        var (_, client) = await app.SignedInUserAsync();
        var before = await app.Db(db => db.ApprovalRequests.CountAsync());

        await AssertProblem(await client.PostAsJsonAsync("/api/v1/approvals/attachment-requests", new { identifierType = "SIRET", identifier = Unique.Siret() }),
            HttpStatusCode.NotFound, "STRUCTURE_NOT_FOUND");
        await AssertProblem(await client.PostAsJsonAsync("/api/v1/approvals/attachment-requests", new { identifierType = "SIRET", identifier = "123" }),
            HttpStatusCode.BadRequest, "SIRET_INVALID");
        await AssertProblem(await client.PostAsJsonAsync("/api/v1/approvals/attachment-requests", new { identifierType = "SIRET", identifier = s.Siret, serviceIds = new[] { otherService } }),
            HttpStatusCode.BadRequest, "SERVICE_UNKNOWN");
        await AssertProblem(await client.PostAsJsonAsync("/api/v1/approvals/attachment-requests", new { identifierType = "SIRET", identifier = s.Siret, comment = new string('x', 1001) }),
            HttpStatusCode.BadRequest, "FIELD_TOO_LONG");
        await AssertProblem(await s.Manager.PostAsJsonAsync("/api/v1/approvals/attachment-requests", new { identifierType = "SIRET", identifier = s.Siret }),
            HttpStatusCode.Conflict, "ALREADY_ATTACHED");
        await AssertProblem(await client.PostAsJsonAsync("/api/v1/approvals/habilitation-requests", new { structureId = s.StructureId, application = "Organisation", profile = "Modification" }),
            HttpStatusCode.Forbidden, "NOT_ATTACHED");
        await AssertProblem(await client.PostAsJsonAsync("/api/v1/approvals/habilitation-requests", new { structureId = s.StructureId, application = "Nope", profile = "Modification" }),
            HttpStatusCode.BadRequest, "REQUEST_INVALID");

        Assert.Equal(before, await app.Db(db => db.ApprovalRequests.CountAsync()));
        await AskAttachmentAsync(client, s.Siret);
        await AssertProblem(await client.PostAsJsonAsync("/api/v1/approvals/attachment-requests", new { identifierType = "SIRET", identifier = s.Siret }),
            HttpStatusCode.Conflict, "APPROVAL_DUPLICATE");
    }

    [Fact]
    public async Task Concurrent_approve_and_refuse_one_wins_the_other_gets_409()
    {
        var s = await StructureWithManagerAsync();
        var deputy = await app.CreateUserAsync();
        await app.Db(async db =>
        {
            var m = Membership.Attach(s.StructureId, deputy.Id, MemberRole.User, app.Clock.GetUtcNow());
            m.Grant(PortalApplication.Organisation, HabilitationProfile.Modification, null);
            db.Memberships.Add(m);
            return await db.SaveChangesAsync();
        });
        var deputyClient = await app.ClientForAsync(deputy.Email!);

        for (var round = 0; round < 3; round++)
        {
            var (requester, requesterClient) = await app.SignedInUserAsync();
            var id = await AskAttachmentAsync(requesterClient, s.Siret);

            var responses = await Task.WhenAll(
                s.Manager.PostAsync($"/api/v1/structures/{s.StructureId}/approvals/{id}/approve", null),
                deputyClient.PostAsJsonAsync($"/api/v1/structures/{s.StructureId}/approvals/{id}/refuse", new { reason = "Doublon" }));

            var statuses = responses.Select(r => r.StatusCode).Order().ToList();
            Assert.Equal([HttpStatusCode.OK, HttpStatusCode.Conflict], statuses);
            await AssertProblem(responses.Single(r => r.StatusCode == HttpStatusCode.Conflict), HttpStatusCode.Conflict, "APPROVAL_ALREADY_DECIDED");
            var stored = await app.Db(db => db.ApprovalRequests.AsNoTracking().SingleAsync(a => a.Id == id));
            var attached = await app.Db(db => db.Memberships.AnyAsync(m => m.StructureId == s.StructureId && m.UserId == requester.Id && m.IsActive));
            Assert.Equal(stored.State == ApprovalState.Approved, attached);
            Assert.Equal(1, stored.Version);
        }
    }

    [Fact]
    public async Task The_version_column_stops_a_stale_decision()
    {
        var s = await StructureWithManagerAsync();
        var (_, requesterClient) = await app.SignedInUserAsync();
        var id = await AskAttachmentAsync(requesterClient, s.Siret);

        // Two units of work load the same pending request; the second to save loses, whatever the handler checked before.
        await using var scope1 = app.Services.CreateAsyncScope();
        await using var scope2 = app.Services.CreateAsyncScope();
        var db1 = scope1.ServiceProvider.GetRequiredService<Portique.Common.Data.PortiqueDb>();
        var db2 = scope2.ServiceProvider.GetRequiredService<Portique.Common.Data.PortiqueDb>();
        var first = await db1.ApprovalRequests.SingleAsync(a => a.Id == id);
        var second = await db2.ApprovalRequests.SingleAsync(a => a.Id == id);
        first.Refuse(s.ManagerId, "Premier", app.Clock.GetUtcNow());
        second.Refuse(s.ManagerId, "Second", app.Clock.GetUtcNow());
        await db1.SaveChangesAsync();

        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => db2.SaveChangesAsync());
        Assert.Equal("Premier", await app.Db(db => db.ApprovalRequests.Where(a => a.Id == id).Select(a => a.RefusalReason).SingleAsync()));
    }

    [Fact]
    public async Task The_api_description_lists_the_approvals_and_connections_endpoints()
    {
        var response = await app.CreateClient().GetAsync("/openapi/v1.json");

        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        var paths = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("paths");
        foreach (var path in new[] { "/api/v1/approvals", "/api/v1/approvals/pending-count", "/api/v1/structures/{structureId}/approvals/{id}/refuse",
                     "/api/v1/structures/{structureId}/technical-accounts", "/api/oauth/token", "/cpro/transverses/v1/health-check" })
            Assert.True(paths.TryGetProperty(path, out _), path);
    }
}
