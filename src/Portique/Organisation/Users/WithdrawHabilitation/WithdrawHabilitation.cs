using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Portique.Common.Audit;
using Portique.Common.Authorization;
using Portique.Common.Data;

namespace Portique.Organisation.Users.WithdrawHabilitation;

/// <summary>Withdraws a user's habilitation on one application (the structure-wide one, or the one of a given service).</summary>
public sealed class WithdrawHabilitationHandler(PortiqueDb db, CurrentUser caller, TimeProvider clock)
{
    public async Task<MemberView> HandleAsync(long structureId, long userId, PortalApplication application, long? serviceId, CancellationToken ct)
    {
        var structure = await Members.StructureAsync(db, structureId, ct);
        var service = serviceId is { } id ? structure.GetService(id) : null;
        var membership = await Members.MembershipAsync(db, structureId, userId, ct);
        membership.Withdraw(application, service?.Id);
        db.AuditEntries.Add(AuditEntry.Record(clock.GetUtcNow(), caller.Id, "habilitation.withdraw", structureId, userId,
            application.Label() + (service is null ? "" : $" (service {service.Code})")));
        await db.SaveChangesAsync(ct);
        return await Members.ViewAsync(db, structureId, userId, ct);
    }

    internal static void Map(IEndpointRouteBuilder users) =>
        users.MapDelete("/{userId:long}/habilitations/{application}",
                async Task<Ok<MemberView>> (long structureId, long userId, PortalApplication application, long? serviceId, WithdrawHabilitationHandler handler, CancellationToken ct) =>
                    TypedResults.Ok(await handler.HandleAsync(structureId, userId, application, serviceId, ct)))
            .RequireAuthorization(Policies.OrganisationWrite)
            .WithSummary("Retirer une habilitation (paramètre serviceId pour celle d'un service)");
}
