using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Portique.Common.Audit;
using Portique.Common.Authorization;
using Portique.Common.Data;

namespace Portique.Organisation.ModifyService;

/// <summary>The code is not modifiable: suppliers put it on their invoices.</summary>
public sealed record ModifyServiceRequest(string Name, DateOnly? ValidFrom = null, DateOnly? ValidTo = null, bool CommitmentNumberRequired = false);

public sealed class ModifyServiceHandler(PortiqueDb db, CurrentUser user, TimeProvider clock)
{
    public async Task HandleAsync(long structureId, long serviceId, ModifyServiceRequest request, CancellationToken ct)
    {
        var structure = await db.LoadStructureWithServicesAsync(structureId, ct);
        var service = structure.ModifyService(serviceId, request.Name, request.ValidFrom, request.ValidTo, request.CommitmentNumberRequired);
        db.AuditEntries.Add(AuditEntry.Record(clock.GetUtcNow(), user.Id, "service.modify", structure.Id, details: $"{service.Id} {service.Code}"));
        await db.SaveChangesAsync(ct);
    }

    internal static void Map(IEndpointRouteBuilder api) =>
        api.MapPut("/structures/{structureId:long}/services/{serviceId:long}",
                async Task<NoContent> (long structureId, long serviceId, ModifyServiceRequest request, ModifyServiceHandler handler, CancellationToken ct) =>
                {
                    await handler.HandleAsync(structureId, serviceId, request, ct);
                    return TypedResults.NoContent();
                })
            .RequireAuthorization(Policies.OrganisationWrite)
            .WithSummary("Modifier un service (libellé, dates de validité, numéro d'engagement obligatoire)");
}
