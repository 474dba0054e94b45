using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Portique.IntegrationTests.Infrastructure;
using Portique.Organisation;
using Portique.Organisation.SearchStructures;
using static Portique.IntegrationTests.Organisation.CreateStructureTests;

namespace Portique.IntegrationTests.Organisation;

public sealed class ManageStructureTests(PortiqueApp app) : IClassFixture<PortiqueApp>
{
    internal static async Task<long> CreateStructureAsync(HttpClient client, bool isPublic = false, string? name = null)
    {
        var response = await client.PostAsJsonAsync("/api/v1/structures",
            new { identifierType = "SIRET", identifier = Unique.Siret(), name = name ?? $"Structure {Unique.Next()}", isPublic });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
    }

    private static object Modification(string name = "Nouvelle raison sociale", string? email = "contact@exemple.fr", string? postCode = "33000") => new
    {
        name,
        email,
        vatNumber = "fr 40 303 265 045",
        address = new { line1 = "3 rue des Lilas", postCode, city = "Bordeaux", countryCode = "fr" },
        parameters = new { serviceCodeRequired = true, commitmentNumberRequired = true, paymentStatusNotReported = true, moaOnly = false },
    };

    [Fact]
    public async Task Manager_modifies_name_contact_address_and_parameters_and_the_change_is_audited()
    {
        var (user, client) = await app.SignedInUserAsync();
        var id = await CreateStructureAsync(client);

        var response = await client.PutAsJsonAsync($"/api/v1/structures/{id}", Modification());

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        var view = await client.GetFromJsonAsync<JsonElement>($"/api/v1/structures/{id}");
        Assert.Equal("Nouvelle raison sociale", view.GetProperty("name").GetString());
        Assert.Equal("contact@exemple.fr", view.GetProperty("email").GetString());
        Assert.Equal("FR40303265045", view.GetProperty("vatNumber").GetString());
        Assert.Equal("33000", view.GetProperty("address").GetProperty("postCode").GetString());
        Assert.Equal("FR", view.GetProperty("address").GetProperty("countryCode").GetString());
        Assert.True(view.GetProperty("parameters").GetProperty("serviceCodeRequired").GetBoolean());
        Assert.True(view.GetProperty("parameters").GetProperty("commitmentNumberRequired").GetBoolean());
        Assert.True(view.GetProperty("parameters").GetProperty("paymentStatusNotReported").GetBoolean());
        Assert.False(view.GetProperty("parameters").GetProperty("moaOnly").GetBoolean());
        var audit = await app.Db(db => db.AuditEntries.SingleAsync(a => a.StructureId == id && a.Action == "structure.modify"));
        Assert.Equal(user.Id, audit.ActorUserId);
        // PostgreSQL keeps microseconds, .NET ticks are a tenth of that.
        Assert.Equal(app.Clock.GetUtcNow(), audit.At, TimeSpan.FromMilliseconds(1));
        // The new name is what name search finds.
        var found = await client.GetFromJsonAsync<JsonElement>("/api/v1/structures?name=nouvelle%20raison&postCode=33000");
        Assert.Contains(found.GetProperty("items").EnumerateArray(), s => s.GetProperty("id").GetInt64() == id);
    }

    [Fact]
    public async Task A_structure_insee_does_not_publish_is_found_in_the_directory_without_its_address()
    {
        var (_, client) = await app.SignedInUserAsync();
        var id = await CreateStructureAsync(client);
        var name = $"Cabinet discret {Guid.NewGuid():N}"[..30];
        async Task<JsonElement> ListedAsync() => (await client.GetFromJsonAsync<JsonElement>($"/api/v1/structures?name={Uri.EscapeDataString(name)}"))
            .GetProperty("items").EnumerateArray().Single(s => s.GetProperty("id").GetInt64() == id);
        var address = new { line1 = "3 rue Sainte-Catherine", postCode = "33000", city = "Bordeaux", countryCode = "FR" };

        (await client.PutAsJsonAsync($"/api/v1/structures/{id}", new { name, address, parameters = new { inseeNonDiffusible = true } })).EnsureSuccessStatusCode();
        var hidden = await ListedAsync();
        var own = await client.GetFromJsonAsync<JsonElement>($"/api/v1/structures/{id}");
        (await client.PutAsJsonAsync($"/api/v1/structures/{id}", new { name, address, parameters = new { inseeNonDiffusible = false } })).EnsureSuccessStatusCode();
        var shown = await ListedAsync();

        Assert.Equal(JsonValueKind.Null, hidden.GetProperty("postCode").ValueKind);
        Assert.Equal(JsonValueKind.Null, hidden.GetProperty("city").ValueKind);
        Assert.Equal("Bordeaux", shown.GetProperty("city").GetString());
        // Its members still see everything on the structure itself.
        Assert.Equal("Bordeaux", own.GetProperty("address").GetProperty("city").GetString());
        Assert.True(own.GetProperty("parameters").GetProperty("inseeNonDiffusible").GetBoolean());
    }

