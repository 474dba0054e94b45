using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Portique.Common;
using Portique.Common.Authorization;
using Portique.Common.Data;
using Portique.Organisation;

namespace Portique.Refunds.GetRefund;

public sealed record RefundLineView(int Number, string InvoiceNumber, DateOnly DeliveryDate, RefundProduct Product, string Unit, decimal Quantity, decimal Rate,
    decimal Refund, string? AttachmentName, string? AttachmentType, int? AttachmentSize);

public sealed record RefundEventView(RefundStatus Status, DateTimeOffset At, string By, string? Reason);

/// <summary>
/// A request as its beneficiary and the customs see it. <paramref name="AdvanceToDeduct"/>: the advance paid on this year's
/// deliveries (frozen at validation, foreseen before); <paramref name="Balance"/> = Total − that; <paramref name="AmountToRepay"/> when negative.
/// </summary>
public sealed record RefundView(long Id, long StructureId, string StructureName, string StructureIdentifier, int DeliveryYear, string BankDetailsReference,
    RefundStatus Status, DateTimeOffset DepositedAt, decimal Total, int? AdvanceYear, decimal? AdvancePercent, decimal? AdvanceAmount, AdvanceMode? AdvanceMode,
    decimal AdvanceToDeduct, decimal Balance, decimal? AmountToRepay, string? RefusalReason, IReadOnlyList<RefundStatus> NextStatuses,
    IReadOnlyList<RefundLineView> Lines, IReadOnlyList<RefundEventView> History);

public sealed record AttachmentFile(string FileName, string ContentType, byte[] Content);

public sealed class GetRefundHandler(PortiqueDb db)
{
    /// <summary><paramref name="structureId"/> null: the customs' view, any structure.</summary>
    public async Task<RefundView> HandleAsync(long? structureId, long refundId, CancellationToken ct)
    {
        var req = await db.Set<RefundRequest>().AsNoTracking().Include(x => x.Lines).Include(x => x.History)
            .FirstOrDefaultAsync(x => x.Id == refundId && (structureId == null || x.StructureId == structureId), ct) ?? throw NotFound(refundId);
        var lineIds = req.Lines.Select(l => l.Id).ToList();
        // Metadata only: the bytes stay in the database until someone downloads them.
        var files = await db.Set<RefundAttachment>().AsNoTracking().Where(a => lineIds.Contains(a.RefundLineId))
            .Select(a => new { a.RefundLineId, a.FileName, a.ContentType, a.Size }).ToDictionaryAsync(a => a.RefundLineId, ct);
        var structure = await db.Structures.AsNoTracking().Where(s => s.Id == req.StructureId).Select(s => new { s.Name, s.Identifier }).FirstAsync(ct);
        var deduct = req.DeductedAdvance ?? await AdvanceToDeductAsync(db, req.StructureId, req.DeliveryYear, ct);
        var balance = req.Balance ?? req.Total - deduct;
        var actors = req.History.Select(h => h.By).Distinct().ToList();
        var names = await db.Users.AsNoTracking().Where(u => actors.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
        return new RefundView(req.Id, req.StructureId, structure.Name, structure.Identifier, req.DeliveryYear, req.BankDetailsReference, req.Status, req.DepositedAt,
            req.Total, req.AdvanceYear, req.AdvancePercent, req.AdvanceAmount, req.AdvanceMode, deduct, balance, balance < 0 ? -balance : null, req.RefusalReason,
            req.NextStatuses,
            req.Lines.OrderBy(l => l.Number).Select(l => (l, f: files.GetValueOrDefault(l.Id)))
                .Select(x => new RefundLineView(x.l.Number, x.l.InvoiceNumber, x.l.DeliveryDate, x.l.Product, x.l.Product.Unit(), x.l.Quantity, x.l.Rate, x.l.Refund,
                    x.f?.FileName, x.f?.ContentType, x.f?.Size)).ToList(),
            req.History.OrderBy(h => h.At).ThenBy(h => h.Id).Select(h => new RefundEventView(h.Status, h.At, names.GetValueOrDefault(h.By, $"#{h.By}"), h.Reason)).ToList());
    }

    public async Task<AttachmentFile> AttachmentAsync(long? structureId, long refundId, int lineNumber, CancellationToken ct) =>
        await db.Set<RefundRequest>().AsNoTracking()
            .Where(x => x.Id == refundId && (structureId == null || x.StructureId == structureId))
            .SelectMany(x => x.Lines).Where(l => l.Number == lineNumber)
            .Select(l => new AttachmentFile(l.Attachment!.FileName, l.Attachment.ContentType, l.Attachment.Content))
            .FirstOrDefaultAsync(ct) ?? throw NotFound(refundId);

    /// <summary>Advances paid on the deliveries of <paramref name="year"/>, by whichever request granted them, unless it was refused.</summary>
    internal static async Task<decimal> AdvanceToDeductAsync(PortiqueDb db, long structureId, int year, CancellationToken ct) =>
        // Summed here: SQLite cannot add decimals in SQL, and a structure has a handful of requests.
        (await db.Set<RefundRequest>().AsNoTracking()
            .Where(x => x.StructureId == structureId && x.AdvanceYear == year && x.Status != RefundStatus.Refusee)
            .Select(x => x.AdvanceAmount ?? 0).ToListAsync(ct)).Sum();

    internal static PortiqueException NotFound(long refundId) =>
        PortiqueException.NotFound("REFUND_NOT_FOUND", $"La demande de remboursement {refundId} n'existe pas.");

    internal static void Map(IEndpointRouteBuilder api)
    {
        var read = Policies.Habilitation(PortalApplication.RemboursementTaxes, HabilitationProfile.Consultation);
        api.MapGet("/structures/{structureId:long}/refunds/{refundId:long}", async Task<Ok<RefundView>> (long structureId, long refundId, GetRefundHandler handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.HandleAsync(structureId, refundId, ct)))
            .RequireAuthorization(read)
            .WithSummary("Consulter une demande de remboursement : lignes, avance, solde, historique");
        api.MapGet("/structures/{structureId:long}/refunds/{refundId:long}/lines/{number:int}/attachment",
                async Task<FileContentHttpResult> (long structureId, long refundId, int number, GetRefundHandler handler, CancellationToken ct) =>
                {
                    var file = await handler.AttachmentAsync(structureId, refundId, number, ct);
                    return TypedResults.File(file.Content, file.ContentType, file.FileName);
                })
            .RequireAuthorization(read)
            .WithSummary("Télécharger la copie de facture d'une ligne");
    }
}
