using System.Xml.Linq;
using Portique.Formats.FacturX;
using UglyToad.PdfPig.Tokens;
using PigDocument = UglyToad.PdfPig.PdfDocument;

namespace Portique.Formats.Tests.FacturX;

public sealed class FacturXCreationTests
{
    private const string Cii = "examples/en16931/cii/CII_business_example_01.xml";
    private static readonly XNamespace Fx = "urn:factur-x:pdfa:CrossIndustryDocument:invoice:1p0#";
    private static readonly XNamespace PdfaId = "http://www.aiim.org/pdfa/ns/id/";

    public static TheoryData<string> CiiExamples =>
        [.. Directory.GetFiles(TestData.PathOf("examples/en16931/cii"), "*.xml").Select(p => Path.GetFileName(p)).Order(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(CiiExamples))]
    public void Create_then_extract_gives_back_the_same_xml(string file)
    {
        var xml = TestData.Bytes($"examples/en16931/cii/{file}");

        var pdf = FacturXPdf.Create(xml, "EN 16931");

        var findings = new List<Finding>();
        Assert.Equal(xml, FacturXPdf.ExtractXml(pdf, out var name, findings));
        Assert.Empty(findings);
        Assert.Equal("factur-x.xml", name);
    }

    [Theory]
    [InlineData("MINIMUM", "MINIMUM", "Data")]
    [InlineData("basic-wl", "BASIC WL", "Data")]
    [InlineData("BASIC", "BASIC", "Alternative")]
    [InlineData("en16931", "EN 16931", "Alternative")]
    [InlineData("Factur-X-EXTENDED", "EXTENDED", "Alternative")]
    public void The_xmp_declares_pdfa3b_and_the_factur_x_profile(string asked, string conformanceLevel, string relationship)
    {
        var pdf = FacturXPdf.Create(TestData.Bytes(Cii), asked);

        using var document = PigDocument.Open(pdf);
        Assert.True(document.TryGetXmpMetadata(out var metadata));
        var xmp = metadata.GetXDocument();
        Assert.Equal("3", xmp.Descendants(PdfaId + "part").Single().Value);
        Assert.Equal("B", xmp.Descendants(PdfaId + "conformance").Single().Value);
        Assert.Equal(conformanceLevel, xmp.Descendants(Fx + "ConformanceLevel").Single().Value);
        Assert.Equal("INVOICE", xmp.Descendants(Fx + "DocumentType").Single().Value);
        Assert.Equal("factur-x.xml", xmp.Descendants(Fx + "DocumentFileName").Single().Value);
        Assert.Equal("1.0", xmp.Descendants(Fx + "Version").Single().Value);
        Assert.Equal(relationship, FileSpecification(document)["AFRelationship"]);
    }

    [Fact]
    public void The_xml_is_an_associated_file_in_the_embedded_files_with_an_srgb_output_intent()
    {
        var pdf = FacturXPdf.Create(TestData.Bytes(Cii), "EN 16931");

        Assert.StartsWith("%PDF-1.7", System.Text.Encoding.ASCII.GetString(pdf, 0, 8), StringComparison.Ordinal);
        using var document = PigDocument.Open(pdf);
        var catalog = document.Structure.Catalog.CatalogDictionary;
        var spec = FileSpecification(document);
        Assert.Equal("factur-x.xml", spec["F"]);
        Assert.Equal("factur-x.xml", spec["UF"]);
        Assert.Equal("text/xml", spec["Subtype"]);

        var names = Resolve<DictionaryToken>(document, catalog.Data["Names"]);
        var tree = Resolve<DictionaryToken>(document, names.Data["EmbeddedFiles"]);
        var entries = Resolve<ArrayToken>(document, tree.Data["Names"]);
        Assert.Equal("factur-x.xml", Assert.IsType<StringToken>(entries.Data[0]).Data);

        var intents = Resolve<ArrayToken>(document, catalog.Data["OutputIntents"]);
        var intent = Resolve<DictionaryToken>(document, Assert.Single(intents.Data));
        Assert.Equal("GTS_PDFA1", Resolve<NameToken>(document, intent.Data["S"]).Data);
        var profile = Resolve<StreamToken>(document, intent.Data["DestOutputProfile"]);
        Assert.Equal(3, Resolve<NumericToken>(document, profile.StreamDictionary.Data["N"]).Int);
    }

