using System.Runtime.InteropServices;
using System.Xml;
using System.Xml.Schema;
using Portique.Formats.Cii;
using Portique.Formats.Ubl;
using Portique.Formats.Xml;
using Portique.Formats.Xml.Compiled;

namespace Portique.Formats;

/// <summary>Reads UBL 2.1 and CII D16B invoices into the EN 16931 model (with XSD validation) and writes the model back out.</summary>
public static class InvoiceXml
{
    public const string UblInvoiceNamespace = "urn:oasis:names:specification:ubl:schema:xsd:Invoice-2";
    public const string UblCreditNoteNamespace = "urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2";
    public const string CiiNamespace = "urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100";

    // Past this many schema errors the document is plainly not of the schema; more findings would only cost memory.
    private const int MaxSchemaFindings = 50;

    /// <summary>
    /// Never throws on bad input: malformed XML, DTD, wrong root, too deep, too big -> findings (Fatal), Invoice null if unreadable.
    /// XSD findings (rule "XSD") are reported but the model is still built when the XML is well-formed, so the business rules can run too.
    /// </summary>
    public static XmlReadResult Read(ReadOnlyMemory<byte> xml, FormatLimits? limits = null, bool validateSchema = true) =>
        Read(xml, limits, validateSchema, schemasDirectory: null);

    /// <summary>As <see cref="Read(ReadOnlyMemory{byte}, FormatLimits?, bool)"/>, with the XSD folder given instead of <see cref="InvoiceSchemas.Directory"/>.</summary>
    internal static XmlReadResult Read(ReadOnlyMemory<byte> xml, FormatLimits? limits, bool validateSchema, string? schemasDirectory,
        bool compiledSchemas = true)
    {
        limits ??= FormatLimits.Default;
        var findings = new List<Finding>();
        if (xml.Length > limits.MaxXmlBytes)
        {
            findings.Add(Fatal("/", $"the XML is {xml.Length} bytes, over the limit of {limits.MaxXmlBytes}"));
            return new XmlReadResult(null, null, findings);
        }
        if (xml.IsEmpty)
        {
            findings.Add(Fatal("/", "the document is empty"));
            return new XmlReadResult(null, null, findings);
        }

        var settings = SecureXml.Settings();
        XmlSchemaSet? schemas = null;
        if (validateSchema)
        {
            try
            {
                schemas = SchemasFor(xml, settings, schemasDirectory);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                // Fail closed: without the schemas the document cannot be declared schema-valid.
                findings.Add(new Finding("XSD", Severity.Fatal, "/", null, "schemas unavailable: " + ex.Message));
            }
        }
        if (schemas is not null && compiledSchemas && TryCompiled(xml, settings, schemas, limits) is { } checkedRead)
        {
            return checkedRead;
        }
        return ReadValidating(xml, settings, schemas, limits, findings);
    }

    /// <summary>
    /// The schema set that judges the document: a Factur-X / ZUGFeRD document is defined by its profile schema, so it is
    /// checked against that one rather than CII D16B.
    /// </summary>
    private static XmlSchemaSet SchemasFor(ReadOnlyMemory<byte> xml, XmlReaderSettings settings, string? schemasDirectory) =>
        InvoiceSchemas.FacturXProfileOf(PeekCiiGuideline(xml, settings)) is { } profile
            ? InvoiceSchemas.GetFacturX(profile, schemasDirectory)
            : InvoiceSchemas.Get(schemasDirectory ?? InvoiceSchemas.ResolvedDirectory);

    /// <summary>The fast road alone on the default schemas (tests): null when it would leave the document to the framework.</summary>
    internal static XmlReadResult? TryCompiled(ReadOnlyMemory<byte> xml)
    {
        var settings = SecureXml.Settings();
        return TryCompiled(xml, settings, SchemasFor(xml, settings, null), FormatLimits.Default);
    }

