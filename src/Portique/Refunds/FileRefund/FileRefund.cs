using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Portique.Common;
using Portique.Common.Audit;
using Portique.Common.Authorization;
using Portique.Common.Data;
using Portique.Common.Errors;
using Portique.Common.Mail;
using Portique.Organisation;

namespace Portique.Refunds.FileRefund;

/// <summary>The copy of a supplier invoice; over JSON the content is base64.</summary>
public sealed record AttachmentInput(string? FileName, byte[]? Content);

public sealed record RefundLineInput(string? InvoiceNumber, DateOnly? DeliveryDate, RefundProduct? Product, decimal? Quantity, AttachmentInput? Attachment);

/// <summary><paramref name="RequestAdvance"/>: the "Références" checkbox; left out it counts as ticked, as on the form.</summary>
public sealed record FileRefundRequest(int DeliveryYear, string? BankDetailsReference, bool SwornNotInDifficulty, IReadOnlyList<RefundLineInput>? Lines,
    bool? RequestAdvance = null);

public sealed record AdvanceView(int Year, decimal Percent, decimal Amount, AdvanceMode Mode);

public sealed record FiledRefund(long Id, decimal Total, AdvanceView? Advance, string Confirmation);

/// <summary>What the form offers for a delivery year: its rates and whether the advance checkbox is shown.</summary>
public sealed record RefundOffer(int DeliveryYear, IReadOnlyList<RateView> Rates, decimal? CheckboxAdvancePercent);

public sealed record RateView(int Year, RefundProduct Product, string Unit, decimal Rate);

/// <summary>Files a request: every line checked and priced from the year's rate table, the advance decided, all saved in one transaction.</summary>
public sealed class FileRefundHandler(PortiqueDb db, CurrentUser me, Outbox outbox, TimeProvider clock)
{
    public async Task<RefundOffer> OfferAsync(int deliveryYear, CancellationToken ct)
    {
        var today = RefundRules.ParisDay(clock.GetUtcNow());
        var rates = (await db.Set<RefundRate>().AsNoTracking().Where(r => r.Year == deliveryYear).ToListAsync(ct))
            .OrderBy(r => r.Product).Select(r => new RateView(r.Year, r.Product, r.Product.Unit(), r.Rate)).ToList();
        var campaign = await db.Set<RefundCampaign>().AsNoTracking().FirstOrDefaultAsync(c => c.Year == deliveryYear, ct);
        return new RefundOffer(deliveryYear, rates, campaign is not null && campaign.OffersCheckboxOn(today) ? campaign.AdvancePercent : null);
    }

    public async Task<FiledRefund> HandleAsync(long structureId, FileRefundRequest r, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var today = RefundRules.ParisDay(now);
        var year = RefundRules.CheckYear(r.DeliveryYear);
        if (year > today.Year)
            throw new PortiqueException("REFUND_YEAR_INVALID", $"Le champ « année de livraison » ({year}) est dans le futur.");
        if (today.Year > year + 3)
            throw new PortiqueException("REFUND_YEAR_CLOSED", $"Le champ « année de livraison » : les demandes pour {year} étaient recevables jusqu'au 31/12/{year + 3}.");
        var inputs = r.Lines ?? [];
        if (inputs.Count > RefundRequest.MaxLines)
            throw new PortiqueException("REFUND_TOO_MANY_LINES", $"Le champ « lignes » compte {inputs.Count} lignes ; {RefundRequest.MaxLines} au plus par demande.");

        var rates = await db.Set<RefundRate>().AsNoTracking().Where(x => x.Year == year).ToDictionaryAsync(x => x.Product, x => x.Rate, ct);
        var lines = new List<RefundLine>(inputs.Count);
        for (var i = 0; i < inputs.Count; i++)
        {
            var input = inputs[i] ?? throw new PortiqueException("FIELD_REQUIRED", $"Le champ « ligne {i + 1} » est vide.");
            var number = i + 1;
            if (input.DeliveryDate > today)
                throw new PortiqueException("REFUND_DELIVERY_DATE_FUTURE", $"Le champ « ligne {number} : date de livraison » est dans le futur.");
            decimal rate = 0;
            if (input.Product is { } product && !rates.TryGetValue(product, out rate))
                throw new PortiqueException("REFUND_RATE_MISSING", $"Le champ « ligne {number} : produit » : aucun taux de remboursement pour {product.Label()} en {year}.");
            var attachment = input.Attachment is null ? null : RefundAttachment.Create(number, input.Attachment.FileName, input.Attachment.Content);
            lines.Add(RefundLine.Create(number, input.InvoiceNumber, input.DeliveryDate, input.Product, input.Quantity, rate, attachment));
        }
        var request = RefundRequest.File(structureId, year, r.BankDetailsReference, r.SwornNotInDifficulty, lines, me.Id, now);

        if (await db.Set<RefundRequest>().AnyAsync(x => x.StructureId == structureId && x.DeliveryYear == year, ct))
            throw Duplicate(year);
        var already = await DecideAdvanceAsync(request, r.RequestAdvance ?? true, today, ct);

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        db.Set<RefundRequest>().Add(request);
        db.AuditEntries.Add(AuditEntry.Record(now, me.Id, "refund.file", structureId, details: $"A21 {year} : {request.Lines.Count} ligne(s), {request.Total} €"));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (ErrorHandler.IsUniqueViolation(e))
        {
            throw Duplicate(year);
        }
        var confirmation = Confirmation(request, already);
        await RefundNotifications.EnqueueAsync(db, outbox, request, $"Portique — demande de remboursement {year} déposée", confirmation, ct);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);

