using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Portique.Common;
using Portique.Cpro.Common;
using Portique.Invoicing;
using Portique.Invoicing.Deposit;
using Portique.Invoicing.Search;

namespace Portique.Cpro.Factures;

/// <summary>factures/v1 deposer/flux and rechercher/{fournisseur,recipiendaire}: the portal's handlers, from the technical account's structure.</summary>
internal static class DepositAndSearch
{
    internal static void Map(IEndpointRouteBuilder cpro)
    {
        cpro.MapPost("/factures/v1/deposer/flux", DepositAsync).WithSummary("Déposer un flux de factures (UBL, CII, Factur-X)");
        cpro.MapPost("/factures/v1/rechercher/fournisseur", (HttpContext http, SearchInvoicesHandler handler, CancellationToken ct) =>
                SearchAsync(http, InvoiceSide.Sent, handler, ct))
            .WithSummary("Rechercher les factures émises");
        cpro.MapPost("/factures/v1/rechercher/recipiendaire", (HttpContext http, SearchInvoicesHandler handler, CancellationToken ct) =>
                SearchAsync(http, InvoiceSide.Received, handler, ct))
            .WithSummary("Rechercher les factures reçues");
    }

    private static async Task<IResult> DepositAsync(HttpContext http, DepositFlowHandler handler, CancellationToken ct)
    {
        var body = await CproBody.ReadAsync(http.Request, ct);
        var syntax = CproBody.Enum<FlowSyntax>(body.String("syntaxeFlux"), "syntaxeFlux")
            ?? throw new PortiqueException("FIELD_REQUIRED", "« syntaxeFlux » est obligatoire.");
        byte[] content;
        try
        {
            content = Convert.FromBase64String(body.RequiredString("fichierFlux"));
        }
        catch (FormatException)
        {
            throw new PortiqueException("FLOW_BASE64_INVALID", "Le fichier (fichierFlux) n'est pas encodé en base64.");
        }
        var flow = await handler.HandleAsync(CproAnswer.StructureId(http), body.String("nomFichier") ?? "flux", syntax, content, ct);
        return CproAnswer.Json(CproAnswer.Ok(
            ("numeroFluxDepot", flow.NumeroFluxDepot),
            ("dateDepot", CproAnswer.Day(DateOnly.FromDateTime(flow.DateDepot.UtcDateTime))),
            ("syntaxeFlux", flow.SyntaxeFlux.ToString())));
    }

    private static async Task<IResult> SearchAsync(HttpContext http, InvoiceSide side, SearchInvoicesHandler handler, CancellationToken ct)
    {
        var body = await CproBody.ReadAsync(http.Request, ct);
        var (page, size, column, ascending) = body.Paging();
        var statuses = body.Strings("statutCourant", "statut");
        if (statuses.Count > 1)
            throw new PortiqueException("FILTER_UNSUPPORTED", "Un seul statut à la fois dans « statutCourant ».");
        var (depositFrom, depositTo) = Period(body, "Depot");
        var (issueFrom, issueTo) = Period(body, "Facture");
        var counterpart = side == InvoiceSide.Sent
            ? body.Long("idDestinataire") ?? body.Long("listeDestinataire", "idDestinataire")
            : body.Long("idFournisseur") ?? body.Long("listeFournisseurs", "idFournisseur");
        var search = new InvoiceSearch(
            NumeroFacture: body.String("numeroFacture"),
            Statut: CproBody.Enum<InvoiceStatus>(statuses.Count == 0 ? null : statuses[0], "statutCourant"),
            DateDepotDu: depositFrom, DateDepotAu: depositTo, DateFactureDu: issueFrom, DateFactureAu: issueTo,
            MontantTtcMin: Amount(body, "Min"), MontantTtcMax: Amount(body, "Max"),
            Contrepartie: counterpart,
            Service: side == InvoiceSide.Received ? body.Long("idServiceExecutant") : null,
            NumeroFluxDepot: body.String("numeroFluxDepot"),
            Tri: Sort(column), Croissant: ascending, Page: page, Taille: size);
        var result = await handler.HandleAsync(CproAnswer.StructureId(http), side, search, ct);
        var list = result.Items.Select(i => new Dictionary<string, object?>
        {
            ["identifiantFactureCPP"] = i.IdentifiantFactureCpp,
            ["numeroFacture"] = i.NumeroFacture,
            ["statut"] = i.Statut.ToString(),
            ["typeFacture"] = i.TypeFacture,
            ["dateDepot"] = CproAnswer.Day(DateOnly.FromDateTime(i.DateDepot.UtcDateTime)),
            ["dateFacture"] = CproAnswer.Day(i.DateFacture),
            ["dateHeureEtatCourant"] = CproAnswer.Stamp(i.DateHeureEtatCourant),
            ["montantHT"] = i.MontantHt,
            ["montantTTC"] = i.MontantTtc,
            ["montantAPayer"] = i.MontantAPayer,
            ["devise"] = i.Devise,
            ["idFournisseur"] = i.IdFournisseur,
            ["designationFournisseur"] = i.NomFournisseur,
            ["idDestinataire"] = i.IdDestinataire,
            ["designationDestinataire"] = i.NomDestinataire,
            ["idServiceExecutant"] = i.IdServiceExecutant,
        }).ToList();
        return CproAnswer.Json(CproAnswer.Ok(("listeFactures", list), ("parametresRetour", CproAnswer.Paging(result.PageNumber, result.PageSize, result.Total))));
    }

    /// <summary>periodeDateDepot {du, au} (any case), or the flat dateDepotDu / dateDepotAu.</summary>
    private static (DateOnly? From, DateOnly? To) Period(CproBody body, string what)
    {
        var period = body.Field($"periodeDate{what}") as JsonObject;
        JsonNode? Pick(string bound) =>
            period?.FirstOrDefault(p => string.Equals(p.Key, bound, StringComparison.OrdinalIgnoreCase)).Value ?? body.Field($"date{what}{bound}");
        return (CproBody.Date(Pick("Du"), $"date{what}Du"), CproBody.Date(Pick("Au"), $"date{what}Au"));
    }

    /// <summary>montantTTC {min, max}, or the flat montantTTCMin / montantTTCMax.</summary>
    private static decimal? Amount(CproBody body, string bound)
    {
        var range = body.Field("montantTTC") as JsonObject;
        var node = range?.FirstOrDefault(p => string.Equals(p.Key, bound, StringComparison.OrdinalIgnoreCase)).Value ?? body.Field($"montantTTC{bound}");
        return body.Decimal(node, $"montantTTC{bound}");
    }

    private static InvoiceSort Sort(string? column) => column?.ToUpperInvariant() switch
    {
        null => InvoiceSort.DateDepot,
        var c when c.Contains("MONTANT", StringComparison.Ordinal) => InvoiceSort.MontantTtc,
        var c when c.Contains("NUMERO", StringComparison.Ordinal) => InvoiceSort.NumeroFacture,
        var c when c.Contains("STATUT", StringComparison.Ordinal) => InvoiceSort.Statut,
        var c when c.Contains("DATEFACTURE", StringComparison.Ordinal) => InvoiceSort.DateFacture,
        _ => InvoiceSort.DateDepot,
    };
}
