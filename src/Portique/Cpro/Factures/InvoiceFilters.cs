using System.Text.Json.Nodes;
using Portique.Common;
using Portique.Cpro.Common;
using Portique.Cpro.Transverses;
using Portique.Invoicing;
using Portique.Invoicing.Search;

namespace Portique.Cpro.Factures;

/// <summary>
/// The search criteria of rechercher/fournisseur, rechercher/recipiendaire and rechercher/demandePaiement, read from any of
/// the forms clients send (chorus-pro.md §1.4): periodeDateDepot {du, au} or the flat periodeDateDepotDu / dateDepotDu,
/// statutCourant as one status or a list, the counterparts in listeDestinataire / listeFournisseurs… Criteria on data
/// Portique does not keep are refused (FILTER_UNSUPPORTED) rather than ignored.
/// </summary>
internal static class InvoiceFilters
{
    /// <summary>The request's criteria; <paramref name="side"/> is null for a search over both sides (the counterparts are then read by the caller).</summary>
    public static InvoiceSearch Read(CproBody body, InvoiceSide? side)
    {
        body.Unsupported("numeroMarche", "numeroFactureOrigine", "montantHTMin", "montantHTMax", "montantApayerMin", "montantApayerMax",
            "montantAPayerMin", "montantAPayerMax", "periodeDateHeureEtatCourantDu", "periodeDateHeureEtatCourantAu", "periodeDateHeureEtatCourant",
            "factureTelechargeeParDestinataire", "rechercheSirenDestinataire", "rechercheSirenFournisseur", "idStructureValideur",
            "idUtilisateurCreateur", "coordonneeBancaire", "idServiceFournisseur", "numeroDossierFacturation", "numeroFactureMemoire");
        foreach (var range in new[] { "montantHT", "montantApayer", "montantAPayer" })
            if (body.Field(range) is JsonObject)
                throw new PortiqueException("FILTER_UNSUPPORTED", $"Le critère « {range} » n'est pas pris en charge par Portique (voir docs/api-cpro.md).");
        // listeFournisseurs[{listeIdService}] names the supplier's services, which Portique does not keep on invoices.
        if (body.Field("listeFournisseurs") is JsonArray suppliers && suppliers.OfType<JsonObject>().Any(f => CproBody.Meaningful(f["listeIdService"]) is not null))
            throw new PortiqueException("FILTER_UNSUPPORTED", "Le critère « listeFournisseurs.listeIdService » n'est pas pris en charge par Portique (voir docs/api-cpro.md).");
        var (page, size, column, ascending) = body.Paging();
        var (depositFrom, depositTo) = Period(body, "Depot");
        var (issueFrom, issueTo) = Period(body, "Facture");
        if (issueFrom is null && issueTo is null)
            (issueFrom, issueTo) = Period(body, "Fournisseur");
        var statuses = body.Strings("statutCourant", "statut").Select(s => CproBody.Enum<InvoiceStatus>(s, "statutCourant")!.Value).Distinct().ToArray();
        return new InvoiceSearch(
            NumeroFacture: body.String("numeroFacture"),
            DateDepotDu: depositFrom, DateDepotAu: depositTo, DateFactureDu: issueFrom, DateFactureAu: issueTo,
            MontantTtcMin: Amount(body, "Min"), MontantTtcMax: Amount(body, "Max"),
            NumeroFluxDepot: body.String("numeroFluxDepot"),
            Tri: Sort(column), Croissant: ascending, Page: page, Taille: size,
            Statuts: statuses,
            Contreparties: side switch
            {
                InvoiceSide.Sent => Ids(body, "idDestinataire", "listeDestinataire", "idDestinataire"),
                InvoiceSide.Received => Ids(body, "idFournisseur", "listeFournisseurs", "idFournisseur"),
                _ => null,
            },
            Services: side == InvoiceSide.Received ? Ids(body, "idServiceExecutant", null, null) : ServicesOfRecipients(body),
            TypesFacture: [.. body.Strings("typeFacture", "typeFacture"), .. body.Strings("listeTypeFacture", "typeFacture")],
            ModeDepot: ModeDepot(body.String("modeDepot")),
            NumeroBonCommande: body.String("numeroBonCommande") ?? body.String("numeroEngagement"),
            NumeroMandat: body.String("numeroDpMandat"),
            Cadre: body.String("cadreFacturation", "codeCadreFacturation") is { } cadre ? ReferenceLists.CadreCode(ReferenceLists.CadreName(cadre)) : null,
            RejetTraite: body.Field("rejetTraite") is not null ? true : null);
    }

