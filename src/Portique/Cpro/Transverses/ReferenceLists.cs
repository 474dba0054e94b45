using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Portique.Common;
using Portique.Cpro.Common;
using Portique.Invoicing;
using Portique.Invoicing.Entry;

namespace Portique.Cpro.Transverses;

/// <summary>
/// transverses/v1/recuperer reference lists whose content comes from the spec and the standards rather than from data:
/// VAT rates (those the entry accepts), VATEX exemption reasons (CEF list of EN 16931), payment means (Chorus names over
/// UNTDID 4461), deposit modes, cadres A1…A25 (chorus-pro.md §3.1) and flow formats (§1.5). The codes Chorus Pro's own
/// lists use are not all documented: where a code below is Portique's, docs/api-cpro.md says so.
/// </summary>
internal static class ReferenceLists
{
    public const string DefaultCadre = "A1_FACTURE_FOURNISSEUR";

    /// <summary>An invoice's cadre as Chorus Pro names it: its BT-23 code (A2) or name, A1 when it says none; other codes as they are.</summary>
    public static string CadreName(string? code) =>
        code is null ? DefaultCadre
        : Cadres.FirstOrDefault(c => c.Code.Equals(code, StringComparison.OrdinalIgnoreCase) || c.Code.StartsWith(code + "_", StringComparison.OrdinalIgnoreCase)).Code
          ?? code;

    /// <summary>The BT-23 code of a cadre's name (A2_FACTURE_FOURNISSEUR_DEJA_PAYEE → A2).</summary>
    public static string CadreCode(string name) => name.Split('_')[0];

    /// <summary>Our codes for the rates the entry accepts (Chorus Pro's TVAn codes are not documented beyond TVA1 = franchise).</summary>
    public static readonly IReadOnlyList<(string Code, decimal Rate)> VatRates =
        [.. EnterInvoiceHandler.VatRates.Select(r => ($"TAUX_{r.ToString(CultureInfo.InvariantCulture).Replace('.', '_')}", r))];

    /// <summary>The soumettre modes accepted, then the modes Portique's invoices carry (modeDepot of consulter).</summary>
    private static readonly (string Code, string Label)[] DepositModeList =
    [
        ("SAISIE_API", "Saisie par API (soumettre)"),
        ("DEPOT_PDF_API", "Dépôt PDF par API (deposer/pdf ou ajouter/fichier, puis soumettre)"),
        (DepositModes.Flow, "Dépôt de flux"),
        (DepositModes.Entry, "Saisie"),
        (DepositModes.Pdf, "Dépôt PDF"),
    ];

    /// <summary>The cadres of the portal's table (Invoicing/Cadres), by their Chorus Pro names.</summary>
    private static readonly (string Code, string Label)[] Cadres = [.. Invoicing.Cadres.CadreTable.All.Select(c => (c.Name, c.Label))];

    /// <summary>The flow formats of chorus-pro.md §1.5 that Portique accepts (no E2 mixed flow) and the deposer/flux syntaxes of each.</summary>
    private static readonly (string Code, string Label, FlowSyntax[] Syntaxes)[] Formats =
    [
        ("IN_DP_E1_STRUCT", "Flux structuré (E1)", [FlowSyntax.IN_DP_E1_UBL_INVOICE, FlowSyntax.IN_DP_E1_CII_16B, FlowSyntax.IN_DP_E1_CII]),
        ("IN_DP_E2_FACTURX", "Flux Factur-X (E2)", [FlowSyntax.IN_DP_E2_CII_FACTURX]),
    ];

