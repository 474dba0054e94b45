using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Portique.Common.Authorization;
using Portique.Common.Data;
using Portique.Organisation;

namespace Portique.Connections.ListConnections;

public enum PasswordStatus
{
    Valid,
    ExpiresSoon,
    Expired,
    Inactive,
}

public sealed record TechnicalAccountView(long Id, string Login, DateTimeOffset CreatedAt, DateTimeOffset PasswordChangedAt, DateTimeOffset PasswordExpiresAt, PasswordStatus Status);

public sealed record ApiClientView(long Id, string Name, string ClientId, DateTimeOffset CreatedAt, DateTimeOffset? RevokedAt);

public sealed record ConnectionsView(long StructureId, string StructureName, IReadOnlyList<TechnicalAccountView> TechnicalAccounts, IReadOnlyList<ApiClientView> ApiClients);

/// <summary>The structure's "Raccordements" page: technical accounts with their expiry status, and API clients.</summary>
public sealed class ListConnectionsHandler(PortiqueDb db, TimeProvider clock, IOptions<ConnectionSettings> settings)
{
    public async Task<ConnectionsView> HandleAsync(long structureId, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var name = await db.Structures.Where(s => s.Id == structureId).Select(s => s.Name).SingleAsync(ct);
        var accounts = (await db.TechnicalAccounts.AsNoTracking().Where(t => t.StructureId == structureId).OrderBy(t => t.Id).ToListAsync(ct))
            .Select(t => new TechnicalAccountView(t.Id, t.Login, t.CreatedAt, t.PasswordChangedAt, t.PasswordExpiresAt,
                !t.IsActive ? PasswordStatus.Inactive : t.IsExpired(now) ? PasswordStatus.Expired : t.ExpiresSoon(now, settings.Value.ExpiryWarning) ? PasswordStatus.ExpiresSoon : PasswordStatus.Valid))
            .ToList();
        var clients = await db.ApiClients.AsNoTracking().Where(c => c.StructureId == structureId).OrderBy(c => c.Id)
            .Select(c => new ApiClientView(c.Id, c.Name, c.ClientId, c.CreatedAt, c.RevokedAt)).ToListAsync(ct);
        return new ConnectionsView(structureId, name, accounts, clients);
    }

    /// <summary>The structures whose connections the caller may see ("Raccordements" consultation, or principal manager).</summary>
    public async Task<IReadOnlyList<(long Id, string Name)>> MyStructuresAsync(long userId, CancellationToken ct)
    {
        var memberships = await db.Memberships.AsNoTracking().Where(m => m.UserId == userId && m.IsActive).ToListAsync(ct);
        var ids = memberships.Where(m => m.Allows(PortalApplication.Raccordements, HabilitationProfile.Consultation)).Select(m => m.StructureId).ToList();
        return (await db.Structures.AsNoTracking().Where(s => ids.Contains(s.Id)).OrderBy(s => s.Name).Select(s => new { s.Id, s.Name }).ToListAsync(ct))
            .Select(s => (s.Id, s.Name)).ToList();
    }

    internal static void Map(IEndpointRouteBuilder api) =>
        api.MapGet("/structures/{structureId:long}/connections", async Task<Ok<ConnectionsView>> (long structureId, ListConnectionsHandler handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.HandleAsync(structureId, ct)))
            .RequireAuthorization(ConnectionPolicies.Read)
            .WithSummary("Comptes techniques (avec l'état de leur mot de passe) et clients API de la structure");
}