    /// <summary>
    /// The fast road: the document read through <see cref="CheckingReader"/>. Null when the checker had a doubt, or the read
    /// met anything but a clean end: the framework's validating read then gives the verdict and its exact messages.
    /// </summary>
    private static XmlReadResult? TryCompiled(ReadOnlyMemory<byte> xml, XmlReaderSettings settings, XmlSchemaSet schemas, FormatLimits limits)
    {
        var plain = settings.Clone();
        // The checker needs whitespace-only text to judge text content; it passes on to the reader what the validating reader would.
        plain.IgnoreWhitespace = false;
        var findings = new List<Finding>();
        try
        {
            using var reader = new CheckingReader(XmlReader.Create(AsStream(xml), plain), CompiledSchema.For(schemas));
            var cursor = new XmlCursor(reader, limits.MaxDepth, findings);
            if (!cursor.MoveToRoot())
            {
                return null;
            }
            var syntax = Detect(cursor.LocalName, cursor.NamespaceUri);
            if (syntax is null)
            {
                return null;
            }
            return new XmlReadResult(syntax, ReadToEnd(cursor, reader, syntax.Value), findings);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            FallbackReason = ex.Message;
            return null;
        }
    }

    /// <summary>Why this thread's last fast read left the document to the framework (tests and traces).</summary>
    [ThreadStatic]
    internal static string? FallbackReason;

    private static XmlReadResult ReadValidating(ReadOnlyMemory<byte> xml, XmlReaderSettings settings, XmlSchemaSet? schemas, FormatLimits limits, List<Finding> findings)
    {
        XmlCursor? cursor = null;
        var schemaErrors = 0;
        if (schemas is not null)
        {
            settings.CheckAgainst(schemas, (reader, e) =>
            {
                if (++schemaErrors <= MaxSchemaFindings)
                {
                    findings.Add(new Finding("XSD", Severity.Fatal, cursor is not null && reader is not null ? cursor.PathOf(reader) : "/", null, e.Message));
                }
            });
        }

        InvoiceSyntax? syntax = null;
        Model.Invoice? invoice = null;
        try
        {
            using var reader = XmlReader.Create(AsStream(xml), settings);
            cursor = new XmlCursor(reader, limits.MaxDepth, findings);
            if (!cursor.MoveToRoot())
            {
                findings.Add(Fatal("/", "the document has no root element"));
                return new XmlReadResult(null, null, findings);
            }
            syntax = Detect(cursor.LocalName, cursor.NamespaceUri);
            if (syntax is null)
            {
                findings.Add(Fatal("/" + reader.Name,
                    $"root element {{{cursor.NamespaceUri}}}{cursor.LocalName} is not a UBL 2.1 Invoice or CreditNote nor a CII D16B CrossIndustryInvoice"));
                return new XmlReadResult(null, null, findings);
            }
            invoice = ReadToEnd(cursor, reader, syntax.Value);
        }
        catch (XmlException ex)
        {
            findings.Add(Fatal(cursor?.Path() ?? "/", $"not well-formed XML (line {ex.LineNumber}, position {ex.LinePosition}): {ex.Message}"));
            invoice = null;
        }
        catch (XmlDepthException ex)
        {
            findings.Add(Fatal(cursor?.Path() ?? "/", $"elements nested {ex.Depth} deep, over the limit of {limits.MaxDepth}"));
            invoice = null;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // Fail closed: an unexpected error is a fatal finding, never a silent pass.
            findings.Add(Fatal(cursor?.Path() ?? "/", "the document could not be read: " + ex.Message));
            invoice = null;
        }
        if (schemaErrors > MaxSchemaFindings)
        {
            findings.Add(new Finding("XSD", Severity.Fatal, "/", null, $"{schemaErrors - MaxSchemaFindings} more schema errors not listed"));
        }
        return new XmlReadResult(syntax, invoice, findings);
    }

