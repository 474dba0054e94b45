using System.Text;
using Portique.Formats.Rules;

namespace Portique.Formats.Tests.Rules;

/// <summary>
/// Every fatal rule of the UBL syntax binding (tests/data/en16931-rules/ubl-syntax-fatal.tsv) on a valid CEN example
/// changed in one place: the failing change makes the rule fire, fatal; its look-alike that the artefacts accept does not.
/// A rule of the list without both cases fails <see cref="Every_fatal_rule_of_the_list_has_a_failing_and_a_passing_case"/>.
/// </summary>
public sealed class UblBindingRulesTests
{
    private const string Example = "examples/en16931/ubl/ubl-tc434-example2.xml";

    // Anchors in the example; a change replaces the first occurrence of its anchor.
    private const string Currency = "<cbc:DocumentCurrencyCode>NOK</cbc:DocumentCurrencyCode>";
    private const string SellerParty = "</cac:PartyIdentification>";
    private const string BuyerLegal = "<cac:PartyLegalEntity>\n                <cbc:RegistrationName>The Buyercompany</cbc:RegistrationName>";
    private const string MeansCode = "<cbc:PaymentMeansCode>30</cbc:PaymentMeansCode>";
    private const string LineOrder = "<cac:OrderLineReference>";
    private const string Binary = "<cbc:EmbeddedDocumentBinaryObject mimeCode=\"application/pdf\" filename=\"test.pdf\">";
    private const string Unchanged = "<cbc:ID>TOSL108</cbc:ID>";

    private static (string From, string To) Twice(string element) => (element, element + element);
    private static (string From, string To) After(string anchor, string added) => (anchor, anchor + added);
    private static (string From, string To) Before(string anchor, string added) => (anchor, added + anchor);

    private static string Ref(string name, string id) => $"<cac:{name}><cbc:ID>{id}</cbc:ID></cac:{name}>";
    private static string Means(string code, string inner = "") => $"<cac:PaymentMeans><cbc:PaymentMeansCode>{code}</cbc:PaymentMeansCode>{inner}</cac:PaymentMeans>";
    private static string Object130(string inner = "") => $"<cac:AdditionalDocumentReference><cbc:ID>LOT-7</cbc:ID><cbc:DocumentTypeCode>130</cbc:DocumentTypeCode>{inner}</cac:AdditionalDocumentReference>";
    private static string Card(string pan) => $"<cac:CardAccount><cbc:PrimaryAccountNumberID>{pan}</cbc:PrimaryAccountNumberID><cbc:NetworkID>VISA</cbc:NetworkID></cac:CardAccount>";
    private static string Mandate(string id) => $"<cac:PaymentMandate><cbc:ID>{id}</cbc:ID></cac:PaymentMandate>";
    private static string PartyName(string name) => $"<cac:PartyName><cbc:Name>{name}</cbc:Name></cac:PartyName>";
    private static string TaxScheme(string id, string companyIds) => $"<cac:PartyTaxScheme>{companyIds}<cac:TaxScheme><cbc:ID>{id}</cbc:ID></cac:TaxScheme></cac:PartyTaxScheme>";
    private const string VatCategory = "<cac:ClassifiedTaxCategory><cbc:ID>S</cbc:ID><cbc:Percent>25</cbc:Percent><cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme></cac:ClassifiedTaxCategory>";

