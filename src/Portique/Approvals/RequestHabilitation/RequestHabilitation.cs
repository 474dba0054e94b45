using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Portique.Approvals.RequestAttachment;
using Portique.Common;
using Portique.Common.Audit;
using Portique.Common.Authorization;
using Portique.Common.Data;
using Portique.Common.Mail;
using Portique.Organisation;

namespace Portique.Approvals.RequestHabilitation;

public sealed record AttachedStructure(long Id, string Name, IReadOnlyList<(long Id, string Label)> Services);

public sealed record RequestHabilitationRequest(long StructureId, PortalApplication Application, HabilitationProfile Profile, long? ServiceId = null, string? Comment = null);

/// <summary>
/// An attached user asks for one more habilitation. The structure comes from the body because a member without any right must be
/// able to ask; the handler accepts it only for a structure the caller is actively attached to, so it can reveal nothing else.
/// </summary>
public sealed class RequestHabilitationHandler(PortiqueDb db, CurrentUser user, TimeProvider clock, Outbox outbox)
{
    public async Task<CreatedApprovalRequest> HandleAsync(RequestHabilitationRequest request, CancellationToken ct)
    {
        var me = user.Id;
        var membership = await db.Memberships.AsNoTracking().FirstOrDefaultAsync(m => m.StructureId == request.StructureId && m.UserId == me && m.IsActive, ct)
            ?? throw PortiqueException.Forbidden("NOT_ATTACHED", "Vous n'êtes pas rattaché à cette structure : demandez d'abord votre rattachement.");
        if (request.ServiceId is { } serviceId && !await db.Services.AnyAsync(s => s.Id == serviceId && s.StructureId == request.StructureId, ct))
            throw new PortiqueException("SERVICE_UNKNOWN", $"Le service {serviceId} n'appartient pas à la structure.");

        var now = clock.GetUtcNow();
        var approval = ApprovalRequest.ForHabilitation(request.StructureId, me, request.Application, request.Profile, request.ServiceId, request.Comment, now);
        if (membership.Allows(request.Application, request.Profile, request.ServiceId))
            throw PortiqueException.Conflict("HABILITATION_ALREADY_HELD", $"Vous détenez déjà l'habilitation « {request.Application.Label()} » demandée.");
        if (await db.ApprovalRequests.AnyAsync(r => r.StructureId == request.StructureId && r.RequesterId == me && r.Kind == ApprovalKind.Habilitation
                && r.State == ApprovalState.Pending && r.Application == request.Application && r.ServiceId == request.ServiceId, ct))
            throw PortiqueException.Conflict("APPROVAL_DUPLICATE", "Une demande pour cette habilitation est déjà en attente.");

        db.ApprovalRequests.Add(approval);
        db.AuditEntries.Add(AuditEntry.Record(now, me, "approval.request.habilitation", request.StructureId, me, $"{request.Application} {request.Profile}"));
        foreach (var address in await db.PrincipalManagerAddresses(request.StructureId).ToListAsync(ct))
            outbox.Enqueue(address!, "Portique — demande d'habilitation",
                $"Bonjour,\n\nUn utilisateur de votre structure demande l'habilitation « {request.Application.Label()} » ({request.Profile.Label()}).\nDécidez-en dans le menu Approbations : {outbox.Link("/Approvals")}\n");
        await db.SaveChangesAsync(ct);
        return new CreatedApprovalRequest(approval.Id);
    }

    /// <summary>The form's choices: the structures the caller is attached to, with their services.</summary>
    public async Task<IReadOnlyList<AttachedStructure>> MyStructuresAsync(CancellationToken ct)
    {
        var me = user.Id;
        var structures = await (
                from m in db.Memberships
                join s in db.Structures.Include(x => x.Services) on m.StructureId equals s.Id
                where m.UserId == me && m.IsActive
                orderby s.Name
                select s)
            .AsNoTracking().ToListAsync(ct);
        return structures.Select(s => new AttachedStructure(s.Id, s.Name,
            s.Services.Where(x => x.IsActive).OrderBy(x => x.Code).Select(x => (x.Id, $"{x.Code} — {x.Name}")).ToList())).ToList();
    }

    internal static void Map(IEndpointRouteBuilder api) =>
        api.MapPost("/approvals/habilitation-requests", async Task<Created<CreatedApprovalRequest>> (RequestHabilitationRequest request, RequestHabilitationHandler handler, CancellationToken ct) =>
            {
                var created = await handler.HandleAsync(request, ct);
                return TypedResults.Created($"/api/v1/approvals/mine/{created.Id}", created);
            })
            .RequireAuthorization()
            .WithSummary("Demander une habilitation supplémentaire sur une structure à laquelle on est rattaché");
}
