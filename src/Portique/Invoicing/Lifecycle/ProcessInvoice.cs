using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Portique.Common;
using Portique.Common.Authorization;
using Portique.Common.Data;
using Portique.Organisation;

namespace Portique.Invoicing.Lifecycle;

/// <summary>traiter/recue: the recipient's new status, with the reason (SUSPENDUE, REJETEE) or mandate number (MANDATEE).</summary>
public sealed record ProcessInvoiceRequest(InvoiceStatus NouveauStatut, string? Motif = null, string? NumeroDPMandat = null);

public sealed record InvoiceStatusChanged(long IdentifiantFactureCpp, string NumeroFacture, InvoiceStatus NouveauStatut, DateTimeOffset DateTraitement);

/// <summary>The recipient processes a received invoice (Factures reçues modification on the recipient structure).</summary>
public sealed class ProcessInvoiceHandler(PortiqueDb db, InvoiceAccess access, InvoiceNotifier notifier, CurrentUser user, TimeProvider clock)
{
    public async Task<InvoiceStatusChanged> HandleAsync(long structureId, long invoiceId, ProcessInvoiceRequest request, CancellationToken ct)
    {
        var invoice = await access.GetAsync(structureId, InvoiceSide.Received, invoiceId, ct, HabilitationProfile.Modification);
        var now = clock.GetUtcNow();
        invoice.Change(request.NouveauStatut, InvoiceActor.Recipient, user.Id, now, request.Motif, request.NumeroDPMandat);
        await notifier.NotifyAsync(invoice, ct);
        await db.SaveChangesAsync(ct);
        return new InvoiceStatusChanged(invoice.Id, invoice.Number, invoice.Status, now);
    }

    internal static void Map(IEndpointRouteBuilder api) =>
        api.MapPost("/structures/{structureId:long}/invoices/received/{invoiceId:long}/status",
                async Task<Ok<InvoiceStatusChanged>> (long structureId, long invoiceId, ProcessInvoiceRequest request, ProcessInvoiceHandler handler, CancellationToken ct) =>
                    TypedResults.Ok(await handler.HandleAsync(structureId, invoiceId, request, ct)))
            .RequireAuthorization(Policies.Habilitation(PortalApplication.FacturesRecues, HabilitationProfile.Modification))
            .WithSummary("Traiter une facture reçue (service fait, mandatée, suspendue, rejetée…)");
}