    /// <summary>rule, what the change does, the change, whether the rule fires.</summary>
    public static TheoryData<string, string, string, string, bool> Cases
    {
        get
        {
            var cases = new TheoryData<string, string, string, string, bool>();
            void Add(string rule, string what, (string From, string To) change, bool fires) => cases.Add(rule, what, change.From, change.To, fires);
            var same = (Unchanged, Unchanged);

            Add("UBL-SR-01", "two contract identifiers", After(Currency, Ref("ContractDocumentReference", "C2")), true);
            Add("UBL-SR-01", "one contract identifier", same, false);
            Add("UBL-SR-02", "two receiving advices", After(Currency, Ref("ReceiptDocumentReference", "R1") + Ref("ReceiptDocumentReference", "R2")), true);
            Add("UBL-SR-02", "one receiving advice", After(Currency, Ref("ReceiptDocumentReference", "R1")), false);
            Add("UBL-SR-03", "two despatch advices", After(Currency, Ref("DespatchDocumentReference", "D1") + Ref("DespatchDocumentReference", "D2")), true);
            Add("UBL-SR-03", "one despatch advice", After(Currency, Ref("DespatchDocumentReference", "D1")), false);
            Add("UBL-SR-04", "two invoiced objects", After(Currency, Object130() + Object130()), true);
            Add("UBL-SR-04", "one invoiced object", After(Currency, Object130()), false);
            Add("UBL-SR-05", "two payment terms notes", After("<cac:PaymentTerms>", "<cbc:Note>Net 30</cbc:Note>"), true);
            Add("UBL-SR-05", "one payment terms note", same, false);
            Add("UBL-SR-06", "two preceding invoices in one billing reference", After(Currency, "<cac:BillingReference>" + Ref("InvoiceDocumentReference", "P1") + Ref("InvoiceDocumentReference", "P2") + "</cac:BillingReference>"), true);
            Add("UBL-SR-06", "two billing references of one preceding invoice each", After(Currency, "<cac:BillingReference>" + Ref("InvoiceDocumentReference", "P1") + "</cac:BillingReference><cac:BillingReference>" + Ref("InvoiceDocumentReference", "P2") + "</cac:BillingReference>"), false);
            Add("UBL-SR-07", "a preceding invoice without number", After(Currency, "<cac:BillingReference><cac:InvoiceDocumentReference><cbc:IssueDate>2013-01-01</cbc:IssueDate></cac:InvoiceDocumentReference></cac:BillingReference>"), true);
            Add("UBL-SR-07", "a preceding invoice with its number", After(Currency, "<cac:BillingReference>" + Ref("InvoiceDocumentReference", "P1") + "</cac:BillingReference>"), false);
            Add("UBL-SR-08", "two invoicing periods", After(Currency, "<cac:InvoicePeriod><cbc:StartDate>2013-06-01</cbc:StartDate></cac:InvoicePeriod>"), true);
            Add("UBL-SR-08", "one invoicing period", same, false);
            Add("UBL-SR-09", "two seller names", Twice("<cbc:RegistrationName>Salescompany ltd.</cbc:RegistrationName>"), true);
            Add("UBL-SR-09", "one seller name", same, false);
            Add("UBL-SR-10", "two seller trading names", After(SellerParty, PartyName("A") + PartyName("B")), true);
            Add("UBL-SR-10", "one seller trading name", After(SellerParty, PartyName("A")), false);
            Add("UBL-SR-11", "two seller legal identifiers", Twice("<cbc:CompanyID>123456789</cbc:CompanyID>"), true);
            Add("UBL-SR-11", "one seller legal identifier", same, false);
            Add("UBL-SR-12", "two seller VAT identifiers", Twice("<cbc:CompanyID>NO123456789MVA</cbc:CompanyID>"), true);
            Add("UBL-SR-12", "one seller VAT identifier", same, false);
            Add("UBL-SR-13", "two seller tax registration identifiers", After(SellerParty, TaxScheme("TAX", "<cbc:CompanyID>T1</cbc:CompanyID><cbc:CompanyID>T2</cbc:CompanyID>")), true);
            Add("UBL-SR-13", "one seller tax registration identifier", After(SellerParty, TaxScheme("TAX", "<cbc:CompanyID>T1</cbc:CompanyID>")), false);
            Add("UBL-SR-14", "two seller legal forms", After("<cbc:CompanyID>123456789</cbc:CompanyID>", "<cbc:CompanyLegalForm>SA</cbc:CompanyLegalForm><cbc:CompanyLegalForm>AS</cbc:CompanyLegalForm>"), true);
            Add("UBL-SR-14", "one seller legal form", After("<cbc:CompanyID>123456789</cbc:CompanyID>", "<cbc:CompanyLegalForm>SA</cbc:CompanyLegalForm>"), false);
            Add("UBL-SR-15", "two buyer names", Twice("<cbc:RegistrationName>The Buyercompany</cbc:RegistrationName>"), true);
            Add("UBL-SR-15", "one buyer name", same, false);
            Add("UBL-SR-16", "two buyer identifiers", Twice("<cbc:ID schemeID=\"0088\">3456789012098</cbc:ID>"), true);
            Add("UBL-SR-16", "one buyer identifier", same, false);
            Add("UBL-SR-17", "two buyer legal identifiers", Twice("<cbc:CompanyID>987654321</cbc:CompanyID>"), true);
            Add("UBL-SR-17", "one buyer legal identifier", same, false);
            Add("UBL-SR-18", "two buyer VAT identifiers", Twice("<cbc:CompanyID>NO987654321MVA</cbc:CompanyID>"), true);
            Add("UBL-SR-18", "one buyer VAT identifier", same, false);
            Add("UBL-SR-19", "two payee names", Twice("<cbc:Name>Ebeneser Scrooge AS</cbc:Name>"), true);
            Add("UBL-SR-19", "a payee named like the seller", ("<cbc:Name>Ebeneser Scrooge AS</cbc:Name>", "<cbc:Name>Salescompany ltd.</cbc:Name>"), true);
            Add("UBL-SR-19", "one payee name, not the seller's", same, false);
            Add("UBL-SR-20", "two payee identifiers", Twice("<cbc:ID schemeID=\"0088\">2298740918237</cbc:ID>"), true);
            Add("UBL-SR-20", "a payee identifier and a SEPA creditor reference", After("<cbc:ID schemeID=\"0088\">2298740918237</cbc:ID>", "<cbc:ID schemeID=\"SEPA\">DE98ZZZ09999999999</cbc:ID>"), false);
            Add("UBL-SR-21", "two payee legal identifiers", Twice("<cbc:CompanyID>989823401</cbc:CompanyID>"), true);
            Add("UBL-SR-21", "one payee legal identifier", same, false);
            Add("UBL-SR-22", "two tax representative names", Twice("<cbc:Name>Tax handling company AS</cbc:Name>"), true);
            Add("UBL-SR-22", "one tax representative name", same, false);
            Add("UBL-SR-23", "two tax representative VAT identifiers", Twice("<cbc:CompanyID>NO967611265MVA</cbc:CompanyID>"), true);
            Add("UBL-SR-23", "one tax representative VAT identifier", same, false);
            Add("UBL-SR-24", "two deliveries", After(Currency, "<cac:Delivery><cbc:ActualDeliveryDate>2013-06-16</cbc:ActualDeliveryDate></cac:Delivery>"), true);
            Add("UBL-SR-24", "one delivery", same, false);
            Add("UBL-SR-25", "two deliver-to party names", After("<cbc:ActualDeliveryDate>2013-06-15</cbc:ActualDeliveryDate>", "<cac:DeliveryParty>" + PartyName("A") + PartyName("B") + "</cac:DeliveryParty>"), true);
            Add("UBL-SR-25", "one deliver-to party name", After("<cbc:ActualDeliveryDate>2013-06-15</cbc:ActualDeliveryDate>", "<cac:DeliveryParty>" + PartyName("A") + "</cac:DeliveryParty>"), false);
            Add("UBL-SR-26", "one payment identifier written twice in a payment means", Twice("<cbc:PaymentID>0003434323213231</cbc:PaymentID>"), true);
            Add("UBL-SR-26", "one payment identifier", same, false);
            Add("UBL-SR-27", "one payment means code written twice in a payment means", Twice(MeansCode), true);
            Add("UBL-SR-27", "one payment means code", same, false);
            Add("UBL-SR-28", "a mandate with two references", Before("<cac:PayeeFinancialAccount>", "<cac:PaymentMandate><cbc:ID>M1</cbc:ID><cbc:ID>M2</cbc:ID></cac:PaymentMandate>"), true);
            Add("UBL-SR-28", "a mandate with one reference", Before("<cac:PayeeFinancialAccount>", Mandate("M1")), false);
            Add("UBL-SR-29", "two SEPA creditor references", ("<cbc:ID schemeID=\"0088\">2298740918237</cbc:ID>", "<cbc:ID schemeID=\"SEPA\">A1</cbc:ID><cbc:ID schemeID=\"sepa\">A2</cbc:ID>"), true);
            Add("UBL-SR-29", "one SEPA creditor reference", ("<cbc:ID schemeID=\"0088\">2298740918237</cbc:ID>", "<cbc:ID schemeID=\"SEPA\">A1</cbc:ID>"), false);
            Add("UBL-SR-30", "an allowance with two reasons", Twice("<cbc:AllowanceChargeReason>Promotion discount</cbc:AllowanceChargeReason>"), true);
            Add("UBL-SR-30", "an allowance with one reason", same, false);
            Add("UBL-SR-31", "a charge with two reasons", Twice("<cbc:AllowanceChargeReason>Freight</cbc:AllowanceChargeReason>"), true);
            Add("UBL-SR-31", "a charge with one reason", same, false);
            Add("UBL-SR-32", "two exemption reasons in a VAT breakdown", Twice("<cbc:TaxExemptionReason>Exempt New Means of Transport</cbc:TaxExemptionReason>"), true);
            Add("UBL-SR-32", "one exemption reason", same, false);
            Add("UBL-SR-33", "two descriptions of a supporting document", Twice("<cbc:DocumentDescription>Timesheet</cbc:DocumentDescription>"), true);
            Add("UBL-SR-33", "one description", same, false);
            Add("UBL-SR-34", "two line notes", Twice("<cbc:Note>Scratch on box</cbc:Note>"), true);
            Add("UBL-SR-34", "one line note", same, false);
            Add("UBL-SR-35", "two referenced order lines", Twice("<cbc:LineID>1</cbc:LineID>"), true);
            Add("UBL-SR-35", "one referenced order line", same, false);
            Add("UBL-SR-36", "two line periods", Before(LineOrder, "<cac:InvoicePeriod><cbc:StartDate>2013-06-01</cbc:StartDate></cac:InvoicePeriod>"), true);
            Add("UBL-SR-36", "one line period", same, false);
            Add("UBL-SR-37", "two item price discounts", Twice("<cbc:Amount currencyID=\"NOK\">225.00</cbc:Amount>"), true);
            Add("UBL-SR-37", "one item price discount", same, false);
            Add("UBL-SR-39", "two project references", After(Currency, Ref("ProjectReference", "P1") + Ref("ProjectReference", "P2")), true);
            Add("UBL-SR-39", "one project reference", After(Currency, Ref("ProjectReference", "P1")), false);
            Add("UBL-SR-40", "two buyer trading names", Before(BuyerLegal, PartyName("A") + PartyName("B")), true);
            Add("UBL-SR-40", "one buyer trading name", Before(BuyerLegal, PartyName("A")), false);
            Add("UBL-SR-42", "three seller tax schemes", After(SellerParty, TaxScheme("TAX", "<cbc:CompanyID>T1</cbc:CompanyID>") + TaxScheme("GST", "<cbc:CompanyID>G1</cbc:CompanyID>")), true);
            Add("UBL-SR-42", "two seller tax schemes", After(SellerParty, TaxScheme("TAX", "<cbc:CompanyID>T1</cbc:CompanyID>")), false);
            Add("UBL-SR-43", "a scheme on a supporting document's identifier", ("<cbc:ID>Doc1</cbc:ID>", "<cbc:ID schemeID=\"ABZ\">Doc1</cbc:ID>"), true);
            Add("UBL-SR-43", "a scheme on an invoiced object identifier", After(Currency, "<cac:AdditionalDocumentReference><cbc:ID schemeID=\"ABZ\">LOT-7</cbc:ID><cbc:DocumentTypeCode>130</cbc:DocumentTypeCode></cac:AdditionalDocumentReference>"), false);
            Add("UBL-SR-44", "two payment identifier values", After(Currency, Means("30", "<cbc:PaymentID>OTHER</cbc:PaymentID>")), true);
            Add("UBL-SR-44", "one payment identifier value in two payment means", After(Currency, Means("30", "<cbc:PaymentID>0003434323213231</cbc:PaymentID>")), false);
            Add("UBL-SR-45", "two payment due dates", After(MeansCode, "<cbc:PaymentDueDate>2013-07-20</cbc:PaymentDueDate><cbc:PaymentDueDate>2013-07-21</cbc:PaymentDueDate>"), true);
            Add("UBL-SR-45", "one payment due date", After(MeansCode, "<cbc:PaymentDueDate>2013-07-20</cbc:PaymentDueDate>"), false);
            Add("UBL-SR-46", "two payment means texts", After(Currency, "<cac:PaymentMeans><cbc:PaymentMeansCode name=\"A\">30</cbc:PaymentMeansCode></cac:PaymentMeans><cac:PaymentMeans><cbc:PaymentMeansCode name=\"B\">30</cbc:PaymentMeansCode></cac:PaymentMeans>"), true);
            Add("UBL-SR-46", "one payment means text", ("<cbc:PaymentMeansCode>30", "<cbc:PaymentMeansCode name=\"Virement\">30"), false);
            Add("UBL-SR-47", "two payment means code values", After(Currency, Means("58")), true);
            Add("UBL-SR-47", "one payment means code value in two payment means", After(Currency, Means("30")), false);
            Add("UBL-SR-48", "a line with two classified tax categories", Before("<cac:ClassifiedTaxCategory>", VatCategory), true);
            Add("UBL-SR-48", "a line with one classified tax category", same, false);
            Add("UBL-SR-49", "two VAT point date codes", Twice("<cbc:DescriptionCode>3</cbc:DescriptionCode>"), true);
            Add("UBL-SR-49", "one VAT point date code", same, false);
            Add("UBL-SR-50", "two item descriptions", Before("<cbc:Description>Processor", "<cbc:Description>Laptop</cbc:Description>"), true);
            Add("UBL-SR-50", "one item description", same, false);
            Add("UBL-SR-51", "two address lines", After("<cbc:StreetName>Main street 34</cbc:StreetName>", "<cac:AddressLine><cbc:Line>a</cbc:Line></cac:AddressLine><cac:AddressLine><cbc:Line>b</cbc:Line></cac:AddressLine>"), true);
            Add("UBL-SR-51", "one address line", After("<cbc:StreetName>Main street 34</cbc:StreetName>", "<cac:AddressLine><cbc:Line>a</cbc:Line></cac:AddressLine>"), false);
            Add("UBL-SR-52", "two line document references", Before(LineOrder, Ref("DocumentReference", "D1") + Ref("DocumentReference", "D2")), true);
            Add("UBL-SR-52", "one line document reference", Before(LineOrder, Ref("DocumentReference", "D1")), false);
            Add("UBL-SR-53", "a party tax scheme without company identifier", ("<cbc:CompanyID>NO123456789MVA</cbc:CompanyID>", ""), true);
            Add("UBL-SR-53", "a party tax scheme with an empty company identifier", ("<cbc:CompanyID>NO123456789MVA</cbc:CompanyID>", "<cbc:CompanyID/>"), false);
            Add("UBL-SR-54", "two payment cards", After(Currency, Means("30", Card("1234")) + Means("30", Card("5678"))), true);
            Add("UBL-SR-54", "one payment card", After(Currency, Means("30", Card("1234"))), false);
            Add("UBL-SR-55", "two direct debit mandates", After(Currency, Means("30", Mandate("M1")) + Means("30", Mandate("M2"))), true);
            Add("UBL-SR-55", "one direct debit mandate", After(Currency, Means("30", Mandate("M1"))), false);
            Add("UBL-SR-56", "two tender references", After(Currency, Ref("OriginatorDocumentReference", "T1") + Ref("OriginatorDocumentReference", "T2")), true);
            Add("UBL-SR-56", "one tender reference", After(Currency, Ref("OriginatorDocumentReference", "T1")), false);
            Add("UBL-DT-01", "an amount with three decimals", ("801.78</cbc:PayableAmount>", "801.780</cbc:PayableAmount>"), true);
            Add("UBL-DT-01", "a price with four decimals", ("<cbc:PriceAmount currencyID=\"NOK\">1273.00</cbc:PriceAmount>", "<cbc:PriceAmount currencyID=\"NOK\">1273.0000</cbc:PriceAmount>"), false);
            Add("UBL-DT-06", "a binary object without mimeCode", (Binary, "<cbc:EmbeddedDocumentBinaryObject filename=\"test.pdf\">"), true);
            Add("UBL-DT-06", "a binary object with mimeCode", same, false);
            Add("UBL-DT-07", "a binary object without filename", (Binary, "<cbc:EmbeddedDocumentBinaryObject mimeCode=\"application/pdf\">"), true);
            Add("UBL-DT-07", "a binary object with filename", same, false);
            Add("UBL-CR-666", "an invoiced object with an attachment", After(Currency, Object130("<cac:Attachment><cac:ExternalReference><cbc:URI>http://example.org/lot</cbc:URI></cac:ExternalReference></cac:Attachment>")), true);
            Add("UBL-CR-666", "a supporting document with an attachment", same, false);
            Add("UBL-CR-673", "an invoiced object with a description", After(Currency, Object130("<cbc:DocumentDescription>Lot</cbc:DocumentDescription>")), true);
            Add("UBL-CR-673", "a supporting document with a description", same, false);
            return cases;
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void The_rule_fires_exactly_on_what_the_artefacts_refuse(string rule, string what, string from, string to, bool fires)
    {
        var findings = Validate(from, to, what);
        Assert.Equal(fires, findings.Exists(f => f.Rule == rule && f.Severity == Severity.Fatal));
        // The standard's ids of the same checks have no assert in the UBL artefacts.
        Assert.DoesNotContain(findings, f => f.Rule is "BR-66" or "BR-67");
    }

    /// <summary>Warnings of the binding: rule, what the change does, the change, whether the warning is reported.</summary>
    public static TheoryData<string, string, string, string, bool> Warnings
    {
        get
        {
            var cases = new TheoryData<string, string, string, string, bool>();
            void Add(string rule, string what, (string From, string To) change, bool fires) => cases.Add(rule, what, change.From, change.To, fires);
            Add("UBL-CR-002", "UBL version 2.0", Before("<cbc:CustomizationID>", "<cbc:UBLVersionID>2.0</cbc:UBLVersionID>"), true);
            Add("UBL-CR-002", "UBL version 2.1", Before("<cbc:CustomizationID>", "<cbc:UBLVersionID>2.1</cbc:UBLVersionID>"), false);
            Add("UBL-CR-017", "an order reference with a UUID", After("<cbc:ID>123</cbc:ID>", "<cbc:UUID>u</cbc:UUID>"), true);
            Add("UBL-CR-017", "an order reference with its identifier only", (Unchanged, Unchanged), false);
            Add("UBL-CR-412", "a payment due date inside the payment means of an invoice", After(MeansCode, "<cbc:PaymentDueDate>2013-07-20</cbc:PaymentDueDate>"), true);
            Add("UBL-CR-561", "a tax total inside a line", Before(LineOrder, "<cac:TaxTotal><cbc:TaxAmount currencyID=\"NOK\">1</cbc:TaxAmount></cac:TaxTotal>"), true);
            Add("UBL-CR-561", "a tax total at document level", (Unchanged, Unchanged), false);
            Add("UBL-CR-665", "a scheme on a supporting document's identifier", ("<cbc:ID>Doc1</cbc:ID>", "<cbc:ID schemeID=\"ABZ\">Doc1</cbc:ID>"), true);
            Add("UBL-CR-665", "a scheme on an invoiced object identifier", After(Currency, "<cac:AdditionalDocumentReference><cbc:ID schemeID=\"ABZ\">LOT-7</cbc:ID><cbc:DocumentTypeCode>130</cbc:DocumentTypeCode></cac:AdditionalDocumentReference>"), false);
            Add("UBL-CR-679", "a scheme on a line's VAT category code, anywhere", ("<cac:ClassifiedTaxCategory>\n                <cbc:ID>S</cbc:ID>", "<cac:ClassifiedTaxCategory>\n                <cbc:ID schemeID=\"UNCL5305\">S</cbc:ID>"), true);
            Add("UBL-CR-679", "a scheme on the seller's identifier", (Unchanged, Unchanged), false);
            Add("UBL-DT-08", "a scheme name", ("<cbc:ID schemeID=\"0088\">1238764941386</cbc:ID>", "<cbc:ID schemeID=\"0088\" schemeName=\"GLN\">1238764941386</cbc:ID>"), true);
            Add("UBL-DT-08", "a scheme identifier", (Unchanged, Unchanged), false);
            Add("UBL-DT-18", "a name attribute outside the payment means code", ("<cbc:ID>Doc1</cbc:ID>", "<cbc:ID name=\"x\">Doc1</cbc:ID>"), true);
            Add("UBL-DT-18", "a name attribute on the payment means code", ("<cbc:PaymentMeansCode>30", "<cbc:PaymentMeansCode name=\"Virement\">30"), false);
            return cases;
        }
    }

    [Theory]
    [MemberData(nameof(Warnings))]
    public void The_warning_is_reported_once_where_the_artefacts_warn(string rule, string what, string from, string to, bool fires)
    {
        var findings = Validate(from, to, what);
        Assert.Equal(fires ? 1 : 0, findings.Count(f => f.Rule == rule));
        Assert.DoesNotContain(findings, f => f.Rule == rule && f.Severity == Severity.Fatal);
    }

    [Fact]
    public void The_example_itself_is_valid_without_warning() => Assert.Empty(Validate(Unchanged, Unchanged, "nothing"));

    [Fact]
    public void Every_fatal_rule_of_the_list_has_a_failing_and_a_passing_case()
    {
        var listed = File.ReadAllLines(TestData.PathOf("en16931-rules/ubl-syntax-fatal.tsv")).Skip(1).Select(l => l.Split('\t')[0]).ToList();
        var cases = Cases.Select(row => ((string)row[0], (bool)row[4])).ToList();
        var incomplete = listed.Where(id => !cases.Contains((id, true)) || !cases.Contains((id, false))).ToList();
        Assert.True(incomplete.Count == 0, "rules without a failing and a passing case: " + string.Join(", ", incomplete));
    }

    [Fact]
    public void A_credit_note_is_held_to_the_same_rules()
    {
        var xml = Encoding.UTF8.GetString(TestData.Bytes("examples/en16931/ubl/ubl-tc434-creditnote1.xml")).ReplaceLineEndings("\n");
        const string anchor = "<cbc:DocumentCurrencyCode>EUR</cbc:DocumentCurrencyCode>";
        Assert.Contains(anchor, xml, StringComparison.Ordinal);
        Assert.DoesNotContain(Check(Encoding.UTF8.GetBytes(xml)), f => f.Severity == Severity.Fatal);
        var changed = xml.Replace(anchor, anchor + Ref("OriginatorDocumentReference", "T1") + Ref("OriginatorDocumentReference", "T2"), StringComparison.Ordinal);
        var findings = Check(Encoding.UTF8.GetBytes(changed));
        Assert.Contains(findings, f => f.Rule == "UBL-SR-56" && f.Severity == Severity.Fatal && f.Location == "/cn:CreditNote");
    }

    private static List<Finding> Validate(string from, string to, string what)
    {
        var xml = Encoding.UTF8.GetString(TestData.Bytes(Example)).ReplaceLineEndings("\n");
        var index = xml.IndexOf(from, StringComparison.Ordinal);
        Assert.True(index >= 0, "the example no longer holds the text to change for " + what);
        return Check(Encoding.UTF8.GetBytes(xml[..index] + to + xml[(index + from.Length)..]));
    }

    private static List<Finding> Check(byte[] bytes)
    {
        var read = InvoiceXml.Read(bytes, validateSchema: false);
        var findings = new List<Finding>();
        InvoiceRules.Check(read.Invoice!, read.Syntax!.Value, bytes, RuleProfile.En16931, findings);
        return findings;
    }
}