    /// <summary>
    /// Whether the criteria can match an invoice at all: a type of payment request other than FACTURE, or only works invoice
    /// types, name documents Portique does not hold (the works circuit is not built), so the answer is empty, not an error.
    /// </summary>
    public static bool CanMatchInvoices(CproBody body)
    {
        if (body.String("typeDemandePaiement") is { } type && !type.Equals(PaymentRequestTypes.Invoice, StringComparison.OrdinalIgnoreCase))
            return false;
        return body.Field("listeTypeFactureTravaux") is null || body.Field("listeTypeFacture") is not null || body.Field("typeFacture") is not null;
    }

    /// <summary>
    /// The caller's own side named by id (idFournisseur in a supplier's search, idDestinataire in a recipient's): another
    /// structure there means nothing can match, since a technical account sees its structure's invoices only.
    /// </summary>
    public static bool NamesOwnStructure(CproBody body, InvoiceSide side, long structureId) =>
        body.Long(side == InvoiceSide.Sent ? "idFournisseur" : "idDestinataire") is not { } named || named == structureId;

    /// <summary>The empty page of a search that cannot match anything.</summary>
    public static Page<InvoiceSummary> Nothing(InvoiceSearch search)
    {
        var paging = new PageRequest(search.Page, search.Taille);
        return new Page<InvoiceSummary>([], paging.SafePage, paging.SafeSize, 0);
    }

    /// <summary>periodeDate{what} {du, au} (any case), the flat periodeDate{what}Du / Au, or date{what}Du / Au.</summary>
    private static (DateOnly? From, DateOnly? To) Period(CproBody body, string what)
    {
        var period = body.Field($"periodeDate{what}") as JsonObject;
        JsonNode? Pick(string bound) =>
            period?.FirstOrDefault(p => string.Equals(p.Key, bound, StringComparison.OrdinalIgnoreCase)).Value
            ?? body.Field($"periodeDate{what}{bound}") ?? body.Field($"date{what}{bound}");
        return (CproBody.Date(Pick("Du"), $"periodeDate{what}Du"), CproBody.Date(Pick("Au"), $"periodeDate{what}Au"));
    }

    /// <summary>montantTTC {min, max}, or the flat montantTTCMin / montantTTCMax.</summary>
    private static decimal? Amount(CproBody body, string bound)
    {
        var range = body.Field("montantTTC") as JsonObject;
        var node = range?.FirstOrDefault(p => string.Equals(p.Key, bound, StringComparison.OrdinalIgnoreCase)).Value ?? body.Field($"montantTTC{bound}");
        return body.Decimal(node, $"montantTTC{bound}");
    }

    /// <summary>One id in <paramref name="single"/> and/or several in a list of objects (listeDestinataire[{idDestinataire}]).</summary>
    private static long[]? Ids(CproBody body, string single, string? list, string? inner)
    {
        var ids = new List<long>();
        if (body.Long(single) is { } one)
            ids.Add(one);
        if (list is not null)
            ids.AddRange(body.Strings(list, inner).Select(s => CproBody.AsLong(JsonValue.Create(s), $"{list}.{inner}")).OfType<long>());
        return ids.Count == 0 ? null : [.. ids.Distinct()];
    }

    /// <summary>listeDestinataire[{listeIdServiceExecutant[]}]: the recipient services a supplier's search is narrowed to.</summary>
    private static long[]? ServicesOfRecipients(CproBody body)
    {
        var ids = (body.Field("listeDestinataire") switch
            {
                JsonArray a => a.OfType<JsonObject>(),
                JsonObject o => [o],
                _ => [],
            })
            .SelectMany(d => CproBody.Meaningful(d["listeIdServiceExecutant"]) switch
            {
                JsonArray services => services.Select(x => CproBody.AsLong(x, "listeIdServiceExecutant")),
                var x => new[] { CproBody.AsLong(x, "listeIdServiceExecutant") },
            })
            .OfType<long>().Distinct().ToArray();
        return ids.Length == 0 ? null : ids;
    }

    /// <summary>soumettre's modes name the invoices it creates by the portal's modes (SAISIE_API → SAISIE, DEPOT_PDF_API → DEPOT_PDF).</summary>
    private static string? ModeDepot(string? mode) => mode?.ToUpperInvariant() switch
    {
        "SAISIE_API" => DepositModes.Entry,
        "DEPOT_PDF_API" => DepositModes.Pdf,
        _ => mode,
    };

    public static InvoiceSort Sort(string? column) => column?.ToUpperInvariant() switch
    {
        null => InvoiceSort.DateDepot,
        var c when c.Contains("MONTANT", StringComparison.Ordinal) => InvoiceSort.MontantTtc,
        var c when c.Contains("NUMERO", StringComparison.Ordinal) => InvoiceSort.NumeroFacture,
        var c when c.Contains("STATUT", StringComparison.Ordinal) => InvoiceSort.Statut,
        var c when c.Contains("DATEFACTURE", StringComparison.Ordinal) => InvoiceSort.DateFacture,
        _ => InvoiceSort.DateDepot,
    };
}
