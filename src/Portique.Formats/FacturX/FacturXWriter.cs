using System.Globalization;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using PdfSharp.Pdf;
using PdfSharp.Pdf.IO;

namespace Portique.Formats.FacturX;

/// <summary>
/// Writes a Factur-X PDF/A-3B: the visual pages (given, or drawn by <see cref="VisualPage"/>), the CII XML as an associated
/// file (/AF, EmbeddedFiles name tree, /AFRelationship, MIME text/xml), the sRGB output intent and the XMP metadata with
/// the PDF/A identification and the Factur-X extension schema (fx:DocumentType, DocumentFileName, Version, ConformanceLevel).
/// </summary>
internal static class FacturXWriter
{
    internal const string AttachmentName = "factur-x.xml";
    private const string FacturXVersion = "1.0";

    /// <summary>Profile names of Factur-X 1.x as the XMP fx:ConformanceLevel expects them.</summary>
    internal static readonly string[] Profiles = ["MINIMUM", "BASIC WL", "BASIC", "EN 16931", "EXTENDED"];

    public static byte[] Create(byte[] ciiXml, string profileName, byte[]? visualPdf, Model.Invoice? invoice = null)
    {
        ArgumentNullException.ThrowIfNull(ciiXml);
        var profile = NormaliseProfile(profileName);
        var created = DateTime.UtcNow;
        created = new DateTime(created.Ticks - created.Ticks % TimeSpan.TicksPerSecond, DateTimeKind.Utc);

        if (invoice is null)
        {
            var read = InvoiceXml.Read(ciiXml, validateSchema: false);
            invoice = read.Invoice is not null && read.Syntax == InvoiceSyntax.Cii
                ? read.Invoice
                : throw new InvoiceFormatException("A Factur-X must embed a readable CII invoice.", read.Findings);
        }
        using var document = visualPdf is null ? VisualPage.Draw(invoice) : ImportPages(visualPdf);
        document.Version = 17;
        document.Info.Title = $"{Rendering.InvoiceText.French.DocumentTitle(invoice.TypeCode)} {invoice.Number}".Trim();
        document.Info.Creator = "Portique";
        document.Info.Author = string.IsNullOrWhiteSpace(invoice.Seller.Name) ? "Portique" : invoice.Seller.Name;
        document.Info.CreationDate = created;
        document.Info.ModificationDate = created;

        var catalog = document.Internals.Catalog;
        // MINIMUM and BASIC WL are not complete invoices, so the XML is only data about the PDF; richer profiles are an alternative form of it.
        var fileSpec = Attach(document, ciiXml, created, profile is "MINIMUM" or "BASIC WL" ? "Data" : "Alternative");
        catalog.Elements["/AF"] = new PdfArray(document, fileSpec.Reference!);
        var names = new PdfDictionary(document);
        var embedded = new PdfDictionary(document);
        embedded.Elements["/Names"] = new PdfArray(document, new PdfString(AttachmentName), fileSpec.Reference!);
        names.Elements["/EmbeddedFiles"] = embedded;
        catalog.Elements["/Names"] = names;
        catalog.Elements["/OutputIntents"] = new PdfArray(document, OutputIntent(document));

        using var output = new MemoryStream();
        document.Save(output, closeStream: false);
        // PDFsharp always writes its own XMP packet while saving (without PDF/A-3 or Factur-X entries) and offers no hook to
        // replace it, so the saved file gets an incremental update that redefines that one metadata object.
        var metadata = catalog.Elements.GetReference("/Metadata")
            ?? throw new InvalidOperationException("PDFsharp wrote no metadata stream to replace.");
        var xmp = Encoding.UTF8.GetBytes(Xmp(profile, created, document.Info.Title, document.Info.Author, document.Info.Producer));
        return PdfIncrementalUpdate.ReplaceStreamObject(output.ToArray(), metadata.ObjectNumber, "/Type/Metadata/Subtype/XML", xmp);
    }

