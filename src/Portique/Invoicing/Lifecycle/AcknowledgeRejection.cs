using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Portique.Common;
using Portique.Common.Authorization;
using Portique.Common.Data;
using Portique.Organisation;

namespace Portique.Invoicing.Lifecycle;

/// <summary>traiterRejet: the rejected invoices whose rejection the supplier has dealt with, and why (kept in their history).</summary>
public sealed record AcknowledgeRejectionRequest(IReadOnlyList<long>? Ids, string? Motif = null, string? Complement = null);

public sealed record RejectionsAcknowledged(IReadOnlyList<long> Ids, DateTimeOffset DateTraitement);

/// <summary>
/// The supplier marks rejected invoices as handled (rejetTraite, Factures émises modification). All or nothing: one invoice
/// that is not visible or not rejected refuses the whole call and changes none.
/// </summary>
public sealed class AcknowledgeRejectionHandler(PortiqueDb db, InvoiceAccess access, CurrentUser user, TimeProvider clock)
{
    public const int MaxInvoices = 200;

    public async Task<RejectionsAcknowledged> HandleAsync(long structureId, AcknowledgeRejectionRequest request, CancellationToken ct)
    {
        var ids = (request.Ids ?? []).Distinct().ToList();
        if (ids.Count == 0 || ids.Count > MaxInvoices)
            throw new PortiqueException("REJECTION_SELECTION_INVALID", $"Indiquez entre 1 et {MaxInvoices} factures rejetées.");
        var comment = string.Join(" — ", new[] { request.Motif, request.Complement }.Where(s => !string.IsNullOrWhiteSpace(s)).Select(s => s!.Trim()));
        var visible = await access.VisibleAsync(structureId, InvoiceSide.Sent, ct, HabilitationProfile.Modification);
        var invoices = await visible.Include(i => i.History).Where(i => ids.Contains(i.Id)).ToListAsync(ct);
        if (invoices.Count != ids.Count)
            throw PortiqueException.NotFound("INVOICE_NOT_FOUND", "Une des factures indiquées n'existe pas ou n'est pas visible depuis cette structure.");
        var now = clock.GetUtcNow();
        foreach (var invoice in invoices)
            invoice.AcknowledgeRejection(user.Id, now, comment);
        await db.SaveChangesAsync(ct);
        return new RejectionsAcknowledged(ids, now);
    }

    internal static void Map(IEndpointRouteBuilder api) =>
        api.MapPost("/structures/{structureId:long}/invoices/sent/rejections-handled",
                async Task<Ok<RejectionsAcknowledged>> (long structureId, AcknowledgeRejectionRequest request, AcknowledgeRejectionHandler handler, CancellationToken ct) =>
                    TypedResults.Ok(await handler.HandleAsync(structureId, request, ct)))
            .RequireAuthorization(Policies.Habilitation(PortalApplication.FacturesEmises, HabilitationProfile.Modification))
            .WithSummary("Indiquer que le rejet de factures rejetées a été traité (rejetTraite)");
}
