using System.Xml;
using System.Xml.Schema;
using Portique.Formats.Xml;

namespace Portique.Formats.FacturX;

/// <summary>
/// The Factur-X 1.08 EXTENDED schema. EXTENDED adds elements to CII D16B (e.g. advance payments referencing invoices), so an
/// EXTENDED invoice is judged against its own profile schema, compiled once from the same local schemas folder as the others.
/// </summary>
internal static class FacturXSchemas
{
    private const string Extended = "factur-x-1.08/EXTENDED/FACTUR-X_EXTENDED.xsd";
    private static readonly Lazy<XmlSchemaSet> ExtendedSet = new(() => Load(Extended));

    /// <summary>XSD findings of <paramref name="xml"/> against the EXTENDED schema; empty when it conforms.</summary>
    public static List<Finding> ValidateExtended(ReadOnlyMemory<byte> xml)
    {
        var findings = new List<Finding>();
        var path = new List<string>();
        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            ValidationType = ValidationType.Schema,
            Schemas = ExtendedSet.Value,
        };
        settings.ValidationEventHandler += (_, e) => findings.Add(new Finding("XSD",
            e.Severity == XmlSeverityType.Error ? Severity.Fatal : Severity.Warning,
            "/" + string.Join('/', path), null, $"Factur-X EXTENDED schema: {e.Message}"));
        using var reader = XmlReader.Create(new MemoryStream(xml.ToArray(), writable: false), settings);
        while (reader.Read())
        {
            // The element path gives each finding an XPath-like location.
            if (reader.NodeType == XmlNodeType.Element)
            {
                path.Add(reader.Name);
                if (reader.IsEmptyElement)
                    path.RemoveAt(path.Count - 1);
            }
            else if (reader.NodeType == XmlNodeType.EndElement)
            {
                path.RemoveAt(path.Count - 1);
            }
        }
        return findings;
    }

    private static XmlSchemaSet Load(string relative)
    {
        var folder = InvoiceSchemas.ResolvedDirectory
            ?? throw new DirectoryNotFoundException("XSD folder not found: set InvoiceSchemas.Directory or PORTIQUE_SCHEMAS");
        var root = Path.GetFullPath(folder);
        var set = new XmlSchemaSet { XmlResolver = new LocalOnlyResolver(root) };
        using var reader = XmlReader.Create(Path.Combine(root, relative),
            new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = new LocalOnlyResolver(root) });
        set.Add(null, reader);
        set.Compile();
        return set;
    }

    /// <summary>Schema imports resolve to files under the schemas folder only: nothing is fetched, nothing else is read.</summary>
    private sealed class LocalOnlyResolver(string root) : XmlResolver
    {
        private readonly string _root = root.TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar;

        public override object? GetEntity(Uri absoluteUri, string? role, Type? ofObjectToReturn)
        {
            var path = absoluteUri.IsFile ? Path.GetFullPath(absoluteUri.LocalPath) : "";
            return path.StartsWith(_root, StringComparison.Ordinal)
                ? File.OpenRead(path)
                : throw new XmlException($"refused to read {absoluteUri}: schemas come from the local schemas folder only");
        }
    }
}
