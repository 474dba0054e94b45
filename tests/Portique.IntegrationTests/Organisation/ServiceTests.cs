using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Portique.IntegrationTests.Infrastructure;
using Portique.Organisation;
using static Portique.IntegrationTests.Organisation.CreateStructureTests;
using static Portique.IntegrationTests.Organisation.ManageStructureTests;

namespace Portique.IntegrationTests.Organisation;

public sealed class ServiceTests(PortiqueApp app) : IClassFixture<PortiqueApp>
{
    private static async Task<long> CreateServiceAsync(HttpClient client, long structureId, string code)
    {
        var response = await client.PostAsJsonAsync($"/api/v1/structures/{structureId}/services", new { code, name = $"Service {code}" });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
    }

    private Task<int> ServiceCount(long structureId) => app.Db(db => db.Services.CountAsync(s => s.StructureId == structureId));

    [Fact]
    public async Task Create_modify_deactivate_and_activate_a_service_with_validity_dates()
    {
        var (user, client) = await app.SignedInUserAsync();
        var id = await CreateStructureAsync(client, isPublic: true);

        var response = await client.PostAsJsonAsync($"/api/v1/structures/{id}/services",
            new { code = "achats-2026", name = "Direction des achats", validFrom = "2026-01-01", validTo = "2026-12-31", commitmentNumberRequired = true });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var serviceId = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();

        var service = await app.Db(db => db.Services.AsNoTracking().SingleAsync(s => s.Id == serviceId));
        Assert.Equal("ACHATS-2026", service.Code);
        Assert.Equal(new DateOnly(2026, 12, 31), service.ValidTo);
        Assert.True(service.CommitmentNumberRequired);
        Assert.True(service.IsOpenOn(new DateOnly(2026, 6, 1)));
        Assert.False(service.IsOpenOn(new DateOnly(2027, 1, 1)));

        Assert.Equal(HttpStatusCode.NoContent, (await client.PutAsJsonAsync($"/api/v1/structures/{id}/services/{serviceId}",
            new { name = "Achats et marchés", validFrom = "2026-02-01" })).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await client.PostAsync($"/api/v1/structures/{id}/services/{serviceId}/deactivate", null)).StatusCode);

        var view = await client.GetFromJsonAsync<JsonElement>($"/api/v1/structures/{id}");
        var shown = view.GetProperty("services").EnumerateArray().Single(s => s.GetProperty("id").GetInt64() == serviceId);
        Assert.Equal("Achats et marchés", shown.GetProperty("name").GetString());
        Assert.Equal("2026-02-01", shown.GetProperty("validFrom").GetString());
        Assert.Equal(JsonValueKind.Null, shown.GetProperty("validTo").ValueKind);
        Assert.False(shown.GetProperty("commitmentNumberRequired").GetBoolean());
        Assert.False(shown.GetProperty("isActive").GetBoolean());
        await AssertProblem(await client.PostAsync($"/api/v1/structures/{id}/services/{serviceId}/deactivate", null), HttpStatusCode.BadRequest, "SERVICE_ALREADY_INACTIVE");

        Assert.Equal(HttpStatusCode.NoContent, (await client.PostAsync($"/api/v1/structures/{id}/services/{serviceId}/activate", null)).StatusCode);
        Assert.True(await app.Db(db => db.Services.Where(s => s.Id == serviceId).Select(s => s.IsActive).SingleAsync()));

