using System.Collections.Frozen;
using System.Globalization;
using Portique.Formats.Rendering;

namespace Portique.Formats.Espd;

/// <summary>
/// The wording of the ESPD engine's findings, French first and English on request, by stable rule id. Unlike the invoice
/// engine (docs/decisions/0021), no portal layer words these findings yet, so the engine says them in the user's language
/// itself (docs/decisions/0022). <c>{0}</c> is the detail of the instance (a code, an element, the parser's message).
/// </summary>
public static class EspdMessages
{
    private sealed record Wording(string French, string English);

    private static readonly FrozenDictionary<string, Wording> Texts = new Dictionary<string, Wording>
    {
        [EspdRules.Empty] = new("Le document est vide.", "The document is empty."),
        [EspdRules.TooLarge] = new("Le document fait {0} octets, au-delà de la limite admise.", "The document is {0} bytes, over the limit."),
        [EspdRules.NotXml] = new("Le fichier n'est pas un document XML lisible : {0}", "The file is not readable XML: {0}"),
        [EspdRules.TooDeep] = new("Le document imbrique ses éléments sur plus de {0} niveaux : il est refusé par prudence.", "The document nests elements more than {0} levels deep; it is refused."),
        [EspdRules.NotEspd] = new("Le document n'est pas un DUME (ESPD) : son élément racine est {0}, et non QualificationApplicationRequest ou QualificationApplicationResponse.", "The document is not an ESPD: its root is {0}, not QualificationApplicationRequest or QualificationApplicationResponse."),
        [EspdRules.UnknownVersion] = new("Version UBL {0} inconnue : Portique lit l'ESPD-EDM 4.1.0 (UBL 2.3) et 2.1.1 (UBL 2.2).", "Unknown UBL version {0}: Portique reads ESPD-EDM 4.1.0 (UBL 2.3) and 2.1.1 (UBL 2.2)."),
        [EspdRules.Schema] = new("Le document ne respecte pas le schéma XML de l'ESPD-EDM (élément manquant, en trop ou mal placé, ou valeur mal formée) : {0}", "The document does not follow the ESPD-EDM XML schema: {0}"),
        [EspdRules.SchemasUnavailable] = new("Les schémas de l'ESPD-EDM n'ont pas pu être chargés : le document est refusé par prudence ({0}).", "The ESPD-EDM schemas could not be loaded; the document is refused ({0})."),
        [EspdRules.NotKept] = new("L'élément {0} n'est pas repris par Portique : il serait perdu si le document était réécrit.", "Element {0} is not kept by Portique: it would be lost if the document were written back."),
        [EspdRules.UnknownCriterion] = new("Le critère de code « {0} » n'existe pas dans la taxonomie des critères ESPD.", "Criterion code '{0}' is not in the ESPD criterion taxonomy."),
        [EspdRules.MissingCriterionCode] = new("Un critère n'a pas de code de type (cbc:CriterionTypeCode) : on ne peut pas savoir ce qu'il demande.", "A criterion has no type code (cbc:CriterionTypeCode)."),
        [EspdRules.DuplicateCriterion] = new("Le critère « {0} » apparaît plusieurs fois.", "Criterion '{0}' appears more than once."),
        [EspdRules.DuplicateProperty] = new("La question « {0} » apparaît plusieurs fois dans un même critère.", "Property '{0}' appears more than once in one criterion."),
        [EspdRules.UnknownProperty] = new("Une réponse porte sur la question « {0} », qui n'existe dans aucun critère du document.", "A response answers property '{0}', which no criterion of the document holds."),
        [EspdRules.UnknownEvidence] = new("Une réponse cite la preuve « {0} », absente du document.", "A response cites evidence '{0}', which the document does not hold."),
        [EspdRules.UnknownLot] = new("Le lot « {0} » est cité mais n'est pas déclaré dans le document.", "Lot '{0}' is referenced but not declared in the document."),
        [EspdRules.TooLargeToRender] = new("Le DUME contient plus de {0} caractères de texte : il n'est pas affiché ; le fichier XML reste le document de référence.", "The ESPD holds more than {0} characters of text; it is not rendered. The XML stays the document of reference."),
        [EspdRules.Engine] = new("Le contrôle du document n'a pas pu aller jusqu'au bout : il est refusé par prudence ({0}). Signalez-le au support.", "The check could not finish; the document is refused ({0}). Please report it."),
    }.ToFrozenDictionary();

    public static string Text(string rule, RenderLanguage language, string? detail = null)
    {
        var wording = Texts[rule];
        return string.Format(CultureInfo.InvariantCulture, language == RenderLanguage.English ? wording.English : wording.French, detail ?? "");
    }

    /// <summary>Every rule id the engine can report, for tests and documentation.</summary>
    public static IEnumerable<string> Rules => Texts.Keys;

    internal static Finding Finding(string rule, Severity severity, string location, string? detail, RenderLanguage language = RenderLanguage.French) =>
        new(rule, severity, location, null, Text(rule, language, detail));
}
