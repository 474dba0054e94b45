using Portique.Formats.FacturX;

namespace Portique.Formats.Tests.FacturX;

public sealed class FacturXExtractionTests
{
    [Fact]
    public void The_testdata_holds_the_fifty_FeRD_pdfs() => Assert.Equal(50, FerdExamples.Pdfs.Count());

    [Theory]
    [MemberData(nameof(FerdExamples.PdfData), MemberType = typeof(FerdExamples))]
    public void Extracts_the_embedded_xml_identical_to_the_standalone_file(string pdf)
    {
        var findings = new List<Finding>();

        var xml = FacturXPdf.ExtractXml(TestData.Bytes(pdf), out var name, findings);

        Assert.Empty(findings);
        Assert.NotNull(xml);
        Assert.Contains(name, FacturXPdf.InvoiceAttachmentNames);
        Assert.Equal(TestData.Bytes(FerdExamples.StandaloneXmlOf(pdf)), xml);
    }

    [Fact]
    public void Finds_the_invoice_among_other_attachments()
    {
        // This example also embeds a PDF and a PNG next to factur-x.xml.
        var findings = new List<Finding>();

        var xml = FacturXPdf.ExtractXml(TestData.Bytes($"{FerdExamples.Folder}/EN16931/EN16931_Elektron_Anlage_XML_fx.pdf"), out var name, findings);

        Assert.NotNull(xml);
        Assert.Equal("factur-x.xml", name);
    }

    [Fact]
    public void Reads_the_xrechnung_attachment_name()
    {
        var findings = new List<Finding>();

        var xml = FacturXPdf.ExtractXml(TestData.Bytes($"{FerdExamples.Folder}/XRECHNUNG/XRECHNUNG_Einfach_fx.pdf"), out var name, findings);

        Assert.NotNull(xml);
        Assert.Equal("xrechnung.xml", name);
    }

    [Fact]
    public void Accepts_a_zugferd_attachment_name_in_any_case()
    {
        var cii = TestData.Bytes($"{FerdExamples.Folder}/EN16931/EN16931_Einfach.xml");
        var findings = new List<Finding>();

        var xml = FacturXPdf.ExtractXml(PdfSamples.WithAttachment("ZUGFeRD-invoice.xml", cii), out var name, findings);

        Assert.Equal(cii, xml);
        Assert.Equal("ZUGFeRD-invoice.xml", name);
    }

    [Fact]
    public void An_attachment_without_xmp_identification_or_af_entry_is_extracted_with_warnings()
    {
        var cii = TestData.Bytes($"{FerdExamples.Folder}/EN16931/EN16931_Einfach.xml");
        var findings = new List<Finding>();

        Assert.Equal(cii, FacturXPdf.ExtractXml(PdfSamples.WithAttachment("factur-x.xml", cii), out _, findings));

        Assert.All(findings, f => Assert.Equal(Severity.Warning, f.Severity));
        Assert.Equal([FacturXRules.XmpIdentification, FacturXRules.NotAssociated], findings.Select(f => f.Rule));
    }

    [Fact]
    public void A_pdf_without_attachment_is_reported()
    {
        var findings = new List<Finding>();

        Assert.Null(FacturXPdf.ExtractXml(PdfSamples.WithoutAttachment(), out _, findings));

        Assert.Equal(FacturXRules.NoAttachment, Assert.Single(findings).Rule);
    }

    [Fact]
    public void A_pdf_with_only_other_attachments_is_reported()
    {
        var findings = new List<Finding>();

        Assert.Null(FacturXPdf.ExtractXml(PdfSamples.WithAttachment("notes.txt", "hello"u8.ToArray()), out _, findings));

        var finding = Assert.Single(findings);
        Assert.Equal(FacturXRules.NoInvoiceAttachment, finding.Rule);
        Assert.Contains("notes.txt", finding.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("<Invoice xmlns=\"urn:oasis:names:specification:ubl:schema:xsd:Invoice-2\"/>")]
    [InlineData("this is not xml")]
    [InlineData("<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY a \"b\">]><x>&a;</x>")]
    public void An_invoice_attachment_that_is_not_a_cii_invoice_is_reported(string content)
    {
        var findings = new List<Finding>();

        Assert.Null(FacturXPdf.ExtractXml(PdfSamples.WithAttachment("factur-x.xml", System.Text.Encoding.UTF8.GetBytes(content)), out _, findings));

        Assert.Equal(FacturXRules.NotInvoiceXml, Assert.Single(findings).Rule);
    }

    [Theory]
    [InlineData("")]
    [InlineData("user-secret")]
    public void An_encrypted_pdf_is_reported(string userPassword)
    {
        var findings = new List<Finding>();

        Assert.Null(FacturXPdf.ExtractXml(PdfSamples.Encrypted(userPassword), out _, findings));

        Assert.Equal(FacturXRules.Encrypted, Assert.Single(findings).Rule);
    }

    [Fact]
    public void Content_that_is_not_a_pdf_is_reported()
    {
        var findings = new List<Finding>();

        Assert.Null(FacturXPdf.ExtractXml("<xml/>"u8.ToArray(), out _, findings));

        Assert.Equal(FacturXRules.NotPdf, Assert.Single(findings).Rule);
    }

    [Theory]
    [InlineData(0.5)]
    [InlineData(0.9)]
    [InlineData(0.999)]
    public void A_truncated_pdf_is_reported(double keep)
    {
        var pdf = TestData.Bytes($"{FerdExamples.Folder}/EN16931/EN16931_Einfach_fx.pdf");
        var findings = new List<Finding>();

        Assert.Null(FacturXPdf.ExtractXml(pdf.AsMemory(0, (int)(pdf.Length * keep)), out _, findings));

        Assert.Equal(FacturXRules.Damaged, Assert.Single(findings).Rule);
    }

    [Fact]
    public void A_pdf_over_the_size_limit_is_refused_before_parsing()
    {
        var findings = new List<Finding>();
        var limits = new FormatLimits { MaxPdfBytes = 10_000 };

        Assert.Null(FacturXPdf.ExtractXml(TestData.Bytes($"{FerdExamples.Folder}/EN16931/EN16931_Einfach_fx.pdf"), out _, findings, limits));

        Assert.Equal(FacturXRules.TooBig, Assert.Single(findings).Rule);
    }

    [Fact]
    public void An_embedded_xml_that_inflates_past_the_limit_is_stopped()
    {
        // 3.9 KB of deflate data inflating to 13 KB: with a 5 KB limit the decoder must stop, not allocate it all.
        var findings = new List<Finding>();
        var limits = new FormatLimits { MaxXmlBytes = 5_000 };

        Assert.Null(FacturXPdf.ExtractXml(TestData.Bytes($"{FerdExamples.Folder}/EN16931/EN16931_Einfach_fx.pdf"), out _, findings, limits));

        Assert.Equal(FacturXRules.TooBig, Assert.Single(findings).Rule);
    }

    [Fact]
    public void Every_finding_is_fatal_with_a_location_and_a_message()
    {
        var findings = new List<Finding>();
        FacturXPdf.ExtractXml("%PDF-1.7 garbage"u8.ToArray(), out _, findings);

        var finding = Assert.Single(findings);
        Assert.Equal(Severity.Fatal, finding.Severity);
        Assert.False(string.IsNullOrWhiteSpace(finding.Location));
        Assert.False(string.IsNullOrWhiteSpace(finding.Message));
    }
}
