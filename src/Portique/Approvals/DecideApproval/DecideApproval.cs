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

namespace Portique.Approvals.DecideApproval;

public sealed record RefuseRequest(string? Reason);

public sealed record Decision(long Id, ApprovalState State);

/// <summary>
/// Approve or refuse a request of the structure in the route (policy "Organisation modification"). Approval applies at once
/// to the requester's membership in the same transaction; the requester is e-mailed either way.
/// </summary>
public sealed class DecideApprovalHandler(PortiqueDb db, CurrentUser user, TimeProvider clock, Outbox outbox)
{
    public async Task<Decision> ApproveAsync(long structureId, long id, CancellationToken ct)
    {
        var (approval, structureName, address) = await LoadAsync(structureId, id, ct);
        var membership = await db.Memberships.FirstOrDefaultAsync(m => m.StructureId == structureId && m.UserId == approval.RequesterId, ct);
        var now = clock.GetUtcNow();
        var applied = approval.Approve(user.Id, membership, now);
        if (membership is null)
            db.Memberships.Add(applied);
        db.AuditEntries.Add(AuditEntry.Record(now, user.Id, "approval.approve", structureId, approval.RequesterId, $"{approval.Kind} #{approval.Id}"));
        outbox.Enqueue(address, $"Portique — demande approuvée ({structureName})",
            $"Bonjour,\n\nVotre {ApprovalRequest.Describe(approval.Kind, approval.Application, approval.Profile).ToLowerInvariant()} pour la structure {structureName} a été approuvée ; elle prend effet immédiatement.\n{outbox.Link("/Approvals/Mine")}\n");
        await SaveAsync(ct);
        return new Decision(approval.Id, approval.State);
    }

    public async Task<Decision> RefuseAsync(long structureId, long id, string? reason, CancellationToken ct)
    {
        var (approval, structureName, address) = await LoadAsync(structureId, id, ct);
        var now = clock.GetUtcNow();
        approval.Refuse(user.Id, reason, now);
        db.AuditEntries.Add(AuditEntry.Record(now, user.Id, "approval.refuse", structureId, approval.RequesterId, $"{approval.Kind} #{approval.Id}"));
        outbox.Enqueue(address, $"Portique — demande refusée ({structureName})",
            $"Bonjour,\n\nVotre {ApprovalRequest.Describe(approval.Kind, approval.Application, approval.Profile).ToLowerInvariant()} pour la structure {structureName} a été refusée.\nMotif : {approval.RefusalReason}\n{outbox.Link("/Approvals/Mine")}\n");
        await SaveAsync(ct);
        return new Decision(approval.Id, approval.State);
    }

    private async Task<(ApprovalRequest Approval, string StructureName, string Address)> LoadAsync(long structureId, long id, CancellationToken ct)
    {
        var approval = await db.ApprovalRequests.FirstOrDefaultAsync(a => a.Id == id && a.StructureId == structureId, ct)
            ?? throw PortiqueException.NotFound("APPROVAL_NOT_FOUND", $"La demande {id} n'existe pas dans cette structure.");
        var structureName = await db.Structures.Where(s => s.Id == structureId).Select(s => s.Name).SingleAsync(ct);
        var address = await db.Users.Where(u => u.Id == approval.RequesterId).Select(u => u.ContactEmail ?? u.Email).SingleAsync(ct);
        return (approval, structureName, address ?? "");
    }

    // The version column makes the loser of a race between two managers fail here rather than decide twice.
    private async Task SaveAsync(CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw PortiqueException.Conflict("APPROVAL_ALREADY_DECIDED", "Un autre gestionnaire vient de décider de cette demande ; rechargez la liste.");
        }
    }

    internal static void Map(IEndpointRouteBuilder api)
    {
        api.MapPost("/structures/{structureId:long}/approvals/{id:long}/approve", async Task<Ok<Decision>> (long structureId, long id, DecideApprovalHandler handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.ApproveAsync(structureId, id, ct)))
            .RequireAuthorization(Policies.OrganisationWrite)
            .WithSummary("Approuver une demande (effet immédiat, le demandeur est prévenu par e-mail)");
        api.MapPost("/structures/{structureId:long}/approvals/{id:long}/refuse", async Task<Ok<Decision>> (long structureId, long id, RefuseRequest request, DecideApprovalHandler handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.RefuseAsync(structureId, id, request.Reason, ct)))
            .RequireAuthorization(Policies.OrganisationWrite)
            .WithSummary("Refuser une demande ; le motif est obligatoire et communiqué au demandeur");
    }
}
