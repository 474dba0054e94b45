using System.Xml;
using System.Xml.Linq;
using System.Xml.Schema;
using Portique.Formats.Model;
using Portique.Formats.Schematron;
using Portique.Formats.Xml;

namespace Portique.Formats.Flux1;

/// <summary>
/// The Flux 1 of one invoice. Either <see cref="Exclusion"/> says why the invoice has none (B2C, international), or
/// <see cref="Xml"/> holds the document with its <see cref="FileName"/> and the findings of its checks; IsValid = a document
/// with no Fatal finding, the only kind Portique sends.
/// </summary>
public sealed record Flux1Result(Flux1Profile Profile, Flux1Exclusion? Exclusion, byte[]? Xml, string? FileName, IReadOnlyList<Finding> Findings)
{
    public bool IsValid => Xml is not null && !Findings.Any(f => f.Severity == Severity.Fatal);
}

/// <summary>
/// Flux 1 front door: from an invoice (any syntax the engine reads) to the tax administration's invoice data, checked
/// before it leaves by the profile's XSD (DGFiP/AIFE F1 BASE or FULL, CII D22B) and the AIFE Flux 1 rules (schematron
/// DEMARRAGE for Base, CIBLE for Full, run by the engine's interpreter). Fails closed: an unchecked document is not valid.
/// </summary>
public static class Flux1Engine
{
    /// <summary>Rule id of an invoice that cannot be read at all.</summary>
    public const string UnreadableRule = "FLUX1-LECTURE";

    private const int MaxSchemaFindings = 50;

    /// <summary>The profile's entry point in the embedded schemas (Schemas/NOTICE.md).</summary>
    public static string EntryPoint(Flux1Profile profile) => profile == Flux1Profile.Base
        ? "flux1/F1_BASE_CII_D22B/uncefact/data/standard/F1BASE_CrossIndustryInvoice_100pD22B.xsd"
        : "flux1/F1_FULL_CII_D22B/uncefact/data/standard/F1FULL_CrossIndustryInvoice_100pD22B.xsd";

    private static readonly Lazy<SchematronSet> BaseRules = new(() => LoadRules("flux1/PPF_Flux1_CII_1_8_DEMARRAGE_v0_2.sch"));
    private static readonly Lazy<SchematronSet> FullRules = new(() => LoadRules("flux1/PPF_Flux1_CII_1_8_CIBLE_v0_2.sch"));

    /// <summary>Reads an invoice (UBL, CII or Factur-X, bounded like every reading) and extracts its Flux 1.</summary>
    public static Flux1Result Extract(ReadOnlyMemory<byte> content, Flux1Profile profile, FormatLimits? limits = null)
    {
        Invoice invoice;
        try
        {
            invoice = InvoiceEngine.Read(content, limits).Invoice;
        }
        catch (InvoiceFormatException e)
        {
            var findings = new List<Finding> { new(UnreadableRule, Severity.Fatal, "/", null, "Le contenu n'est pas une facture lisible (UBL, CII ou Factur-X) : " + e.Message) };
            findings.AddRange(e.Findings.Where(f => f.Severity == Severity.Fatal));
            return new Flux1Result(profile, null, null, null, findings);
        }
        return Extract(invoice, profile);
    }

    /// <summary>The Flux 1 of an invoice of the model: none for B2C and international invoices, else the document and its checks.</summary>
    public static Flux1Result Extract(Invoice invoice, Flux1Profile profile)
    {
        ArgumentNullException.ThrowIfNull(invoice);
        if (Flux1Scope.Exclusion(invoice) is { } exclusion)
            return new Flux1Result(profile, exclusion, null, null, []);
        var xml = Flux1Writer.Write(invoice, profile);
        return new Flux1Result(profile, null, xml, FileName(invoice, profile), Validate(xml, profile));
    }

    /// <summary>
    /// The file name the tax administration expects: the profile as a case-sensitive prefix (rule S1.06, <c>Base_</c> or
    /// <c>Full_</c>), then the seller's SIREN and the invoice number (characters outside letters, digits, '-' and '_' become '_').
    /// </summary>
    public static string FileName(Invoice invoice, Flux1Profile profile)
    {
        var prefix = profile == Flux1Profile.Base ? "Base" : "Full";
        var number = new string((invoice.Number ?? "").Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '_').ToArray());
        return $"{prefix}_{Flux1Scope.Siren(invoice.Seller) ?? "000000000"}_{number}.xml";
    }

    /// <summary>Checks a Flux 1 document: its profile's XSD, then (when the XSD passes) the AIFE rules of that profile.</summary>
    public static IReadOnlyList<Finding> Validate(ReadOnlyMemory<byte> xml, Flux1Profile profile)
    {
        var findings = new List<Finding>();
        try
        {
            ValidateSchema(xml, profile, findings);
            if (findings.Count == 0)
            {
                var rules = new List<Finding>();
                (profile == Flux1Profile.Base ? BaseRules : FullRules).Value.Run(XmlTree.Parse(xml), rules);
                findings.AddRange(rules.Select(WithRuleId));
            }
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            findings.Add(new Finding(InvoiceEngine.InternalErrorRule, Severity.Fatal, "/", null,
                $"La vérification du Flux 1 s'est arrêtée sur une erreur interne ({e.GetType().Name} : {e.Message}) ; le document n'est pas accepté."));
        }
        return findings;
    }

    /// <summary>The AIFE asserts carry no id attribute; their rule id (Annexe 7, e.g. G1.02) opens the message in brackets.</summary>
    internal static Finding WithRuleId(Finding finding)
    {
        var message = finding.Message.TrimStart();
        var end = message.IndexOf(']', StringComparison.Ordinal);
        return message.StartsWith('[') && end > 1 ? finding with { Rule = message[1..end] } : finding;
    }

    private static void ValidateSchema(ReadOnlyMemory<byte> xml, Flux1Profile profile, List<Finding> findings)
    {
        var settings = SecureXml.Settings();
        settings.CheckAgainst(SchemaFiles.Compile(null, EntryPoint(profile)), (_, e) =>
        {
            if (findings.Count < MaxSchemaFindings)
                findings.Add(new Finding("XSD", Severity.Fatal, $"ligne {e.Exception.LineNumber}", null, e.Message));
        });
        using var reader = XmlReader.Create(InvoiceXml.AsStream(xml), settings);
        while (reader.Read())
        {
        }
    }

    private static SchematronSet LoadRules(string path)
    {
        using var stream = typeof(Flux1Engine).Assembly.GetManifestResourceStream("Portique.Schemas/" + path)
            ?? throw new InvalidOperationException($"rule set {path} is not embedded in Portique.Formats");
        return SchematronSet.Load(path, XDocument.Load(stream, LoadOptions.None), _ => null);
    }
}
