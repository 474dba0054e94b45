using Microsoft.EntityFrameworkCore;
using Portique.Common.Data;
using Portique.Cpro.Common;
using Portique.Cpro.Transverses;
using Portique.Invoicing;
using Portique.Invoicing.Search;

namespace Portique.Cpro.Factures;

/// <summary>
/// The items of the invoice searches in Chorus Pro's names (chorus-pro.md §1.4): the portal's search row, completed for the
/// page's invoices only — parties' identifiers, services, flow numbers, file sizes, the current status's comment — with a
/// few small look-ups by id, so the search itself keeps its index-served plan.
/// </summary>
internal static class InvoiceRows
{
    public sealed record Facts(
        IReadOnlyDictionary<long, (string Identifier, string Type)> Structures,
        IReadOnlyDictionary<long, (string Code, string Name)> Services,
        IReadOnlyDictionary<long, string> Flows,
        IReadOnlyDictionary<long, long> Sizes,
        IReadOnlyDictionary<long, string?> Comments);

    public static async Task<Facts> LoadAsync(PortiqueDb db, IReadOnlyList<InvoiceSummary> items, CancellationToken ct)
    {
        if (items.Count == 0)
            return new Facts(new Dictionary<long, (string, string)>(), new Dictionary<long, (string, string)>(), new Dictionary<long, string>(),
                new Dictionary<long, long>(), new Dictionary<long, string?>());
        var invoiceIds = items.Select(i => i.IdentifiantFactureCpp).ToList();
        var structureIds = items.SelectMany(i => new[] { i.IdFournisseur, i.IdDestinataire }).Distinct().ToList();
        var serviceIds = items.Select(i => i.IdServiceExecutant).OfType<long>().Distinct().ToList();
        var flowIds = items.Select(i => i.IdFlux).OfType<long>().Distinct().ToList();
        var structures = await db.Structures.AsNoTracking().Where(s => structureIds.Contains(s.Id))
            .Select(s => new { s.Id, s.Identifier, s.IdentifierType }).ToDictionaryAsync(s => s.Id, s => (s.Identifier, s.IdentifierType.ToString()), ct);
        var services = await db.Services.AsNoTracking().Where(s => serviceIds.Contains(s.Id))
            .Select(s => new { s.Id, s.Code, s.Name }).ToDictionaryAsync(s => s.Id, s => (s.Code, s.Name), ct);
        var flows = await db.Set<Flow>().AsNoTracking().Where(f => flowIds.Contains(f.Id)).Select(f => new { f.Id, f.Number })
            .ToDictionaryAsync(f => f.Id, f => f.Number, ct);
        var sizes = await db.Set<InvoiceOriginal>().AsNoTracking().Where(o => invoiceIds.Contains(o.InvoiceId))
            .Select(o => new { o.InvoiceId, Size = (long)o.Content.Length }).ToDictionaryAsync(o => o.InvoiceId, o => o.Size, ct);
        // The comment of the current status is the last history line's (a reason of rejection, of suspension…).
        var history = await db.Set<InvoiceHistoryEntry>().AsNoTracking().Where(h => invoiceIds.Contains(h.InvoiceId))
            .Select(h => new { h.Id, h.InvoiceId, h.Comment }).ToListAsync(ct);
        var comments = history.GroupBy(h => h.InvoiceId).ToDictionary(g => g.Key, g => g.MaxBy(h => h.Id)!.Comment);
        return new Facts(structures, services, flows, sizes, comments);
    }

    /// <summary>
    /// One item of listeFactures. A recipient's items also carry idFacture (the id traiter/recue takes); numeroMarche and
    /// numeroFactureOrigine are not in the search row (consulter has them).
    /// </summary>
    public static Dictionary<string, object?> Item(InvoiceSummary i, Facts f, bool received)
    {
        var supplier = f.Structures.GetValueOrDefault(i.IdFournisseur);
        var recipient = f.Structures.GetValueOrDefault(i.IdDestinataire);
        (string Code, string Name)? service = i.IdServiceExecutant is { } sid && f.Services.TryGetValue(sid, out var found) ? found : null;
        var item = new Dictionary<string, object?>();
        if (received)
            item["idFacture"] = i.IdentifiantFactureCpp;
        item["identifiantFactureCPP"] = i.IdentifiantFactureCpp;
        item["numeroFacture"] = i.NumeroFacture;
        item["typeDemandePaiement"] = PaymentRequestTypes.Invoice;
        item["typeFacture"] = i.TypeFacture;
        item["cadreFacturation"] = ReferenceLists.CadreName(i.Cadre);
        item["statut"] = i.Statut.ToString();
        item["commentaireEtatCourant"] = f.Comments.GetValueOrDefault(i.IdentifiantFactureCpp);
        item["dateDepot"] = CproAnswer.Day(DateOnly.FromDateTime(i.DateDepot.UtcDateTime));
        item["dateFacture"] = CproAnswer.Day(i.DateFacture);
        item["dateHeureEtatCourant"] = CproAnswer.Stamp(i.DateHeureEtatCourant);
        item["montantHT"] = i.MontantHt;
        item["montantTTC"] = i.MontantTtc;
        item["montantAPayer"] = i.MontantAPayer;
        item["devise"] = i.Devise;
        item["idFournisseur"] = i.IdFournisseur;
        item["codeFournisseur"] = supplier.Identifier;
        item["typeIdentifiantFournisseur"] = supplier.Type;
        item["designationFournisseur"] = i.NomFournisseur;
        item["idDestinataire"] = i.IdDestinataire;
        item["codeDestinataire"] = recipient.Identifier;
        item["typeIdentifiantDestinataire"] = recipient.Type;
        item["designationDestinataire"] = i.NomDestinataire;
        item["idServiceExecutant"] = i.IdServiceExecutant;
        item["codeServiceExecutant"] = service?.Code;
        item["nomServiceExecutant"] = service?.Name;
        item["numeroBonCommande"] = i.NumeroBonCommande;
        item["numeroFluxDepot"] = i.IdFlux is { } flow ? f.Flows.GetValueOrDefault(flow) : null;
        item["modeDepot"] = i.ModeDepot;
        item["rejetTraite"] = i.RejetTraite;
        item["taille"] = f.Sizes.GetValueOrDefault(i.IdentifiantFactureCpp);
        return item;
    }
}
