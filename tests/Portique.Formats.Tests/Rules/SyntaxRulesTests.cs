using System.Text;
using Portique.Formats.Rules;

namespace Portique.Formats.Tests.Rules;

public sealed class SyntaxRulesTests
{
    private const string UblHead = """<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2" xmlns:cac="urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2" xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2">""";
    private const string CiiHead = """<rsm:CrossIndustryInvoice xmlns:rsm="urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100" xmlns:ram="urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100" xmlns:udt="urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100">""";

    private static List<Finding> Run(InvoiceSyntax syntax, string xml)
    {
        var findings = new List<Finding>();
        InvoiceRules.Check(SampleInvoice.Create(), syntax, Encoding.UTF8.GetBytes(xml), RuleProfile.En16931, findings);
        return findings;
    }

    private static List<string> Ubl(string body) =>
        Run(InvoiceSyntax.UblInvoice, UblHead + "<cbc:IssueDate>2026-11-02</cbc:IssueDate>" + body + VatTotal + "</Invoice>").Ids().ToList();

    private static List<string> Cii(string body) => Run(InvoiceSyntax.Cii, CiiHead + body + "</rsm:CrossIndustryInvoice>").Ids().ToList();

    private const string VatTotal = """<cac:TaxTotal><cbc:TaxAmount currencyID="EUR">11.00</cbc:TaxAmount></cac:TaxTotal>""";

    private const string GoodLine = """
        <cac:InvoiceLine><cbc:ID>1</cbc:ID><cbc:LineExtensionAmount currencyID="EUR">25.00</cbc:LineExtensionAmount>
        <cac:Item><cbc:Name>Pain</cbc:Name><cac:ClassifiedTaxCategory><cbc:ID>S</cbc:ID><cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme></cac:ClassifiedTaxCategory></cac:Item></cac:InvoiceLine>
        """;

    [Fact]
    public void Clean_ubl_passes() => Assert.Empty(Ubl(GoodLine));

    [Theory]
    [InlineData("UBL-SR-08", "<cac:InvoicePeriod/><cac:InvoicePeriod/>")]
    [InlineData("UBL-SR-05", "<cac:PaymentTerms><cbc:Note>a</cbc:Note><cbc:Note>b</cbc:Note></cac:PaymentTerms>")]
    [InlineData("UBL-SR-12", "<cac:AccountingSupplierParty><cac:Party><cac:PartyTaxScheme><cbc:CompanyID>FR1</cbc:CompanyID><cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme></cac:PartyTaxScheme><cac:PartyTaxScheme><cbc:CompanyID>FR2</cbc:CompanyID><cac:TaxScheme><cbc:ID>vat</cbc:ID></cac:TaxScheme></cac:PartyTaxScheme></cac:Party></cac:AccountingSupplierParty>")]
    [InlineData("UBL-SR-53", "<cac:AccountingSupplierParty><cac:Party><cac:PartyTaxScheme><cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme></cac:PartyTaxScheme></cac:Party></cac:AccountingSupplierParty>")]
    [InlineData("UBL-SR-07", "<cac:BillingReference><cac:InvoiceDocumentReference><cbc:IssueDate>2026-01-01</cbc:IssueDate></cac:InvoiceDocumentReference></cac:BillingReference>")]
    [InlineData("UBL-SR-44", "<cac:PaymentMeans><cbc:PaymentMeansCode>30</cbc:PaymentMeansCode><cbc:PaymentID>A</cbc:PaymentID></cac:PaymentMeans><cac:PaymentMeans><cbc:PaymentMeansCode>30</cbc:PaymentMeansCode><cbc:PaymentID>B</cbc:PaymentID></cac:PaymentMeans>")]
    [InlineData("UBL-SR-47", "<cac:PaymentMeans><cbc:PaymentMeansCode>30</cbc:PaymentMeansCode></cac:PaymentMeans><cac:PaymentMeans><cbc:PaymentMeansCode>58</cbc:PaymentMeansCode></cac:PaymentMeans>")]
    [InlineData("UBL-SR-19", "<cac:PayeeParty><cac:PartyIdentification><cbc:ID>1</cbc:ID></cac:PartyIdentification></cac:PayeeParty>")]
    [InlineData("UBL-SR-43", "<cac:AdditionalDocumentReference><cbc:ID schemeID=\"AAA\">1</cbc:ID></cac:AdditionalDocumentReference>")]
    [InlineData("UBL-CR-673", "<cac:AdditionalDocumentReference><cbc:ID>1</cbc:ID><cbc:DocumentTypeCode>130</cbc:DocumentTypeCode><cbc:DocumentDescription>x</cbc:DocumentDescription></cac:AdditionalDocumentReference>")]
    [InlineData("UBL-DT-01", "<cac:LegalMonetaryTotal><cbc:PayableAmount currencyID=\"EUR\">1.005</cbc:PayableAmount></cac:LegalMonetaryTotal>")]
    [InlineData("UBL-DT-07", "<cac:AdditionalDocumentReference><cbc:ID>1</cbc:ID><cac:Attachment><cbc:EmbeddedDocumentBinaryObject mimeCode=\"application/pdf\">AA==</cbc:EmbeddedDocumentBinaryObject></cac:Attachment></cac:AdditionalDocumentReference>")]
    [InlineData("BR-CL-03", "<cac:LegalMonetaryTotal><cbc:PayableAmount currencyID=\"EURO\">1.00</cbc:PayableAmount></cac:LegalMonetaryTotal>")]
    [InlineData("BR-CO-19", "<cac:InvoicePeriod/>")]
    [InlineData("UBL-SR-55", "<cac:PaymentMeans><cbc:PaymentMeansCode>59</cbc:PaymentMeansCode><cac:PaymentMandate><cbc:ID>1</cbc:ID></cac:PaymentMandate></cac:PaymentMeans><cac:PaymentMeans><cbc:PaymentMeansCode>59</cbc:PaymentMeansCode><cac:PaymentMandate><cbc:ID>2</cbc:ID></cac:PaymentMandate></cac:PaymentMeans>")]
    public void Ubl_syntax_rule_fires(string rule, string body) => Assert.Contains(rule, Ubl(body + GoodLine));

