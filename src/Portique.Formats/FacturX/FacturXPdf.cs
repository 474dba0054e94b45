using System.IO.Compression;
using System.Text;
using System.Xml;
using UglyToad.PdfPig;
using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Exceptions;
using UglyToad.PdfPig.Tokens;

namespace Portique.Formats.FacturX;

/// <summary>
/// Factur-X / ZUGFeRD 2.x: the CII invoice travels as an associated file of a PDF/A-3.
/// Extraction reads the PDF with PdfPig; creation writes it with PDFsharp (see <see cref="FacturXWriter"/>).
/// Findings use the rule ids of <see cref="FacturXRules"/>.
/// </summary>
public static class FacturXPdf
{
    /// <summary>Names under which Factur-X 1.x, ZUGFeRD 2.x and XRechnung-in-ZUGFeRD embed the invoice, in order of preference.</summary>
    public static IReadOnlyList<string> InvoiceAttachmentNames { get; } = ["factur-x.xml", "zugferd-invoice.xml", "xrechnung.xml"];

    private const string CiiNamespace = "urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100";

    /// <summary>True when the content starts like a PDF (the header may follow a little leading garbage, as readers tolerate).</summary>
    public static bool LooksLikePdf(ReadOnlySpan<byte> content) =>
        content[..Math.Min(content.Length, 1024)].IndexOf("%PDF-"u8) >= 0;

    public static byte[]? ExtractXml(ReadOnlyMemory<byte> pdf, out string? attachmentName, List<Finding> findings) =>
        ExtractXml(pdf, out attachmentName, findings, null);

    /// <summary>
    /// Returns the embedded invoice XML, or null with a fatal finding saying why. Never throws on bad input.
    /// </summary>
    public static byte[]? ExtractXml(ReadOnlyMemory<byte> pdf, out string? attachmentName, List<Finding> findings, FormatLimits? limits)
    {
        var extraction = Extract(pdf, findings, limits);
        attachmentName = extraction.AttachmentName;
        return extraction.Xml;
    }

    /// <summary>What extraction found: the XML (null on failure), its attachment name and the XMP fx:ConformanceLevel.</summary>
    internal sealed record Extraction(byte[]? Xml, string? AttachmentName, string? ConformanceLevel);

    internal static Extraction Extract(ReadOnlyMemory<byte> pdf, List<Finding> findings, FormatLimits? limits)
    {
        ArgumentNullException.ThrowIfNull(findings);
        limits ??= FormatLimits.Default;

        if (pdf.Length > limits.MaxPdfBytes)
            return Fail(findings, FacturXRules.TooBig, $"The PDF is {pdf.Length:N0} bytes; the limit is {limits.MaxPdfBytes:N0}.");
        if (!LooksLikePdf(pdf.Span))
            return Fail(findings, FacturXRules.NotPdf, "The content is not a PDF: no %PDF- header.");
        // A complete PDF ends with %%EOF; readers accept it within the last kilobyte. Without it the file was cut short.
        if (pdf.Span[Math.Max(0, pdf.Length - 1024)..].LastIndexOf("%%EOF"u8) < 0)
            return Fail(findings, FacturXRules.Damaged, "The PDF is truncated: no %%EOF marker at its end.");

        // PdfPig follows trees and references without a visited set: a self-reference would overflow the stack, which no catch
        // survives. The guard walks the structure first, iteratively and bounded (docs/decisions/0020).
        var bytes = pdf.ToArray();
        if (PdfStructureGuard.Check(bytes, limits) is { } unsafeStructure)
            return Fail(findings, FacturXRules.UnsafeStructure, $"The PDF is refused before it is read: {unsafeStructure}");

        try
        {
            using var document = PdfDocument.Open(bytes, new ParsingOptions { UseLenientParsing = true, SkipMissingFonts = true });
            if (document.IsEncrypted)
                return Fail(findings, FacturXRules.Encrypted, "The PDF is encrypted; PDF/A-3 forbids encryption.");
            if (!document.Advanced.TryGetEmbeddedFiles(out var files) || files.Count == 0)
                return Fail(findings, FacturXRules.NoAttachment, "The PDF has no embedded file: it is not a Factur-X / ZUGFeRD invoice.");

            var invoiceFile = FindInvoiceFile(files);
            if (invoiceFile is null)
            {
                var names = string.Join(", ", files.Select(f => f.Name));
                return Fail(findings, FacturXRules.NoInvoiceAttachment,
                    $"None of the embedded files ({names}) is an invoice: expected one of {string.Join(", ", InvoiceAttachmentNames)}.");
            }

            var attachmentName = invoiceFile.Name;
            var xml = Decode(invoiceFile, limits.MaxXmlBytes);
            if (xml is null)
                return Fail(findings, FacturXRules.TooBig, $"The embedded {attachmentName} is larger than the XML limit of {limits.MaxXmlBytes:N0} bytes.");
            if (!IsCiiInvoice(xml, limits, out var why))
                return Fail(findings, FacturXRules.NotInvoiceXml, $"The embedded {attachmentName} is not a CII invoice: {why}");
            var level = CheckDeclarations(document, attachmentName, findings);
            return new Extraction(xml, attachmentName, level);
        }
        catch (PdfDocumentEncryptedException)
        {
            return Fail(findings, FacturXRules.Encrypted, "The PDF is encrypted with a password; PDF/A-3 forbids encryption.");
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // PdfPig signals broken structure with many exception types (format, index, cast...): all mean "damaged".
            return Fail(findings, FacturXRules.Damaged, $"The PDF structure cannot be read ({e.GetType().Name}: {e.Message}).");
        }
    }

