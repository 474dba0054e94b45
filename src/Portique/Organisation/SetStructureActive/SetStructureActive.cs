using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Portique.Common.Audit;
using Portique.Common.Authorization;
using Portique.Common.Data;

namespace Portique.Organisation.SetStructureActive;

/// <summary>Deactivation keeps the structure and its history; it refuses new changes until reactivated.</summary>
public sealed class SetStructureActiveHandler(PortiqueDb db, CurrentUser user, TimeProvider clock)
{
    public async Task HandleAsync(long structureId, bool active, CancellationToken ct)
    {
        var structure = await db.LoadStructureWithServicesAsync(structureId, ct);
        var now = clock.GetUtcNow();
        if (active)
            structure.Reactivate(now);
        else
            structure.Deactivate(now);
        db.AuditEntries.Add(AuditEntry.Record(now, user.Id, active ? "structure.reactivate" : "structure.deactivate", structure.Id));
        await db.SaveChangesAsync(ct);
    }

    internal static void Map(IEndpointRouteBuilder api)
    {
        api.MapPost("/structures/{structureId:long}/deactivate", async Task<NoContent> (long structureId, SetStructureActiveHandler handler, CancellationToken ct) =>
            {
                await handler.HandleAsync(structureId, false, ct);
                return TypedResults.NoContent();
            })
            .RequireAuthorization(Policies.OrganisationWrite)
            .WithSummary("Désactiver une structure");
        api.MapPost("/structures/{structureId:long}/reactivate", async Task<NoContent> (long structureId, SetStructureActiveHandler handler, CancellationToken ct) =>
            {
                await handler.HandleAsync(structureId, true, ct);
                return TypedResults.NoContent();
            })
            .RequireAuthorization(Policies.OrganisationWrite)
            .WithSummary("Réactiver une structure");
    }
}
