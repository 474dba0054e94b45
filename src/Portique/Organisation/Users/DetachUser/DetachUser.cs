using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Portique.Common.Audit;
using Portique.Common.Authorization;
using Portique.Common.Data;

namespace Portique.Organisation.Users.DetachUser;

/// <summary>Detaches a user: the membership is kept for history but grants nothing. The principal manager cannot be detached.</summary>
public sealed class DetachUserHandler(PortiqueDb db, CurrentUser caller, TimeProvider clock)
{
    public async Task HandleAsync(long structureId, long userId, CancellationToken ct)
    {
        var membership = await Members.MembershipAsync(db, structureId, userId, ct);
        var now = clock.GetUtcNow();
        membership.Detach(now);
        db.AuditEntries.Add(AuditEntry.Record(now, caller.Id, "user.detach", structureId, userId));
        await db.SaveChangesAsync(ct);
    }

    internal static void Map(IEndpointRouteBuilder users) =>
        users.MapDelete("/{userId:long}", async Task<NoContent> (long structureId, long userId, DetachUserHandler handler, CancellationToken ct) =>
            {
                await handler.HandleAsync(structureId, userId, ct);
                return TypedResults.NoContent();
            })
            .RequireAuthorization(Policies.OrganisationWrite)
            .WithSummary("Détacher un utilisateur de la structure");
}