    /// <summary>
    /// Writes a Factur-X PDF/A-3B embedding <paramref name="ciiXml"/> as factur-x.xml. <paramref name="profileName"/> is the
    /// XMP conformance level (MINIMUM, BASIC WL, BASIC, EN 16931, EXTENDED; "en16931", "basic-wl"... accepted). Without
    /// <paramref name="visualPdf"/> a readable page is drawn from the invoice; a given one supplies the pages as they are, so
    /// it must itself meet PDF/A (embedded fonts, no encryption). Throws <see cref="InvoiceFormatException"/> when the XML is
    /// not a readable CII invoice.
    /// </summary>
    public static byte[] Create(byte[] ciiXml, string profileName, byte[]? visualPdf = null) =>
        FacturXWriter.Create(ciiXml, profileName, visualPdf);

    private static EmbeddedFile? FindInvoiceFile(IReadOnlyList<EmbeddedFile> files)
    {
        foreach (var wanted in InvoiceAttachmentNames)
        {
            foreach (var file in files)
            {
                if (string.Equals(file.Name, wanted, StringComparison.OrdinalIgnoreCase)
                    || string.Equals(file.FileSpecification, wanted, StringComparison.OrdinalIgnoreCase))
                    return file;
            }
        }
        return null;
    }

    /// <summary>
    /// Decodes the embedded stream without trusting it: a deflate bomb stops at the limit instead of filling memory.
    /// Other filters (rare for Factur-X) go through PdfPig, whose expansions are bounded by the input size.
    /// </summary>
    private static byte[]? Decode(EmbeddedFile file, long maxBytes)
    {
        var stream = file.Stream;
        var filter = stream.StreamDictionary.TryGet(NameToken.Filter, out var token) ? token : null;
        var single = filter switch
        {
            NameToken name => name.Data,
            ArrayToken { Data.Count: 1 } array when array.Data[0] is NameToken name => name.Data,
            _ => null,
        };
        if (filter is null)
            return stream.Data.Length > maxBytes ? null : stream.Data.ToArray();
        if (single == "FlateDecode")
        {
            using var input = new ZLibStream(new MemoryStream(stream.Data.ToArray(), writable: false), CompressionMode.Decompress);
            using var output = new MemoryStream();
            var buffer = new byte[81920];
            int read;
            while ((read = input.Read(buffer, 0, buffer.Length)) > 0)
            {
                if (output.Length + read > maxBytes)
                    return null;
                output.Write(buffer, 0, read);
            }
            return output.ToArray();
        }
        var bytes = file.Memory;
        return bytes.Length > maxBytes ? null : bytes.ToArray();
    }

    /// <summary>Reads up to the root element only (DTDs refused): enough to tell an invoice from another XML or non-XML.</summary>
    private static bool IsCiiInvoice(byte[] xml, FormatLimits limits, out string why)
    {
        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            MaxCharactersInDocument = limits.MaxXmlBytes,
            IgnoreComments = true,
            IgnoreProcessingInstructions = true,
            IgnoreWhitespace = true,
        };
        try
        {
            using var reader = XmlReader.Create(new MemoryStream(xml, writable: false), settings);
            if (reader.MoveToContent() != XmlNodeType.Element)
            {
                why = "no root element.";
                return false;
            }
            if (reader.LocalName == "CrossIndustryInvoice" && reader.NamespaceURI == CiiNamespace)
            {
                why = "";
                return true;
            }
            why = $"its root element is {{{reader.NamespaceURI}}}{reader.LocalName}.";
            return false;
        }
        catch (XmlException e)
        {
            why = $"not well-formed XML ({e.Message}).";
            return false;
        }
        catch (DecoderFallbackException e)
        {
            why = $"bad character encoding ({e.Message}).";
            return false;
        }
    }

    /// <summary>
    /// Warnings about how the PDF declares its invoice: the XMP Factur-X identification (fx:DocumentFileName, ConformanceLevel)
    /// and the /AF associated-file entry that PDF/A-3 requires. Returns the declared conformance level.
    /// </summary>
    private static string? CheckDeclarations(PdfDocument document, string attachmentName, List<Finding> findings)
    {
        string? level = null;
        string? fileName = null;
        try
        {
            if (document.TryGetXmpMetadata(out var xmp))
            {
                // Factur-X 1.0 and ZUGFeRD 2.x use different namespaces for the same local names.
                foreach (var element in xmp.GetXDocument().Descendants())
                {
                    if (element.Name.LocalName == "ConformanceLevel")
                        level = element.Value.Trim();
                    else if (element.Name.LocalName == "DocumentFileName")
                        fileName = element.Value.Trim();
                }
            }
        }
        catch (XmlException)
        {
            // Unreadable XMP is reported like missing XMP below.
        }
        if (level is null || !string.Equals(fileName, attachmentName, StringComparison.OrdinalIgnoreCase))
        {
            findings.Add(new Finding(FacturXRules.XmpIdentification, Severity.Warning, "/", null,
                $"The XMP metadata does not identify {attachmentName} as the Factur-X invoice (fx:DocumentFileName '{fileName}', fx:ConformanceLevel '{level}')."));
        }
        if (!document.Structure.Catalog.CatalogDictionary.Data.ContainsKey("AF"))
        {
            findings.Add(new Finding(FacturXRules.NotAssociated, Severity.Warning, "/", null,
                $"{attachmentName} is embedded but not declared as an associated file (/AF), as PDF/A-3 requires."));
        }
        return level;
    }

    private static Extraction Fail(List<Finding> findings, string rule, string message)
    {
        findings.Add(new Finding(rule, Severity.Fatal, "/", null, message));
        return new Extraction(null, null, null);
    }
}