        var advance = request.AdvanceYear is { } y ? new AdvanceView(y, request.AdvancePercent!.Value, request.AdvanceAmount!.Value, request.AdvanceMode!.Value) : null;
        return new FiledRefund(request.Id, request.Total, advance, confirmation);
    }

    private static PortiqueException Duplicate(int year) =>
        PortiqueException.Conflict("REFUND_DUPLICATE", $"Le champ « année de livraison » : une demande pour les livraisons {year} existe déjà pour cette structure.");

    /// <summary>
    /// The advance on this year (checkbox, ticked by default, from the campaign's checkbox date) or, failing that, the automatic
    /// advance on next year when filed inside its window. Returns the campaign of an advance already granted automatically.
    /// </summary>
    private async Task<RefundCampaign?> DecideAdvanceAsync(RefundRequest request, bool ticked, DateOnly today, CancellationToken ct)
    {
        var year = request.DeliveryYear;
        var campaigns = await db.Set<RefundCampaign>().AsNoTracking().Where(c => c.Year == year || c.Year == year + 1).ToListAsync(ct);
        var current = campaigns.FirstOrDefault(c => c.Year == year);
        if (current is not null && current.OffersCheckboxOn(today))
        {
            var granted = await db.Set<RefundRequest>().AnyAsync(x => x.StructureId == request.StructureId && x.AdvanceYear == year && x.Status != RefundStatus.Refusee, ct);
            if (granted)
                return current;
            if (ticked)
            {
                var previous = await db.Set<RefundRequest>().AsNoTracking()
                    .Where(x => x.StructureId == request.StructureId && x.DeliveryYear == year - 1 && x.Status != RefundStatus.Refusee)
                    .Select(x => (decimal?)x.Total).FirstOrDefaultAsync(ct)
                    ?? throw new PortiqueException("REFUND_ADVANCE_NO_BASE",
                        $"Le champ « demander l'avance de {current.AdvancePercent:0.##} % » : aucune demande pour les livraisons {year - 1} ne sert de base ; décochez la case (une exploitation nouvelle utilise le formulaire papier).");
                request.GrantAdvance(year, current.AdvancePercent, current.AdvanceOn(previous), AdvanceMode.Requested);
                return null;
            }
        }
        var next = campaigns.FirstOrDefault(c => c.Year == year + 1);
        if (next is not null && next.IsAutomaticOn(today))
            request.GrantAdvance(year + 1, next.AdvancePercent, next.AdvanceOn(request.Total), AdvanceMode.Automatic);
        return null;
    }

    private static string Confirmation(RefundRequest r, RefundCampaign? alreadyGranted)
    {
        var text = $"Votre demande de remboursement n° {r.Id} pour les livraisons {r.DeliveryYear} a été déposée : {r.Lines.Count} ligne(s), "
            + $"remboursement demandé {RefundMoney.Format(r.Total)}.";
        if (r.AdvanceMode == AdvanceMode.Automatic)
            text += $" L'avance de {r.AdvancePercent:0.##} % sur vos livraisons {r.AdvanceYear} vous est accordée automatiquement : {RefundMoney.Format(r.AdvanceAmount!.Value)}.";
        else if (r.AdvanceMode == AdvanceMode.Requested)
            text += $" Vous avez demandé l'avance de {r.AdvancePercent:0.##} % du remboursement obtenu pour {r.DeliveryYear - 1} : {RefundMoney.Format(r.AdvanceAmount!.Value)}, "
                + $"déduite du remboursement {r.DeliveryYear} lors de son instruction.";
        else if (alreadyGranted is not null)
            text += $" L'avance de {alreadyGranted.AdvancePercent:0.##} % sur vos livraisons {r.DeliveryYear} vous a déjà été accordée ; elle sera déduite lors de l'instruction.";
        return text;
    }

    internal static void Map(IEndpointRouteBuilder api)
    {
        api.MapPost("/structures/{structureId:long}/refunds", async Task<Created<FiledRefund>> (long structureId, FileRefundRequest request, FileRefundHandler handler, CancellationToken ct) =>
            {
                var filed = await handler.HandleAsync(structureId, request, ct);
                return TypedResults.Created($"/api/v1/structures/{structureId}/refunds/{filed.Id}", filed);
            })
            .RequireAuthorization(Policies.Habilitation(PortalApplication.RemboursementTaxes, HabilitationProfile.Modification))
            .WithMetadata(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(RefundAttachment.MaxRequestBytes))
            .WithSummary("Déposer une demande de remboursement TICPE/TICGN (cadre A21) ; pièces jointes en base64");
        api.MapGet("/structures/{structureId:long}/refunds/offer/{year:int}", async Task<Ok<RefundOffer>> (long structureId, int year, FileRefundHandler handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.OfferAsync(year, ct)))
            .RequireAuthorization(Policies.Habilitation(PortalApplication.RemboursementTaxes, HabilitationProfile.Modification))
            .WithSummary("Taux de l'année de livraison et avance proposée (case « Références »)");
    }
}