        var audit = await app.Db(db => db.AuditEntries.Where(a => a.StructureId == id && a.Action.StartsWith("service.")).OrderBy(a => a.Id).ToListAsync());
        Assert.Equal(["service.create", "service.modify", "service.deactivate", "service.activate"], audit.Select(a => a.Action));
        Assert.All(audit, a => Assert.Equal(user.Id, a.ActorUserId));
    }

    [Fact]
    public async Task Duplicate_reserved_and_malformed_codes_are_refused_and_nothing_is_written()
    {
        var (_, client) = await app.SignedInUserAsync();
        var publicId = await CreateStructureAsync(client, isPublic: true);
        var privateId = await CreateStructureAsync(client);
        await CreateServiceAsync(client, publicId, "COMPTA");
        var before = await ServiceCount(publicId);

        await AssertProblem(await client.PostAsJsonAsync($"/api/v1/structures/{publicId}/services", new { code = "compta", name = "Bis" }),
            HttpStatusCode.Conflict, "SERVICE_CODE_DUPLICATE");
        await AssertProblem(await client.PostAsJsonAsync($"/api/v1/structures/{privateId}/services", new { code = Structure.DefaultPublicServiceCode, name = "Imitation" }),
            HttpStatusCode.BadRequest, "SERVICE_CODE_RESERVED");
        await AssertProblem(await client.PostAsJsonAsync($"/api/v1/structures/{publicId}/services", new { code = "A B", name = "Espace" }),
            HttpStatusCode.BadRequest, "SERVICE_CODE_INVALID");
        await AssertProblem(await client.PostAsJsonAsync($"/api/v1/structures/{publicId}/services", new { code = new string('A', 101), name = "Long" }),
            HttpStatusCode.BadRequest, "FIELD_TOO_LONG");
        await AssertProblem(await client.PostAsJsonAsync($"/api/v1/structures/{publicId}/services", new { code = "LONG", name = new string('x', 201) }),
            HttpStatusCode.BadRequest, "FIELD_TOO_LONG");
        await AssertProblem(await client.PostAsJsonAsync($"/api/v1/structures/{publicId}/services", new { code = "DATES", name = "Dates", validFrom = "2026-05-01", validTo = "2026-04-30" }),
            HttpStatusCode.BadRequest, "SERVICE_DATES_INVALID");

        Assert.Equal(before, await ServiceCount(publicId));
        Assert.Equal(0, await ServiceCount(privateId));
        Assert.Equal(0, await app.Db(db => db.AuditEntries.CountAsync(a => (a.StructureId == publicId || a.StructureId == privateId) && a.Action == "service.create" && a.Details!.Contains("DATES"))));
    }

    [Fact]
    public async Task Unknown_service_or_a_service_of_another_structure_is_not_found()
    {
        var (_, client) = await app.SignedInUserAsync();
        var mine = await CreateStructureAsync(client);
        var (_, other) = await app.SignedInUserAsync();
        var theirs = await CreateStructureAsync(other);
        var theirService = await CreateServiceAsync(other, theirs, "SECRET");

        foreach (var serviceId in new[] { 987_654_321L, theirService })
        {
            await AssertProblem(await client.PutAsJsonAsync($"/api/v1/structures/{mine}/services/{serviceId}", new { name = "Piraté" }),
                HttpStatusCode.NotFound, "SERVICE_NOT_FOUND");
            await AssertProblem(await client.PostAsync($"/api/v1/structures/{mine}/services/{serviceId}/deactivate", null),
                HttpStatusCode.NotFound, "SERVICE_NOT_FOUND");
        }
        var service = await app.Db(db => db.Services.AsNoTracking().SingleAsync(s => s.Id == theirService));
        Assert.Equal("Service SECRET", service.Name);
        Assert.True(service.IsActive);
    }

    [Fact]
    public async Task The_default_public_service_cannot_be_deactivated_nor_closed()
    {
        var (_, client) = await app.SignedInUserAsync();
        var id = await CreateStructureAsync(client, isPublic: true);
        var defaultId = await app.Db(db => db.Services.Where(s => s.StructureId == id && s.Code == Structure.DefaultPublicServiceCode).Select(s => s.Id).SingleAsync());

        await AssertProblem(await client.PostAsync($"/api/v1/structures/{id}/services/{defaultId}/deactivate", null), HttpStatusCode.BadRequest, "DEFAULT_SERVICE_PROTECTED");
        await AssertProblem(await client.PutAsJsonAsync($"/api/v1/structures/{id}/services/{defaultId}", new { name = "Factures", validTo = "2026-12-31" }),
            HttpStatusCode.BadRequest, "DEFAULT_SERVICE_PROTECTED");
        // Renaming it is allowed: only closing it is not.
        Assert.Equal(HttpStatusCode.NoContent, (await client.PutAsJsonAsync($"/api/v1/structures/{id}/services/{defaultId}", new { name = "Factures de la mairie" })).StatusCode);

        var service = await app.Db(db => db.Services.AsNoTracking().SingleAsync(s => s.Id == defaultId));
        Assert.True(service.IsActive);
        Assert.Null(service.ValidTo);
        Assert.Equal("Factures de la mairie", service.Name);
    }
}
