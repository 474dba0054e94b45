using System.Text;
using Portique.Formats.FacturX;
using Portique.Formats.Tests.FacturX;

namespace Portique.Formats.Tests.Hostile;

/// <summary>Untrusted input through the facade: every case ends in a report with a fatal finding, never an exception.</summary>
public sealed class HostileInputTests
{
    private const string Ubl = "examples/en16931/ubl/ubl-tc434-example1.xml";
    private const string FacturXFile = "factur-x/ferd-2.4/EN16931/EN16931_Einfach_fx.pdf";

    public static TheoryData<string, string> XmlAttacks => new()
    {
        { "external entity (XXE)", """<?xml version="1.0"?><!DOCTYPE Invoice [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"><ID>&xxe;</ID></Invoice>""" },
        { "external DTD", """<?xml version="1.0"?><!DOCTYPE Invoice SYSTEM "http://example.invalid/x.dtd"><Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"/>""" },
        { "billion laughs", BillionLaughs() },
        { "parameter entity", """<?xml version="1.0"?><!DOCTYPE x [<!ENTITY % p SYSTEM "http://example.invalid/p.dtd"> %p;]><x/>""" },
        { "malformed", """<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"><ID>1</Invoice>""" },
        { "wrong root", """<Order xmlns="urn:oasis:names:specification:ubl:schema:xsd:Order-2"><ID>1</ID></Order>""" },
        { "html", "<html><body>hello</body></html>" },
        { "empty", "" },
        { "whitespace", "   \n  " },
        { "text", "INVOICE 1 TOTAL 100 EUR" },
        { "json", """{"invoice": 1}""" },
    };

    [Theory]
    [MemberData(nameof(XmlAttacks))]
    public void Hostile_xml_gives_a_fatal_finding(string name, string xml)
    {
        var report = InvoiceEngine.Validate(Encoding.UTF8.GetBytes(xml));

        Assert.False(report.IsValid, name);
        Assert.Contains(report.Findings, f => f.Severity == Severity.Fatal && f.Message.Length > 0);
        Assert.DoesNotContain(report.Findings, f => f.Rule == InvoiceEngine.InternalErrorRule);
    }

    [Fact]
    public void Xxe_never_leaks_the_file()
    {
        var xml = File.ReadAllText(TestData.PathOf(Ubl))
            .Replace("<Invoice ", "<!DOCTYPE Invoice [<!ENTITY xxe SYSTEM \"file:///etc/hostname\">]><Invoice ", StringComparison.Ordinal)
            .Replace("<cbc:Note>", "<cbc:Note>&xxe;", StringComparison.Ordinal);
        var secret = File.Exists("/etc/hostname") ? File.ReadAllText("/etc/hostname").Trim() : "no-such-secret";

        var report = InvoiceEngine.Validate(Encoding.UTF8.GetBytes(xml));

        Assert.False(report.IsValid);
        Assert.DoesNotContain(report.Findings, f => f.Message.Contains(secret, StringComparison.Ordinal));
    }

    [Fact]
    public void Deep_nesting_is_refused()
    {
        var depth = 100_000;
        var xml = new StringBuilder("<Invoice xmlns=\"urn:oasis:names:specification:ubl:schema:xsd:Invoice-2\">");
        xml.Insert(xml.Length, "<a>", depth).Insert(xml.Length, "</a>", depth).Append("</Invoice>");

        var report = InvoiceEngine.Validate(Encoding.UTF8.GetBytes(xml.ToString()));

        Assert.False(report.IsValid);
    }

    [Fact]
    public void Xml_over_the_size_limit_is_refused()
    {
        var report = InvoiceEngine.Validate(TestData.Bytes(Ubl), limits: new FormatLimits { MaxXmlBytes = 1_000 });

        Assert.False(report.IsValid);
        Assert.Contains(report.Findings, f => f.Severity == Severity.Fatal);
    }

    [Fact]
    public void A_pdf_over_the_size_limit_is_refused()
    {
        var report = InvoiceEngine.Validate(TestData.Bytes(FacturXFile), limits: new FormatLimits { MaxPdfBytes = 1_000 });

        Assert.Equal(FacturXRules.TooBig, Assert.Single(report.Findings).Rule);
        Assert.Equal(SourceKind.FacturX, report.Kind);
    }