    [Theory]
    [InlineData("", "contact@exemple.fr", "33000", "FIELD_REQUIRED")]
    [InlineData("x", "pas-une-adresse", "33000", "EMAIL_INVALID")]
    [InlineData("x", "contact@exemple.fr", "12345678901", "FIELD_TOO_LONG")]
    public async Task Bad_modification_is_refused_with_its_code_and_nothing_changes(string name, string email, string postCode, string code)
    {
        var (_, client) = await app.SignedInUserAsync();
        var id = await CreateStructureAsync(client, name: "Avant modification");
        var auditBefore = await app.Db(db => db.AuditEntries.CountAsync(a => a.StructureId == id));

        await AssertProblem(await client.PutAsJsonAsync($"/api/v1/structures/{id}", Modification(name, email, postCode)), HttpStatusCode.BadRequest, code);

        var structure = await app.Db(db => db.Structures.AsNoTracking().SingleAsync(s => s.Id == id));
        Assert.Equal("Avant modification", structure.Name);
        Assert.Null(structure.Email);
        Assert.Null(structure.Address.PostCode);
        Assert.False(structure.Parameters.ServiceCodeRequired);
        Assert.Equal(auditBefore, await app.Db(db => db.AuditEntries.CountAsync(a => a.StructureId == id)));
    }

    [Fact]
    public async Task Oversized_name_is_refused()
    {
        var (_, client) = await app.SignedInUserAsync();
        var id = await CreateStructureAsync(client, name: "Nom court");

        await AssertProblem(await client.PutAsJsonAsync($"/api/v1/structures/{id}", Modification(new string('x', 201))), HttpStatusCode.BadRequest, "FIELD_TOO_LONG");

        Assert.Equal("Nom court", await app.Db(db => db.Structures.Where(s => s.Id == id).Select(s => s.Name).SingleAsync()));
    }

    [Fact]
    public async Task Deactivate_then_reactivate_and_twice_is_refused()
    {
        var (_, client) = await app.SignedInUserAsync();
        var id = await CreateStructureAsync(client);

        Assert.Equal(HttpStatusCode.NoContent, (await client.PostAsync($"/api/v1/structures/{id}/deactivate", null)).StatusCode);
        Assert.False(await app.Db(db => db.Structures.Where(s => s.Id == id).Select(s => s.IsActive).SingleAsync()));
        await AssertProblem(await client.PostAsync($"/api/v1/structures/{id}/deactivate", null), HttpStatusCode.BadRequest, "STRUCTURE_ALREADY_INACTIVE");

        Assert.Equal(HttpStatusCode.NoContent, (await client.PostAsync($"/api/v1/structures/{id}/reactivate", null)).StatusCode);
        Assert.True(await app.Db(db => db.Structures.Where(s => s.Id == id).Select(s => s.IsActive).SingleAsync()));
        await AssertProblem(await client.PostAsync($"/api/v1/structures/{id}/reactivate", null), HttpStatusCode.BadRequest, "STRUCTURE_ALREADY_ACTIVE");

        var actions = await app.Db(db => db.AuditEntries.Where(a => a.StructureId == id).OrderBy(a => a.Id).Select(a => a.Action).ToListAsync());
        Assert.Equal(["structure.create", "structure.deactivate", "structure.reactivate"], actions);
    }

