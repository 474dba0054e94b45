namespace Portique.Formats.Rules;

/// <summary>
/// What every rule needs: the invoice, the findings sink and XPath locations in the source syntax.
/// Locations are built only when a rule fails, so a valid invoice allocates almost nothing.
/// </summary>
internal sealed class RuleContext(Model.Invoice invoice, InvoiceSyntax syntax, List<Finding> findings)
{
    private const string CiiRoot = "/rsm:CrossIndustryInvoice";
    private const string CiiTransaction = CiiRoot + "/rsm:SupplyChainTradeTransaction";
    internal const string CiiAgreement = CiiTransaction + "/ram:ApplicableHeaderTradeAgreement";
    internal const string CiiDelivery = CiiTransaction + "/ram:ApplicableHeaderTradeDelivery";
    internal const string CiiSettlement = CiiTransaction + "/ram:ApplicableHeaderTradeSettlement";

    /// <summary>The invoice the rules read; after the syntax pass, possibly a view without the non-VAT tax categories.</summary>
    public Model.Invoice Invoice { get; set; } = invoice;

    /// <summary>The invoice as read, whatever view <see cref="Invoice"/> is.</summary>
    public Model.Invoice Source { get; } = invoice;

    /// <summary>What the syntax pass saw in the source that the model folds away; null when no source was scanned.</summary>
    public SourceFacts? Facts { get; set; }
    public InvoiceSyntax Syntax { get; } = syntax;
    public List<Finding> Findings { get; } = findings;
    public bool IsCii => Syntax == InvoiceSyntax.Cii;

    /// <summary>True when the source wrote this allowance or charge without a charge indicator (see <see cref="SourceFacts"/>).</summary>
    public bool Unflagged(int line, int position) =>
        Facts is { UnflaggedAllowanceCharges.Count: > 0 } facts && facts.UnflaggedAllowanceCharges.Contains((line, position));

    public string UblRoot => Syntax == InvoiceSyntax.UblCreditNote ? "/cn:CreditNote" : "/ubl:Invoice";
    public string UblLineName => Syntax == InvoiceSyntax.UblCreditNote ? "cac:CreditNoteLine" : "cac:InvoiceLine";

    public void Fatal(string rule, string location, string? term, string message) =>
        Findings.Add(new Finding(rule, Severity.Fatal, location, term, message));

    /// <summary>True when the syntax pass already judged this rule on the source (see <see cref="SourceFacts.JudgedOnSource"/>).</summary>
    public bool OnSource(string rule) => Facts?.JudgedOnSource.Contains(rule) == true;

    public void Warning(string rule, string location, string? term, string message) =>
        Findings.Add(new Finding(rule, Severity.Warning, location, term, message));

    /// <summary>A location given relative to each syntax's root element.</summary>
    public string At(string ubl, string cii) => IsCii ? CiiRoot + cii : UblRoot + ubl;

    public string Root => IsCii ? CiiRoot : UblRoot;

    public string Totals => IsCii
        ? CiiSettlement + "/ram:SpecifiedTradeSettlementHeaderMonetarySummation"
        : UblRoot + "/cac:LegalMonetaryTotal";

    /// <summary>The n-th invoice line (1-based, document order).</summary>
    public string Line(int position) => IsCii
        ? $"{CiiTransaction}/ram:IncludedSupplyChainTradeLineItem[{position}]"
        : $"{UblRoot}/{UblLineName}[{position}]";

    public string VatBreakdown(int position) => IsCii
        ? $"{CiiSettlement}/ram:ApplicableTradeTax[{position}]"
        : $"{UblRoot}/cac:TaxTotal/cac:TaxSubtotal[{position}]";

    public string DocumentAllowanceCharge(bool charge, int position) => IsCii
        ? $"{CiiSettlement}/ram:SpecifiedTradeAllowanceCharge[ram:ChargeIndicator/udt:Indicator='{(charge ? "true" : "false")}'][{position}]"
        : $"{UblRoot}/cac:AllowanceCharge[cbc:ChargeIndicator='{(charge ? "true" : "false")}'][{position}]";

    public string LineAllowanceCharge(int line, bool charge, int position) => IsCii
        ? $"{Line(line)}/ram:SpecifiedLineTradeSettlement/ram:SpecifiedTradeAllowanceCharge[ram:ChargeIndicator/udt:Indicator='{(charge ? "true" : "false")}'][{position}]"
        : $"{Line(line)}/cac:AllowanceCharge[cbc:ChargeIndicator='{(charge ? "true" : "false")}'][{position}]";

