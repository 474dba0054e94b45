using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Portique.Common;
using Portique.Common.Audit;
using Portique.Common.Authorization;
using Portique.Common.Data;

namespace Portique.Organisation.CreateStructure;

public sealed record CreateStructureRequest(
    IdentifierType IdentifierType,
    string Identifier,
    string Name,
    bool IsPublic,
    string? Email = null,
    string? VatNumber = null,
    PostalAddress? Address = null,
    StructureParameters? Parameters = null);

public sealed record CreatedStructure(long Id);

/// <summary>Any signed-in user may create a structure; the creator becomes its principal manager.</summary>
public sealed class CreateStructureHandler(PortiqueDb db, CurrentUser user, TimeProvider clock)
{
    public async Task<CreatedStructure> HandleAsync(CreateStructureRequest request, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var structure = Structure.Create(request.IdentifierType, request.Identifier, request.Name, request.IsPublic, now);
        structure.Modify(structure.Name, request.Email, request.VatNumber, request.Address ?? new PostalAddress(), request.Parameters ?? new StructureParameters(), now);

        if (await db.Structures.AnyAsync(s => s.IdentifierType == structure.IdentifierType && s.Identifier == structure.Identifier, ct))
            throw PortiqueException.Conflict("STRUCTURE_IDENTIFIER_DUPLICATE",
                $"Une structure d'identifiant {structure.IdentifierType} « {structure.Identifier} » existe déjà.");

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        db.Structures.Add(structure);
        await db.SaveChangesAsync(ct);
        db.Memberships.Add(Membership.Attach(structure.Id, user.Id, MemberRole.PrincipalManager, now));
        db.AuditEntries.Add(AuditEntry.Record(now, user.Id, "structure.create", structure.Id, details: $"{structure.IdentifierType} {structure.Identifier}"));
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return new CreatedStructure(structure.Id);
    }

    internal static void Map(IEndpointRouteBuilder api) =>
        api.MapPost("/structures", async Task<Created<CreatedStructure>> (CreateStructureRequest request, CreateStructureHandler handler, CancellationToken ct) =>
            {
                var created = await handler.HandleAsync(request, ct);
                return TypedResults.Created($"/api/v1/structures/{created.Id}", created);
            })
            .RequireAuthorization()
            .WithSummary("Créer une structure (le créateur en devient gestionnaire principal)");
}
