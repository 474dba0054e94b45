using System.Collections.Frozen;
using System.Globalization;

namespace Portique.Invoicing.Findings;

/// <summary>
/// The words French users read for the invoice engine's findings. The engine (Portique.Formats) stays independent of the
/// portal and speaks English; the portal words each finding by its stable rule id, from findings-fr.tsv, and by its
/// rule family when a rule has no line of its own (docs/decisions/0021). The portal's own refusals (RECIPIENT_NOT_FOUND…)
/// are already in French and pass through.
/// </summary>
public static class FindingMessages
{
    private static readonly FrozenDictionary<string, string> French = Load();

    /// <summary>The last resort, for a rule of no known family.</summary>
    public const string Unknown = "La facture ne respecte pas une règle de contrôle.";

    /// <summary>The message for the current UI culture: the engine's English for English users, French otherwise.</summary>
    public static string For(string rule, string message) => For(rule, message, CultureInfo.CurrentUICulture);

    public static string For(string rule, string message, CultureInfo culture) =>
        culture.TwoLetterISOLanguageName == "en" || !IsEngineRule(rule) ? message : InFrench(rule);

    /// <summary>
    /// Engine ids are "XML", "XSD" or dashed ("BR-CO-10", "FX-PDF-01", the French schematron's "BR-FR-01_BT-1"); the
    /// portal's codes are SNAKE_CASE without a dash.
    /// </summary>
    public static bool IsEngineRule(string rule) => rule is "XML" or "XSD" || rule.Contains('-', StringComparison.Ordinal);

    /// <summary>The rule's own words, else those of the rule it refines ("BR-FR-01_BT-1" is BR-FR-01 on BT-1), else its family's.</summary>
    public static string InFrench(string rule)
    {
        if (French.TryGetValue(rule, out var text))
            return text;
        var refined = rule.IndexOf('_', StringComparison.Ordinal);
        return refined > 0 && French.TryGetValue(rule[..refined], out text) ? text : Family(rule);
    }

    /// <summary>The wording of a rule family: the VAT category rules by their number, the syntax and code-list rules as a group.</summary>
    internal static string Family(string rule)
    {
        var dash = rule.LastIndexOf('-');
        var family = dash > 0 ? rule[..dash] : rule;
        if (VatCategories.TryGetValue(family, out var category) && int.TryParse(rule[(dash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var n))
            return VatCategoryRule(category, n);
        return family switch
        {
            "BR-DEC" => "Un montant a plus de deux décimales.",
            "BR-CL" => "Un code n'est pas dans la liste de codes qu'EN 16931 admet pour ce champ.",
            "BR-CO" => "Une règle de cohérence d'EN 16931 entre les montants ou les champs de la facture n'est pas respectée.",
            "UBL-SR" or "CII-SR" => "Un élément du document apparaît plus souvent que sa syntaxe ne le permet.",
            "UBL-CR" => "Le document UBL contient un élément qu'EN 16931 n'utilise pas.",
            "UBL-DT" or "CII-DT" => "Une donnée du document est mal écrite pour sa syntaxe.",
            "FX-PDF" or "FX-PROFILE" => "Le PDF ne respecte pas une règle de Factur-X.",
            _ when rule.StartsWith("BR-FR", StringComparison.Ordinal) => "Une règle française de la facturation électronique n'est pas respectée.",
            _ when rule.StartsWith("BR-", StringComparison.Ordinal) => "Une règle de la norme EN 16931 n'est pas respectée.",
            _ => Unknown,
        };
    }

    private sealed record Category(string Label, bool NeedsExemptionReason);

    private static readonly FrozenDictionary<string, Category> VatCategories = new Dictionary<string, Category>
    {
        ["BR-S"] = new("taux normal", false),
        ["BR-Z"] = new("taux zéro", false),
        ["BR-E"] = new("exonéré", true),
        ["BR-AE"] = new("autoliquidation", true),
        ["BR-IC"] = new("livraison intracommunautaire", true),
        ["BR-G"] = new("exportation hors de l'Union européenne", true),
        ["BR-O"] = new("non soumis à la TVA", true),
        ["BR-AF"] = new("IGIC (îles Canaries)", false),
        ["BR-AG"] = new("IPSI (Ceuta et Melilla)", false),
    }.ToFrozenDictionary();

    /// <summary>EN 16931 numbers each VAT category's rules alike: 01 breakdown present, 02–04 VAT numbers, 05–07 rates, 08–09 breakdown, 10 exemption reason.</summary>
    private static string VatCategoryRule(Category c, int number) => number switch
    {
        1 => $"La facture a une ligne, une remise ou des frais de catégorie de TVA « {c.Label} » sans ventilation de TVA de cette catégorie (BG-23).",
        2 => $"Une ligne de catégorie de TVA « {c.Label} » demande le numéro de TVA du vendeur (BT-31) ou de son représentant fiscal (BT-63).",
        3 => $"Une remise de catégorie de TVA « {c.Label} » demande le numéro de TVA du vendeur (BT-31) ou de son représentant fiscal (BT-63).",
        4 => $"Des frais de catégorie de TVA « {c.Label} » demandent le numéro de TVA du vendeur (BT-31) ou de son représentant fiscal (BT-63).",
        5 => $"Une ligne de catégorie de TVA « {c.Label} » a un taux de TVA (BT-152) qui ne convient pas à cette catégorie.",
        6 => $"Une remise de catégorie de TVA « {c.Label} » a un taux de TVA (BT-96) qui ne convient pas à cette catégorie.",
        7 => $"Des frais de catégorie de TVA « {c.Label} » ont un taux de TVA (BT-103) qui ne convient pas à cette catégorie.",
        8 => $"La base imposable de la ventilation « {c.Label} » (BT-116) ne correspond pas aux lignes, remises et frais de cette catégorie.",
        9 => $"Le montant de TVA de la ventilation « {c.Label} » (BT-117) ne correspond pas à sa base imposable et à son taux.",
        10 when c.NeedsExemptionReason => $"La ventilation « {c.Label} » doit donner un motif d'exonération (BT-120) ou son code (BT-121).",
        10 => $"La ventilation « {c.Label} » ne doit pas porter de motif d'exonération (BT-120, BT-121).",
        _ => $"Une règle de la catégorie de TVA « {c.Label} » n'est pas respectée.",
    };

    private static FrozenDictionary<string, string> Load()
    {
        using var stream = typeof(FindingMessages).Assembly.GetManifestResourceStream("Portique.Invoicing.Findings.findings-fr.tsv")
            ?? throw new InvalidOperationException("findings-fr.tsv is not embedded.");
        using var reader = new StreamReader(stream);
        var messages = new Dictionary<string, string>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0 || line[0] == '#')
                continue;
            var tab = line.IndexOf('\t', StringComparison.Ordinal);
            messages.Add(line[..tab], line[(tab + 1)..]);
        }
        return messages.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
