using Portique.Common;

namespace Portique.Invoicing.Entry;

/// <summary>
/// The exemption reasons an entered invoice may give its 0 % lines (CEF VATEX codes, EN 16931 BT-121), with the VAT
/// category each implies (BT-118): exempt (E) unless the code names reverse charge, an intra-community supply, an export
/// or an operation outside the scope of VAT. The EN 16931 rules of that category then apply (buyer's VAT number for
/// reverse charge, for instance).
/// </summary>
public static class VatExemptions
{
    public sealed record Exemption(string Code, string Label, string Category);

    public static readonly IReadOnlyList<Exemption> All =
    [
        new("VATEX-EU-79-C", "Exonération : débours (art. 79 c directive 2006/112/CE)", "E"),
        new("VATEX-EU-132", "Exonération : activités d'intérêt général (art. 132 directive 2006/112/CE)", "E"),
        new("VATEX-EU-143", "Exonération : importations (art. 143 directive 2006/112/CE)", "E"),
        new("VATEX-EU-148", "Exonération : transport international (art. 148 directive 2006/112/CE)", "E"),
        new("VATEX-EU-151", "Exonération : opérations assimilées aux exportations (art. 151 directive 2006/112/CE)", "E"),
        new("VATEX-EU-309", "Exonération : agences de voyages hors UE (art. 309 directive 2006/112/CE)", "E"),
        new("VATEX-EU-AE", "Autoliquidation", "AE"),
        new("VATEX-EU-D", "Régime de la marge : agences de voyages", "E"),
        new("VATEX-EU-F", "Régime de la marge : biens d'occasion", "E"),
        new("VATEX-EU-G", "Exportation hors UE", "G"),
        new("VATEX-EU-I", "Régime de la marge : objets d'art", "E"),
        new("VATEX-EU-IC", "Livraison intracommunautaire", "K"),
        new("VATEX-EU-J", "Régime de la marge : objets de collection et d'antiquité", "E"),
        new("VATEX-EU-O", "Hors champ de la TVA", "O"),
        new("VATEX-FR-FRANCHISE", "TVA non applicable, art. 293 B du CGI (franchise en base)", "E"),
        new("VATEX-FR-CNWVAT", "Facture sans TVA (note de débit ou assimilé)", "E"),
    ];

    /// <summary>The exemption of a code (any case), null when none is given; an unknown code is refused.</summary>
    public static Exemption? Find(string? code) =>
        string.IsNullOrWhiteSpace(code) ? null
        : All.FirstOrDefault(e => e.Code.Equals(code.Trim(), StringComparison.OrdinalIgnoreCase))
          ?? throw new PortiqueException("ENTRY_EXEMPTION_INVALID",
              $"Le motif d'exonération « {code} » n'est pas un code VATEX de la liste ({string.Join(", ", All.Select(e => e.Code))}).");
}
