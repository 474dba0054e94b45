using Microsoft.EntityFrameworkCore;
using Portique.Common.Data;
using Portique.Common.Mail;
using Portique.Organisation;

namespace Portique.Refunds;

/// <summary>
/// E-mails about a request go to the beneficiary's users who may see it (Remboursement de taxes, or principal manager)
/// and have "Notification Facturation" on. Queued in the caller's transaction, one key per request, status and user.
/// </summary>
internal static class RefundNotifications
{
    public static async Task EnqueueAsync(PortiqueDb db, Outbox outbox, RefundRequest request, string subject, string text, CancellationToken ct)
    {
        var memberships = await db.Memberships.AsNoTracking().Where(m => m.StructureId == request.StructureId && m.IsActive).ToListAsync(ct);
        var ids = memberships.Where(m => m.Allows(PortalApplication.RemboursementTaxes, HabilitationProfile.Consultation)).Select(m => m.UserId).ToList();
        var users = await db.Users.AsNoTracking()
            .Where(u => ids.Contains(u.Id) && u.NotifyInvoicing && u.EmailConfirmed && !u.IsDeactivated)
            .ToListAsync(ct);
        var link = outbox.Link($"/Refunds/{request.StructureId}/{request.Id}");
        var body = $"{text}\n\nConsulter la demande : {link}\n\n"
            + "Vous recevez ce message parce que « Notification Facturation » est activée dans Mon compte.";
        foreach (var u in users)
            outbox.Enqueue(u.NotificationAddress, subject, body, $"refund:{request.Id}:{RefundStatuses.Code(request.Status)}:user:{u.Id}");
    }
}
