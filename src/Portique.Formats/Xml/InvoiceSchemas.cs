using System.Xml.Schema;

namespace Portique.Formats.Xml;

/// <summary>
/// The UBL 2.1 (Invoice, CreditNote), CII D16B and Factur-X profile schemas, compiled once and shared by every validating reader.
/// By default the copies embedded in this assembly (Schemas/NOTICE.md); a folder with the same layout may replace them.
/// </summary>
public static class InvoiceSchemas
{
    private const string UblInvoice = "ubl-2.1/xsd/maindoc/UBL-Invoice-2.1.xsd";
    private const string UblCreditNote = "ubl-2.1/xsd/maindoc/UBL-CreditNote-2.1.xsd";
    private const string Cii = "cii-d16b/uncoupled/CII/uncefact/data/standard/CrossIndustryInvoice_100pD16B.xsd";

    /// <summary>
    /// A schemas folder replacing the embedded copies (holding ubl-2.1/, cii-d16b/, factur-x-1.08/). When null: the
    /// PORTIQUE_SCHEMAS environment variable if set, else the embedded copies.
    /// </summary>
    public static string? Directory { get; set; }

    /// <summary>The folder in use, or null when the embedded copies are used.</summary>
    public static string? ResolvedDirectory
    {
        get
        {
            if (Directory is not null)
            {
                return Directory;
            }
            var fromEnvironment = Environment.GetEnvironmentVariable("PORTIQUE_SCHEMAS");
            return string.IsNullOrEmpty(fromEnvironment) ? null : fromEnvironment;
        }
    }

    /// <summary>The compiled schema set in use. Throws when a configured folder or one of its schemas is missing or broken.</summary>
    public static XmlSchemaSet Get() => Get(ResolvedDirectory);

    /// <summary>The compiled UBL and CII D16B schema set of the given folder (null: the embedded copies).</summary>
    public static XmlSchemaSet Get(string? directory) => SchemaFiles.Compile(directory, UblInvoice, UblCreditNote, Cii);

    /// <summary>
    /// The Factur-X 1.08 / ZUGFeRD 2.4 schema of a profile ("MINIMUM", "BASIC-WL", "BASIC", "EN16931", "EXTENDED").
    /// Same namespace as CII D16B, hence a set of its own.
    /// </summary>
    public static XmlSchemaSet GetFacturX(string profile, string? directory = null)
    {
        if (profile is not ("MINIMUM" or "BASIC-WL" or "BASIC" or "EN16931" or "EXTENDED"))
        {
            throw new ArgumentOutOfRangeException(nameof(profile), profile, "not a Factur-X profile");
        }
        return SchemaFiles.Compile(directory ?? ResolvedDirectory, $"factur-x-1.08/{profile}/FACTUR-X_{profile}.xsd");
    }

    /// <summary>
    /// The Factur-X profile named by a CII guideline identifier (BT-24), or null for plain EN 16931 / CIUS documents, which the
    /// CEN artefacts check against CII D16B.
    /// </summary>
    public static string? FacturXProfileOf(string? guidelineId)
    {
        if (guidelineId is null || !(guidelineId.Contains("factur-x.eu", StringComparison.OrdinalIgnoreCase)
                || guidelineId.Contains("zugferd", StringComparison.OrdinalIgnoreCase)))
        {
            return null;
        }
        var id = guidelineId.ToLowerInvariant();
        return id.EndsWith(":minimum", StringComparison.Ordinal) ? "MINIMUM"
            : id.EndsWith(":basicwl", StringComparison.Ordinal) ? "BASIC-WL"
            : id.EndsWith(":basic", StringComparison.Ordinal) ? "BASIC"
            : id.Contains(":extended", StringComparison.Ordinal) ? "EXTENDED"
            : null;
    }
}
