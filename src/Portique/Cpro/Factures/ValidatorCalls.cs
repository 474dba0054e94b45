using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Portique.Common;
using Portique.Cpro.Common;
using Portique.Cpro.Transverses;
using Portique.Invoicing;
using Portique.Invoicing.Subcontracting;

namespace Portique.Cpro.Factures;

/// <summary>
/// The validator's calls (titulaire of an A9, mandataire of an A12): rechercher/valideur, consulter/valideur and
/// traiter/factureAValider, over <see cref="InvoicesToValidateHandler"/>. The technical account's structure is the validator.
/// </summary>
internal static class ValidatorCalls
{
    internal static void Map(IEndpointRouteBuilder cpro)
    {
        cpro.MapPost("/factures/v1/rechercher/valideur", SearchAsync).WithSummary("Rechercher les factures à valider (titulaire, mandataire)");
        cpro.MapPost("/factures/v1/consulter/valideur", ConsultAsync).WithSummary("Consulter une facture à valider");
        cpro.MapPost("/factures/v1/traiter/factureAValider", DecideAsync).WithSummary("Valider ou refuser une facture de sous-traitance ou de cotraitance");
    }

    /// <summary>Filters statutCourant (or statut), cadreFacturation, idFournisseur, numeroFacture; the paging of the other searches.</summary>
    private static async Task<IResult> SearchAsync(HttpContext http, InvoicesToValidateHandler handler, CancellationToken ct)
    {
        var body = await CproBody.ReadAsync(http.Request, ct);
        var (page, size, _, _) = body.Paging();
        var status = CproBody.Enum<InvoiceStatus>(body.String("statutCourant") ?? body.String("statut"), "statutCourant");
        var result = await handler.SearchAsync(CproAnswer.StructureId(http),
            new ValidatorSearch(status, body.String("cadreFacturation", "codeCadreFacturation") ?? body.String("cadreFacturation"),
                body.Long("idFournisseur"), body.String("numeroFacture"), page, Math.Min(size, InvoicesToValidateHandler.MaxPageSize)), ct);
        var answer = CproAnswer.Ok(("listeFactures", result.Factures.Select(Item).ToList()));
        answer["parametresRetour"] = CproAnswer.Paging(result.Page, result.TaillePage, result.Total);
        return CproAnswer.Json(answer);
    }

    private static async Task<IResult> ConsultAsync(HttpContext http, InvoicesToValidateHandler handler, CancellationToken ct)
    {
        var body = await CproBody.ReadAsync(http.Request, ct);
        var invoice = await handler.GetAsync(CproAnswer.StructureId(http), body.RequiredLong("identifiantFactureCPP", "idFacture"), ct);
        return CproAnswer.Json(CproAnswer.Ok(("facture", Detail(invoice))));
    }

    /// <summary>{idFacture, action (VALIDATION | REFUS), motifRefus (codeMotif or idMotif of recuperer/motifs/refus/Facture/AValider), complementInfo}.</summary>
    private static async Task<IResult> DecideAsync(HttpContext http, InvoicesToValidateHandler handler, CancellationToken ct)
    {
        var body = await CproBody.ReadAsync(http.Request, ct);
        var id = body.RequiredLong("idFacture", "identifiantFactureCPP");
        var action = body.String("action") ?? throw new PortiqueException("FIELD_REQUIRED", "« action » est obligatoire (VALIDATION ou REFUS).");
        var reason = body.String("motifRefus");
        if (int.TryParse(reason, out var reasonId))
            reason = InvoiceValidation.Reasons.FirstOrDefault(r => r.Id == reasonId)?.Code ?? reason;
        var decided = await handler.DecideAsync(CproAnswer.StructureId(http), id, new ValidationDecision(action, reason, body.String("complementInfo")), ct);
        return CproAnswer.Json(CproAnswer.Ok(
            ("idFacture", decided.IdentifiantFactureCpp),
            ("numeroFacture", decided.NumeroFacture),
            ("statutFacture", decided.Statut.ToString()),
            ("dateTraitement", CproAnswer.Day(DateOnly.FromDateTime((decided.DateDecision ?? DateTimeOffset.UtcNow).UtcDateTime)))));
    }

    private static Dictionary<string, object?> Item(InvoiceToValidate i) => new()
    {
        ["identifiantFactureCPP"] = i.IdentifiantFactureCpp,
        ["idFacture"] = i.IdentifiantFactureCpp,
        ["numeroFacture"] = i.NumeroFacture,
        ["statut"] = i.Statut.ToString(),
        ["cadreFacturation"] = ReferenceLists.CadreName(i.Cadre),
        ["idFournisseur"] = i.IdFournisseur,
        ["designationFournisseur"] = i.NomFournisseur,
        ["idDestinataire"] = i.IdDestinataire,
        ["designationDestinataire"] = i.NomDestinataire,
        ["dateFacture"] = CproAnswer.Day(i.DateFacture),
        ["dateDepot"] = CproAnswer.Day(DateOnly.FromDateTime(i.DateReception.UtcDateTime)),
        ["dateLimiteValidation"] = CproAnswer.Day(DateOnly.FromDateTime(i.DateLimite.UtcDateTime)),
        ["montantHT"] = i.MontantHt,
        ["montantTTC"] = i.MontantTtc,
        ["montantAPayer"] = i.MontantAPayer,
        ["devise"] = i.Devise,
    };

    private static Dictionary<string, object?> Detail(InvoiceToValidate i)
    {
        var detail = Item(i);
        detail["statutFacture"] = i.Statut.ToString();
        detail["cadreDeFacturation"] = new Dictionary<string, object?>
        {
            ["codeCadreFacturation"] = ReferenceLists.CadreName(i.Cadre),
            ["idServiceValideur1"] = i.IdServiceValideur,
            ["dateValidation1"] = i.DateDecision is { } at ? CproAnswer.Day(DateOnly.FromDateTime(at.UtcDateTime)) : null,
        };
        detail["motifRefus"] = i.MotifRefus;
        detail["complementInfo"] = i.Commentaire;
        return detail;
    }
}
