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

    /// <summary>The cadres soumettre takes: those that need neither a validator (A9, A12…) nor the works circuit.</summary>
    public static readonly IReadOnlyList<string> SubmittableCadres = [DefaultCadre, "A2_FACTURE_FOURNISSEUR_DEJA_PAYEE"];

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

    private static readonly (string Code, string Label)[] Cadres =
    [
        (DefaultCadre, "Dépôt par un fournisseur d'une facture"),
        ("A2_FACTURE_FOURNISSEUR_DEJA_PAYEE", "Dépôt par un fournisseur d'une facture déjà payée"),
        ("A3_MEMOIRE_JUSTICE", "Dépôt d'un mémoire de frais de justice"),
        ("A4_PROJET_DECOMPTE_MENSUEL_FOURNISSEUR", "Dépôt par un fournisseur d'un projet de décompte mensuel"),
        ("A5_ETAT_ACOMPTE_FOURNISSEUR", "Dépôt par un fournisseur d'un état d'acompte"),
        ("A6_ETAT_ACOMPTE_VALIDE_FOURNISSEUR", "Dépôt par un fournisseur d'un état d'acompte validé"),
        ("A7_PROJET_DECOMPTE_FINAL_FOURNISSEUR", "Dépôt par un fournisseur d'un projet de décompte final"),
        ("A8_DECOMPTE_GENERAL_DEFINITIF_FOURNISSEUR", "Dépôt par un fournisseur d'un décompte général et définitif"),
        ("A9_FACTURE_SOUSTRAITANT", "Dépôt par un sous-traitant d'une facture"),
        ("A10_PROJET_DECOMPTE_MENSUEL_SOUSTRAITANT", "Dépôt par un sous-traitant d'un projet de décompte mensuel"),
        ("A11_PROJET_DECOMPTE_FINAL_SOUSTRAITANT", "Dépôt par un sous-traitant d'un projet de décompte final"),
        ("A12_FACTURE_COTRAITANT", "Dépôt par un cotraitant d'une facture"),
        ("A13_PROJET_DECOMPTE_MENSUEL_COTRAITANT", "Dépôt par un cotraitant d'un projet de décompte mensuel"),
        ("A14_PROJET_DECOMPTE_FINAL_COTRAITANT", "Dépôt par un cotraitant d'un projet de décompte final"),
        ("A15_ETAT_ACOMPTE_MOE", "Dépôt par une maîtrise d'œuvre d'un état d'acompte"),
        ("A16_ETAT_ACOMPTE_VALIDE_MOE", "Dépôt par une maîtrise d'œuvre d'un état d'acompte validé"),
        ("A17_PROJET_DECOMPTE_GENERAL_MOE", "Dépôt par une maîtrise d'œuvre d'un projet de décompte général"),
        ("A18_DECOMPTE_GENERAL_MOE", "Dépôt par une maîtrise d'œuvre d'un décompte général"),
        ("A19_ETAT_ACOMPTE_VALIDE_MOA", "Dépôt par une maîtrise d'ouvrage d'un état d'acompte validé"),
        ("A20_DECOMPTE_GENERAL_MOA", "Dépôt par une maîtrise d'ouvrage d'un décompte général"),
        ("A21_DEMANDE_REMBOURSEMENT_TIC", "Dépôt par un bénéficiaire d'une demande de remboursement TIC/TICGN"),
        ("A22_PROJET_DECOMPTE_GENERAL_FOURNISSEUR_PROCEDURE_TACITE", "Dépôt par un fournisseur d'un projet de décompte général (procédure tacite)"),
        ("A23_DECOMPTE_GENERAL_DEFINITIF_TACITE_FOURNISSEUR", "Dépôt par un fournisseur d'un décompte général et définitif tacite"),
        ("A24_DECOMPTE_GENERAL_DEFINITIF_TACITE_MOE", "Dépôt par une maîtrise d'œuvre d'un décompte général et définitif tacite"),
        ("A25_DECOMPTE_GENERAL_DEFINITIF_MOE_PROCEDURE_TACITE", "Dépôt par une maîtrise d'ouvrage d'un décompte général et définitif (procédure tacite)"),
    ];

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
    /// {codeCadreFacturationAValider} → listeMotifRefusFactureAValider[{idMotif, codeMotif, libelleMotif}]. The validation circuit
    /// (A9/A12) is not built, so no refusal reason exists yet: the list is empty for those cadres, and other cadres are no cadres
    /// to validate (FIELD_INVALID).
    /// </summary>
    private static async Task<IResult> RefusalReasonsAsync(HttpContext http, CancellationToken ct)
    {
        var body = await CproBody.ReadAsync(http.Request, ct);
        var cadre = body.String("codeCadreFacturationAValider", "codeCadreFacturation") ?? body.String("codeCadreFacturation")
            ?? throw new PortiqueException("FIELD_REQUIRED", "« codeCadreFacturationAValider » est obligatoire.");
        if (!CadresToValidate.Contains(CadreName(cadre), StringComparer.OrdinalIgnoreCase))
            throw new PortiqueException("FIELD_INVALID", $"« codeCadreFacturationAValider » doit être un cadre à valider ({string.Join(", ", CadresToValidate)}) : « {cadre} ».");
        return CproAnswer.Json(CproAnswer.Ok(("listeMotifRefusFactureAValider", new List<Dictionary<string, object?>>())));
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
