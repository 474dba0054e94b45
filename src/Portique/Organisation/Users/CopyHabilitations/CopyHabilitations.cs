using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Portique.Common.Audit;
using Portique.Common.Authorization;
using Portique.Common.Data;

namespace Portique.Organisation.Users.CopyHabilitations;

public sealed record CopyHabilitationsRequest(long FromUserId);

/// <summary>Replaces a user's habilitations by those of another user of the same structure.</summary>
public sealed class CopyHabilitationsHandler(PortiqueDb db, CurrentUser caller, TimeProvider clock)
{
    public async Task<MemberView> HandleAsync(long structureId, long userId, CopyHabilitationsRequest request, CancellationToken ct)
    {
        var structure = await Members.StructureAsync(db, structureId, ct);
        structure.EnsureActive();
        var target = await Members.MembershipAsync(db, structureId, userId, ct);
        var source = await Members.MembershipAsync(db, structureId, request.FromUserId, ct);
        target.CopyHabilitationsFrom(source);
        db.AuditEntries.Add(AuditEntry.Record(clock.GetUtcNow(), caller.Id, "habilitation.copy", structureId, userId,
            $"depuis l'utilisateur {request.FromUserId} ({target.Habilitations.Count} habilitation(s))"));
        await db.SaveChangesAsync(ct);
        return await Members.ViewAsync(db, structureId, userId, ct);
    }

    internal static void Map(IEndpointRouteBuilder users) =>
        users.MapPost("/{userId:long}/habilitations/copy", async Task<Ok<MemberView>> (long structureId, long userId, CopyHabilitationsRequest request, CopyHabilitationsHandler handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.HandleAsync(structureId, userId, request, ct)))
            .RequireAuthorization(Policies.OrganisationWrite)
            .WithSummary("Copier sur cet utilisateur les habilitations d'un autre utilisateur de la structure");
}
