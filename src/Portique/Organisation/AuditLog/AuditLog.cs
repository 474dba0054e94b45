using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Portique.Common;
using Portique.Common.Authorization;
using Portique.Common.Data;

namespace Portique.Organisation.AuditLog;

public sealed record AuditView(long Id, DateTimeOffset At, string Action, long? ActorUserId, string? ActorEmail, long? TargetUserId, string? TargetEmail, string? Details);

/// <summary>A structure's audit log, newest first, for its managers (principal or "Organisation modification").</summary>
public sealed class AuditLogHandler(PortiqueDb db)
{
    public async Task<Page<AuditView>> HandleAsync(long structureId, PageRequest paging, CancellationToken ct)
    {
        var entries = db.AuditEntries.AsNoTracking().Where(a => a.StructureId == structureId);
        var total = await entries.CountAsync(ct);
        // Ids grow with insertion, which orders entries as they were committed; SQLite cannot sort on DateTimeOffset.
        var items = await (from a in entries
                           join actor in db.Users on a.ActorUserId equals (long?)actor.Id into actors
                           from actor in actors.DefaultIfEmpty()
                           join target in db.Users on a.TargetUserId equals (long?)target.Id into targets
                           from target in targets.DefaultIfEmpty()
                           orderby a.Id descending
                           select new AuditView(a.Id, a.At, a.Action, a.ActorUserId, actor == null ? null : actor.Email,
                               a.TargetUserId, target == null ? null : target.Email, a.Details))
            .Skip(paging.Skip).Take(paging.SafeSize)
            .ToListAsync(ct);
        return new Page<AuditView>(items, paging.SafePage, paging.SafeSize, total);
    }

    internal static void Map(IEndpointRouteBuilder api) =>
        api.MapGet("/structures/{structureId:long}/audit", async Task<Ok<Page<AuditView>>> (long structureId, int? page, int? size, AuditLogHandler handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.HandleAsync(structureId, new PageRequest(page ?? 1, size ?? 20), ct)))
            .RequireAuthorization(Policies.OrganisationWrite)
            .WithSummary("Journal d'audit de la structure (qui a fait quoi, quand), du plus récent au plus ancien");
}
