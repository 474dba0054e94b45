using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Portique.Common;
using Portique.Common.Authorization;
using Portique.Common.Data;

namespace Portique.Organisation.GetStructure;

public sealed record ServiceView(long Id, string Code, string Name, bool IsActive, DateOnly? ValidFrom, DateOnly? ValidTo, bool CommitmentNumberRequired);

public sealed record StructureView(
    long Id, IdentifierType IdentifierType, string Identifier, string Name, bool IsPublic, string? Email, string? VatNumber,
    PostalAddress Address, StructureParameters Parameters, bool IsActive, DateTimeOffset CreatedAt, IReadOnlyList<ServiceView> Services);

/// <summary>The structure page: members with "Organisation" consultation (and the principal manager) may read it.</summary>
public sealed class GetStructureHandler(PortiqueDb db)
{
    public async Task<StructureView> HandleAsync(long structureId, CancellationToken ct)
    {
        var s = await db.Structures.AsNoTracking().Include(x => x.Services).FirstOrDefaultAsync(x => x.Id == structureId, ct)
            ?? throw PortiqueException.NotFound("STRUCTURE_NOT_FOUND", $"La structure {structureId} n'existe pas.");
        return new StructureView(s.Id, s.IdentifierType, s.Identifier, s.Name, s.IsPublic, s.Email, s.VatNumber, s.Address, s.Parameters, s.IsActive, s.CreatedAt,
            s.Services.OrderBy(x => x.Code).Select(x => new ServiceView(x.Id, x.Code, x.Name, x.IsActive, x.ValidFrom, x.ValidTo, x.CommitmentNumberRequired)).ToList());
    }

    internal static void Map(IEndpointRouteBuilder api) =>
        api.MapGet("/structures/{structureId:long}", async Task<Ok<StructureView>> (long structureId, GetStructureHandler handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.HandleAsync(structureId, ct)))
            .RequireAuthorization(Policies.OrganisationRead)
            .WithSummary("Consulter une structure et ses services");
}
