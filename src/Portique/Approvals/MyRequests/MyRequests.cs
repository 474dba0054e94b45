using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Portique.Approvals.ListApprovals;
using Portique.Common;
using Portique.Common.Authorization;
using Portique.Common.Data;

namespace Portique.Approvals.MyRequests;

public sealed record MyRequest(
    long Id, ApprovalKind Kind, ApprovalState State, string Description, long StructureId, string StructureName, IReadOnlyList<string> Services,
    string? Comment, DateTimeOffset RequestedAt, DateTimeOffset? DecidedAt, string? RefusalReason);

/// <summary>The requester's side: his own requests, with the decision and the refusal reason.</summary>
public sealed class MyRequestsHandler(PortiqueDb db, CurrentUser user)
{
    public async Task<Page<MyRequest>> HandleAsync(int page, int size, CancellationToken ct)
    {
        var paging = new PageRequest(page, size);
        var me = user.Id;
        var query = db.ApprovalRequests.AsNoTracking().Where(a => a.RequesterId == me);
        var total = await query.CountAsync(ct);
        var rows = await (
                from a in query.OrderByDescending(a => a.Id).Skip(paging.Skip).Take(paging.SafeSize)
                join s in db.Structures on a.StructureId equals s.Id
                orderby a.Id descending
                select new { a.Id, a.Kind, a.State, a.Application, a.Profile, a.StructureId, s.Name, a.ServiceIds, a.ServiceId, a.Comment, a.RequestedAt, a.DecidedAt, a.RefusalReason })
            .ToListAsync(ct);
        var services = await ListApprovalsHandler.ServiceLabelsAsync(db, rows.SelectMany(x => ApprovalRequest.ServicesConcerned(x.ServiceId, x.ServiceIds)), ct);
        var items = rows.Select(x => new MyRequest(x.Id, x.Kind, x.State, ApprovalRequest.Describe(x.Kind, x.Application, x.Profile), x.StructureId, x.Name,
                ApprovalRequest.ServicesConcerned(x.ServiceId, x.ServiceIds).Select(s => services.GetValueOrDefault(s, $"#{s}")).ToList(),
                x.Comment, x.RequestedAt, x.DecidedAt, x.RefusalReason))
            .ToList();
        return new Page<MyRequest>(items, paging.SafePage, paging.SafeSize, total);
    }

    internal static void Map(IEndpointRouteBuilder api) =>
        api.MapGet("/approvals/mine", async Task<Ok<Page<MyRequest>>> (MyRequestsHandler handler, CancellationToken ct, int page = 1, int size = 20) =>
                TypedResults.Ok(await handler.HandleAsync(page, size, ct)))
            .RequireAuthorization()
            .WithSummary("Mes demandes de rattachement et d'habilitation, avec la décision et le motif d'un refus");
}
