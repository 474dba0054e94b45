using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Portique.Common.Audit;
using Portique.Common.Authorization;
using Portique.Common.Data;

namespace Portique.Organisation.SetServiceActive;

public sealed class SetServiceActiveHandler(PortiqueDb db, CurrentUser user, TimeProvider clock)
{
    public async Task HandleAsync(long structureId, long serviceId, bool active, CancellationToken ct)
    {
        var structure = await db.LoadStructureWithServicesAsync(structureId, ct);
        var service = structure.SetServiceActive(serviceId, active);
        db.AuditEntries.Add(AuditEntry.Record(clock.GetUtcNow(), user.Id, active ? "service.activate" : "service.deactivate", structure.Id,
            details: $"{service.Id} {service.Code}"));
        await db.SaveChangesAsync(ct);
    }

    internal static void Map(IEndpointRouteBuilder api)
    {
        api.MapPost("/structures/{structureId:long}/services/{serviceId:long}/deactivate",
                async Task<NoContent> (long structureId, long serviceId, SetServiceActiveHandler handler, CancellationToken ct) =>
                {
                    await handler.HandleAsync(structureId, serviceId, false, ct);
                    return TypedResults.NoContent();
                })
            .RequireAuthorization(Policies.OrganisationWrite)
            .WithSummary("Désactiver un service");
        api.MapPost("/structures/{structureId:long}/services/{serviceId:long}/activate",
                async Task<NoContent> (long structureId, long serviceId, SetServiceActiveHandler handler, CancellationToken ct) =>
                {
                    await handler.HandleAsync(structureId, serviceId, true, ct);
                    return TypedResults.NoContent();
                })
            .RequireAuthorization(Policies.OrganisationWrite)
            .WithSummary("Activer un service");
    }
}
