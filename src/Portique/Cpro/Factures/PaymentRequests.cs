using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Portique.Common;
using Portique.Common.Data;
using Portique.Cpro.Common;
using Portique.Cpro.Transverses;
using Portique.Invoicing;
using Portique.Invoicing.Lifecycle;
using Portique.Invoicing.Search;
using Portique.Organisation;
using Portique.Refunds;
using Portique.Refunds.ListRefunds;

namespace Portique.Cpro.Factures;

/// <summary>
/// factures/v1/rechercher/demandePaiement — the payment requests of the caller's structure, of one type per search (FACTURE by
/// default: its invoices, sent and received; DEMANDE_REMBOURSEMENT: its TICPE/TICGN refund requests) — and factures/v1/
/// traiterRejet, the supplier's acknowledgement of rejected invoices (rejetTraite).
/// </summary>
internal static class PaymentRequests
{
    internal static void Map(IEndpointRouteBuilder cpro)
    {
        cpro.MapPost("/factures/v1/rechercher/demandePaiement", SearchAsync).WithSummary("Rechercher des demandes de paiement (factures émises et reçues, remboursements TIC)");
        cpro.MapPost("/factures/v1/traiterRejet", AcknowledgeAsync).WithSummary("Indiquer que le rejet de factures rejetées a été traité");
    }

    /// <summary>
    /// structureFournisseur / structureDestinataire (by id, or identifier and type) and roleUtilisateur choose the side: the
    /// caller's structure as supplier (sent), as recipient (received), or both. Archived requests (dpOuDpArchive DP_ARCHIVE)
    /// do not exist in Portique, nor works invoices or mémoires: those searches answer an empty list.
    /// </summary>
    private static async Task<IResult> SearchAsync(HttpContext http, SearchInvoicesHandler handler, ListRefundsHandler refunds, PortiqueDb db, CancellationToken ct)
    {
        var body = await CproBody.ReadAsync(http.Request, ct);
        var structureId = CproAnswer.StructureId(http);
        body.Unsupported("idServiceMoa", "idServiceMoe", "structureMoa", "structureMoe", "structureValideur");
        var type = body.String("typeDemandePaiement")?.ToUpperInvariant() ?? PaymentRequestTypes.Invoice;
        if (!PaymentRequestTypes.All.Contains(type))
            throw new PortiqueException("FIELD_INVALID", $"« typeDemandePaiement » doit être l'un de {string.Join(", ", PaymentRequestTypes.All)} : « {type} ».");
        var archive = string.Equals(body.String("dpOuDpArchive"), "DP_ARCHIVE", StringComparison.OrdinalIgnoreCase);
        var supplier = await StructureAsync(db, body, "Fournisseur", ct);
        var recipient = await StructureAsync(db, body, "Destinataire", ct);
        var sides = Sides(structureId, body.String("roleUtilisateur"), supplier, recipient);
        var (page, size, _, _) = body.Paging();

        List<Dictionary<string, object?>> items;
        int total;
        if (type == PaymentRequestTypes.Invoice && !archive && sides.Count > 0 && InvoiceFilters.CanMatchInvoices(body))
        {
            var search = InvoiceFilters.Read(body, side: null);
            var other = sides.Count == 2 ? null : sides[0] == InvoiceSide.Sent ? recipient : supplier;
            var services = body.Long("idServiceDestinataire") is { } service ? new[] { service } : search.Services;
            var result = await handler.HandleAsync(structureId, sides, search with { Contreparties = other is { } o ? new[] { o } : null, Services = services }, ct);
            var facts = await InvoiceRows.LoadAsync(db, result.Items, ct);
            total = result.Total;
            items = [.. result.Items.Select(i => InvoiceItem(InvoiceRows.Item(i, facts, received: false), result.Total))];
        }
        else if (type == PaymentRequestTypes.Refund && !archive && sides.Contains(InvoiceSide.Sent) && recipient is null)
        {
            (items, total) = await RefundItemsAsync(refunds, db, body, structureId, page, size, ct);
        }
        else
        {
            (items, total) = ([], 0);
        }
        var answer = CproAnswer.Ok(("listeDemandePaiement", items));
        answer["parametresRetour"] = CproAnswer.Paging(page, size, total);
        return CproAnswer.Json(answer);
    }

