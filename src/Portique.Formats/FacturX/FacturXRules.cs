namespace Portique.Formats.FacturX;

/// <summary>
/// Rule ids of the Factur-X container layer. They are ours (the Factur-X schematron covers only the XML);
/// every one is fatal because without a readable invoice XML there is nothing else to check.
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
}
