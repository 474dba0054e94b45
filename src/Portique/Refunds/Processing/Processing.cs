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
using Portique.Refunds.GetRefund;

namespace Portique.Refunds.Processing;

public sealed record CustomsRefundRow(long Id, long StructureId, string StructureName, string StructureIdentifier, int DeliveryYear, RefundStatus Status,
    DateTimeOffset DepositedAt, decimal Total, decimal? AdvanceAmount);

public sealed record MoveRefundRequest(RefundStatus Status, string? Reason = null);

/// <summary>The customs' work: every request, filtered by status, delivery year and beneficiary identifier, oldest deposit first.</summary>
public sealed class CustomsRefundsHandler(PortiqueDb db, CurrentUser me, Outbox outbox, TimeProvider clock)
{
    public async Task<Page<CustomsRefundRow>> ListAsync(string? status, int? year, string? identifier, PageRequest page, CancellationToken ct)
    {
        var s = RefundStatuses.Parse(status);
        var id = identifier?.Trim();
        var query = from r in db.Set<RefundRequest>().AsNoTracking()
                    join st in db.Structures.AsNoTracking() on r.StructureId equals st.Id
                    where (s == null || r.Status == s) && (year == null || r.DeliveryYear == year) && (string.IsNullOrEmpty(id) || st.Identifier == id)
                    select new { r, st };
        var total = await query.CountAsync(ct);
        // Ids grow with deposits; SQLite cannot order by DateTimeOffset.
        var rows = await query.OrderBy(x => x.r.Id).Skip(page.Skip).Take(page.SafeSize)
            .Select(x => new CustomsRefundRow(x.r.Id, x.st.Id, x.st.Name, x.st.Identifier, x.r.DeliveryYear, x.r.Status, x.r.DepositedAt, x.r.Total, x.r.AdvanceAmount))
            .ToListAsync(ct);
        return new Page<CustomsRefundRow>(rows, page.SafePage, page.SafeSize, total);
    }

    /// <summary>One step of processing; validation deducts the advance paid on the year. The beneficiary's users are told.</summary>
    public async Task MoveAsync(long refundId, MoveRefundRequest m, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var request = await db.Set<RefundRequest>().Include(r => r.History).FirstOrDefaultAsync(r => r.Id == refundId, ct)
            ?? throw GetRefundHandler.NotFound(refundId);
        var deduct = m.Status == RefundStatus.Validee ? await GetRefundHandler.AdvanceToDeductAsync(db, request.StructureId, request.DeliveryYear, ct) : 0;
        request.MoveTo(m.Status, m.Reason, deduct, me.Id, now);

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        db.AuditEntries.Add(AuditEntry.Record(now, me.Id, "refund.status", request.StructureId, details: $"{request.Id} → {RefundStatuses.Code(m.Status)}"));
        await RefundNotifications.EnqueueAsync(db, outbox, request,
            $"Portique — demande de remboursement {request.DeliveryYear} : {m.Status.Label().ToLowerInvariant()}", Describe(request), ct);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
    }

    private static string Describe(RefundRequest r)
    {
        var text = $"Votre demande de remboursement n° {r.Id} (livraisons {r.DeliveryYear}) est passée au statut « {r.Status.Label()} ».";
        if (r.Status == RefundStatus.Refusee)
            text += $" Motif : {r.RefusalReason}";
        if (r.Status == RefundStatus.Validee)
        {
            text += $" Remboursement : {RefundMoney.Format(r.Total)}";
            if (r.DeductedAdvance > 0)
                text += $", avance déjà versée déduite : {RefundMoney.Format(r.DeductedAdvance.Value)}";
            text += r.AmountToRepay is { } repay ? $". Montant à reverser : {RefundMoney.Format(repay)}." : $". Solde à payer : {RefundMoney.Format(r.Balance ?? r.Total)}.";
        }
        return text;
    }

    internal static void Map(IEndpointRouteBuilder api)
    {
        var customs = api.MapGroup("/customs/refunds").RequireAuthorization(RefundsModule.CustomsPolicy);
        customs.MapGet("", async Task<Ok<Page<CustomsRefundRow>>> (string? status, int? year, string? identifier, int? page, int? size, CustomsRefundsHandler handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.ListAsync(status, year, identifier, new PageRequest(page ?? 1, size ?? 20), ct)))
            .WithSummary("Douane : demandes de remboursement, filtrées par statut, année et identifiant");
        customs.MapGet("/{refundId:long}", async Task<Ok<RefundView>> (long refundId, GetRefundHandler handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.HandleAsync(null, refundId, ct)))
            .WithSummary("Douane : consulter une demande");
        customs.MapGet("/{refundId:long}/lines/{number:int}/attachment", async Task<FileContentHttpResult> (long refundId, int number, GetRefundHandler handler, CancellationToken ct) =>
                {
                    var file = await handler.AttachmentAsync(null, refundId, number, ct);
                    return TypedResults.File(file.Content, file.ContentType, file.FileName);
                })
            .WithSummary("Douane : copie de facture d'une ligne");
        customs.MapPost("/{refundId:long}/status", async Task<NoContent> (long refundId, MoveRefundRequest request, CustomsRefundsHandler handler, CancellationToken ct) =>
            {
                await handler.MoveAsync(refundId, request, ct);
                return TypedResults.NoContent();
            })
            .WithSummary("Douane : faire avancer une demande (MISE_A_DISPOSITION … VALIDEE, REFUSEE avec motif, MISE_EN_PAIEMENT)");
    }
}