    /// <summary>Accepts the XMP spelling ("EN 16931", "BASIC WL") and the usual shorthands ("en16931", "basic-wl", "factur-x-extended").</summary>
    internal static string NormaliseProfile(string profileName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(profileName);
        var key = new string(profileName.ToUpperInvariant().Where(char.IsLetterOrDigit).ToArray());
        if (key.StartsWith("FACTURX", StringComparison.Ordinal))
            key = key["FACTURX".Length..];
        foreach (var profile in Profiles)
        {
            if (key == new string(profile.Where(char.IsLetterOrDigit).ToArray()))
                return profile;
        }
        throw new ArgumentException($"Unknown Factur-X profile '{profileName}'; expected one of {string.Join(", ", Profiles)}.", nameof(profileName));
    }

    private static PdfDocument ImportPages(byte[] visualPdf)
    {
        // PDFsharp loops forever on a /Prev that points back to its own section: the same guard as for reading (docs/decisions/0020).
        if (PdfStructureGuard.Check(visualPdf, FormatLimits.Default) is { } unsafeStructure)
            throw new InvoiceFormatException("The visual PDF is refused.",
                [new Finding(FacturXRules.UnsafeStructure, Severity.Fatal, "/", null, $"The visual PDF is refused before it is read: {unsafeStructure}")]);
        using var source = PdfReader.Open(new MemoryStream(visualPdf, writable: false), PdfDocumentOpenMode.Import);
        var document = new PdfDocument();
        foreach (var page in source.Pages)
            document.AddPage(page);
        return document;
    }

    private static PdfDictionary Attach(PdfDocument document, byte[] xml, DateTime created, string relationship)
    {
        var stream = new PdfDictionary(document);
        stream.Elements["/Type"] = new PdfName("/EmbeddedFile");
        stream.Elements["/Subtype"] = new PdfName("/text/xml");
        stream.Elements["/Filter"] = new PdfName("/FlateDecode");
        var parameters = new PdfDictionary(document);
        parameters.Elements["/Size"] = new PdfInteger(xml.Length);
        parameters.Elements["/ModDate"] = new PdfDate(created);
        // The PDF file specification defines /CheckSum as MD5: an integrity hint for readers, not a security control.
#pragma warning disable CA5351
        parameters.Elements["/CheckSum"] = new PdfString(Encoding.Latin1.GetString(MD5.HashData(xml)), PdfStringEncoding.RawEncoding);
#pragma warning restore CA5351
        stream.Elements["/Params"] = parameters;
        stream.CreateStream(Deflate(xml));
        document.Internals.AddObject(stream);

        var fileRefs = new PdfDictionary(document);
        fileRefs.Elements["/F"] = stream.Reference!;
        fileRefs.Elements["/UF"] = stream.Reference!;
        var fileSpec = new PdfDictionary(document);
        fileSpec.Elements["/Type"] = new PdfName("/Filespec");
        fileSpec.Elements["/F"] = new PdfString(AttachmentName);
        fileSpec.Elements["/UF"] = new PdfString(AttachmentName, PdfStringEncoding.Unicode);
        fileSpec.Elements["/Desc"] = new PdfString("Factur-X invoice");
        fileSpec.Elements["/AFRelationship"] = new PdfName("/" + relationship);
        fileSpec.Elements["/EF"] = fileRefs;
        document.Internals.AddObject(fileSpec);
        return fileSpec;
    }

    private static PdfDictionary OutputIntent(PdfDocument document)
    {
        // PDFsharp ships the ICC sRGB v2 (2014) profile as a resource; PDF/A needs one output intent with an ICC profile.
        using var icc = typeof(PdfDocument).Assembly.GetManifestResourceStream("PdfSharp.Resources.sRGB2014.icc")
            ?? throw new InvalidOperationException("PDFsharp's sRGB ICC profile resource is missing.");
        using var buffer = new MemoryStream();
        icc.CopyTo(buffer);
        var profile = new PdfDictionary(document);
        profile.Elements["/N"] = new PdfInteger(3);
        profile.Elements["/Filter"] = new PdfName("/FlateDecode");
        profile.CreateStream(Deflate(buffer.ToArray()));
        document.Internals.AddObject(profile);

        var intent = new PdfDictionary(document);
        intent.Elements["/Type"] = new PdfName("/OutputIntent");
        intent.Elements["/S"] = new PdfName("/GTS_PDFA1");
        intent.Elements["/OutputConditionIdentifier"] = new PdfString("sRGB IEC61966-2.1");
        intent.Elements["/RegistryName"] = new PdfString("http://www.color.org");
        intent.Elements["/Info"] = new PdfString("sRGB IEC61966-2.1");
        intent.Elements["/DestOutputProfile"] = profile.Reference!;
        return intent;
    }

