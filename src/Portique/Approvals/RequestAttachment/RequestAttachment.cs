using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Portique.Common;
using Portique.Common.Audit;
using Portique.Common.Authorization;
using Portique.Common.Data;
using Portique.Common.Mail;
using Portique.Organisation;

namespace Portique.Approvals.RequestAttachment;

public sealed record RequestAttachmentRequest(IdentifierType IdentifierType, string Identifier, IReadOnlyList<long>? ServiceIds = null, string? Comment = null);

public sealed record CreatedApprovalRequest(long Id);

/// <summary>What the requester sees of the structure he asks to join: its name and active services, to choose from.</summary>
public sealed record AttachmentTarget(long Id, string Name, bool IsPublic, IReadOnlyList<(long Id, string Label)> Services);

/// <summary>
/// Any signed-in user asks to join a structure found by its identifier. The structure is named in the body on purpose:
/// asking grants nothing, and the requester is by definition not yet a member, so no structure policy can apply.
/// </summary>
public sealed class RequestAttachmentHandler(PortiqueDb db, CurrentUser user, TimeProvider clock, Outbox outbox)
{
    public async Task<AttachmentTarget> FindAsync(IdentifierType type, string? identifier, CancellationToken ct)
    {
        var structure = await LoadAsync(type, identifier, ct);
        return new AttachmentTarget(structure.Id, structure.Name, structure.IsPublic,
            structure.Services.Where(s => s.IsActive).OrderBy(s => s.Code).Select(s => (s.Id, $"{s.Code} — {s.Name}")).ToList());
    }

    private async Task<Structure> LoadAsync(IdentifierType type, string? raw, CancellationToken ct)
    {
        var identifier = StructureIdentifier.Normalize(type, raw);
        var structure = await db.Structures.AsNoTracking().Include(s => s.Services)
            .FirstOrDefaultAsync(s => s.IdentifierType == type && s.Identifier == identifier, ct)
            ?? throw PortiqueException.NotFound("STRUCTURE_NOT_FOUND", $"Aucune structure d'identifiant {type} « {identifier} ».");
        structure.EnsureActive();
        return structure;
    }

    public async Task<CreatedApprovalRequest> HandleAsync(RequestAttachmentRequest request, CancellationToken ct)
    {
        var structure = await LoadAsync(request.IdentifierType, request.Identifier, ct);

        var serviceIds = request.ServiceIds ?? [];
        foreach (var id in serviceIds)
        {
            if (!structure.Services.Any(s => s.Id == id && s.IsActive))
                throw new PortiqueException("SERVICE_UNKNOWN", $"Le service {id} n'est pas un service actif de la structure.");
        }
        var me = user.Id;
        if (await db.Memberships.AnyAsync(m => m.StructureId == structure.Id && m.UserId == me && m.IsActive, ct))
            throw PortiqueException.Conflict("ALREADY_ATTACHED", "Vous êtes déjà rattaché à cette structure.");
        if (await db.ApprovalRequests.AnyAsync(r => r.StructureId == structure.Id && r.RequesterId == me && r.Kind == ApprovalKind.Attachment && r.State == ApprovalState.Pending, ct))
            throw PortiqueException.Conflict("APPROVAL_DUPLICATE", "Une demande de rattachement à cette structure est déjà en attente.");

        var now = clock.GetUtcNow();
        var approval = ApprovalRequest.ForAttachment(structure.Id, me, serviceIds, request.Comment, now);
        db.ApprovalRequests.Add(approval);
        db.AuditEntries.Add(AuditEntry.Record(now, me, "approval.request.attachment", structure.Id, me));
        foreach (var address in await db.PrincipalManagerAddresses(structure.Id).ToListAsync(ct))
            outbox.Enqueue(address!, $"Portique — demande de rattachement à {structure.Name}",
                $"Bonjour,\n\nUn utilisateur demande à être rattaché à la structure {structure.Name}.\nDécidez-en dans le menu Approbations : {outbox.Link("/Approvals")}\n");
        await db.SaveChangesAsync(ct);
        return new CreatedApprovalRequest(approval.Id);
    }

    internal static void Map(IEndpointRouteBuilder api) =>
        api.MapPost("/approvals/attachment-requests", async Task<Created<CreatedApprovalRequest>> (RequestAttachmentRequest request, RequestAttachmentHandler handler, CancellationToken ct) =>
            {
                var created = await handler.HandleAsync(request, ct);
                return TypedResults.Created($"/api/v1/approvals/mine/{created.Id}", created);
            })
            .RequireAuthorization()
            .WithSummary("Demander le rattachement à une structure (type + identifiant), éventuellement à certains de ses services");
}
