using System.Text;
using Portique.Formats.Rules;

namespace Portique.Formats.Tests.Rules;

/// <summary>
/// The CII syntax-binding families of issue 16 on a valid CEN example changed in one place: each change makes exactly the
/// rule the artefacts would report fire, and its look-alike that the artefacts accept leaves the invoice valid.
/// </summary>
public sealed class CiiBindingRulesTests
{
    private const string Example = "examples/en16931/cii/CII_example1.xml";
    private const string FirstTax = "<ram:RateApplicablePercent>6</ram:RateApplicablePercent>\n            </ram:ApplicableTradeTax>";
    private const string SecondTax = "<ram:RateApplicablePercent>21</ram:RateApplicablePercent>\n            </ram:ApplicableTradeTax>";
    private const string SecondMeans = "<ram:SpecifiedTradeSettlementPaymentMeans>\n                <ram:TypeCode>30</ram:TypeCode>\n                <ram:PayeePartyCreditorFinancialAccount>\n                    <ram:IBANID>NL57 RABO 0107307510</ram:IBANID>\n                </ram:PayeePartyCreditorFinancialAccount>\n            </ram:SpecifiedTradeSettlementPaymentMeans>\n            <ram:ApplicableTradeTax>";

    private const string Between = "\n            <ram:ApplicableTradeTax>";
    private const string Both = FirstTax + Between;

    private static string Due(string code) => $"<ram:DueDateTypeCode>{code}</ram:DueDateTypeCode>";

    private static string TaxPoint(string rest) =>
        $"<ram:TaxPointDate><udt:DateString format=\"102\">20150101</udt:DateString></ram:TaxPointDate>{rest}";

    public static TheoryData<string, string, string, string?> Cases => new()
    {
        { "one TaxPointDate", FirstTax, FirstTax.Replace("<ram:Rate", TaxPoint("<ram:Rate"), StringComparison.Ordinal), null },
        { "two TaxPointDate", Both, TaxPoint(FirstTax) + Between + TaxPoint(""), "CII-SR-461" },
        { "the same DueDateTypeCode twice", Both, Due("5") + FirstTax + Between + Due("5"), null },
        { "two different DueDateTypeCode", Both, Due("5") + FirstTax + Between + Due("29"), "CII-SR-462" },
        { "two payment means codes", SecondMeans, SecondMeans.Replace("<ram:TypeCode>30</ram:TypeCode>", "<ram:TypeCode>58</ram:TypeCode>", StringComparison.Ordinal), "CII-SR-467" },
        { "a credit transfer without account", SecondMeans, SecondMeans.Replace("<ram:IBANID>NL57 RABO 0107307510</ram:IBANID>", "<ram:AccountName>x</ram:AccountName>", StringComparison.Ordinal), "CII-SR-470" },
        { "an empty seller electronic address", "</ram:SellerTradeParty>", "<ram:URIUniversalCommunication/></ram:SellerTradeParty>", "BR-62" },
        { "a seller electronic address with its scheme", "</ram:SellerTradeParty>", "<ram:URIUniversalCommunication><ram:URIID schemeID=\"0088\">5790000435975</ram:URIID></ram:URIUniversalCommunication></ram:SellerTradeParty>", null },
        { "a reference type code on a tender reference", "</ram:SellerTradeParty>", "</ram:SellerTradeParty><ram:AdditionalReferencedDocument><ram:IssuerAssignedID>T1</ram:IssuerAssignedID><ram:TypeCode>50</ram:TypeCode><ram:ReferenceTypeCode>AAA</ram:ReferenceTypeCode></ram:AdditionalReferencedDocument>", "CII-DT-024" },
        { "a reference type code on an invoiced object", "</ram:SellerTradeParty>", "</ram:SellerTradeParty><ram:AdditionalReferencedDocument><ram:IssuerAssignedID>T1</ram:IssuerAssignedID><ram:TypeCode>130</ram:TypeCode><ram:ReferenceTypeCode>AAA</ram:ReferenceTypeCode></ram:AdditionalReferencedDocument>", null },
        { "two line totals", "<ram:LineTotalAmount>229.6</ram:LineTotalAmount>", "<ram:LineTotalAmount>229.6</ram:LineTotalAmount><ram:LineTotalAmount>229.6</ram:LineTotalAmount>", "CII-SR-477" },
        { "a street name in an address", "<ram:PostalTradeAddress>", "<ram:PostalTradeAddress><ram:StreetName>x</ram:StreetName>", "CII-DT-088" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void The_artefacts_rule_and_only_it_fires(string change, string from, string to, string? rule)
    {
        var xml = Encoding.UTF8.GetString(TestData.Bytes(Example)).ReplaceLineEndings("\n");
        Assert.True(xml.Contains(from, StringComparison.Ordinal), "the example no longer holds the text to change for " + change);
        var index = xml.IndexOf(from, StringComparison.Ordinal);
        var changed = Encoding.UTF8.GetBytes(xml[..index] + to + xml[(index + from.Length)..]);

        var read = InvoiceXml.Read(changed, validateSchema: false);
        var findings = new List<Finding>();
        InvoiceRules.Check(read.Invoice!, read.Syntax!.Value, changed, RuleProfile.En16931, findings);
        var fatal = findings.Where(f => f.Severity == Severity.Fatal).Select(f => f.Rule).Distinct().Order(StringComparer.Ordinal).ToList();

        Assert.Equal(rule is null ? [] : [rule], fatal);
    }

    [Theory]
    [InlineData("", true)]
    [InlineData("95", false)]
    public void An_empty_allowance_reason_code_fails_its_code_list(string code, bool fires)
    {
        var xml = Encoding.UTF8.GetString(TestData.Bytes(Example)).ReplaceLineEndings("\n");
        const string before = "<ram:ApplicableTradeTax>\n                <ram:CalculatedAmount>10.99</ram:CalculatedAmount>";
        Assert.Contains(before, xml, StringComparison.Ordinal);
        var allowance = "<ram:SpecifiedTradeAllowanceCharge><ram:ChargeIndicator><udt:Indicator>false</udt:Indicator></ram:ChargeIndicator>"
            + $"<ram:ActualAmount>0.00</ram:ActualAmount><ram:ReasonCode>{code}</ram:ReasonCode><ram:Reason>Remise</ram:Reason>"
            + "<ram:CategoryTradeTax><ram:TypeCode>VAT</ram:TypeCode><ram:CategoryCode>S</ram:CategoryCode><ram:RateApplicablePercent>6</ram:RateApplicablePercent></ram:CategoryTradeTax>"
            + "</ram:SpecifiedTradeAllowanceCharge>";
        var at = xml.IndexOf(before, StringComparison.Ordinal);
        var bytes = Encoding.UTF8.GetBytes(xml[..at] + allowance + xml[at..]);

        var read = InvoiceXml.Read(bytes, validateSchema: false);
        var findings = new List<Finding>();
        InvoiceRules.Check(read.Invoice!, read.Syntax!.Value, bytes, RuleProfile.En16931, findings);

        Assert.Equal(fires, findings.Exists(f => f.Rule == "BR-CL-19" && f.Severity == Severity.Fatal));
    }
}
