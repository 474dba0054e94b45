using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Portique.IntegrationTests.Infrastructure;
using Portique.Organisation;

namespace Portique.IntegrationTests.Organisation.Users;

/// <summary>Arranges structures and their users through the API, and snapshots what the database holds for one structure.</summary>
internal static class StructureUsers
{
    public static async Task<long> CreateStructureAsync(HttpClient principal, bool isPublic = false)
    {
        var response = await principal.PostAsJsonAsync("/api/v1/structures",
            new { identifierType = "SIRET", identifier = Unique.Siret(), name = $"Structure {Unique.Next()}", isPublic });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
    }

    /// <summary>Adds services straight to the database: their API belongs to another part of the issue.</summary>
    public static async Task<long[]> AddServicesAsync(PortiqueApp app, long structureId, params string[] codes) =>
        await app.Db(async db =>
        {
            var structure = await db.Structures.Include(s => s.Services).SingleAsync(s => s.Id == structureId);
            var services = codes.Select(c => structure.AddService(c, $"Service {c}", null, null)).ToList();
            await db.SaveChangesAsync();
            return services.Select(s => s.Id).ToArray();
        });

    /// <summary>A signed-in client that does not follow redirects (HttpClient drops the bearer header on a redirect), to check where a form leads.</summary>
    public static async Task<HttpClient> PageClientAsync(PortiqueApp app, string email)
    {
        var client = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var response = await client.PostAsJsonAsync("/api/v1/account/login", new { email, password = PortiqueApp.Password });
        response.EnsureSuccessStatusCode();
        var token = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public static async Task<JsonElement> AttachAsync(HttpClient manager, long structureId, string email, params long[] serviceIds)
    {
        var response = await manager.PostAsJsonAsync($"/api/v1/structures/{structureId}/users", new { email, serviceIds });
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        return JsonDocument.Parse(body).RootElement;
    }

    public static async Task<JsonElement> GrantAsync(HttpClient manager, long structureId, long userId, string application, string profile, long? serviceId = null)
    {
        var response = await manager.PostAsJsonAsync($"/api/v1/structures/{structureId}/users/{userId}/habilitations", new { application, profile, serviceId });
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        return JsonDocument.Parse(body).RootElement;
    }

    /// <summary>A member of the structure holding the given habilitations, with a signed-in client.</summary>
    public static async Task<(long UserId, HttpClient Client)> MemberAsync(PortiqueApp app, HttpClient principal, long structureId, params (string Application, string Profile)[] habilitations)
    {
        var user = await app.CreateUserAsync();
        await AttachAsync(principal, structureId, user.Email!);
        foreach (var (application, profile) in habilitations)
            await GrantAsync(principal, structureId, user.Id, application, profile);
        return (user.Id, await app.ClientForAsync(user.Email!));
    }

    /// <summary>Everything the users part writes for a structure, as one comparable string: memberships, habilitations, audit entries, queued mail.</summary>
    public static Task<string> SnapshotAsync(PortiqueApp app, long structureId) =>
        app.Db(async db =>
        {
            var memberships = await db.Memberships.AsNoTracking().Where(m => m.StructureId == structureId).OrderBy(m => m.UserId).ToListAsync();
            var audit = await db.AuditEntries.CountAsync(a => a.StructureId == structureId);
            var mail = await db.Outbox.CountAsync();
            return string.Join("\n", memberships.Select(m =>
                       $"{m.UserId} {m.Role} {m.IsActive} [{string.Join(",", m.ServiceIds)}] " +
                       string.Join(",", m.Habilitations.OrderBy(h => h.Application).ThenBy(h => h.ServiceId).Select(h => $"{h.Application}:{h.Profile}:{h.ServiceId}"))))
                   + $"\naudit={audit} outbox={mail}";
        });

    public static JsonElement Member(JsonElement page, long userId) =>
        page.GetProperty("items").EnumerateArray().Single(m => m.GetProperty("userId").GetInt64() == userId);

    public static IEnumerable<string> Habilitations(JsonElement member) =>
        member.GetProperty("habilitations").EnumerateArray()
            .Select(h => $"{h.GetProperty("application").GetString()}:{h.GetProperty("profile").GetString()}"
                         + (h.GetProperty("serviceCode").GetString() is { } code ? $":{code}" : ""));

    public static Task SetAccountAsync(PortiqueApp app, long userId, bool? deactivated = null, bool? confirmed = null) =>
        app.Db(async db =>
        {
            var user = await db.Users.SingleAsync(u => u.Id == userId);
            user.IsDeactivated = deactivated ?? user.IsDeactivated;
            user.EmailConfirmed = confirmed ?? user.EmailConfirmed;
            return await db.SaveChangesAsync();
        });

    public static Task<Membership> MembershipAsync(PortiqueApp app, long structureId, long userId) =>
        app.Db(db => db.Memberships.AsNoTracking().SingleAsync(m => m.StructureId == structureId && m.UserId == userId));
}
