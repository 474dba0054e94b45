using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Portique.Common;
using Portique.Common.Authorization;
using Portique.Common.Data;
using Portique.Organisation;

namespace Portique.Approvals.ListApprovals;

/// <summary>Filters of the "Approbations" list; no state means every state (the page asks for the pending ones by default).</summary>
/// <remarks>No non-null default here: the OpenAPI generator cannot write a nullable enum's default value.</remarks>
public sealed record ListApprovalsRequest(ApprovalState? State = null, ApprovalKind? Kind = null, long? StructureId = null, int Page = 1, int Size = 20);

public sealed record ApprovalSummary(
    long Id, ApprovalKind Kind, ApprovalState State, string Description, long RequesterId, string RequesterName, string? RequesterEmail,
    long StructureId, string StructureName, IReadOnlyList<string> Services, DateTimeOffset RequestedAt, DateTimeOffset? DecidedAt);

public sealed record PendingCount(int Count);

/// <summary>
/// The requests of every structure the caller manages (and of none other): the query is scoped by <see cref="ApprovalQueries.ManagedStructureIds"/>,
/// so the structure filter only narrows within them.
/// </summary>
public sealed class ListApprovalsHandler(PortiqueDb db, CurrentUser user)
{
    // The menu badge shows on every page; on the Approbations page the list has just counted the same thing.
    private int? _pendingCount;

    public async Task<int> PendingCountAsync(CancellationToken ct)
    {
        if (_pendingCount is { } known)
            return known;
        var managed = db.ManagedStructureIds(user.Id);
        return (int)(_pendingCount = await db.ApprovalRequests.CountAsync(r => r.State == ApprovalState.Pending && managed.Contains(r.StructureId), ct));
    }

    /// <summary>The structure filter's choices: the structures whose requests the caller decides.</summary>
    public async Task<IReadOnlyList<(long Id, string Name)>> ManagedStructuresAsync(CancellationToken ct)
    {
        var managed = db.ManagedStructureIds(user.Id);
        return (await db.Structures.AsNoTracking().Where(s => managed.Contains(s.Id)).OrderBy(s => s.Name).Select(s => new { s.Id, s.Name }).ToListAsync(ct))
            .Select(s => (s.Id, s.Name)).ToList();
    }

    public async Task<Page<ApprovalSummary>> HandleAsync(ListApprovalsRequest r, CancellationToken ct)
    {
        var paging = new PageRequest(r.Page, r.Size);
        var managed = db.ManagedStructureIds(user.Id);
        var query = db.ApprovalRequests.AsNoTracking().Where(a => managed.Contains(a.StructureId));
        if (r.State is { } state)
            query = query.Where(a => a.State == state);
        if (r.Kind is { } kind)
            query = query.Where(a => a.Kind == kind);
        if (r.StructureId is { } structureId)
            query = query.Where(a => a.StructureId == structureId);

        var total = await query.CountAsync(ct);
        if (r is { State: ApprovalState.Pending, Kind: null, StructureId: null })
            _pendingCount = total;
        // Ids grow with the request date, and ordering by id stays index-friendly on both providers.
        var rows = await (
                from a in query.OrderByDescending(a => a.Id).Skip(paging.Skip).Take(paging.SafeSize)
                join s in db.Structures on a.StructureId equals s.Id
                join u in db.Users on a.RequesterId equals u.Id
                orderby a.Id descending
                select new { a.Id, a.Kind, a.State, a.Application, a.Profile, a.RequesterId, u.FirstName, u.LastName, u.Email, a.StructureId, StructureName = s.Name,
                    a.ServiceIds, a.ServiceId, a.RequestedAt, a.DecidedAt })
            .ToListAsync(ct);
        var services = await ServiceLabelsAsync(db, rows.SelectMany(x => ApprovalRequest.ServicesConcerned(x.ServiceId, x.ServiceIds)), ct);
        var items = rows.Select(x => new ApprovalSummary(x.Id, x.Kind, x.State, ApprovalRequest.Describe(x.Kind, x.Application, x.Profile), x.RequesterId,
                $"{x.FirstName} {x.LastName}".Trim(), x.Email, x.StructureId, x.StructureName,
                ApprovalRequest.ServicesConcerned(x.ServiceId, x.ServiceIds).Select(s => services.GetValueOrDefault(s, $"#{s}")).ToList(), x.RequestedAt, x.DecidedAt))
            .ToList();
        return new Page<ApprovalSummary>(items, paging.SafePage, paging.SafeSize, total);
    }

    internal static async Task<Dictionary<long, string>> ServiceLabelsAsync(PortiqueDb db, IEnumerable<long> ids, CancellationToken ct)
    {
        var wanted = ids.Distinct().ToList();
        if (wanted.Count == 0)
            return [];
        return await db.Services.AsNoTracking().Where(s => wanted.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => $"{s.Code} — {s.Name}", ct);
    }

    internal static void Map(IEndpointRouteBuilder api)
    {
        api.MapGet("/approvals", async Task<Ok<Page<ApprovalSummary>>> ([AsParameters] ListApprovalsRequest request, ListApprovalsHandler handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.HandleAsync(request, ct)))
            .RequireAuthorization()
            .WithSummary("Lister les demandes à décider (ou décidées) des structures que l'on gère");
        api.MapGet("/approvals/pending-count", async Task<Ok<PendingCount>> (ListApprovalsHandler handler, CancellationToken ct) =>
                TypedResults.Ok(new PendingCount(await handler.PendingCountAsync(ct))))
            .RequireAuthorization()
            .WithSummary("Nombre de demandes en attente de décision de l'utilisateur connecté");
    }
}
