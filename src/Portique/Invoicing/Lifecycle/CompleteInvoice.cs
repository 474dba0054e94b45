using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Portique.Common;
using Portique.Common.Authorization;
using Portique.Common.Data;
using Portique.Organisation;

namespace Portique.Invoicing.Lifecycle;

/// <summary>A document sent in JSON: its name and its content in base64.</summary>
public sealed record AttachmentUpload(string Nom, string Contenu)
{
    public byte[] Bytes()
    {
        try
        {
            return Convert.FromBase64String(Contenu ?? "");
        }
        catch (FormatException)
        {
            throw new PortiqueException("ATTACHMENT_BASE64_INVALID", $"La pièce jointe « {Nom} » n'est pas encodée en base64.");
        }
    }
}

/// <summary>completer: the supplier answers a suspension with a comment and supporting documents (base64).</summary>
public sealed record CompleteInvoiceRequest(string? Commentaire, IReadOnlyList<AttachmentUpload>? PiecesJointes = null);

/// <summary>The supplier completes a suspended invoice (Factures émises modification on the supplier structure).</summary>
public sealed class CompleteInvoiceHandler(PortiqueDb db, InvoiceAccess access, InvoiceNotifier notifier, CurrentUser user, TimeProvider clock)
{
    public async Task<InvoiceStatusChanged> HandleAsync(long structureId, long invoiceId, CompleteInvoiceRequest request, CancellationToken ct)
    {
        var invoice = await access.GetAsync(structureId, InvoiceSide.Sent, invoiceId, ct);
        var now = clock.GetUtcNow();
        var attachments = (request.PiecesJointes ?? []).Select(a => InvoiceAttachment.Create(invoice.Id, a.Nom, a.Bytes(), now)).ToList();
        invoice.Change(InvoiceStatus.COMPLETEE, InvoiceActor.Supplier, user.Id, now, request.Commentaire);
        db.AddRange(attachments);
        await notifier.NotifyAsync(invoice, ct);
        await db.SaveChangesAsync(ct);
        return new InvoiceStatusChanged(invoice.Id, invoice.Number, invoice.Status, now);
    }

    internal static void Map(IEndpointRouteBuilder api) =>
        api.MapPost("/structures/{structureId:long}/invoices/sent/{invoiceId:long}/complete",
                async Task<Ok<InvoiceStatusChanged>> (long structureId, long invoiceId, CompleteInvoiceRequest request, CompleteInvoiceHandler handler, CancellationToken ct) =>
                    TypedResults.Ok(await handler.HandleAsync(structureId, invoiceId, request, ct)))
            .RequireAuthorization(Policies.Habilitation(PortalApplication.FacturesEmises, HabilitationProfile.Modification))
            .WithSummary("Compléter une facture suspendue (pièces jointes)");
}
