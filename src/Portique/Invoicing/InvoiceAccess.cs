using Microsoft.EntityFrameworkCore;
using Portique.Common;
using Portique.Common.Authorization;
using Portique.Common.Data;
using Portique.Organisation;

namespace Portique.Invoicing;

/// <summary>Which side of an invoice a structure-scoped route speaks for.</summary>
public enum InvoiceSide
{
    /// <summary>Factures émises: the structure is the supplier.</summary>
    Sent,
    /// <summary>Factures reçues: the structure is the recipient.</summary>
    Received,
}

/// <summary>
/// Scopes invoice queries to what the caller may see. The route policy has already checked the habilitation on the
/// structure; here the invoice must belong to that structure on the route's side, and on the received side a member sees
/// only the invoices of the services he is attached to and, when his habilitation names services, of those services (for
/// the profile the action needs). An invoice out of scope is "not found", never "forbidden".
/// </summary>
public sealed class InvoiceAccess(PortiqueDb db, CurrentUser user)
{
    public IQueryable<Invoice> Scope(long structureId, InvoiceSide side, IReadOnlyCollection<long>? services) =>
        side == InvoiceSide.Sent
            ? db.Set<Invoice>().Where(i => i.SupplierStructureId == structureId)
            : services is null
                ? Received().Where(i => i.RecipientStructureId == structureId)
                : Received().Where(i => i.RecipientStructureId == structureId && i.RecipientServiceId != null && services.Contains(i.RecipientServiceId.Value));

    /// <summary>An A9/A12 invoice reaches its public buyer only once its validator has validated it (or let the 15 days pass).</summary>
    private IQueryable<Invoice> Received() =>
        db.Set<Invoice>().Where(i => i.Status != InvoiceStatus.A_VALIDER_1 && i.Status != InvoiceStatus.REFUSEE_1);

    /// <summary>
    /// The services the caller is limited to on the received side for the profile (consultation to read, modification to
    /// process): those he is attached to, met with those his habilitation names; null when it sees the whole structure.
    /// </summary>
    public async Task<IReadOnlyCollection<long>?> ServicesAsync(long structureId, InvoiceSide side, CancellationToken ct,
        HabilitationProfile profile = HabilitationProfile.Consultation)
    {
        if (side == InvoiceSide.Sent || user.IsOperator)
            return null;
        var userId = user.Id;
        var membership = await db.Memberships.AsNoTracking()
            .FirstOrDefaultAsync(m => m.StructureId == structureId && m.UserId == userId && m.IsActive, ct);
        if (membership is null || membership.Role == MemberRole.PrincipalManager)
            return null; // the principal manager sees the whole structure
        IReadOnlyCollection<long>? attached = membership.ServiceIds.Count == 0 ? null : membership.ServiceIds;
        var habilitated = membership.ServicesAllowing(PortalApplication.FacturesRecues, profile);
        return (attached, habilitated) switch
        {
            (null, _) => habilitated,
            (_, null) => attached,
            _ => [.. attached.Intersect(habilitated)],
        };
    }

    public async Task<IQueryable<Invoice>> VisibleAsync(long structureId, InvoiceSide side, CancellationToken ct,
        HabilitationProfile profile = HabilitationProfile.Consultation) =>
        Scope(structureId, side, await ServicesAsync(structureId, side, ct, profile));

    /// <summary>Ids of the flows of that number; on either side, a flow number names invoices whoever deposited them.</summary>
    public IQueryable<long> Flows(string number) =>
        db.Set<Flow>().Where(f => f.Number == number).Select(f => f.Id);

    /// <summary>The invoice, tracked with its history, if the caller may see it from this structure and side.</summary>
    public async Task<Invoice> GetAsync(long structureId, InvoiceSide side, long invoiceId, CancellationToken ct,
        HabilitationProfile profile = HabilitationProfile.Consultation)
    {
        var query = await VisibleAsync(structureId, side, ct, profile);
        return await query.Include(i => i.History).FirstOrDefaultAsync(i => i.Id == invoiceId, ct)
            ?? throw PortiqueException.NotFound("INVOICE_NOT_FOUND", $"La facture {invoiceId} n'existe pas ou n'est pas visible depuis cette structure.");
    }
}
