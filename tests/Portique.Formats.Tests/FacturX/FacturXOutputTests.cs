namespace Portique.Formats.Tests.FacturX;

/// <summary>
/// Every Factur-X Portique writes passes its profile's rules: the conversion of each valid test invoice either gives a PDF
/// whose embedded XML has no error under the Factur-X profile schematron, or is refused with the rules it would break.
/// </summary>
public sealed class FacturXOutputTests
{
    public static TheoryData<string> ValidInvoices =>
        [.. Corpus.ValidXmlFiles.Select(r => r["path"]).Where(p => !p.Contains("/GR/", StringComparison.Ordinal))];

    [Theory]
    [MemberData(nameof(ValidInvoices))]
    public void A_written_factur_x_passes_its_profile_rules_or_is_refused_with_them(string path)
    {
        byte[] pdf;
        try
        {
            pdf = InvoiceEngine.Convert(TestData.Bytes(path), TargetFormat.FacturX);
        }
        catch (InvoiceFormatException e)
        {
            // Refused: the source lacks what the profile requires (a delivery date, BR-CO-25...), and the error says which rule.
            Assert.NotEmpty(e.Findings);
            Assert.All(e.Findings, f => Assert.StartsWith("FX-SCH-A-", f.Rule, StringComparison.Ordinal));
            Assert.Contains(e.Findings[0].Rule, e.Message, StringComparison.Ordinal);
            return;
        }

        var report = InvoiceEngine.Validate(pdf);

        Assert.Equal(SourceKind.FacturX, report.Kind);
        Assert.DoesNotContain(report.Findings, f => f.Severity == Severity.Fatal && f.Rule.StartsWith("FX-", StringComparison.Ordinal));
        var (_, invoice, _) = InvoiceEngine.Read(pdf);
        var source = InvoiceEngine.Read(TestData.Bytes(path)).Invoice;
        if (Portique.Formats.FacturX.FacturXRules.ConformanceLevelOf(invoice.SpecificationIdentifier) == "EN 16931")
        {
            Assert.Equal("urn:cen.eu:en16931:2017", invoice.SpecificationIdentifier);
        }
        Assert.Equal(source.Number, invoice.Number);
        Assert.Equal(source.Totals.PayableAmount, invoice.Totals.PayableAmount);
    }

    [Fact]
    public void A_peppol_invoice_becomes_a_factur_x_en16931_with_the_profile_guideline_id()
    {
        var pdf = InvoiceEngine.Convert(TestData.Bytes("examples/peppol-bis3/examples/base-example.xml"), TargetFormat.FacturX);

        var (_, invoice, xml) = InvoiceEngine.Read(pdf);
        Assert.Equal("urn:cen.eu:en16931:2017", invoice.SpecificationIdentifier);
        var findings = new List<Finding>();
        Portique.Formats.FacturX.FacturXProfileRules.Check(xml, "EN16931", findings);
        Assert.DoesNotContain(findings, f => f.Severity == Severity.Fatal);
    }

    [Fact]
    public void A_ubl_vat_point_date_code_is_written_in_the_cii_code_list()
    {
        // ubl-tc434-example2 gives BT-8 as UNTDID 2005 code 3 (invoice date); CII says the same with UNTDID 2475 code 5.
        var pdf = InvoiceEngine.Convert(TestData.Bytes("examples/en16931/ubl/ubl-tc434-example2.xml"), TargetFormat.FacturX);

        var (_, _, xml) = InvoiceEngine.Read(pdf);
        var text = System.Text.Encoding.UTF8.GetString(xml);
        Assert.Contains("<ram:DueDateTypeCode>5</ram:DueDateTypeCode>", text, StringComparison.Ordinal);
    }
}
