using Microsoft.EntityFrameworkCore;
using Portique.Common.Data;
using Portique.Common.Mail;
using Portique.Organisation;

namespace Portique.Invoicing;

/// <summary>
/// E-mails a status change to every user who can see the invoice (Factures émises on the supplier, Factures reçues on the
/// recipient, within their services) and has "Notification Facturation" on. One message per change and user, made
/// idempotent by a deduplication key built from the invoice and the history entry that records the change.
/// </summary>
public sealed class InvoiceNotifier(PortiqueDb db, Outbox outbox)
{
    /// <summary>Call once the invoice has its id and the change its history entry, in the transaction of the change.</summary>
    public async Task NotifyAsync(Invoice invoice, CancellationToken ct)
    {
        var memberships = await db.Memberships.AsNoTracking()
            .Where(m => m.IsActive && (m.StructureId == invoice.SupplierStructureId || m.StructureId == invoice.RecipientStructureId))
            .ToListAsync(ct);
        var readers = memberships
            .Where(m => (m.StructureId == invoice.SupplierStructureId && m.Allows(PortalApplication.FacturesEmises, HabilitationProfile.Consultation))
                || (m.StructureId == invoice.RecipientStructureId && m.Allows(PortalApplication.FacturesRecues, HabilitationProfile.Consultation)
                    && (m.Role == MemberRole.PrincipalManager || m.ServiceIds.Count == 0
                        || (invoice.RecipientServiceId is { } service && m.ServiceIds.Contains(service)))))
            .Select(m => m.UserId)
            .Distinct()
            .ToList();
        if (readers.Count == 0)
            return;
        var users = await db.Users.AsNoTracking()
            .Where(u => readers.Contains(u.Id) && u.NotifyInvoicing && !u.IsDeactivated && u.EmailConfirmed)
            .ToListAsync(ct);
        var change = invoice.History.Count;
        foreach (var user in users)
        {
            outbox.Enqueue(user.NotificationAddress,
                $"Facture {invoice.Number} : {invoice.Status.Label()}",
                $"""
                Bonjour {user.DisplayName},

                La facture {invoice.Number} de {invoice.SupplierName} à {invoice.RecipientName} est passée au statut « {invoice.Status.Label()} ».

                Pour la consulter : {outbox.Link("/")}
                """,
                $"invoice:{invoice.Id}:{change}:{user.Id}");
        }
    }
}