    /// <summary>
    /// Which sides the search covers. A structure named as supplier or recipient that is not the caller's makes the caller's
    /// the other party; naming neither, or the caller's on both, covers both; MOE, MOA and validator roles are not built.
    /// </summary>
    private static List<InvoiceSide> Sides(long own, string? role, long? supplier, long? recipient)
    {
        var sides = (role?.ToUpperInvariant()) switch
        {
            null => [InvoiceSide.Sent, InvoiceSide.Received],
            "FOURNISSEUR" => [InvoiceSide.Sent],
            "DESTINATAIRE" => new List<InvoiceSide> { InvoiceSide.Received },
            "MOE" or "MOA" or "VALIDATEUR" => [],
            _ => throw new PortiqueException("FIELD_INVALID", $"« roleUtilisateur » doit être FOURNISSEUR, DESTINATAIRE, MOE, MOA ou VALIDATEUR : « {role} »."),
        };
        if (supplier is { } s && s != own)
            sides.Remove(InvoiceSide.Sent);
        if (recipient is { } r && r != own)
            sides.Remove(InvoiceSide.Received);
        if (supplier is { } s2 && recipient is { } r2 && s2 != own && r2 != own)
            sides.Clear();
        return sides;
    }

    /// <summary>
    /// structure{Fournisseur,Destinataire}: {idStructure…} or {identifiantStructure…, typeIdentifiantStructure…}; an identifier
    /// that names no structure matches nothing (-1, never an id).
    /// </summary>
    private static async Task<long?> StructureAsync(PortiqueDb db, CproBody body, string role, CancellationToken ct)
    {
        if (body.Field($"structure{role}") is not JsonObject holder)
            return null;
        var criteria = new CproBody(holder);
        if ((criteria.Long($"idStructure{role}") ?? criteria.Long("idStructure")) is { } id)
            return id;
        if ((criteria.String($"identifiantStructure{role}") ?? criteria.String("identifiantStructure")) is not { } identifier)
            return null;
        var kind = CproBody.Enum<IdentifierType>(criteria.String($"typeIdentifiantStructure{role}") ?? criteria.String("typeIdentifiantStructure"), "typeIdentifiantStructure");
        var key = StructureIdentifier.Canonical(kind, identifier);
        var query = db.Structures.AsNoTracking().Where(s => s.Identifier == key);
        if (kind is { } k)
            query = query.Where(s => s.IdentifierType == k);
        return await query.Select(s => (long?)s.Id).FirstOrDefaultAsync(ct) ?? -1;
    }

    /// <summary>A search row in the names of rechercher/demandePaiement (go-choruspro's DemandePaiement).</summary>
    private static Dictionary<string, object?> InvoiceItem(Dictionary<string, object?> row, int total) => new()
    {
        ["idDemandePaiement"] = row["identifiantFactureCPP"],
        ["numeroDemandePaiement"] = row["numeroFacture"],
        ["typeDemandePaiement"] = PaymentRequestTypes.Invoice,
        ["typeFacture"] = row["typeFacture"],
        ["typeFactureTravaux"] = null,
        ["cadreFacturation"] = row["cadreFacturation"],
        ["etatCourant"] = row["statut"],
        ["commentaireEtatCourant"] = row["commentaireEtatCourant"],
        ["dpOuDpArchive"] = "DEMANDE_PAIEMENT",
        ["dateDepot"] = row["dateDepot"],
        ["dateFournisseur"] = row["dateFacture"],
        ["dateHeureEtatCourant"] = row["dateHeureEtatCourant"],
        ["idStructureFournisseur"] = row["idFournisseur"],
        ["identifiantStructureFournisseur"] = row["codeFournisseur"],
        ["idServiceFournisseur"] = null,
        ["idStructureDestinataire"] = row["idDestinataire"],
        ["identifiantStructureDestinataire"] = row["codeDestinataire"],
        ["idServiceDestinataire"] = row["idServiceExecutant"],
        ["codeServiceDestinataire"] = row["codeServiceExecutant"],
        ["nomServiceDestinataire"] = row["nomServiceExecutant"],
        ["montantHT"] = row["montantHT"],
        ["montantTTC"] = row["montantTTC"],
        ["montantAPayer"] = row["montantAPayer"],
        ["numeroBonCommande"] = row["numeroBonCommande"],
        ["numeroFluxDepot"] = row["numeroFluxDepot"],
        ["nombreResultatTotal"] = total.ToString(CultureInfo.InvariantCulture),
    };