    [Fact]
    public void Ubl_period_with_only_the_vat_point_date_code_is_not_empty()
    {
        Assert.DoesNotContain("BR-CO-19", Ubl("<cac:InvoicePeriod><cbc:DescriptionCode>35</cbc:DescriptionCode></cac:InvoicePeriod>" + GoodLine));
        Assert.Contains("BR-CO-20", Ubl(GoodLine.Replace("<cac:Item>", "<cac:InvoicePeriod/><cac:Item>", StringComparison.Ordinal)));
    }

    [Fact]
    public void Tax_category_outside_the_vat_scheme_counts_as_no_vat_category()
    {
        var ids = Ubl(GoodLine.Replace("<cbc:ID>VAT</cbc:ID>", "<cbc:ID>GST</cbc:ID>", StringComparison.Ordinal));
        Assert.Contains("BR-CO-04", ids);
    }

    [Fact]
    public void Line_without_classified_tax_category_breaks_UBL_SR_48()
    {
        var ids = Ubl("<cac:InvoiceLine><cbc:ID>1</cbc:ID><cac:Item><cbc:Name>x</cbc:Name></cac:Item></cac:InvoiceLine>");
        Assert.Contains("UBL-SR-48", ids);
    }

    [Fact]
    public void Price_allowance_amounts_may_have_more_decimals()
    {
        Assert.DoesNotContain("UBL-DT-01", Ubl("""
            <cac:InvoiceLine><cbc:ID>1</cbc:ID><cac:Item><cac:ClassifiedTaxCategory><cbc:ID>S</cbc:ID></cac:ClassifiedTaxCategory></cac:Item>
            <cac:Price><cbc:PriceAmount currencyID="EUR">1.2345</cbc:PriceAmount><cac:AllowanceCharge><cbc:ChargeIndicator>false</cbc:ChargeIndicator>
            <cbc:Amount currencyID="EUR">0.125</cbc:Amount></cac:AllowanceCharge></cac:Price></cac:InvoiceLine>
            """));
    }

    [Fact]
    public void Syntax_findings_point_at_the_element()
    {
        var findings = Run(InvoiceSyntax.UblInvoice, UblHead + GoodLine + GoodLine.Replace("<cbc:ID>1</cbc:ID>", "<cbc:ID>2</cbc:ID><cbc:Note>a</cbc:Note><cbc:Note>b</cbc:Note>", StringComparison.Ordinal) + "</Invoice>");
        var finding = Assert.Single(findings, f => f.Rule == "UBL-SR-34");
        Assert.Equal("/ubl:Invoice/cac:InvoiceLine[2]", finding.Location);
    }

