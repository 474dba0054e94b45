using System.Xml.Linq;
using Portique.Formats.FacturX;
using Portique.Formats.Rules;

namespace Portique.Formats.Tests.Engine;

public sealed class InvoiceEngineTests
{
    private const string Ubl = "examples/en16931/ubl/ubl-tc434-example1.xml";
    private const string CreditNote = "examples/en16931/ubl/ubl-tc434-creditnote1.xml";
    private const string Cii = "examples/en16931/cii/CII_business_example_01.xml";
    private const string FacturXFile = "factur-x/ferd-2.4/EN16931/EN16931_Einfach_fx.pdf";

    [Theory]
    [InlineData(Ubl, SourceKind.UblInvoice)]
    [InlineData(CreditNote, SourceKind.UblCreditNote)]
    [InlineData(Cii, SourceKind.Cii)]
    [InlineData(FacturXFile, SourceKind.FacturX)]
    public void Validate_detects_the_kind_and_accepts_official_examples(string file, SourceKind kind)
    {
        var report = InvoiceEngine.Validate(TestData.Bytes(file));

        Assert.Equal(kind, report.Kind);
        Assert.True(report.IsValid, string.Join("\n", report.Findings));
    }

    [Fact]
    public void IsValid_means_no_fatal_finding()
    {
        var report = InvoiceEngine.Validate("<Invoice xmlns=\"urn:oasis:names:specification:ubl:schema:xsd:Invoice-2\"/>"u8.ToArray());

        Assert.False(report.IsValid);
        Assert.Contains(report.Findings, f => f.Severity == Severity.Fatal);
    }

    [Fact]
    public void Validation_fails_closed_when_a_layer_throws()
    {
        var report = InvoiceEngine.Validate(TestData.Bytes(Ubl), RuleProfile.En16931, null,
            (_, _, _, _, _) => throw new InvalidOperationException("rule bug"));

        Assert.False(report.IsValid);
        var finding = Assert.Single(report.Findings, f => f.Rule == InvoiceEngine.InternalErrorRule);
        Assert.Equal(Severity.Fatal, finding.Severity);
        Assert.Contains("rule bug", finding.Message, StringComparison.Ordinal);
        Assert.Equal(SourceKind.UblInvoice, report.Kind);
    }

    [Fact]
    public void The_french_profile_runs_the_french_layer_too()
    {
        var en = InvoiceEngine.Validate(TestData.Bytes(Ubl), RuleProfile.En16931);
        var fr = InvoiceEngine.Validate(TestData.Bytes(Ubl), RuleProfile.French);

        Assert.DoesNotContain(en.Findings, f => f.Rule.StartsWith("BR-FR-", StringComparison.Ordinal));
        Assert.Contains(fr.Findings, f => f.Rule.StartsWith("BR-FR-", StringComparison.Ordinal));
    }

    [Fact]
    public void Read_returns_the_embedded_xml_of_a_factur_x()
    {
        var (kind, invoice, xml) = InvoiceEngine.Read(TestData.Bytes(FacturXFile));

        Assert.Equal(SourceKind.FacturX, kind);
        Assert.Equal(TestData.Bytes("factur-x/ferd-2.4/EN16931/EN16931_Einfach.xml"), xml);
        Assert.False(string.IsNullOrEmpty(invoice.Number));
    }

    [Fact]
    public void Read_throws_with_findings_on_unreadable_content()
    {
        var error = Assert.Throws<InvoiceFormatException>(() => InvoiceEngine.Read("not an invoice"u8.ToArray()));

        Assert.Contains(error.Findings, f => f.Severity == Severity.Fatal);
    }

    [Theory]
    [InlineData(Ubl, TargetFormat.Cii, "CrossIndustryInvoice")]
    [InlineData(CreditNote, TargetFormat.Cii, "CrossIndustryInvoice")]
    [InlineData(Cii, TargetFormat.Ubl, "Invoice")]
    [InlineData(FacturXFile, TargetFormat.Ubl, "Invoice")]
    public void Convert_writes_the_target_syntax_with_the_same_invoice(string file, TargetFormat to, string root)
    {
        var source = InvoiceEngine.Read(TestData.Bytes(file)).Invoice;

        var converted = InvoiceEngine.Convert(TestData.Bytes(file), to);

        Assert.Equal(root, XDocument.Load(new MemoryStream(converted)).Root!.Name.LocalName);
        var back = InvoiceEngine.Read(converted).Invoice;
        Assert.Equal(source.Number, back.Number);
        Assert.Equal(source.Totals.PayableAmount, back.Totals.PayableAmount);
        Assert.Equal(source.Lines.Count, back.Lines.Count);
    }

    [Fact]
    public void A_ubl_credit_note_converts_back_to_a_ubl_credit_note()
    {
        var cii = InvoiceEngine.Convert(TestData.Bytes(CreditNote), TargetFormat.Cii);

        var ubl = InvoiceEngine.Convert(cii, TargetFormat.Ubl);

        Assert.Equal("CreditNote", XDocument.Load(new MemoryStream(ubl)).Root!.Name.LocalName);
    }

    [Theory]
    [InlineData(Cii)]
    [InlineData(Ubl)]
    public void Convert_to_factur_x_embeds_a_valid_cii(string file)
    {
        var pdf = InvoiceEngine.Convert(TestData.Bytes(file), TargetFormat.FacturX);

        var report = InvoiceEngine.Validate(pdf);
        Assert.Equal(SourceKind.FacturX, report.Kind);
        Assert.True(report.IsValid, string.Join("\n", report.Findings));
        Assert.Equal(InvoiceEngine.Read(TestData.Bytes(file)).Invoice.Number, InvoiceEngine.Read(pdf).Invoice.Number);
    }

    [Fact]
    public void Convert_of_cii_to_factur_x_embeds_the_cii_unchanged()
    {
        var pdf = InvoiceEngine.Convert(TestData.Bytes(Cii), TargetFormat.FacturX);

        Assert.Equal(TestData.Bytes(Cii), FacturXPdf.ExtractXml(pdf, out _, []));
    }

    [Fact]
    public void Convert_keeps_content_already_in_the_target_syntax()
    {
        Assert.Equal(TestData.Bytes(Ubl), InvoiceEngine.Convert(TestData.Bytes(Ubl), TargetFormat.Ubl));
        Assert.Equal(TestData.Bytes("factur-x/ferd-2.4/EN16931/EN16931_Einfach.xml"), InvoiceEngine.Convert(TestData.Bytes(FacturXFile), TargetFormat.Cii));
    }

    [Theory]
    [InlineData(SourceKind.UblInvoice, "ubl-invoice")]
    [InlineData(SourceKind.UblCreditNote, "ubl-creditnote")]
    [InlineData(SourceKind.Cii, "cii")]
    [InlineData(SourceKind.FacturX, "facturx")]
    public void Kinds_have_their_contract_names(SourceKind kind, string name) => Assert.Equal(name, kind.Name());
}