    /// <summary>
    /// The structure's refund requests (cadre A21): at most one per delivery year, so they are filtered and paged in memory;
    /// statutCourant takes their statuses (DEPOSEE … MISE_EN_PAIEMENT), periodeDateDepot their filing day.
    /// </summary>
    private static async Task<(List<Dictionary<string, object?>> Items, int Total)> RefundItemsAsync(ListRefundsHandler refunds, PortiqueDb db, CproBody body,
        long structureId, int page, int size, CancellationToken ct)
    {
        var statuses = body.Strings("statutCourant", "statut").Select(s => RefundStatuses.Parse(s)!.Value).ToHashSet();
        var period = body.Field("periodeDateDepot") as JsonObject;
        var from = CproBody.Date(period?["du"] ?? period?["Du"] ?? body.Field("periodeDateDepotDu"), "periodeDateDepotDu");
        var to = CproBody.Date(period?["au"] ?? period?["Au"] ?? body.Field("periodeDateDepotAu"), "periodeDateDepotAu");
        var identifier = await db.Structures.AsNoTracking().Where(s => s.Id == structureId).Select(s => s.Identifier).FirstAsync(ct);
        var all = (await refunds.HandleAsync(structureId, ct))
            .Where(r => statuses.Count == 0 || statuses.Contains(r.Status))
            .Where(r => from is null || DateOnly.FromDateTime(r.DepositedAt.UtcDateTime) >= from)
            .Where(r => to is null || DateOnly.FromDateTime(r.DepositedAt.UtcDateTime) <= to)
            .ToList();
        var items = all.Skip((page - 1) * size).Take(size).Select(r => new Dictionary<string, object?>
        {
            ["idDemandePaiement"] = r.Id,
            ["numeroDemandePaiement"] = r.Id.ToString(CultureInfo.InvariantCulture),
            ["typeDemandePaiement"] = PaymentRequestTypes.Refund,
            ["typeFacture"] = null,
            ["typeFactureTravaux"] = null,
            ["cadreFacturation"] = "A21_DEMANDE_REMBOURSEMENT_TIC",
            ["etatCourant"] = RefundStatuses.Code(r.Status),
            ["commentaireEtatCourant"] = null,
            ["dpOuDpArchive"] = "DEMANDE_PAIEMENT",
            ["dateDepot"] = CproAnswer.Day(DateOnly.FromDateTime(r.DepositedAt.UtcDateTime)),
            ["dateFournisseur"] = null,
            ["dateHeureEtatCourant"] = null,
            ["idStructureFournisseur"] = structureId,
            ["identifiantStructureFournisseur"] = identifier,
            ["idServiceFournisseur"] = null,
            ["idStructureDestinataire"] = null,
            ["identifiantStructureDestinataire"] = null,
            ["idServiceDestinataire"] = null,
            ["codeServiceDestinataire"] = null,
            ["nomServiceDestinataire"] = null,
            ["montantHT"] = r.Total,
            ["montantTTC"] = r.Total,
            ["montantAPayer"] = r.Balance ?? r.Total,
            ["numeroBonCommande"] = null,
            ["numeroFluxDepot"] = null,
            ["nombreResultatTotal"] = all.Count.ToString(CultureInfo.InvariantCulture),
        }).ToList();
        return (items, all.Count);
    }

    /// <summary>
    /// traiterRejet: listeDemandePaiement[{idDemandePaiement}] (or listeFacture[{idFacture}]), motifRejet and cpltInfos, kept in
    /// each invoice's history. The invoices must be rejected invoices the caller's structure sent.
    /// </summary>
    private static async Task<IResult> AcknowledgeAsync(HttpContext http, AcknowledgeRejectionHandler handler, CancellationToken ct)
    {
        var body = await CproBody.ReadAsync(http.Request, ct);
        var ids = body.Strings("listeDemandePaiement", "idDemandePaiement").Concat(body.Strings("listeFacture", "idFacture"))
            .Select(s => CproBody.AsLong(JsonValue.Create(s), "idDemandePaiement")).OfType<long>().ToList();
        if (ids.Count == 0)
            throw new PortiqueException("FIELD_REQUIRED", "« listeDemandePaiement » (idDemandePaiement des factures rejetées) est obligatoire.");
        await handler.HandleAsync(CproAnswer.StructureId(http), new AcknowledgeRejectionRequest(ids, body.String("motifRejet"), body.String("cpltInfos")), ct);
        return CproAnswer.Json(CproAnswer.Ok());
    }
}
