using System.Net;
using System.Net.Http.Json;
using Portique.IntegrationTests.Infrastructure;
using static Portique.IntegrationTests.Organisation.Users.StructureUsers;

namespace Portique.IntegrationTests.Organisation.Users;

/// <summary>Who may call what on a structure's users: consultation reads, modification writes, outsiders get nothing.</summary>
public sealed class UsersAuthorizationTests(PortiqueApp app) : IClassFixture<PortiqueApp>
{
    private static IEnumerable<(HttpMethod Method, string Url, object? Body)> Writes(long structureId, long userId, long otherId) =>
    [
        (HttpMethod.Post, $"/api/v1/structures/{structureId}/users", new { email = "x@y.fr" }),
        (HttpMethod.Delete, $"/api/v1/structures/{structureId}/users/{userId}", null),
        (HttpMethod.Put, $"/api/v1/structures/{structureId}/users/{userId}/services", new { serviceIds = Array.Empty<long>() }),
        (HttpMethod.Post, $"/api/v1/structures/{structureId}/users/{userId}/habilitations", new { application = "FacturesRecues", profile = "Modification" }),
        (HttpMethod.Delete, $"/api/v1/structures/{structureId}/users/{userId}/habilitations/Organisation", null),
        (HttpMethod.Post, $"/api/v1/structures/{structureId}/users/{userId}/habilitations/copy", new { fromUserId = otherId }),
        (HttpMethod.Post, $"/api/v1/structures/{structureId}/users/{userId}/transfer-principal-role", null),
        (HttpMethod.Get, $"/api/v1/structures/{structureId}/audit", null),
    ];

    private static IEnumerable<string> Reads(long structureId, long userId) =>
    [
        $"/api/v1/structures/{structureId}/users",
        $"/api/v1/structures/{structureId}/users/{userId}",
        $"/api/v1/structures/{structureId}/users/export",
    ];

    private static Task<HttpResponseMessage> SendAsync(HttpClient client, HttpMethod method, string url, object? body) =>
        client.SendAsync(new HttpRequestMessage(method, url) { Content = body is null ? null : JsonContent.Create(body) });

    [Fact]
    public async Task Consultation_lists_and_exports_but_cannot_change_anything()
    {
        var (principal, client) = await app.SignedInUserAsync();
        var structureId = await CreateStructureAsync(client);
        var (readerId, reader) = await MemberAsync(app, client, structureId, ("Organisation", "Consultation"), ("FacturesEmises", "Modification"));
        var before = await SnapshotAsync(app, structureId);

        foreach (var url in Reads(structureId, principal.Id))
            Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync(url)).StatusCode);
        var afterReads = await SnapshotAsync(app, structureId);
        foreach (var (method, url, body) in Writes(structureId, readerId, principal.Id))
            Assert.True((await SendAsync(reader, method, url, body)).StatusCode == HttpStatusCode.Forbidden, $"{method} {url}");

        Assert.Equal(afterReads, await SnapshotAsync(app, structureId));
        Assert.NotEqual(before, afterReads); // the export was audited
    }

    [Fact]
    public async Task A_member_without_organisation_habilitation_and_an_outsider_are_refused_everything()
    {
        var (principal, client) = await app.SignedInUserAsync();
        var structureId = await CreateStructureAsync(client);
        var (memberId, member) = await MemberAsync(app, client, structureId, ("FacturesRecues", "Modification"));
        var (_, outsiderPrincipal) = await app.SignedInUserAsync();
        await CreateStructureAsync(outsiderPrincipal);
        var before = await SnapshotAsync(app, structureId);

        foreach (var caller in new[] { member, outsiderPrincipal })
        {
            foreach (var url in Reads(structureId, principal.Id))
                Assert.True((await caller.GetAsync(url)).StatusCode == HttpStatusCode.Forbidden, url);
            foreach (var (method, url, body) in Writes(structureId, memberId, principal.Id))
                Assert.True((await SendAsync(caller, method, url, body)).StatusCode == HttpStatusCode.Forbidden, $"{method} {url}");
        }
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().GetAsync($"/api/v1/structures/{structureId}/users")).StatusCode);

        Assert.Equal(before, await SnapshotAsync(app, structureId));
    }

    [Fact]
    public async Task A_manager_of_one_structure_cannot_reach_users_of_another_through_its_own_route()
    {
        var (_, client) = await app.SignedInUserAsync();
        var structureId = await CreateStructureAsync(client);
        var (_, otherClient) = await app.SignedInUserAsync();
        var otherStructure = await CreateStructureAsync(otherClient);
        var foreigner = await app.CreateUserAsync();
        await AttachAsync(otherClient, otherStructure, foreigner.Email!);
        var before = await SnapshotAsync(app, otherStructure);

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/v1/structures/{structureId}/users/{foreigner.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.DeleteAsync($"/api/v1/structures/{structureId}/users/{foreigner.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.PostAsJsonAsync($"/api/v1/structures/{structureId}/users/{foreigner.Id}/habilitations",
            new { application = "FacturesRecues", profile = "Modification" })).StatusCode);

        Assert.Equal(before, await SnapshotAsync(app, otherStructure));
    }
}
