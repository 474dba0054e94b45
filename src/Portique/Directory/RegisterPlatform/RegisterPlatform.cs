using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Portique.Common;
using Portique.Common.Audit;
using Portique.Common.Authorization;
using Portique.Common.Data;

namespace Portique.Annuaire.RegisterPlatform;

public sealed record RegisterPlatformRequest(string Matricule, string Name, string? BaseUrl = null);

public sealed record RegisteredPlatform(string Matricule);

/// <summary>Operators register the receiving platforms (PA, role WK) that directory lines may name.</summary>
public sealed class RegisterPlatformHandler(PortiqueDb db, CurrentUser user, TimeProvider clock)
{
    public async Task<RegisteredPlatform> HandleAsync(RegisterPlatformRequest request, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var platform = Platform.Register(request.Matricule, request.Name, PlatformType.WK, request.BaseUrl, now);
        if (await db.Set<Platform>().AnyAsync(p => p.Matricule == platform.Matricule, ct))
            throw new PortiqueException("PLATFORM_DUPLICATE", $"La plateforme de matricule {platform.Matricule} est déjà enregistrée.", 409) { Field = "matricule" };
        db.Add(platform);
        db.AuditEntries.Add(AuditEntry.Record(now, user.Id, "directory.platform.register", details: platform.Matricule));
        await db.SaveChangesAsync(ct);
        return new RegisteredPlatform(platform.Matricule);
    }

    internal static void Map(IEndpointRouteBuilder api) =>
        api.MapPost("/platforms", async Task<Created<RegisteredPlatform>> (RegisterPlatformRequest request, RegisterPlatformHandler handler, CancellationToken ct) =>
            {
                var created = await handler.HandleAsync(request, ct);
                return TypedResults.Created($"/api/v1/directory/platforms/{created.Matricule}", created);
            })
            .RequireAuthorization(Policies.Operator)
            .WithSummary("Enregistrer une plateforme de réception (opérateurs)");
}