    [Fact]
    public void The_drawn_page_shows_the_invoice()
    {
        var xml = TestData.Bytes(Cii);
        var invoice = InvoiceXml.Read(xml).Invoice!;

        using var document = PigDocument.Open(FacturXPdf.Create(xml, "EN 16931"));

        var text = string.Concat(document.GetPages().Select(p => p.Text));
        Assert.Contains(invoice.Number!, text, StringComparison.Ordinal);
        Assert.Contains(invoice.Seller.Name!, text, StringComparison.Ordinal);
        Assert.Contains(invoice.Buyer.Name!, text, StringComparison.Ordinal);
        Assert.Contains(Formats.Rendering.InvoiceText.French.Amount(invoice.Totals.PayableAmount), text, StringComparison.Ordinal);
        foreach (var line in invoice.Lines)
            Assert.Contains(line.Id!, text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_given_visual_pdf_supplies_the_pages()
    {
        var visual = TestData.Bytes($"{FerdExamples.Folder}/EN16931/EN16931_Einfach_fx.pdf");
        using var source = PigDocument.Open(visual);

        var pdf = FacturXPdf.Create(TestData.Bytes(Cii), "EN 16931", visual);

        using var document = PigDocument.Open(pdf);
        Assert.Equal(source.NumberOfPages, document.NumberOfPages);
        Assert.Equal(source.GetPage(1).Text, document.GetPage(1).Text);
        Assert.Equal(TestData.Bytes(Cii), FacturXPdf.ExtractXml(pdf, out _, []));
    }

    [Fact]
    public void An_unknown_profile_is_refused() =>
        Assert.Throws<ArgumentException>(() => FacturXPdf.Create(TestData.Bytes(Cii), "PLATINUM"));

    [Fact]
    public void Xml_that_is_not_a_cii_invoice_is_refused() =>
        Assert.Throws<InvoiceFormatException>(() => FacturXPdf.Create(TestData.Bytes("examples/en16931/ubl/ubl-tc434-example1.xml"), "EN 16931"));

    /// <summary>The first associated file: its entries, plus the MIME subtype of its embedded stream.</summary>
    private static Dictionary<string, string> FileSpecification(PigDocument document)
    {
        var catalog = document.Structure.Catalog.CatalogDictionary;
        var af = Resolve<ArrayToken>(document, catalog.Data["AF"]);
        var spec = Resolve<DictionaryToken>(document, Assert.Single(af.Data));
        var ef = Resolve<DictionaryToken>(document, spec.Data["EF"]);
        var stream = Resolve<StreamToken>(document, ef.Data["F"]);
        return new Dictionary<string, string>
        {
            ["F"] = Text(document, spec.Data["F"]),
            ["UF"] = Text(document, spec.Data["UF"]),
            ["AFRelationship"] = Resolve<NameToken>(document, spec.Data["AFRelationship"]).Data,
            ["Subtype"] = Resolve<NameToken>(document, stream.StreamDictionary.Data["Subtype"]).Data,
        };
    }

    /// <summary>A PDF text string, written literally or (for Unicode) in hex.</summary>
    private static string Text(PigDocument document, IToken token) => Resolve<IDataToken<string>>(document, token).Data;

    private static T Resolve<T>(PigDocument document, IToken token) where T : IToken =>
        token is IndirectReferenceToken reference
            ? Assert.IsAssignableFrom<T>(document.Structure.GetObject(reference.Data).Data)
            : Assert.IsAssignableFrom<T>(token);
}
