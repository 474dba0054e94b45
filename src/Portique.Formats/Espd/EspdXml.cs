using System.Xml;
using System.Xml.Linq;
using System.Xml.Schema;
using Portique.Formats.Rendering;
using Portique.Formats.Xml;

namespace Portique.Formats.Espd;

/// <summary>
/// Parses untrusted ESPD-EDM XML with bounds (size, depth, no DTD, no resolver) and validates it against the embedded
/// ESPD-EDM schemas of its version (Schemas/espd-4.1.0 for UBL 2.3, Schemas/espd-2.1.1 for UBL 2.2). Never throws on bad
/// input: every problem is a finding.
/// </summary>
internal static class EspdXml
{
    public const string Version4 = "4.1.0";
    public const string Version2 = "2.1.1";
    private const int MaxSchemaFindings = 50;

    public sealed record Parsed(XElement? Root, EspdKind? Kind, string? Version);

    public static Parsed Parse(ReadOnlyMemory<byte> xml, FormatLimits limits, List<Finding> findings, RenderLanguage language)
    {
        void Fatal(string rule, string location, string? detail) =>
            findings.Add(EspdMessages.Finding(rule, Severity.Fatal, location, detail, language));

        if (xml.IsEmpty)
        {
            Fatal(EspdRules.Empty, "/", null);
            return new Parsed(null, null, null);
        }
        if (xml.Length > limits.MaxXmlBytes)
        {
            Fatal(EspdRules.TooLarge, "/", xml.Length.ToString(System.Globalization.CultureInfo.InvariantCulture));
            return new Parsed(null, null, null);
        }

        // 1. What is it? Root name and UBL version, read without validation.
        string rootName, rootNamespace;
        string? ublVersion = null;
        try
        {
            using var peek = XmlReader.Create(InvoiceXml.AsStream(xml), SecureXml.Settings());
            peek.MoveToContent();
            (rootName, rootNamespace) = (peek.LocalName, peek.NamespaceURI);
            var inside = !peek.IsEmptyElement && peek.Read();
            while (inside && !peek.EOF && peek.Depth >= 1)
            {
                if (peek.NodeType != XmlNodeType.Element)
                {
                    peek.Read();
                    continue;
                }
                if (peek is { LocalName: "UBLVersionID", NamespaceURI: EspdReader.Cbc })
                {
                    ublVersion = peek.ReadElementContentAsString().Trim();
                    break;
                }
                // The header comes first: past the first aggregate there is no UBLVersionID to find.
                if (peek.NamespaceURI == EspdReader.Cac)
                    break;
                peek.Skip();
            }
        }
        catch (XmlException ex)
        {
            Fatal(EspdRules.NotXml, "/", $"{ex.Message}");
            return new Parsed(null, null, null);
        }
        EspdKind? kind = (rootName, rootNamespace) switch
        {
            ("QualificationApplicationRequest", EspdWriter.RequestNamespace) => EspdKind.Request,
            ("QualificationApplicationResponse", EspdWriter.ResponseNamespace) => EspdKind.Response,
            _ => null,
        };
        if (kind is null)
        {
            Fatal(EspdRules.NotEspd, "/" + rootName, $"{{{rootNamespace}}}{rootName}");
            return new Parsed(null, null, null);
        }
        var version = ublVersion switch { "2.3" => Version4, "2.2" => Version2, _ => null };

        // 2. Validating pass: well-formedness to the end, depth bound, XSD.
        var settings = SecureXml.Settings();
        var path = new List<string>();
        var siblings = new List<Dictionary<string, int>>();
        var schemaErrors = 0;
        if (version is null)
        {
            Fatal(EspdRules.UnknownVersion, "/" + rootName + "/cbc:UBLVersionID", ublVersion ?? "?");
        }
        else
        {
            try
            {
                settings.CheckAgainst(Schemas(version, kind.Value), (_, e) =>
                {
                    if (++schemaErrors <= MaxSchemaFindings)
                        Fatal(EspdRules.Schema, "/" + string.Join("/", path), language == RenderLanguage.English
                            ? $"{e.Message} (line {e.Exception?.LineNumber}, position {e.Exception?.LinePosition})"
                            : $"{e.Message} (ligne {e.Exception?.LineNumber}, colonne {e.Exception?.LinePosition})");
                });
            }
            catch (Exception ex) when (ex is XmlException or XmlSchemaException or InvalidOperationException)
            {
                Fatal(EspdRules.SchemasUnavailable, "/", ex.Message);
                settings.ValidationType = ValidationType.None;
            }
        }
        try
        {
            using var reader = XmlReader.Create(InvoiceXml.AsStream(xml), settings);
            while (reader.Read())
            {
                if (reader.NodeType == XmlNodeType.Element)
                {
                    if (reader.Depth >= limits.MaxDepth)
                    {
                        Fatal(EspdRules.TooDeep, "/" + string.Join("/", path), limits.MaxDepth.ToString(System.Globalization.CultureInfo.InvariantCulture));
                        return new Parsed(null, kind, version);
                    }
                    // An XPath with positions, as the rules and the reader report them: /QualificationApplicationRequest[1]/cac:X[2]…
                    var depth = reader.Depth;
                    path.RemoveRange(depth, path.Count - depth);
                    if (siblings.Count > depth + 1)
                        siblings.RemoveRange(depth + 1, siblings.Count - depth - 1);
                    while (siblings.Count <= depth)
                        siblings.Add(new Dictionary<string, int>(StringComparer.Ordinal));
                    var position = siblings[depth].GetValueOrDefault(reader.Name) + 1;
                    siblings[depth][reader.Name] = position;
                    path.Add($"{reader.Name}[{position}]");
                }
            }
        }
        catch (XmlException ex)
        {
            Fatal(EspdRules.NotXml, "/" + string.Join("/", path), $"{ex.Message}");
            return new Parsed(null, kind, version);
        }

        // 3. The tree, from bytes now known to be well-formed and shallow enough.
        using var load = XmlReader.Create(InvoiceXml.AsStream(xml), SecureXml.Settings());
        var root = XDocument.Load(load, LoadOptions.None).Root;
        return new Parsed(root, kind, version);
    }

    /// <summary>The compiled schema set of a version and document kind, from the schemas embedded in the engine.</summary>
    public static XmlSchemaSet Schemas(string version, EspdKind kind)
    {
        var name = kind == EspdKind.Request ? "Request" : "Response";
        var ubl = version == Version4 ? "2.3" : "2.2";
        return SchemaFiles.Compile(null, $"espd-{version}/xsdrt/maindoc/UBL-QualificationApplication{name}-{ubl}.xsd");
    }

}