    internal static void Map(IEndpointRouteBuilder cpro)
    {
        cpro.MapPost("/transverses/v1/recuperer/tauxtva", () => List("listeTauxTva", VatRates.Select(r => new Dictionary<string, object?>
            {
                ["codeTauxTva"] = r.Code,
                ["libelleTauxTva"] = $"{r.Rate.ToString(CultureInfo.GetCultureInfo("fr-FR"))} %",
                ["valeurTauxTva"] = r.Rate,
            })))
            .WithSummary("Taux de TVA");
        cpro.MapPost("/transverses/v1/recuperer/motifs/exonerationtva", () => List("listeMotifsExonerationTva", VatExemptions.All.Select(e => new Dictionary<string, object?>
            {
                ["codeMotifExonerationTva"] = e.Code,
                ["libelleMotifExonerationTva"] = e.Label,
            })))
            .WithSummary("Motifs d'exonération de TVA (VATEX)");
        cpro.MapPost("/transverses/v1/recuperer/modereglements", () => List("listeModePaiement", PaymentModes.All.Select(m => new Dictionary<string, object?>
            {
                ["modePaiement"] = m.Code,
                ["libelleModePaiement"] = m.Label,
                ["codeUNTDID4461"] = m.Untdid4461,
            })))
            .WithSummary("Modes de règlement");
        cpro.MapPost("/transverses/v1/recuperer/modedepot", () => List("listeModeDepot", DepositModeList.Select(m => new Dictionary<string, object?>
            {
                ["modeDepot"] = m.Code,
                ["libelleModeDepot"] = m.Label,
            })))
            .WithSummary("Modes de dépôt");
        cpro.MapPost("/transverses/v1/recuperer/cadrefacturation", () => List("listeCadreFacturation", Cadres.Select(c => new Dictionary<string, object?>
            {
                ["codeCadreFacturation"] = c.Code,
                ["libelleCadreFacturation"] = c.Label,
            })))
            .WithSummary("Cadres de facturation");
        cpro.MapPost("/transverses/v1/recuperer/formatflux", () => List("listeFormatFlux", Formats.Select(f => new Dictionary<string, object?>
            {
                ["formatFlux"] = f.Code,
                ["libelleFormatFlux"] = f.Label,
                ["listeSyntaxeFlux"] = f.Syntaxes.Select(s => s.ToString()).ToList(),
            })))
            .WithSummary("Formats de flux");
        cpro.MapPost("/transverses/v1/recuperer/motifs/refus/Facture/AValider", RefusalReasonsAsync).WithSummary("Motifs de refus d'une facture à valider");
    }

    /// <summary>The cadres whose invoices a validator accepts or refuses (subcontractor, co-contractor).</summary>
    private static readonly string[] CadresToValidate = ["A9_FACTURE_SOUSTRAITANT", "A12_FACTURE_COTRAITANT"];

    /// <summary>
    /// {codeCadreFacturationAValider} → listeMotifRefusFactureAValider[{idMotif, codeMotif, libelleMotif}]: the reasons a validator
    /// may give (InvoiceValidation.Reasons); other cadres are no cadres to validate (FIELD_INVALID).
    /// </summary>
    private static async Task<IResult> RefusalReasonsAsync(HttpContext http, CancellationToken ct)
    {
        var body = await CproBody.ReadAsync(http.Request, ct);
        var cadre = body.String("codeCadreFacturationAValider", "codeCadreFacturation") ?? body.String("codeCadreFacturation")
            ?? throw new PortiqueException("FIELD_REQUIRED", "« codeCadreFacturationAValider » est obligatoire.");
        if (Invoicing.Cadres.CadreTable.Find(cadre) is not { NeedsValidator: true })
            throw new PortiqueException("FIELD_INVALID", $"« codeCadreFacturationAValider » doit être un cadre à valider (A9_FACTURE_SOUSTRAITANT, A12_FACTURE_COTRAITANT) : « {cadre} ».");
        return CproAnswer.Json(CproAnswer.Ok(("listeMotifRefusFactureAValider", Invoicing.Subcontracting.InvoiceValidation.Reasons.Select(r => new Dictionary<string, object?>
        {
            ["idMotif"] = r.Id,
            ["codeMotif"] = r.Code,
            ["libelleMotif"] = r.Label,
        }).ToList())));
    }

    private static IResult List(string name, IEnumerable<Dictionary<string, object?>> items) =>
        CproAnswer.Json(CproAnswer.Ok((name, items.ToList())));

    /// <summary>A line's rate from its code in listeTauxTva, or given directly as a percentage ("20", "5.5").</summary>
    public static decimal Rate(string? code, string field)
    {
        if (code is null)
            throw new PortiqueException("FIELD_REQUIRED", $"« {field} » (ou lignePosteTauxTvaManuel) est obligatoire.");
        foreach (var (known, rate) in VatRates)
            if (known.Equals(code, StringComparison.OrdinalIgnoreCase))
                return rate;
        return decimal.TryParse(code.TrimEnd('%', ' '), NumberStyles.Number, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new PortiqueException("ENTRY_VAT_RATE_INVALID", $"« {field} » : code de taux inconnu « {code} » (voir recuperer/tauxtva).");
    }
}
