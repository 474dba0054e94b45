using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Portique.Common;
using Portique.Common.Data;
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
        cpro.MapPost("/factures/v1/rechercher/fournisseur", (HttpContext http, SearchInvoicesHandler handler, PortiqueDb db, CancellationToken ct) =>
                SearchAsync(http, InvoiceSide.Sent, handler, db, ct))
            .WithSummary("Rechercher les factures émises");
        cpro.MapPost("/factures/v1/rechercher/recipiendaire", (HttpContext http, SearchInvoicesHandler handler, PortiqueDb db, CancellationToken ct) =>
                SearchAsync(http, InvoiceSide.Received, handler, db, ct))
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

    /// <summary>
    /// rechercher/fournisseur answers its paging in parametresRetour; rechercher/recipiendaire at the root as well, as Chorus
    /// Pro does (clients read either), and its items carry idFacture.
    /// </summary>
    private static async Task<IResult> SearchAsync(HttpContext http, InvoiceSide side, SearchInvoicesHandler handler, PortiqueDb db, CancellationToken ct)
    {
        var body = await CproBody.ReadAsync(http.Request, ct);
        var structureId = CproAnswer.StructureId(http);
        var search = InvoiceFilters.Read(body, side);
        var result = InvoiceFilters.CanMatchInvoices(body) && InvoiceFilters.NamesOwnStructure(body, side, structureId)
            ? await handler.HandleAsync(structureId, side, search, ct)
            : InvoiceFilters.Nothing(search);
        var facts = await InvoiceRows.LoadAsync(db, result.Items, ct);
        var answer = CproAnswer.Ok(("listeFactures", result.Items.Select(i => InvoiceRows.Item(i, facts, side == InvoiceSide.Received)).ToList()));
        var paging = CproAnswer.Paging(result.PageNumber, result.PageSize, result.Total);
        if (side == InvoiceSide.Received)
            CproAnswer.PagingAtRoot(answer, paging);
        else
            answer["parametresRetour"] = paging;
        return CproAnswer.Json(answer);
    }
}
