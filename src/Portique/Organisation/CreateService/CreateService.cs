using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Portique.Common.Audit;
using Portique.Common.Authorization;
using Portique.Common.Data;

namespace Portique.Organisation.CreateService;

public sealed record CreateServiceRequest(string Code, string Name, DateOnly? ValidFrom = null, DateOnly? ValidTo = null, bool CommitmentNumberRequired = false);

public sealed record CreatedService(long Id);

public sealed class CreateServiceHandler(PortiqueDb db, CurrentUser user, TimeProvider clock)
{
    public async Task<CreatedService> HandleAsync(long structureId, CreateServiceRequest request, CancellationToken ct)
    {
        var structure = await db.LoadStructureWithServicesAsync(structureId, ct);
        var service = structure.AddService(request.Code, request.Name, request.ValidFrom, request.ValidTo, request.CommitmentNumberRequired);
        var now = clock.GetUtcNow();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.SaveChangesAsync(ct);
        db.AuditEntries.Add(AuditEntry.Record(now, user.Id, "service.create", structure.Id, details: $"{service.Id} {service.Code}"));
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return new CreatedService(service.Id);
    }

    internal static void Map(IEndpointRouteBuilder api) =>
        api.MapPost("/structures/{structureId:long}/services", async Task<Created<CreatedService>> (long structureId, CreateServiceRequest request, CreateServiceHandler handler, CancellationToken ct) =>
            {
                var created = await handler.HandleAsync(structureId, request, ct);
                return TypedResults.Created($"/api/v1/structures/{structureId}/services/{created.Id}", created);
            })
            .RequireAuthorization(Policies.OrganisationWrite)
            .WithSummary("Créer un service dans une structure");
}
