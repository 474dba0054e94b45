using System.Collections.Concurrent;
using System.Xml;
using System.Xml.Linq;

namespace Portique.Formats.Schematron;

/// <summary>
/// The schematron rule sets embedded in the engine (Schemas/NOTICE.md), each compiled once on first use and shared:
/// the five Factur-X 1.08 profile schematrons, and FNFE-MPE's French rules (BR-FR Flux 2) and EXTENDED-CTC-FR rules
/// V1.4.0.03 for UBL and CII.
/// </summary>
internal static class RuleSets
{
    private const string ResourcePrefix = "Portique.Schemas/";

    /// <summary>The Factur-X profiles that have a schematron, by their schema folder name.</summary>
    public static readonly IReadOnlyList<string> FacturXProfiles = ["MINIMUM", "BASIC-WL", "BASIC", "EN16931", "EXTENDED"];

    /// <summary>The FNFE-MPE release of the French rule sets.</summary>
    public const string FnfeVersion = "1.4.0.03";

    private static readonly ConcurrentDictionary<string, Lazy<SchematronSet>> Sets = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<string, Lazy<XmlTree>> Documents = new(StringComparer.Ordinal);

    public static SchematronSet FacturX(string profile) =>
        FacturXProfiles.Contains(profile)
            ? Get($"factur-x-1.08/{profile}/FACTUR-X_{profile}.sch")
            : throw new ArgumentOutOfRangeException(nameof(profile), profile, "not a Factur-X profile with a schematron");

    /// <summary>BR-FR-Flux2-Schematron-{UBL|CII}: the French rules, the same for every profile.</summary>
    public static SchematronSet French(InvoiceSyntax syntax) =>
        Get($"fnfe-{FnfeVersion}/BR-FR-Flux2-Schematron-{(syntax == InvoiceSyntax.Cii ? "CII" : "UBL")}.sch");

    /// <summary>EXTENDED-CTC-FR-{UBL|CII}: the EN 16931 rules as the EXTENDED-CTC-FR profile relaxes and extends them.</summary>
    public static SchematronSet ExtendedCtcFr(InvoiceSyntax syntax) =>
        Get($"fnfe-{FnfeVersion}/EXTENDED-CTC-FR-{(syntax == InvoiceSyntax.Cii ? "CII" : "UBL")}.sch");

    private static SchematronSet Get(string path)
    {
        var lazy = Sets.GetOrAdd(path, p => new Lazy<SchematronSet>(() => Load(p)));
        return lazy.Value;
    }

    private static SchematronSet Load(string path)
    {
        var folder = path[..(path.LastIndexOf('/') + 1)];
        using var stream = Open(path);
        var document = XDocument.Load(stream, LoadOptions.None);
        return SchematronSet.Load(path, document, name => Document(folder + name));
    }

    /// <summary>A data file beside a rule set (a Factur-X code list), for document('…'); null when there is none.</summary>
    private static XmlTree? Document(string path)
    {
        if (typeof(RuleSets).Assembly.GetManifestResourceInfo(ResourcePrefix + path) is null)
        {
            return null;
        }
        return Documents.GetOrAdd(path, p => new Lazy<XmlTree>(() =>
        {
            using var stream = Open(p);
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            return XmlTree.Parse(copy.ToArray(), new FormatLimits { MaxXmlBytes = 4 * 1024 * 1024 });
        })).Value;
    }

    private static Stream Open(string path) =>
        typeof(RuleSets).Assembly.GetManifestResourceStream(ResourcePrefix + path)
            ?? throw new XmlException($"rule set {path} is not embedded in Portique.Formats");
}