    public string Seller => IsCii ? CiiAgreement + "/ram:SellerTradeParty" : UblRoot + "/cac:AccountingSupplierParty/cac:Party";
    public string Buyer => IsCii ? CiiAgreement + "/ram:BuyerTradeParty" : UblRoot + "/cac:AccountingCustomerParty/cac:Party";
    public string Payee => IsCii ? CiiSettlement + "/ram:PayeeTradeParty" : UblRoot + "/cac:PayeeParty";
    public string TaxRepresentative => IsCii ? CiiAgreement + "/ram:SellerTaxRepresentativeTradeParty" : UblRoot + "/cac:TaxRepresentativeParty";
    public string Delivery => IsCii ? CiiDelivery : UblRoot + "/cac:Delivery";
    public string DeliverToAddress => IsCii ? CiiDelivery + "/ram:ShipToTradeParty/ram:PostalTradeAddress" : UblRoot + "/cac:Delivery/cac:DeliveryLocation/cac:Address";
    public string InvoicePeriod => IsCii ? CiiSettlement + "/ram:BillingSpecifiedPeriod" : UblRoot + "/cac:InvoicePeriod";
    public string PaymentMeans(int position) => IsCii
        ? $"{CiiSettlement}/ram:SpecifiedTradeSettlementPaymentMeans[{position}]"
        : $"{UblRoot}/cac:PaymentMeans[{position}]";
    public string Note(int position) => IsCii ? $"{CiiRoot}/rsm:ExchangedDocument/ram:IncludedNote[{position}]" : $"{UblRoot}/cbc:Note[{position}]";
    public string Attachment(int position) => IsCii
        ? $"{CiiAgreement}/ram:AdditionalReferencedDocument[{position}]"
        : $"{UblRoot}/cac:AdditionalDocumentReference[{position}]";
    public string PrecedingInvoice(int position) => IsCii
        ? $"{CiiSettlement}/ram:InvoiceReferencedDocument[{position}]"
        : $"{UblRoot}/cac:BillingReference[{position}]";
}

/// <summary>
/// Presence of source elements the reader folds away (an unparsable date, an empty group) but the artefacts' asserts test.
/// </summary>
internal sealed class SourceFacts
{
    public bool IssueDatePresent { get; set; }
    public bool TotalsPresent { get; set; }
    public bool SellerPresent { get; set; }

    /// <summary>The currencyID of every total VAT amount (UBL cac:TaxTotal/cbc:TaxAmount, CII ram:TaxTotalAmount).</summary>
    public List<string> TaxTotalCurrencies { get; } = [];

    /// <summary>
    /// Allowances and charges written without a charge indicator, as (line position or 0 for the document, position among
    /// the allowances and charges of that parent): the artefacts select allowances and charges by their indicator.
    /// </summary>
    public HashSet<(int Line, int Position)> UnflaggedAllowanceCharges { get; } = [];

    /// <summary>
    /// UBL tax categories whose tax scheme is not VAT, which the artefacts' VAT rules ignore: line positions,
    /// document allowance/charge positions and VAT breakdown positions (1-based, document order).
    /// </summary>
    public HashSet<int> NonVatLines { get; } = [];
    public HashSet<int> NonVatAllowanceCharges { get; } = [];
    public HashSet<int> NonVatBreakdowns { get; } = [];

    /// <summary>
    /// Rules the syntax pass judged on the source itself, where the artefacts test an element's existence (an empty element
    /// counts) or match it anywhere: the model rules of the same id stand aside (BR-49, BR-50, BR-61, BR-52, BR-55, BR-CL-05,
    /// BR-CL-06, BR-CL-16, BR-CL-24, BR-CL-25, BR-53).
    /// </summary>
    public HashSet<string> JudgedOnSource { get; } = new(StringComparer.Ordinal);

    /// <summary>CII: every ram:TaxTotalAmount of the document totals as written, with its currencyID (null when it has none).</summary>
    public List<(string? Currency, string Value)> TaxTotalAmounts { get; } = [];

    /// <summary>CII: the ram:TaxCurrencyCode as written, when there is one.</summary>
    public string? TaxCurrencyWritten { get; set; }

    /// <summary>UBL: the deliver-to address has a Country/IdentificationCode element, empty or not (BR-57 tests existence).</summary>
    public bool DeliverToCountryWritten { get; set; }

    /// <summary>UBL: positions of the lines that have an InvoicedQuantity / CreditedQuantity element, empty or not (BR-22).</summary>
    public HashSet<int> LinesWithQuantity { get; } = [];

    /// <summary>UBL: the seller has a PartyIdentification/ID, PartyLegalEntity/CompanyID or PartyTaxScheme/CompanyID element, empty or not.</summary>
    public bool SellerIdentifierWritten { get; set; }

    /// <summary>CII: the seller has a tax registration with scheme FC (the binding accepts VA or FC, nothing else).</summary>
    public bool SellerHasFcRegistration { get; set; }
}
