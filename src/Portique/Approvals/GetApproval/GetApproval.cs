using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Portique.Approvals.ListApprovals;
using Portique.Common;
using Portique.Common.Authorization;
using Portique.Common.Data;
using Portique.Organisation;

namespace Portique.Approvals.GetApproval;

public sealed record ApprovalView(
    long Id, ApprovalKind Kind, ApprovalState State, string Description, long StructureId, string StructureName, IReadOnlyList<string> Services,
    long RequesterId, string RequesterName, string? RequesterEmail, string? Comment, DateTimeOffset RequestedAt,
    string ApproverName, DateTimeOffset? DecidedAt, string? RefusalReason);

/// <summary>One request of a structure, for its managers: the request, the approver (the caller while pending) and the requester's comment.</summary>
public sealed class GetApprovalHandler(PortiqueDb db, CurrentUser user)
{
    public async Task<ApprovalView> HandleAsync(long structureId, long id, CancellationToken ct)
    {
        var a = await db.ApprovalRequests.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id && x.StructureId == structureId, ct)
            ?? throw PortiqueException.NotFound("APPROVAL_NOT_FOUND", $"La demande {id} n'existe pas dans cette structure.");
        var structureName = await db.Structures.Where(s => s.Id == structureId).Select(s => s.Name).SingleAsync(ct);
        var approverId = a.DecidedById ?? user.Id;
        var people = await db.Users.AsNoTracking().Where(u => u.Id == a.RequesterId || u.Id == approverId)
            .ToDictionaryAsync(u => u.Id, u => (Name: u.DisplayName, u.Email), ct);
        var labels = await ListApprovalsHandler.ServiceLabelsAsync(db, ApprovalRequest.ServicesConcerned(a.ServiceId, a.ServiceIds), ct);
        return new ApprovalView(a.Id, a.Kind, a.State, ApprovalRequest.Describe(a.Kind, a.Application, a.Profile), a.StructureId, structureName,
            labels.Values.Order().ToList(), a.RequesterId, people[a.RequesterId].Name, people[a.RequesterId].Email, a.Comment, a.RequestedAt,
            people[approverId].Name, a.DecidedAt, a.RefusalReason);
    }

    internal static void Map(IEndpointRouteBuilder api) =>
        api.MapGet("/structures/{structureId:long}/approvals/{id:long}", async Task<Ok<ApprovalView>> (long structureId, long id, GetApprovalHandler handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.HandleAsync(structureId, id, ct)))
            .RequireAuthorization(Policies.OrganisationWrite)
            .WithSummary("Consulter une demande de la structure (gestionnaires)");
}