    [Fact]
    public async Task An_inactive_structure_cannot_be_modified_nor_given_services_and_leaves_search()
    {
        var (_, client) = await app.SignedInUserAsync();
        var name = $"Inactive {Unique.Next()}";
        var id = await CreateStructureAsync(client, name: name);
        (await client.PostAsync($"/api/v1/structures/{id}/deactivate", null)).EnsureSuccessStatusCode();
        var auditBefore = await app.Db(db => db.AuditEntries.CountAsync(a => a.StructureId == id));

        await AssertProblem(await client.PutAsJsonAsync($"/api/v1/structures/{id}", Modification()), HttpStatusCode.BadRequest, "STRUCTURE_INACTIVE");
        await AssertProblem(await client.PostAsJsonAsync($"/api/v1/structures/{id}/services", new { code = "ACHATS", name = "Achats" }),
            HttpStatusCode.BadRequest, "STRUCTURE_INACTIVE");

        Assert.Equal(name, await app.Db(db => db.Structures.Where(s => s.Id == id).Select(s => s.Name).SingleAsync()));
        Assert.Equal(0, await app.Db(db => db.Services.CountAsync(s => s.StructureId == id)));
        Assert.Equal(auditBefore, await app.Db(db => db.AuditEntries.CountAsync(a => a.StructureId == id)));
        var search = await client.GetFromJsonAsync<JsonElement>($"/api/v1/structures?name={Uri.EscapeDataString(name)}");
        Assert.Equal(0, search.GetProperty("total").GetInt32());
        var withInactive = await client.GetFromJsonAsync<JsonElement>($"/api/v1/structures?name={Uri.EscapeDataString(name)}&includeInactive=true");
        Assert.Equal(1, withInactive.GetProperty("total").GetInt32());
        Assert.False(withInactive.GetProperty("totalIsCapped").GetBoolean());
        var pastTheEnd = await client.GetFromJsonAsync<JsonElement>($"/api/v1/structures?name={Uri.EscapeDataString(name)}&includeInactive=true&page=2");
        Assert.Empty(pastTheEnd.GetProperty("items").EnumerateArray());
        Assert.Equal(1, pastTheEnd.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task Search_counts_up_to_its_limit_and_pages_in_name_order()
    {
        var (_, client) = await app.SignedInUserAsync();
        var prefix = $"CAPTEST{Unique.Next()}";
        await app.Db(async db =>
        {
            // More structures than the count limit, inserted in reverse order so that the order on the page is the search's own.
            for (var i = SearchStructuresHandler.CountLimit; i >= 0; i--)
                db.Structures.Add(Structure.Create(IdentifierType.AUTRE, $"{prefix}-{i}", $"{prefix} {i:D4}", false, app.Clock.GetUtcNow()));
            return await db.SaveChangesAsync();
        });

        var first = await client.GetFromJsonAsync<JsonElement>($"/api/v1/structures?name={prefix}&size=50");
        Assert.Equal(SearchStructuresHandler.CountLimit, first.GetProperty("total").GetInt32());
        Assert.True(first.GetProperty("totalIsCapped").GetBoolean());
        Assert.Equal($"{prefix} 0000", first.GetProperty("items")[0].GetProperty("name").GetString());
        var last = await client.GetFromJsonAsync<JsonElement>($"/api/v1/structures?name={prefix}&size=50&page=20");
        Assert.Equal($"{prefix} 0999", last.GetProperty("items")[49].GetProperty("name").GetString());
        var beyond = await client.GetFromJsonAsync<JsonElement>($"/api/v1/structures?name={prefix}&size=50&page=21");
        Assert.Empty(beyond.GetProperty("items").EnumerateArray());
        var narrowed = await client.GetFromJsonAsync<JsonElement>($"/api/v1/structures?name={prefix}%20099&size=50");
        Assert.Equal(10, narrowed.GetProperty("total").GetInt32());
        Assert.False(narrowed.GetProperty("totalIsCapped").GetBoolean());
    }

    [Fact]
    public async Task Writes_need_organisation_modification_and_outsiders_are_refused()
    {
        var (_, owner) = await app.SignedInUserAsync();
        var id = await CreateStructureAsync(owner, name: "Protégée");
        var (reader, readerClient) = await app.SignedInUserAsync();
        await app.Db(async db =>
        {
            var m = Membership.Attach(id, reader.Id, MemberRole.User, app.Clock.GetUtcNow());
            m.Grant(PortalApplication.Organisation, HabilitationProfile.Consultation, null);
            db.Memberships.Add(m);
            return await db.SaveChangesAsync();
        });
        var (_, outsider) = await app.SignedInUserAsync();

        Assert.Equal(HttpStatusCode.OK, (await readerClient.GetAsync($"/api/v1/structures/{id}")).StatusCode);
        foreach (var client in new[] { readerClient, outsider })
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await client.PutAsJsonAsync($"/api/v1/structures/{id}", Modification())).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.PostAsync($"/api/v1/structures/{id}/deactivate", null)).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.PostAsJsonAsync($"/api/v1/structures/{id}/services", new { code = "X", name = "X" })).StatusCode);
        }
        Assert.Equal("Protégée", await app.Db(db => db.Structures.Where(s => s.Id == id).Select(s => s.Name).SingleAsync()));
    }

    [Fact]
    public async Task Mes_structures_lists_the_callers_attachments_with_role()
    {
        var (user, client) = await app.SignedInUserAsync();
        var own = await CreateStructureAsync(client, name: "B Ma structure");
        var (_, other) = await app.SignedInUserAsync();
        var joined = await CreateStructureAsync(other, name: "A Autre structure");
        await CreateStructureAsync(other, name: "C Pas la mienne");
        await app.Db(async db =>
        {
            db.Memberships.Add(Membership.Attach(joined, user.Id, MemberRole.User, app.Clock.GetUtcNow()));
            return await db.SaveChangesAsync();
        });

        var mine = await client.GetFromJsonAsync<JsonElement>("/api/v1/structures/mine");

        var rows = mine.EnumerateArray().Select(s => (s.GetProperty("id").GetInt64(), s.GetProperty("role").GetString())).ToList();
        Assert.Equal([(joined, "User"), (own, "PrincipalManager")], rows);
    }
}
