using Microsoft.EntityFrameworkCore;
using Portique.Common;
using Portique.Common.Data;
using Portique.Invoicing;
using Portique.Organisation;

namespace Portique.Lifecycle;

/// <summary>
/// Finds a portal invoice from one of its sides, as the invoicing API does (<see cref="InvoiceAccess"/>: out of scope is "not
/// found"), with its B2B subject and stored statuses. The sent side speaks for the seller, the received side for the buyer.
/// </summary>
public sealed class LifecycleSides(PortiqueDb db, InvoiceAccess access)
{
    public sealed record Loaded(Invoice Invoice, LifecycleSubject Subject, InvoiceLifecycle Lifecycle);

    public static LifecycleActor ActorOf(InvoiceSide side) => side == InvoiceSide.Sent ? LifecycleActor.Seller : LifecycleActor.Buyer;

    public static string Segment(InvoiceSide side) => side == InvoiceSide.Sent ? "sent" : "received";

    public static PortalApplication ApplicationOf(InvoiceSide side) => side == InvoiceSide.Sent ? PortalApplication.FacturesEmises : PortalApplication.FacturesRecues;

    /// <summary>The invoice, its B2B subject (LIFECYCLE_NOT_B2B otherwise) and its statuses, read without tracking: a change only adds a row.</summary>
    public async Task<Loaded> LoadAsync(long structureId, InvoiceSide side, long invoiceId, HabilitationProfile profile, CancellationToken ct)
    {
        var invoice = await access.GetAsync(structureId, side, invoiceId, ct, profile);
        var structures = await db.Structures.AsNoTracking()
            .Where(s => s.Id == invoice.SupplierStructureId || s.Id == invoice.RecipientStructureId).ToDictionaryAsync(s => s.Id, ct);
        var subject = LifecycleSubject.Of(invoice, structures[invoice.SupplierStructureId], structures[invoice.RecipientStructureId])
            ?? throw PortiqueException.Conflict("LIFECYCLE_NOT_B2B",
                $"La facture {invoice.Number} n'est pas une facture entre entreprises françaises (B2B) : ses statuts sont ceux de Chorus Pro, sans statut de cycle de vie de la réforme.");
        var statuses = await db.Set<LifecycleStatus>().AsNoTracking().Where(s => s.InvoiceId == invoice.Id).ToListAsync(ct);
        return new Loaded(invoice, subject, new InvoiceLifecycle(statuses));
    }
}