    /// <summary>The XMP packet; every Info dictionary entry has its XMP twin with the same value, as PDF/A requires.</summary>
    internal static string Xmp(string profile, DateTime created, string title, string author, string producer)
    {
        var date = created.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        static string E(string s) => System.Security.SecurityElement.Escape(s);
        return $"""
            <?xpacket begin="﻿" id="W5M0MpCehiHzreSzNTczkc9d"?>
            <x:xmpmeta xmlns:x="adobe:ns:meta/">
             <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
              <rdf:Description rdf:about="" xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/">
               <pdfaid:part>3</pdfaid:part>
               <pdfaid:conformance>B</pdfaid:conformance>
              </rdf:Description>
              <rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/">
               <dc:title><rdf:Alt><rdf:li xml:lang="x-default">{E(title)}</rdf:li></rdf:Alt></dc:title>
               <dc:creator><rdf:Seq><rdf:li>{E(author)}</rdf:li></rdf:Seq></dc:creator>
              </rdf:Description>
              <rdf:Description rdf:about="" xmlns:xmp="http://ns.adobe.com/xap/1.0/">
               <xmp:CreatorTool>Portique</xmp:CreatorTool>
               <xmp:CreateDate>{date}</xmp:CreateDate>
               <xmp:ModifyDate>{date}</xmp:ModifyDate>
              </rdf:Description>
              <rdf:Description rdf:about="" xmlns:pdf="http://ns.adobe.com/pdf/1.3/">
               <pdf:Producer>{E(producer)}</pdf:Producer>
              </rdf:Description>
              <rdf:Description rdf:about="" xmlns:fx="urn:factur-x:pdfa:CrossIndustryDocument:invoice:1p0#">
               <fx:DocumentType>INVOICE</fx:DocumentType>
               <fx:DocumentFileName>{AttachmentName}</fx:DocumentFileName>
               <fx:Version>{FacturXVersion}</fx:Version>
               <fx:ConformanceLevel>{profile}</fx:ConformanceLevel>
              </rdf:Description>
              <rdf:Description rdf:about="" xmlns:pdfaExtension="http://www.aiim.org/pdfa/ns/extension/" xmlns:pdfaSchema="http://www.aiim.org/pdfa/ns/schema#" xmlns:pdfaProperty="http://www.aiim.org/pdfa/ns/property#">
               <pdfaExtension:schemas>
                <rdf:Bag>
                 <rdf:li rdf:parseType="Resource">
                  <pdfaSchema:schema>Factur-X PDFA Extension Schema</pdfaSchema:schema>
                  <pdfaSchema:namespaceURI>urn:factur-x:pdfa:CrossIndustryDocument:invoice:1p0#</pdfaSchema:namespaceURI>
                  <pdfaSchema:prefix>fx</pdfaSchema:prefix>
                  <pdfaSchema:property>
                   <rdf:Seq>
                    {Property("DocumentFileName", "Text", "The name of the embedded XML document")}
                    {Property("DocumentType", "Text", "The type of the hybrid document in capital letters, e.g. INVOICE or ORDER")}
                    {Property("Version", "Text", "The actual version of the standard applying to the embedded XML document")}
                    {Property("ConformanceLevel", "Text", "The conformance level of the embedded XML document")}
                   </rdf:Seq>
                  </pdfaSchema:property>
                 </rdf:li>
                </rdf:Bag>
               </pdfaExtension:schemas>
              </rdf:Description>
             </rdf:RDF>
            </x:xmpmeta>
            <?xpacket end="w"?>
            """;
    }

    private static string Property(string name, string type, string description) =>
        $"<rdf:li rdf:parseType=\"Resource\"><pdfaProperty:name>{name}</pdfaProperty:name><pdfaProperty:valueType>{type}</pdfaProperty:valueType><pdfaProperty:category>external</pdfaProperty:category><pdfaProperty:description>{description}</pdfaProperty:description></rdf:li>";

    private static byte[] Deflate(byte[] data)
    {
        using var output = new MemoryStream();
        using (var zlib = new ZLibStream(output, CompressionLevel.Optimal, leaveOpen: true))
            zlib.Write(data);
        return output.ToArray();
    }
}
