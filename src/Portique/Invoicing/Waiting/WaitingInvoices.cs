using Microsoft.EntityFrameworkCore;
using Portique.Common.Authorization;
using Portique.Common.Data;
using Portique.Organisation;

namespace Portique.Invoicing.Waiting;

/// <summary>One structure's invoices waiting for the signed-in user: received ones to process, sent ones to correct.</summary>
public sealed record WaitingInvoices(long StructureId, string StructureName, int ToProcess, int ToCorrect);

/// <summary>
/// What the home page says is waiting: per structure where the user may act, the received invoices made available or
/// completed (to process, within the services he sees) and the sent invoices suspended or to recycle (to correct).
/// </summary>
public sealed class WaitingInvoicesHandler(PortiqueDb db, CurrentUser user, InvoiceAccess access)
{
    private static readonly InvoiceStatus[] ToProcess = [InvoiceStatus.MISE_A_DISPOSITION, InvoiceStatus.COMPLETEE];
    private static readonly InvoiceStatus[] ToCorrect = [InvoiceStatus.SUSPENDUE, InvoiceStatus.A_RECYCLER];

    public async Task<IReadOnlyList<WaitingInvoices>> HandleAsync(CancellationToken ct)
    {
        var userId = user.Id;
        var memberships = await db.Memberships.AsNoTracking().Where(m => m.UserId == userId && m.IsActive).ToListAsync(ct);
        var names = await db.Structures.AsNoTracking().Where(s => memberships.Select(m => m.StructureId).Contains(s.Id))
            .Select(s => new { s.Id, s.Name }).ToDictionaryAsync(s => s.Id, s => s.Name, ct);
        var waiting = new List<WaitingInvoices>();
        // Two counts per structure: bounded, a member of very many structures sees the first fifty here and the rest in Factures.
        foreach (var m in memberships.OrderBy(m => names.GetValueOrDefault(m.StructureId)).Take(50))
        {
            var process = 0;
            if (m.AllowsSomewhere(PortalApplication.FacturesRecues, HabilitationProfile.Modification))
            {
                var received = await access.VisibleAsync(m.StructureId, InvoiceSide.Received, ct, HabilitationProfile.Modification);
                process = await received.CountAsync(i => ToProcess.Contains(i.Status), ct);
            }
            var correct = m.Allows(PortalApplication.FacturesEmises, HabilitationProfile.Modification)
                ? await access.Scope(m.StructureId, InvoiceSide.Sent, null).CountAsync(i => ToCorrect.Contains(i.Status), ct)
                : 0;
            if (process + correct > 0)
                waiting.Add(new WaitingInvoices(m.StructureId, names.GetValueOrDefault(m.StructureId) ?? "", process, correct));
        }
        return waiting;
    }
}
