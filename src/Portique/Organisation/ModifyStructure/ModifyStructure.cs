using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Portique.Common.Audit;
using Portique.Common.Authorization;
using Portique.Common.Data;

namespace Portique.Organisation.ModifyStructure;

/// <summary>The identifier and the public/private nature are not modifiable: they define the structure.</summary>
public sealed record ModifyStructureRequest(
    string Name,
    string? Email = null,
    string? VatNumber = null,
    PostalAddress? Address = null,
    StructureParameters? Parameters = null);

public sealed class ModifyStructureHandler(PortiqueDb db, CurrentUser user, TimeProvider clock)
{
    public async Task HandleAsync(long structureId, ModifyStructureRequest request, CancellationToken ct)
    {
        var structure = await db.LoadStructureWithServicesAsync(structureId, ct);
        var now = clock.GetUtcNow();
        structure.Modify(request.Name, request.Email, request.VatNumber, request.Address ?? new PostalAddress(), request.Parameters ?? new StructureParameters(), now);
        db.AuditEntries.Add(AuditEntry.Record(now, user.Id, "structure.modify", structure.Id, details: structure.Name));
        await db.SaveChangesAsync(ct);
    }

    internal static void Map(IEndpointRouteBuilder api) =>
        api.MapPut("/structures/{structureId:long}", async Task<NoContent> (long structureId, ModifyStructureRequest request, ModifyStructureHandler handler, CancellationToken ct) =>
            {
                await handler.HandleAsync(structureId, request, ct);
                return TypedResults.NoContent();
            })
            .RequireAuthorization(Policies.OrganisationWrite)
            .WithSummary("Modifier une structure (raison sociale, e-mail, TVA, adresse, paramètres)");
}
