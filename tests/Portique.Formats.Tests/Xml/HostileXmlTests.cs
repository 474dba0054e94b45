using System.Text;

namespace Portique.Formats.Tests.Xml;

/// <summary>Hostile or broken input gives fatal findings and no model, never an exception or unbounded work.</summary>
public sealed class HostileXmlTests
{
    private const string UblHead = "<Invoice xmlns=\"urn:oasis:names:specification:ubl:schema:xsd:Invoice-2\" "
        + "xmlns:cbc=\"urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2\">";

    private static XmlReadResult Read(string xml, FormatLimits? limits = null) => InvoiceXml.Read(Encoding.UTF8.GetBytes(xml), limits);

    private static Finding AssertRejected(XmlReadResult result, string messagePart)
    {
        Assert.Null(result.Invoice);
        var finding = Assert.Single(result.Findings, f => f.Rule == "XML");
        Assert.Equal(Severity.Fatal, finding.Severity);
        Assert.Contains(messagePart, finding.Message, StringComparison.OrdinalIgnoreCase);
        return finding;
    }

    [Fact]
    public void A_DTD_is_refused()
    {
        var result = Read("<?xml version=\"1.0\"?><!DOCTYPE Invoice [<!ELEMENT Invoice ANY>]>" + UblHead + "</Invoice>");

        AssertRejected(result, "DTD");
    }

    [Fact]
    public void An_external_entity_is_never_resolved()
    {
        var secret = Path.GetTempFileName();
        File.WriteAllText(secret, "SECRET-CONTENT");
        try
        {
            var result = Read($"<?xml version=\"1.0\"?><!DOCTYPE Invoice [<!ENTITY xxe SYSTEM \"file://{secret}\">]>"
                + UblHead + "<cbc:ID>&xxe;</cbc:ID></Invoice>");

            AssertRejected(result, "DTD");
            Assert.DoesNotContain(result.Findings, f => f.Message.Contains("SECRET-CONTENT", StringComparison.Ordinal));
        }
        finally
        {
            File.Delete(secret);
        }
    }

    [Fact]
    public void Billion_laughs_is_refused_before_any_expansion()
    {
        var dtd = new StringBuilder("<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\">");
        for (var i = 1; i <= 9; i++)
        {
            dtd.Append($"<!ENTITY lol{i} \"{string.Concat(Enumerable.Repeat($"&lol{(i == 1 ? "" : (i - 1).ToString(System.Globalization.CultureInfo.InvariantCulture))};", 10))}\">");
        }
        dtd.Append("]>").Append(UblHead).Append("<cbc:ID>&lol9;</cbc:ID></Invoice>");

        AssertRejected(Read(dtd.ToString()), "DTD");
    }

    [Fact]
    public void Nesting_deeper_than_the_limit_is_refused()
    {
        const int depth = 100_000;
        var xml = new StringBuilder(UblHead);
        for (var i = 0; i < depth; i++)
        {
            xml.Append("<cbc:Note>");
        }
        for (var i = 0; i < depth; i++)
        {
            xml.Append("</cbc:Note>");
        }
        xml.Append("</Invoice>");

        var result = InvoiceXml.Read(Encoding.UTF8.GetBytes(xml.ToString()), validateSchema: false);

        AssertRejected(result, "nested");
    }

    [Fact]
    public void The_depth_limit_is_configurable()
    {
        var xml = File.ReadAllBytes(TestData.PathOf("examples/en16931/ubl/ubl-tc434-example1.xml"));

        Assert.NotNull(InvoiceXml.Read(xml).Invoice);
        AssertRejected(InvoiceXml.Read(xml, new FormatLimits { MaxDepth = 3 }), "nested");
    }

    [Fact]
    public void A_document_over_the_size_limit_is_refused_unread()
    {
        var xml = File.ReadAllBytes(TestData.PathOf("examples/en16931/ubl/ubl-tc434-example1.xml"));

        AssertRejected(InvoiceXml.Read(xml, new FormatLimits { MaxXmlBytes = 1000 }), "over the limit");
    }

    [Fact]
    public void The_default_size_limit_is_20_MB()
    {
        Assert.Equal(20 * 1024 * 1024, FormatLimits.Default.MaxXmlBytes);
        Assert.Equal(50 * 1024 * 1024, FormatLimits.Default.MaxPdfBytes);
    }

    [Fact]
    public void A_wrong_root_element_is_named_in_the_finding()
    {
        var finding = AssertRejected(Read("<Order xmlns=\"urn:oasis:names:specification:ubl:schema:xsd:Order-2\"/>"), "Order");

        Assert.Equal("/Order", finding.Location);
    }

