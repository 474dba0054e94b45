using Portique.Formats.Rendering;

namespace Portique.Formats.Espd;

/// <summary>
/// The stable rule ids of the ESPD engine and the business rules it checks beyond the XSD: every criterion is of the taxonomy,
/// appears once, holds each question once; every answer points to a question, an evidence and a lot of the document.
/// </summary>
public static partial class EspdRules
{
    public const string Empty = "ESPD-XML-01";
    public const string NotXml = "ESPD-XML-02";
    public const string TooLarge = "ESPD-XML-03";
    public const string TooDeep = "ESPD-XML-04";
    public const string NotEspd = "ESPD-ROOT-01";
    public const string UnknownVersion = "ESPD-VERSION-01";
    public const string Schema = "ESPD-XSD";
    public const string SchemasUnavailable = "ESPD-XSD-00";
    public const string NotKept = "ESPD-KEEP-01";
    public const string UnknownCriterion = "ESPD-CRIT-01";
    public const string MissingCriterionCode = "ESPD-CRIT-02";
    public const string DuplicateCriterion = "ESPD-CRIT-03";
    public const string DuplicateProperty = "ESPD-CRIT-04";
    public const string UnknownProperty = "ESPD-RESP-01";
    public const string UnknownEvidence = "ESPD-RESP-02";
    public const string UnknownLot = "ESPD-LOT-01";
    public const string Engine = "ESPD-ENGINE-01";
    public const string TooLargeToRender = "ESPD-RENDER-01";

    internal static void Check(EspdDocument d, string version, List<Finding> findings, RenderLanguage language)
    {
        void Fatal(string rule, string location, string? detail) =>
            findings.Add(EspdMessages.Finding(rule, Severity.Fatal, location, detail, language));

        var root = d.Kind == EspdKind.Request ? "/QualificationApplicationRequest[1]" : "/QualificationApplicationResponse[1]";
        var lots = d.Lots.Select(l => l.Id.Value).ToHashSet(StringComparer.Ordinal);
        void CheckLot(EspdText lot, string location)
        {
            if (!lots.Contains(lot.Value))
                Fatal(UnknownLot, location, lot.Value);
        }

        var criteria = new HashSet<string>(StringComparer.Ordinal);
        var properties = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < d.Criteria.Count; i++)
        {
            var criterion = d.Criteria[i];
            var at = $"{root}/cac:TenderingCriterion[{i + 1}]";
            if (!criteria.Add(criterion.Id.Value))
                Fatal(DuplicateCriterion, at + "/cbc:ID[1]", criterion.Id.Value);
            if (criterion.TypeCode is null || criterion.TypeCode.Value.Length == 0)
                Fatal(MissingCriterionCode, at, null);
            else if (!IsKnownCriterion(criterion.TypeCode.Value, version))
                Fatal(UnknownCriterion, at + "/cbc:CriterionTypeCode[1]", criterion.TypeCode.Value);
            foreach (var lot in criterion.LotReferences)
                CheckLot(lot, at + "/cac:ProcurementProjectLotReference");
            var own = new HashSet<string>(StringComparer.Ordinal);
            foreach (var property in criterion.AllProperties())
            {
                if (property.Id is null)
                    continue;
                if (!own.Add(property.Id.Value))
                    Fatal(DuplicateProperty, at, property.Id.Value);
                properties.Add(property.Id.Value);
            }
        }

        var evidences = d.Evidences.Select(e => e.Id.Value).ToHashSet(StringComparer.Ordinal);
        for (var i = 0; i < d.Responses.Count; i++)
        {
            var response = d.Responses[i];
            var at = $"{root}/cac:TenderingCriterionResponse[{i + 1}]";
            if (!properties.Contains(response.ValidatedPropertyId.Value))
                Fatal(UnknownProperty, at + "/cbc:ValidatedCriterionPropertyID[1]", response.ValidatedPropertyId.Value);
            foreach (var evidence in response.EvidenceIds.Where(e => !evidences.Contains(e.Value)))
                Fatal(UnknownEvidence, at + "/cac:EvidenceSupplied", evidence.Value);
            foreach (var lot in response.LotReferences)
                CheckLot(lot, at + "/cac:ProcurementProjectLotReference");
        }
    }

    /// <summary>
    /// ESPD 4.x: a code of the embedded criterion authority table. ESPD 2.1.1 used its own dotted codes
    /// (CRITERION.EXCLUSION.…, CRITERION.SELECTION.…, CRITERION.DEFENCE.SELECTION.OTHER…), whose list is not embedded: only their
    /// form is checked.
    /// </summary>
    internal static bool IsKnownCriterion(string code, string version) =>
        version == EspdXml.Version2
            ? Version2Code().IsMatch(code)
            : EspdTaxonomy.Find(code) is not null;

    [System.Text.RegularExpressions.GeneratedRegex(@"^CRITERION(\.[A-Z0-9_-]+)*\.(EXCLUSION|SELECTION|OTHER)(\.[A-Z0-9_-]+)*$")]
    private static partial System.Text.RegularExpressions.Regex Version2Code();
}