    [Fact]
    public void The_default_limits_refuse_a_huge_xml_without_reading_it_all()
    {
        // 21 MB of a well-formed prefix: over the 20 MB default, refused on size.
        var huge = new byte[21 * 1024 * 1024];
        "<Invoice xmlns=\"urn:oasis:names:specification:ubl:schema:xsd:Invoice-2\"><cbc:Note>"u8.CopyTo(huge);
        huge.AsSpan(100).Fill((byte)'a');

        var report = InvoiceEngine.Validate(huge);

        Assert.False(report.IsValid);
    }

    [Theory]
    [InlineData(0.1)]
    [InlineData(0.5)]
    [InlineData(0.95)]
    public void Truncated_xml_is_refused(double keep)
    {
        var xml = TestData.Bytes(Ubl);

        var report = InvoiceEngine.Validate(xml.AsMemory(0, (int)(xml.Length * keep)));

        Assert.False(report.IsValid);
    }

    [Fact]
    public void A_truncated_pdf_is_refused()
    {
        var pdf = TestData.Bytes(FacturXFile);

        var report = InvoiceEngine.Validate(pdf.AsMemory(0, pdf.Length / 2));

        Assert.Equal(FacturXRules.Damaged, Assert.Single(report.Findings).Rule);
    }

    [Theory]
    [InlineData(100_000, false)]
    [InlineData(100_000, true)]
    public void Deeply_nested_pdf_objects_are_refused(int depth, bool dictionaries)
    {
        var report = InvoiceEngine.Validate(PdfSamples.DeeplyNested(depth, dictionaries));

        Assert.False(report.IsValid);
        Assert.StartsWith("FX-PDF-", Assert.Single(report.Findings).Rule, StringComparison.Ordinal);
    }

    [Fact]
    public void A_pdf_without_attachment_is_refused() =>
        Assert.Equal(FacturXRules.NoAttachment, Assert.Single(InvoiceEngine.Validate(PdfSamples.WithoutAttachment()).Findings).Rule);

    [Fact]
    public void A_pdf_with_a_non_invoice_attachment_is_refused() =>
        Assert.Equal(FacturXRules.NoInvoiceAttachment,
            Assert.Single(InvoiceEngine.Validate(PdfSamples.WithAttachment("photo.png", [0x89, 0x50, 0x4E, 0x47])).Findings).Rule);

    [Fact]
    public void A_pdf_embedding_a_ubl_invoice_as_factur_x_is_refused() =>
        Assert.Equal(FacturXRules.NotInvoiceXml,
            Assert.Single(InvoiceEngine.Validate(PdfSamples.WithAttachment("factur-x.xml", TestData.Bytes(Ubl))).Findings).Rule);

    public static TheoryData<string, byte[]> WrongEncodings => new()
    {
        { "declared UTF-16, written UTF-8", Encoding.UTF8.GetBytes(File.ReadAllText(TestData.PathOf(Ubl)).Replace("encoding=\"UTF-8\"", "encoding=\"UTF-16\"", StringComparison.OrdinalIgnoreCase)) },
        { "unknown encoding", Encoding.UTF8.GetBytes("<?xml version=\"1.0\" encoding=\"X-NO-SUCH\"?><Invoice xmlns=\"urn:oasis:names:specification:ubl:schema:xsd:Invoice-2\"/>") },
        { "invalid UTF-8 bytes", [.. "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Invoice xmlns=\"urn:oasis:names:specification:ubl:schema:xsd:Invoice-2\"><cbc:ID xmlns:cbc=\"x\">"u8, 0xC3, 0x28, 0xFF, 0xFE, .. "</cbc:ID></Invoice>"u8] },
        { "UTF-32 bytes", Encoding.UTF32.GetBytes("<Invoice xmlns=\"urn:oasis:names:specification:ubl:schema:xsd:Invoice-2\"/>") },
        { "NUL bytes", new byte[4096] },
    };

    [Theory]
    [MemberData(nameof(WrongEncodings))]
    public void Wrong_encodings_give_a_fatal_finding(string name, byte[] content)
    {
        var report = InvoiceEngine.Validate(content);

        Assert.False(report.IsValid, name);
        Assert.DoesNotContain(report.Findings, f => f.Rule == InvoiceEngine.InternalErrorRule);
    }

    private static string BillionLaughs()
    {
        var dtd = new StringBuilder("<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol0 \"lol\">");
        for (var i = 1; i < 10; i++)
            dtd.Append($"<!ENTITY lol{i} \"{string.Concat(Enumerable.Repeat($"&lol{i - 1};", 10))}\">");
        return dtd.Append("]><lolz>&lol9;</lolz>").ToString();
    }
}
