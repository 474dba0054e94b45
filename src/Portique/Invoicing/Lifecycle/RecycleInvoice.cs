using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Portique.Common.Authorization;
using Portique.Common.Data;
using Portique.Organisation;

namespace Portique.Invoicing.Lifecycle;

/// <summary>recycler: the new recipient (its identifier, e.g. SIRET), service and commitment number; the invoice keeps its number.</summary>
public sealed record RecycleInvoiceRequest(string CodeDestinataire, string? CodeServiceExecutant = null, string? NumeroEngagement = null, string? Commentaire = null);

/// <summary>The supplier sends an invoice to recycle to the right recipient; it is checked as a deposit would be, then routed again.</summary>
public sealed class RecycleInvoiceHandler(PortiqueDb db, InvoiceAccess access, InvoiceNotifier notifier, CurrentUser user, TimeProvider clock)
{
    public async Task<InvoiceStatusChanged> HandleAsync(long structureId, long invoiceId, RecycleInvoiceRequest request, CancellationToken ct)
    {
        var invoice = await access.GetAsync(structureId, InvoiceSide.Sent, invoiceId, ct);
        var now = clock.GetUtcNow();
        var code = (request.CodeDestinataire ?? "").Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant();
        var structure = await db.Structures.Include(s => s.Services).FirstOrDefaultAsync(s => s.Identifier == code, ct);
        var recipient = RecipientCheck.Check(structure, request.CodeServiceExecutant, request.NumeroEngagement ?? invoice.CommitmentNumber,
            DateOnly.FromDateTime(now.UtcDateTime));
        invoice.Recycle(recipient.Structure.Id, recipient.Structure.Name, recipient.Service?.Id, request.NumeroEngagement, user.Id, now, request.Commentaire);
        await notifier.NotifyAsync(invoice, ct);
        await db.SaveChangesAsync(ct);
        return new InvoiceStatusChanged(invoice.Id, invoice.Number, invoice.Status, now);
    }

    internal static void Map(IEndpointRouteBuilder api) =>
        api.MapPost("/structures/{structureId:long}/invoices/sent/{invoiceId:long}/recycle",
                async Task<Ok<InvoiceStatusChanged>> (long structureId, long invoiceId, RecycleInvoiceRequest request, RecycleInvoiceHandler handler, CancellationToken ct) =>
                    TypedResults.Ok(await handler.HandleAsync(structureId, invoiceId, request, ct)))
            .RequireAuthorization(Policies.Habilitation(PortalApplication.FacturesEmises, HabilitationProfile.Modification))
            .WithSummary("Recycler une facture vers un autre destinataire ou service (même numéro)");
}