    [Fact]
    public void A_right_name_in_the_wrong_namespace_is_not_an_invoice()
    {
        AssertRejected(Read("<Invoice xmlns=\"urn:example\"/>"), "not a UBL 2.1 Invoice");
    }

    [Theory]
    [InlineData(0.3)]
    [InlineData(0.6)]
    [InlineData(0.95)]
    public void A_truncated_document_is_not_well_formed(double keep)
    {
        var bytes = File.ReadAllBytes(TestData.PathOf("examples/en16931/cii/CII_example1.xml"));

        var result = InvoiceXml.Read(bytes.AsMemory(0, (int)(bytes.Length * keep)));

        AssertRejected(result, "not well-formed");
    }

    [Fact]
    public void Latin_1_bytes_declared_as_UTF_8_are_refused()
    {
        var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>" + UblHead + "<cbc:Note>Exonération</cbc:Note></Invoice>";

        var result = InvoiceXml.Read(Encoding.Latin1.GetBytes(xml));

        AssertRejected(result, "not well-formed");
    }

    [Fact]
    public void A_document_declared_in_another_encoding_is_decoded_by_its_declaration()
    {
        var text = File.ReadAllText(TestData.PathOf("examples/en16931/ubl/ubl-tc434-creditnote1.xml"))
            .Replace("encoding='UTF-8'", "encoding='ISO-8859-1'", StringComparison.OrdinalIgnoreCase);
        Assert.Contains("ISO-8859-1", text, StringComparison.Ordinal);

        var result = InvoiceXml.Read(Encoding.Latin1.GetBytes(text));

        Assert.Empty(result.Findings);
        Assert.Equal("Exonération du versement du PP", result.Invoice!.Lines[0].Item.Name);
    }

    [Fact]
    public void A_UTF_16_document_with_its_byte_order_mark_reads_like_the_UTF_8_one()
    {
        var text = File.ReadAllText(TestData.PathOf("examples/en16931/cii/CII_example1.xml"));
        var declaration = text.IndexOf("?>", StringComparison.Ordinal) + 2;
        var utf16 = Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes("<?xml version=\"1.0\" encoding=\"UTF-16\"?>" + text[declaration..])).ToArray();

        var result = InvoiceXml.Read(utf16);

        Assert.Empty(result.Findings);
        Assert.Equal("12115118", result.Invoice!.Number);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("not xml at all")]
    [InlineData("<")]
    [InlineData("\u00ef\u00bb\u00bf")]
    public void Garbage_gives_a_finding_not_an_exception(string text)
    {
        var result = Read(text);

        Assert.Null(result.Invoice);
        Assert.Contains(result.Findings, f => f.Rule == "XML" && f.Severity == Severity.Fatal);
    }

    [Fact]
    public void Trailing_content_after_the_root_is_not_well_formed()
    {
        var xml = File.ReadAllText(TestData.PathOf("examples/en16931/ubl/ubl-tc434-example1.xml")) + "<Invoice/>";

        AssertRejected(Read(xml), "not well-formed");
    }

    [Fact]
    public void A_missing_schemas_folder_fails_closed()
    {
        var missing = Path.Combine(Path.GetTempPath(), "no-such-schemas-" + Guid.NewGuid());

        var result = InvoiceXml.Read(TestData.Bytes("examples/en16931/ubl/ubl-tc434-example1.xml"), null, true, missing);

        var finding = Assert.Single(result.Findings);
        Assert.Equal("XSD", finding.Rule);
        Assert.Equal(Severity.Fatal, finding.Severity);
        Assert.NotNull(result.Invoice);
    }

    [Fact]
    public void Many_schema_errors_are_capped()
    {
        var xml = System.Text.RegularExpressions.Regex.Replace(
            File.ReadAllText(TestData.PathOf("examples/en16931/ubl/ubl-tc434-example1.xml")), @"currencyID=""EUR"">[0-9.]+<|unitCode=""EA"">[0-9.]+<|<cbc:Percent>[0-9.]+<", m => m.Value[..(m.Value.IndexOf('>', StringComparison.Ordinal) + 1)] + "x<");

        var result = InvoiceXml.Read(Encoding.UTF8.GetBytes(xml));

        Assert.Equal(51, result.Findings.Count(f => f.Rule == "XSD"));
        Assert.Contains(result.Findings, f => f.Rule == "XSD" && f.Message.Contains("more schema errors", StringComparison.Ordinal));
        Assert.NotNull(result.Invoice);
    }
}