    [Theory]
    [InlineData("CII-SR-009", "<rsm:ExchangedDocumentContext></rsm:ExchangedDocumentContext>")]
    [InlineData("CII-SR-014", "<rsm:ExchangedDocument><ram:ID>1</ram:ID></rsm:ExchangedDocument>")]
    [InlineData("CII-DT-027", "<rsm:SupplyChainTradeTransaction><ram:ApplicableHeaderTradeAgreement><ram:ContractReferencedDocument><ram:IssuerAssignedID>1</ram:IssuerAssignedID><ram:FormattedIssueDateTime/></ram:ContractReferencedDocument></ram:ApplicableHeaderTradeAgreement></rsm:SupplyChainTradeTransaction>")]
    [InlineData("CII-DT-018", "<rsm:SupplyChainTradeTransaction><ram:ApplicableHeaderTradeAgreement><ram:AdditionalReferencedDocument><ram:IssuerAssignedID>1</ram:IssuerAssignedID><ram:TypeCode>999</ram:TypeCode></ram:AdditionalReferencedDocument></ram:ApplicableHeaderTradeAgreement></rsm:SupplyChainTradeTransaction>")]
    [InlineData("CII-DT-031", "<rsm:SupplyChainTradeTransaction><ram:ApplicableHeaderTradeSettlement><ram:SpecifiedTradeSettlementHeaderMonetarySummation><ram:GrandTotalAmount currencyID=\"EUR\">1</ram:GrandTotalAmount></ram:SpecifiedTradeSettlementHeaderMonetarySummation></ram:ApplicableHeaderTradeSettlement></rsm:SupplyChainTradeTransaction>")]
    [InlineData("CII-DT-097", "<rsm:ExchangedDocument><ram:TypeCode>380</ram:TypeCode><ram:IssueDateTime><udt:DateTimeString format=\"102\">20261301</udt:DateTimeString></ram:IssueDateTime></rsm:ExchangedDocument>")]
    [InlineData("CII-SR-439", "<rsm:SupplyChainTradeTransaction><ram:IncludedSupplyChainTradeLineItem><ram:SpecifiedLineTradeAgreement></ram:SpecifiedLineTradeAgreement></ram:IncludedSupplyChainTradeLineItem></rsm:SupplyChainTradeTransaction>")]
    [InlineData("BR-CO-19", "<rsm:SupplyChainTradeTransaction><ram:ApplicableHeaderTradeSettlement><ram:BillingSpecifiedPeriod/></ram:ApplicableHeaderTradeSettlement></rsm:SupplyChainTradeTransaction>")]
    [InlineData("BR-CO-20", "<rsm:SupplyChainTradeTransaction><ram:IncludedSupplyChainTradeLineItem><ram:SpecifiedLineTradeSettlement><ram:BillingSpecifiedPeriod/></ram:SpecifiedLineTradeSettlement></ram:IncludedSupplyChainTradeLineItem></rsm:SupplyChainTradeTransaction>")]
    [InlineData("CII-SR-463", "<rsm:SupplyChainTradeTransaction><ram:ApplicableHeaderTradeSettlement><ram:SpecifiedTradeAllowanceCharge><ram:ActualAmount>1</ram:ActualAmount></ram:SpecifiedTradeAllowanceCharge></ram:ApplicableHeaderTradeSettlement></rsm:SupplyChainTradeTransaction>")]
    public void Cii_syntax_rule_fires(string rule, string body) => Assert.Contains(rule, Cii(body));

    [Fact]
    public void Clean_cii_fragment_passes()
    {
        Assert.Empty(Cii("""
            <rsm:ExchangedDocumentContext><ram:GuidelineSpecifiedDocumentContextParameter><ram:ID>urn:cen.eu:en16931:2017</ram:ID></ram:GuidelineSpecifiedDocumentContextParameter></rsm:ExchangedDocumentContext>
            <rsm:ExchangedDocument><ram:ID>1</ram:ID><ram:TypeCode>380</ram:TypeCode><ram:IssueDateTime><udt:DateTimeString format="102">20261102</udt:DateTimeString></ram:IssueDateTime></rsm:ExchangedDocument>
            <rsm:SupplyChainTradeTransaction><ram:ApplicableHeaderTradeSettlement><ram:SpecifiedTradeSettlementHeaderMonetarySummation>
            <ram:TaxTotalAmount currencyID="EUR">11.00</ram:TaxTotalAmount></ram:SpecifiedTradeSettlementHeaderMonetarySummation></ram:ApplicableHeaderTradeSettlement></rsm:SupplyChainTradeTransaction>
            """));
    }

    [Fact]
    public void Invoice_built_in_code_gets_the_model_rules_only()
    {
        var findings = new List<Finding>();
        InvoiceRules.Check(SampleInvoice.Create(), InvoiceSyntax.UblInvoice, ReadOnlyMemory<byte>.Empty, RuleProfile.French, findings);
        Assert.Empty(findings);
    }

    [Fact]
    public void Unreadable_source_fails_closed()
    {
        var findings = Run(InvoiceSyntax.UblInvoice, "<Invoice><unclosed></Invoice>");
        var finding = Assert.Single(findings);
        Assert.Equal(("INTERNAL", Severity.Fatal), (finding.Rule, finding.Severity));
    }

    [Fact]
    public void Dtd_in_source_is_refused_not_expanded()
    {
        var findings = Run(InvoiceSyntax.UblInvoice, "<!DOCTYPE x [<!ENTITY a \"aaaa\">]>" + UblHead + GoodLine + "</Invoice>");
        Assert.Contains(findings, f => f.Rule == "INTERNAL" && f.Severity == Severity.Fatal);
    }
}