    /// <summary>The invoice at the cursor's root, then the rest of the document read so that trailing garbage and late schema errors are reported too.</summary>
    private static Model.Invoice ReadToEnd(XmlCursor cursor, XmlReader reader, InvoiceSyntax syntax)
    {
        var invoice = syntax == InvoiceSyntax.Cii ? CiiReader.Read(cursor) : UblReader.Read(cursor, syntax);
        while (reader.Read())
        {
        }
        return invoice;
    }

    /// <summary>Writes the invoice in the given syntax: UTF-8, indented, schema-valid when the model holds what the schema requires.</summary>
    public static byte[] Write(Model.Invoice invoice, InvoiceSyntax syntax) =>
        syntax == InvoiceSyntax.Cii ? CiiWriter.Write(invoice) : UblWriter.Write(invoice, syntax == InvoiceSyntax.UblCreditNote);

    /// <summary>The UBL document type matching the invoice type code (BT-3): CreditNote for the credit note codes of the EN 16931 UBL binding.</summary>
    public static InvoiceSyntax UblSyntaxFor(Model.Invoice invoice) =>
        invoice.TypeCode is "81" or "83" or "261" or "262" or "296" or "308" or "381" or "396" or "420" or "458" or "532"
            ? InvoiceSyntax.UblCreditNote
            : InvoiceSyntax.UblInvoice;

    /// <summary>Reads and writes in the target syntax (UBL picks Invoice or CreditNote from BT-3). Null with findings when unreadable.</summary>
    public static byte[]? Convert(ReadOnlyMemory<byte> xml, bool toCii, out XmlReadResult read, FormatLimits? limits = null)
    {
        read = Read(xml, limits, validateSchema: false);
        if (read.Invoice is null)
        {
            return null;
        }
        return Write(read.Invoice, toCii ? InvoiceSyntax.Cii : UblSyntaxFor(read.Invoice));
    }

    /// <summary>The syntax named by a root element, or null.</summary>
    public static InvoiceSyntax? Detect(string localName, string namespaceUri) => (localName, namespaceUri) switch
    {
        ("Invoice", UblInvoiceNamespace) => InvoiceSyntax.UblInvoice,
        ("CreditNote", UblCreditNoteNamespace) => InvoiceSyntax.UblCreditNote,
        ("CrossIndustryInvoice", CiiNamespace) => InvoiceSyntax.Cii,
        _ => null,
    };

    /// <summary>
    /// The guideline identifier (BT-24) of a CII document, read from the head of the document without validation; null when the
    /// document is not CII, has none or is broken (the main pass reports that).
    /// </summary>
    private static string? PeekCiiGuideline(ReadOnlyMemory<byte> xml, XmlReaderSettings secureSettings)
    {
        try
        {
            using var reader = XmlReader.Create(AsStream(xml), secureSettings.Clone());
            if (reader.MoveToContent() != XmlNodeType.Element || reader.LocalName != "CrossIndustryInvoice" || reader.NamespaceURI != CiiNamespace)
            {
                return null;
            }
            // The context comes first in CII; stop at the first element after it so the peek costs only the document's head.
            while (reader.Read())
            {
                if (reader.NodeType != XmlNodeType.Element)
                {
                    continue;
                }
                if (reader.Depth == 1 && reader.LocalName != "ExchangedDocumentContext")
                {
                    return null;
                }
                if (reader.LocalName == "GuidelineSpecifiedDocumentContextParameter")
                {
                    return reader.ReadToDescendant("ID", reader.NamespaceURI) ? reader.ReadElementContentAsString().Trim() : null;
                }
            }
            return null;
        }
        catch (XmlException)
        {
            return null;
        }
    }

    private static Finding Fatal(string location, string message) => new("XML", Severity.Fatal, location, null, message);

    internal static MemoryStream AsStream(ReadOnlyMemory<byte> xml) =>
        MemoryMarshal.TryGetArray(xml, out var segment) && segment.Array is not null
            ? new MemoryStream(segment.Array, segment.Offset, segment.Count, writable: false)
            : new MemoryStream(xml.ToArray(), writable: false);
}
