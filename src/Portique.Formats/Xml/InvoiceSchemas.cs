using System.Collections.Concurrent;
using System.Xml;
using System.Xml.Schema;

namespace Portique.Formats.Xml;

/// <summary>
/// The UBL 2.1 (Invoice, CreditNote), CII D16B and Factur-X profile schemas, compiled once per folder and shared by every validating reader.
/// Loaded from local files only: nothing is ever fetched at run time.
/// </summary>
public static class InvoiceSchemas
{
    private const string UblInvoice = "ubl-2.1/xsd/maindoc/UBL-Invoice-2.1.xsd";
    private const string UblCreditNote = "ubl-2.1/xsd/maindoc/UBL-CreditNote-2.1.xsd";
    private const string Cii = "cii-d16b/uncoupled/CII/uncefact/data/standard/CrossIndustryInvoice_100pD16B.xsd";

    private static readonly ConcurrentDictionary<string, Lazy<XmlSchemaSet>> Cache = new(StringComparer.Ordinal);
    private static readonly Lazy<string?> DefaultDirectory = new(FindDefaultDirectory);

    /// <summary>
    /// The schemas folder (holding ubl-2.1/ and cii-d16b/). When null: the PORTIQUE_SCHEMAS environment variable,
    /// else ../shared/testdata/schemas next to the directory holding Portique.slnx above the application.
    /// </summary>
    public static string? Directory { get; set; }

    /// <summary>The folder in use, or null when none can be found.</summary>
    public static string? ResolvedDirectory
    {
        get
        {
            if (Directory is not null)
            {
                return Directory;
            }
            var fromEnvironment = Environment.GetEnvironmentVariable("PORTIQUE_SCHEMAS");
            return string.IsNullOrEmpty(fromEnvironment) ? DefaultDirectory.Value : fromEnvironment;
        }
    }

    /// <summary>The compiled schema set of the folder in use. Throws when the folder or a schema is missing or broken.</summary>
    public static XmlSchemaSet Get()
    {
        var dir = ResolvedDirectory ?? throw new DirectoryNotFoundException(
            "XSD folder not found: set InvoiceSchemas.Directory or PORTIQUE_SCHEMAS");
        return Get(dir);
    }

    /// <summary>The compiled UBL and CII D16B schema set of the given folder.</summary>
    public static XmlSchemaSet Get(string directory) => Cached(directory, UblInvoice, UblCreditNote, Cii);

    /// <summary>
    /// The Factur-X 1.08 / ZUGFeRD 2.4 schema of a profile ("MINIMUM", "BASIC-WL", "BASIC", "EN16931", "EXTENDED") from the folder in use.
    /// Same namespace as CII D16B, hence a set of its own.
    /// </summary>
    public static XmlSchemaSet GetFacturX(string profile, string? directory = null)
    {
        if (profile is not ("MINIMUM" or "BASIC-WL" or "BASIC" or "EN16931" or "EXTENDED"))
        {
            throw new ArgumentOutOfRangeException(nameof(profile), profile, "not a Factur-X profile");
        }
        var dir = directory ?? ResolvedDirectory ?? throw new DirectoryNotFoundException(
            "XSD folder not found: set InvoiceSchemas.Directory or PORTIQUE_SCHEMAS");
        return Cached(dir, $"factur-x-1.08/{profile}/FACTUR-X_{profile}.xsd");
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

    private static XmlSchemaSet Cached(string directory, params string[] entryPoints)
    {
        var full = Path.GetFullPath(directory);
        var key = full + "|" + string.Join("|", entryPoints);
        // Lazy keeps compilation single even when many threads ask at once; a failure is not cached so a fixed folder works next time.
        var lazy = Cache.GetOrAdd(key, _ => new Lazy<XmlSchemaSet>(() => Load(full, entryPoints)));
        try
        {
            return lazy.Value;
        }
        catch
        {
            Cache.TryRemove(new KeyValuePair<string, Lazy<XmlSchemaSet>>(key, lazy));
            throw;
        }
    }

    private static XmlSchemaSet Load(string dir, string[] entryPoints)
    {
        var set = new XmlSchemaSet { XmlResolver = new LocalFileResolver(dir) };
        // The schema files are trusted local files; the xmldsig module carries an internal DTD subset, so DTDs are parsed here only.
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Parse, XmlResolver = new LocalFileResolver(dir) };
        foreach (var relative in entryPoints)
        {
            var path = Path.Combine(dir, relative);
            using var reader = XmlReader.Create(path, settings);
            set.Add(null, reader);
        }
        set.Compile();
        return set;
    }

    private static string? FindDefaultDirectory()
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
        {
            if (File.Exists(Path.Combine(d.FullName, "Portique.slnx")))
            {
                var candidate = Path.GetFullPath(Path.Combine(d.FullName, "..", "shared", "testdata", "schemas"));
                return System.IO.Directory.Exists(candidate) ? candidate : null;
            }
        }
        return null;
    }

    /// <summary>Resolves schema includes and imports to files inside the schemas folder and refuses anything else.</summary>
    private sealed class LocalFileResolver(string root) : XmlResolver
    {
        private readonly string _root = Path.GetFullPath(root).TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar;

        public override object? GetEntity(Uri absoluteUri, string? role, Type? ofObjectToReturn)
        {
            if (!absoluteUri.IsFile)
            {
                throw new XmlException($"refused to fetch {absoluteUri}: schemas are read from local files only");
            }
            var path = Path.GetFullPath(absoluteUri.LocalPath);
            if (!path.StartsWith(_root, StringComparison.Ordinal))
            {
                throw new XmlException($"refused to read {path}: outside the schemas folder");
            }
            return File.OpenRead(path);
        }
    }
}
