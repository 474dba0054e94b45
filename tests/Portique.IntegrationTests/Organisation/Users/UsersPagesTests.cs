using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Portique.IntegrationTests.Infrastructure;
using Portique.Organisation;
using static Portique.IntegrationTests.Organisation.Users.StructureUsers;

namespace Portique.IntegrationTests.Organisation.Users;

/// <summary>The users pages over HTTP: they render, post through the same handlers as the API, and refuse whom the API refuses.</summary>
public sealed partial class UsersPagesTests(PortiqueApp app) : IClassFixture<PortiqueApp>
{
    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();

    private static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string page, string? handler, params (string Key, string Value)[] fields)
    {
        var html = await client.GetStringAsync(page);
        var token = AntiforgeryField().Match(html).Groups[1].Value;
        Assert.False(string.IsNullOrEmpty(token), $"no antiforgery token on {page}");
        var form = fields.Select(f => new KeyValuePair<string, string>(f.Key, f.Value)).Append(new("__RequestVerificationToken", token));
        return await client.PostAsync(handler is null ? page : $"{page}?handler={handler}", new FormUrlEncodedContent(form));
    }

    [Fact]
    public async Task The_list_shows_users_and_management_links_to_managers_only()
    {
        var (principal, client) = await app.SignedInUserAsync();
        var structureId = await CreateStructureAsync(client);
        var (_, reader) = await MemberAsync(app, client, structureId, ("Organisation", "Consultation"));
        var page = $"/Organisation/Structures/{structureId}/Users";

        var managerView = await client.GetStringAsync(page);
        var readerView = await reader.GetStringAsync(page);

        Assert.Contains(principal.Email!, managerView, StringComparison.Ordinal);
        Assert.Contains("Gestionnaire principal", managerView, StringComparison.Ordinal);
        Assert.Contains("id=\"attach\"", managerView, StringComparison.Ordinal);
        Assert.Contains("id=\"transfer\"", managerView, StringComparison.Ordinal);
        Assert.Contains(principal.Email!, readerView, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"attach\"", readerView, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"transfer\"", readerView, StringComparison.Ordinal);
        Assert.Contains("id=\"export\"", readerView, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pages_refuse_a_reader_the_management_pages_and_an_outsider_everything()
    {
        var (principal, client) = await app.SignedInUserAsync();
        var structureId = await CreateStructureAsync(client);
        var (_, reader) = await MemberAsync(app, client, structureId, ("Organisation", "Consultation"));
        var (_, outsider) = await app.SignedInUserAsync();
        var root = $"/Organisation/Structures/{structureId}";
        string[] management = [$"{root}/Users/Attach", $"{root}/Users/{principal.Id}", $"{root}/Users/Transfer", $"{root}/Audit"];

        foreach (var page in management)
            Assert.True((await reader.GetAsync(page)).StatusCode == HttpStatusCode.Forbidden, page);
        foreach (var page in management.Concat([$"{root}/Users", $"{root}/Users/Export"]))
            Assert.True((await outsider.GetAsync(page)).StatusCode == HttpStatusCode.Forbidden, page);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/Operator/AppointPrincipal")).StatusCode);
    }

    [Fact]
    public async Task A_manager_attaches_grants_withdraws_and_detaches_through_the_pages()
    {
        var (manager, _) = await app.SignedInUserAsync();
        var client = await PageClientAsync(app, manager.Email!);
        var structureId = await CreateStructureAsync(client, isPublic: true);
        var services = await AddServicesAsync(app, structureId, "ACHATS");
        var user = await app.CreateUserAsync();
        var root = $"/Organisation/Structures/{structureId}/Users";

        var attached = await PostFormAsync(client, $"{root}/Attach", null, ("Email", user.Email!), ("ServiceIds", services[0].ToString(System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal(HttpStatusCode.Redirect, attached.StatusCode);
        Assert.Equal($"{root}/{user.Id}", attached.Headers.Location?.OriginalString);
        Assert.Equal([services[0]], (await MembershipAsync(app, structureId, user.Id)).ServiceIds);

        var memberPage = $"{root}/{user.Id}";
        Assert.Equal(HttpStatusCode.Redirect, (await PostFormAsync(client, memberPage, "Grant",
            ("Application", "FacturesRecues"), ("Profile", "Modification"), ("ServiceId", services[0].ToString(System.Globalization.CultureInfo.InvariantCulture)))).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await PostFormAsync(client, memberPage, "Grant", ("Application", "Organisation"), ("Profile", "Consultation"), ("ServiceId", ""))).StatusCode);
        var membership = await MembershipAsync(app, structureId, user.Id);
        Assert.True(membership.Allows(PortalApplication.FacturesRecues, HabilitationProfile.Modification, services[0]));
        Assert.True(membership.Allows(PortalApplication.Organisation, HabilitationProfile.Consultation));
        Assert.Contains("Factures reçues : Modification (ACHATS)", WebUtility.HtmlDecode(await client.GetStringAsync(root)), StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.Redirect, (await PostFormAsync(client, memberPage, "Withdraw", ("Application", "Organisation"), ("ServiceId", ""))).StatusCode);
        Assert.Single((await MembershipAsync(app, structureId, user.Id)).Habilitations);

        Assert.Equal(HttpStatusCode.Redirect, (await PostFormAsync(client, memberPage, "Detach")).StatusCode);
        Assert.False((await MembershipAsync(app, structureId, user.Id)).IsActive);
    }

    [Fact]
    public async Task A_refused_rule_is_shown_on_the_page_with_its_code_and_nothing_is_written()
    {
        var (principal, client) = await app.SignedInUserAsync();
        var structureId = await CreateStructureAsync(client);
        var before = await SnapshotAsync(app, structureId);

        var attach = await PostFormAsync(client, $"/Organisation/Structures/{structureId}/Users/Attach", null, ("Email", Unique.Email("nobody")));
        Assert.Equal(HttpStatusCode.OK, attach.StatusCode);
        Assert.Contains("USER_NOT_FOUND", await attach.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var detach = await PostFormAsync(client, $"/Organisation/Structures/{structureId}/Users/{principal.Id}", "Detach");
        var html = await detach.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, detach.StatusCode);
        Assert.Contains("PRINCIPAL_MANAGER_REQUIRED", html, StringComparison.Ordinal);
        Assert.Equal(before, await SnapshotAsync(app, structureId));
    }

    [Fact]
    public async Task Transfer_asks_for_confirmation_then_hands_the_role_over()
    {
        var (principal, _) = await app.SignedInUserAsync();
        var client = await PageClientAsync(app, principal.Email!);
        var structureId = await CreateStructureAsync(client);
        var successor = await app.CreateUserAsync();
        await AttachAsync(client, structureId, successor.Email!);
        var page = $"/Organisation/Structures/{structureId}/Users/Transfer";
        var id = successor.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);

        var review = await PostFormAsync(client, page, "Review", ("SuccessorId", id));
        var html = await review.Content.ReadAsStringAsync();
        Assert.Contains("id=\"confirmation\"", html, StringComparison.Ordinal);
        Assert.Contains(successor.Email!, html, StringComparison.Ordinal);
        Assert.Equal(MemberRole.PrincipalManager, (await MembershipAsync(app, structureId, principal.Id)).Role);

        Assert.Equal(HttpStatusCode.Redirect, (await PostFormAsync(client, page, "Confirm", ("SuccessorId", id))).StatusCode);
        Assert.Equal(MemberRole.PrincipalManager, (await MembershipAsync(app, structureId, successor.Id)).Role);
        Assert.Equal(MemberRole.User, (await MembershipAsync(app, structureId, principal.Id)).Role);

        // Now a manager but no longer principal: the page explains the refusal.
        var refused = await PostFormAsync(client, page, "Confirm", ("SuccessorId", principal.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Contains("NOT_PRINCIPAL_MANAGER", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(MemberRole.PrincipalManager, (await MembershipAsync(app, structureId, successor.Id)).Role);
    }

    [Fact]
    public async Task Export_and_audit_pages_serve_the_file_and_the_log()
    {
        var (_, client) = await app.SignedInUserAsync();
        var structureId = await CreateStructureAsync(client);

        var export = await client.GetAsync($"/Organisation/Structures/{structureId}/Users/Export");
        var audit = await client.GetStringAsync($"/Organisation/Structures/{structureId}/Audit");

        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", export.Content.Headers.ContentType?.MediaType);
        Assert.True((await export.Content.ReadAsByteArrayAsync()).Length > 0);
        Assert.Contains("structure.create", audit, StringComparison.Ordinal);
        Assert.Contains("users.export", audit, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_operator_appoints_a_principal_through_the_page()
    {
        var (principal, client) = await app.SignedInUserAsync();
        var siret = Unique.Siret();
        var created = await client.PostAsync("/api/v1/structures", System.Net.Http.Json.JsonContent.Create(new { identifierType = "SIRET", identifier = siret, name = "Partie", isPublic = false }));
        created.EnsureSuccessStatusCode();
        var structureId = await app.Db(db => db.Structures.Where(s => s.Identifier == siret).Select(s => s.Id).SingleAsync());
        await SetAccountAsync(app, principal.Id, deactivated: true);
        var operatorClient = await PageClientAsync(app, (await app.CreateUserAsync(isOperator: true)).Email!);
        var successor = await app.CreateUserAsync();

        var response = await PostFormAsync(operatorClient, "/Operator/AppointPrincipal", null, ("IdentifierType", "SIRET"), ("Identifier", siret), ("Email", successor.Email!));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(MemberRole.PrincipalManager, (await MembershipAsync(app, structureId, successor.Id)).Role);
    }
}
