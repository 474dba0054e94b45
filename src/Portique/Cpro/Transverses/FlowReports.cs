using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Portique.Cpro.Common;
using Portique.Invoicing.Deposit;

namespace Portique.Cpro.Transverses;

/// <summary>transverses/v1 consulterCR and consulterCRDetaille: the deposit report of one of the structure's flows.</summary>
internal static class FlowReports
{
    internal static void Map(IEndpointRouteBuilder cpro)
    {
        cpro.MapPost("/transverses/v1/consulterCRDetaille", DetailedAsync).WithSummary("Compte rendu détaillé d'un dépôt de flux");
        cpro.MapPost("/transverses/v1/consulterCR", SummaryAsync).WithSummary("Compte rendu d'un dépôt de flux (fichier CR en base64)");
    }

    private static async Task<FlowReportView> ReportAsync(HttpContext http, FlowReportHandler handler, CancellationToken ct)
    {
        var body = await CproBody.ReadAsync(http.Request, ct);
        return await handler.GetAsync(CproAnswer.StructureId(http), body.RequiredString("numeroFluxDepot"), ct);
    }

    /// <summary>Findings about one invoice go to listeErreurDP, those about the file itself to listeErreurTechnique; warnings are not errors.</summary>
    private static async Task<IResult> DetailedAsync(HttpContext http, FlowReportHandler handler, CancellationToken ct)
    {
        var report = await ReportAsync(http, handler, ct);
        var errors = report.Erreurs.Where(e => e.Erreur).ToList();
        return CproAnswer.Json(CproAnswer.Ok(
            ("numeroFluxDepot", report.NumeroFluxDepot),
            ("codeInterfaceDepotFlux", report.CodeInterfaceDepotFlux),
            ("dateDepotFlux", CproAnswer.Stamp(report.DateDepotFlux)),
            ("dateHeureEtatCourantFlux", CproAnswer.Stamp(report.DateHeureEtatCourantFlux)),
            ("etatCourantDepotFlux", report.EtatCourantDepotFlux.ToString()),
            ("nomFichier", report.NomFichier),
            ("listeErreurDP", errors.Where(e => e.NumeroFacture is not null).Select(e => new Dictionary<string, object?>
            {
                ["numeroDP"] = e.NumeroFacture,
                ["identifiantFournisseur"] = null,
                ["identifiantDestinataire"] = null,
                ["libelleErreurDP"] = $"{e.Regle} : {e.Message}",
            }).ToList()),
            ("listeErreurTechnique", errors.Where(e => e.NumeroFacture is null).Select(e => new Dictionary<string, object?>
            {
                ["codeErreur"] = e.Regle,
                ["libelleErreur"] = e.Message,
                ["natureErreur"] = e.Document,
            }).ToList())));
    }

    /// <summary>The plain report carries the findings as a text file (fichierCR), one line per finding.</summary>
    private static async Task<IResult> SummaryAsync(HttpContext http, FlowReportHandler handler, CancellationToken ct)
    {
        var report = await ReportAsync(http, handler, ct);
        var text = new StringBuilder()
            .AppendLine($"{report.NumeroFluxDepot};{report.EtatCourantDepotFlux};{report.FacturesIntegrees};{report.FacturesRejetees}");
        foreach (var finding in report.Erreurs)
            text.AppendLine($"{finding.Document};{finding.NumeroFacture};{finding.Regle};{(finding.Erreur ? "ERREUR" : "AVERTISSEMENT")};{finding.Message}");
        return CproAnswer.Json(CproAnswer.Ok(
            ("numeroFluxDepot", report.NumeroFluxDepot),
            ("codeAppliPartenaire", "PORTIQUE"),
            ("designationPartenaire", "Portique"),
            ("codeInterfaceFlux", report.CodeInterfaceDepotFlux),
            ("dateDepotFlux", CproAnswer.Stamp(report.DateDepotFlux)),
            ("dateHeureEtatCourantFlux", CproAnswer.Stamp(report.DateHeureEtatCourantFlux)),
            ("etatCourantFlux", report.EtatCourantDepotFlux.ToString()),
            ("nomFichierFlux", report.NomFichier),
            ("fichierCR", Convert.ToBase64String(Encoding.UTF8.GetBytes(text.ToString())))));
    }
}
