using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Portique.Common.Audit;
using Portique.Common.Authorization;
using Portique.Common.Data;

namespace Portique.Organisation.Users.GrantHabilitation;

public sealed record GrantHabilitationRequest(PortalApplication Application, HabilitationProfile Profile, long? ServiceId = null);

/// <summary>Grants (or changes) a user's profile on one application, structure-wide or for one service of the structure.</summary>
public sealed class GrantHabilitationHandler(PortiqueDb db, CurrentUser caller, TimeProvider clock)
{
    public async Task<MemberView> HandleAsync(long structureId, long userId, GrantHabilitationRequest request, CancellationToken ct)
    {
        var structure = await Members.StructureAsync(db, structureId, ct);
        structure.EnsureActive();
        var service = request.ServiceId is { } serviceId ? structure.GetService(serviceId) : null;
        var membership = await Members.MembershipAsync(db, structureId, userId, ct);
        membership.Grant(request.Application, request.Profile, service?.Id);
        db.AuditEntries.Add(AuditEntry.Record(clock.GetUtcNow(), caller.Id, "habilitation.grant", structureId, userId,
            $"{request.Application.Label()} : {request.Profile.Label()}" + (service is null ? "" : $" (service {service.Code})")));
        await db.SaveChangesAsync(ct);
        return await Members.ViewAsync(db, structureId, userId, ct);
    }

    internal static void Map(IEndpointRouteBuilder users) =>
        users.MapPost("/{userId:long}/habilitations", async Task<Ok<MemberView>> (long structureId, long userId, GrantHabilitationRequest request, GrantHabilitationHandler handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.HandleAsync(structureId, userId, request, ct)))
            .RequireAuthorization(Policies.OrganisationWrite)
            .WithSummary("Attribuer une habilitation (application, profil consultation ou modification, éventuellement pour un service)");
}
