using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Portique.Common.Audit;
using Portique.Common.Authorization;
using Portique.Common.Data;

namespace Portique.Organisation.Users.AssignServices;

public sealed record AssignServicesRequest(IReadOnlyList<long> ServiceIds);

/// <summary>Changes the services a user is attached to (none: the whole structure). Each service must belong to the structure.</summary>
public sealed class AssignServicesHandler(PortiqueDb db, CurrentUser caller, TimeProvider clock)
{
    public async Task<MemberView> HandleAsync(long structureId, long userId, AssignServicesRequest request, CancellationToken ct)
    {
        var structure = await Members.StructureAsync(db, structureId, ct);
        structure.EnsureActive();
        var services = (request.ServiceIds ?? []).Distinct().Select(structure.GetService).ToList();
        var membership = await Members.MembershipAsync(db, structureId, userId, ct);
        membership.AssignServices(services.Select(s => s.Id));
        db.AuditEntries.Add(AuditEntry.Record(clock.GetUtcNow(), caller.Id, "user.services", structureId, userId,
            services.Count == 0 ? "toute la structure" : string.Join(", ", services.Select(s => s.Code))));
        await db.SaveChangesAsync(ct);
        return await Members.ViewAsync(db, structureId, userId, ct);
    }

    internal static void Map(IEndpointRouteBuilder users) =>
        users.MapPut("/{userId:long}/services", async Task<Ok<MemberView>> (long structureId, long userId, AssignServicesRequest request, AssignServicesHandler handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.HandleAsync(structureId, userId, request, ct)))
            .RequireAuthorization(Policies.OrganisationWrite)
            .WithSummary("Modifier les services de rattachement d'un utilisateur");
}
