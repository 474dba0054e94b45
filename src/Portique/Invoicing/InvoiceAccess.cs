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
/// structure; here the invoice must belong to that structure on the route's side, and a member attached to some services
/// only sees the received invoices of those services. An invoice out of scope is "not found", never "forbidden".
/// </summary>
public sealed class InvoiceAccess(PortiqueDb db, CurrentUser user)
{
    public IQueryable<Invoice> Scope(long structureId, InvoiceSide side, IReadOnlyCollection<long>? services) =>
        side == InvoiceSide.Sent
            ? db.Set<Invoice>().Where(i => i.SupplierStructureId == structureId)
            : services is null
                ? db.Set<Invoice>().Where(i => i.RecipientStructureId == structureId)
                : db.Set<Invoice>().Where(i => i.RecipientStructureId == structureId && i.RecipientServiceId != null && services.Contains(i.RecipientServiceId.Value));

    /// <summary>The services the caller is limited to on the received side; null when it sees the whole structure.</summary>
    public async Task<IReadOnlyCollection<long>?> ServicesAsync(long structureId, InvoiceSide side, CancellationToken ct)
    {
        if (side == InvoiceSide.Sent || user.IsOperator)
            return null;
        var membership = await db.Memberships.AsNoTracking()
            .FirstOrDefaultAsync(m => m.StructureId == structureId && m.UserId == user.Id && m.IsActive, ct);
        return membership is null || membership.Role == MemberRole.PrincipalManager || membership.ServiceIds.Count == 0 ? null : membership.ServiceIds;
    }

    public async Task<IQueryable<Invoice>> VisibleAsync(long structureId, InvoiceSide side, CancellationToken ct) =>
        Scope(structureId, side, await ServicesAsync(structureId, side, ct));

    /// <summary>Ids of the flows of that number; on either side, a flow number names invoices whoever deposited them.</summary>
    public IQueryable<long> Flows(string number) =>
        db.Set<Flow>().Where(f => f.Number == number).Select(f => f.Id);

    /// <summary>The invoice, tracked with its history, if the caller may see it from this structure and side.</summary>
    public async Task<Invoice> GetAsync(long structureId, InvoiceSide side, long invoiceId, CancellationToken ct)
    {
        var query = await VisibleAsync(structureId, side, ct);
        return await query.Include(i => i.History).FirstOrDefaultAsync(i => i.Id == invoiceId, ct)
            ?? throw PortiqueException.NotFound("INVOICE_NOT_FOUND", $"La facture {invoiceId} n'existe pas ou n'est pas visible depuis cette structure.");
    }
}
