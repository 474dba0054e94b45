namespace Portique.Formats.FacturX;

/// <summary>
/// Rule ids of the Factur-X container layer. They are ours (the Factur-X schematron covers only the XML).
/// FX-PDF-01..07 and FX-PDF-11 are fatal (without a readable invoice XML there is nothing else to check); FX-PDF-08..10 and
/// FX-PROFILE-01..02 are warnings about declarations and about which rule sets apply.
/// </summary>
public static class FacturXRules
{
    /// <summary>The content does not start with a PDF header.</summary>
    public const string NotPdf = "FX-PDF-01";
    /// <summary>The PDF is truncated (no %%EOF) or its structure cannot be parsed.</summary>
    public const string Damaged = "FX-PDF-02";
    /// <summary>The PDF is encrypted (PDF/A-3 forbids it).</summary>
    public const string Encrypted = "FX-PDF-03";
    /// <summary>The PDF has no embedded file at all.</summary>
    public const string NoAttachment = "FX-PDF-04";
    /// <summary>The PDF embeds files, but none named factur-x.xml, zugferd-invoice.xml or xrechnung.xml.</summary>
    public const string NoInvoiceAttachment = "FX-PDF-05";
    /// <summary>The PDF, or the invoice XML it embeds once decompressed, exceeds <see cref="FormatLimits"/>.</summary>
    public const string TooBig = "FX-PDF-06";
    /// <summary>The attachment named as an invoice is not a well-formed CII CrossIndustryInvoice.</summary>
    public const string NotInvoiceXml = "FX-PDF-07";
    /// <summary>
    /// Fatal: the PDF's object structure is refused before any PDF library reads it: a tree or reference chain that loops or is
    /// nested too deep, cross-reference sections that loop, an object stream that cannot be expanded safely (PdfStructureGuard).
    /// </summary>
    public const string UnsafeStructure = "FX-PDF-11";

    /// <summary>Warning: the XMP metadata lacks the Factur-X identification (fx:ConformanceLevel) or names another file.</summary>
    public const string XmpIdentification = "FX-PDF-08";

    /// <summary>Warning: the invoice is embedded but not declared in the catalog's /AF associated files.</summary>
    public const string NotAssociated = "FX-PDF-09";

    /// <summary>Warning: the XMP fx:ConformanceLevel and the XML's profile (BT-24) disagree.</summary>
    public const string ProfileMismatch = "FX-PDF-10";

    /// <summary>
    /// Warning: BT-24 names Factur-X MINIMUM or BASIC WL, which are not EN 16931-compliant: the document is no EN 16931
    /// invoice, the CEN rules were not applied, its Factur-X profile rules judge it (docs/conformance.md).
    /// </summary>
    public const string CenRulesNotApplicable = "FX-PROFILE-01";

    /// <summary>
    /// Warning: BT-24 names an EXTENDED profile (Factur-X EXTENDED, EXTENDED-CTC-FR): CEN findings were reported as
    /// warnings, or, under the French profile, replaced by the EXTENDED-CTC-FR rules.
    /// </summary>
    public const string CenRulesAsWarnings = "FX-PROFILE-02";

    /// <summary>How far the CEN EN 16931 rules decide validity for a specification identifier (BT-24).</summary>
    internal static CenScope CenScopeOf(string? specificationIdentifier)
    {
        var id = specificationIdentifier ?? "";
        if (id.Contains("factur-x.eu:1p0:minimum", StringComparison.OrdinalIgnoreCase)
            || id.Contains("factur-x.eu:1p0:basicwl", StringComparison.OrdinalIgnoreCase))
            return CenScope.NotApplicable;
        // Factur-X/ZUGFeRD EXTENDED and the French EXTENDED-CTC-FR both end in an "extended" profile name.
        return id.Contains("extended", StringComparison.OrdinalIgnoreCase) ? CenScope.Extension : CenScope.Applies;
    }

    /// <summary>
    /// The XMP conformance level that a specification identifier (BT-24) calls for, or null when BT-24 is not one of the
    /// five Factur-X profiles (CIUS such as XRechnung, Peppol...).
    /// </summary>
    internal static string? ConformanceLevelOf(string? specificationIdentifier)
    {
        var id = (specificationIdentifier ?? "").Trim().ToLowerInvariant();
        return id.EndsWith("factur-x.eu:1p0:minimum", StringComparison.Ordinal) ? "MINIMUM"
            : id.EndsWith("factur-x.eu:1p0:basicwl", StringComparison.Ordinal) ? "BASIC WL"
            : id.EndsWith("factur-x.eu:1p0:basic", StringComparison.Ordinal) ? "BASIC"
            : id.EndsWith("factur-x.eu:1p0:extended", StringComparison.Ordinal) ? "EXTENDED"
            : id == "urn:cen.eu:en16931:2017" ? "EN 16931"
            : null;
    }

    /// <summary>Rules of the CEN artefacts: BR-nn, BR-CO/DEC/CL and VAT families, and the UBL/CII syntax bindings; not BR-FR.</summary>
    internal static bool IsCenRule(string rule) =>
        (rule.StartsWith("BR-", StringComparison.Ordinal) && !rule.StartsWith("BR-FR-", StringComparison.Ordinal))
        || rule.StartsWith("UBL-", StringComparison.Ordinal)
        || rule.StartsWith("CII-", StringComparison.Ordinal);
}

/// <summary>Whether the CEN rules decide validity (<see cref="Applies"/>), only inform (<see cref="Extension"/>) or do not apply.</summary>
internal enum CenScope { Applies, Extension, NotApplicable }
