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
    public Task NotifyAsync(Invoice invoice, CancellationToken ct) => NotifyAsync([invoice], ct);

    /// <summary>As for one invoice, with the memberships and users of all of them read in two queries (a deposit batch).</summary>
    public async Task NotifyAsync(IReadOnlyCollection<Invoice> invoices, CancellationToken ct)
    {
        if (invoices.Count == 0)
            return;
        var structureIds = invoices.SelectMany(i => new[] { i.SupplierStructureId, i.RecipientStructureId }).Distinct().ToList();
        var memberships = await db.Memberships.AsNoTracking()
            .Where(m => m.IsActive && structureIds.Contains(m.StructureId))
            .ToListAsync(ct);
        var readers = invoices.Select(i => (Invoice: i, Readers: Readers(i, memberships))).Where(r => r.Readers.Count > 0).ToList();
        var readerIds = readers.SelectMany(r => r.Readers.Keys).Distinct().ToList();
        if (readerIds.Count == 0)
            return;
        var users = await db.Users.AsNoTracking()
            .Where(u => readerIds.Contains(u.Id) && u.NotifyInvoicing && !u.IsDeactivated && u.EmailConfirmed)
            .ToDictionaryAsync(u => u.Id, ct);
        foreach (var (invoice, ids) in readers)
        {
            var change = invoice.History.Count;
            foreach (var (id, path) in ids)
            {
                if (!users.TryGetValue(id, out var user))
                    continue;
                outbox.Enqueue(user.NotificationAddress,
                    $"Facture {invoice.Number} : {invoice.Status.Label()}",
                    $"""
                    Bonjour {user.DisplayName},

                    La facture {invoice.Number} de {invoice.SupplierName} à {invoice.RecipientName} est passée au statut « {invoice.Status.Label()} ».

                    Pour la consulter : {outbox.Link(path)}
                    """,
                    $"invoice:{invoice.Id}:{change}:{user.Id}");
            }
        }
    }

    /// <summary>Each reader with the page of the invoice he sees (received side first, for a member of both structures).</summary>
    private static Dictionary<long, string> Readers(Invoice invoice, List<Membership> memberships)
    {
        var readers = new Dictionary<long, string>();
        foreach (var m in memberships.Where(m => m.StructureId == invoice.RecipientStructureId
            && m.Allows(PortalApplication.FacturesRecues, HabilitationProfile.Consultation, invoice.RecipientServiceId)
            && (m.Role == MemberRole.PrincipalManager || m.ServiceIds.Count == 0 || (invoice.RecipientServiceId is { } service && m.ServiceIds.Contains(service)))))
            readers.TryAdd(m.UserId, $"/Invoicing/{invoice.RecipientStructureId}/Received/{invoice.Id}");
        foreach (var m in memberships.Where(m => m.StructureId == invoice.SupplierStructureId && m.Allows(PortalApplication.FacturesEmises, HabilitationProfile.Consultation)))
            readers.TryAdd(m.UserId, $"/Invoicing/{invoice.SupplierStructureId}/Sent/{invoice.Id}");
        return readers;
    }
}
