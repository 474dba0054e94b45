using Portique.Formats.Schematron;
using Portique.Formats.Xml;

namespace Portique.Formats.FacturX;

/// <summary>
/// The Factur-X 1.08 profile schematrons (rule ids FX-SCH-A-*), run natively on the CII of a Factur-X: the rules a
/// document of profile MINIMUM, BASIC WL, BASIC, EN 16931 or EXTENDED must pass, whatever the CEN rules say of it.
/// Asserts without a flag are errors (fatal), as FeRD's validator reports them; flagged ones keep their flag. The
/// schematrons' id-less "not used in this profile" reports become warnings <see cref="NotUsed"/>. See docs/conformance.md.
/// </summary>
public static class FacturXProfileRules
{
    /// <summary>Warning: an element or attribute the profile does not use (a receiver of that profile ignores it).</summary>
    public const string NotUsed = "FX-SCH-REPORT";

    /// <summary>
    /// The Factur-X profile (schema folder name: MINIMUM, BASIC-WL, BASIC, EN16931, EXTENDED) whose rules a document is
    /// held to, or null. A PDF (Factur-X container) is held to the profile its BT-24 names, else to the one its XMP declares
    /// (<paramref name="declaredLevel"/>); stand-alone CII only when BT-24 names a Factur-X or ZUGFeRD profile explicitly
    /// (urn:cen.eu:en16931:2017 alone says "EN 16931", not "Factur-X"). XRechnung and the French EXTENDED-CTC-FR
    /// identifier have no Factur-X schematron.
    /// </summary>
    public static string? ProfileOf(SourceKind kind, string? specificationIdentifier, string? declaredLevel = null)
    {
        if (kind == SourceKind.FacturX)
        {
            return Folder(FacturXRules.ConformanceLevelOf(specificationIdentifier))
                ?? InvoiceSchemas.FacturXProfileOf(specificationIdentifier)
                ?? (specificationIdentifier?.Contains("extended-ctc-fr", StringComparison.OrdinalIgnoreCase) == true
                    ? null : Folder(declaredLevel?.Trim().ToUpperInvariant()));
        }
        return kind == SourceKind.Cii ? InvoiceSchemas.FacturXProfileOf(specificationIdentifier) : null;
    }

    private static string? Folder(string? conformanceLevel) => conformanceLevel switch
    {
        "MINIMUM" => "MINIMUM",
        "BASIC WL" => "BASIC-WL",
        "BASIC" => "BASIC",
        "EN 16931" => "EN16931",
        "EXTENDED" => "EXTENDED",
        _ => null,
    };

    /// <summary>Adds the findings of the profile's schematron on the document's XML.</summary>
    public static void Check(ReadOnlyMemory<byte> xml, string profile, List<Finding> findings, FormatLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(findings);
        Check(XmlTree.Parse(xml, limits), profile, findings);
    }

    internal static void Check(XmlTree tree, string profile, List<Finding> findings)
    {
        var layer = new List<Finding>();
        RuleSets.FacturX(profile).Run(tree, layer);
        foreach (var finding in layer)
        {
            findings.Add(finding.Rule == "SCH-REPORT"
                ? finding with { Rule = NotUsed, Severity = Severity.Warning, Message = $"Factur-X {profile}: {finding.Message}" }
                : finding);
        }
    }
}
