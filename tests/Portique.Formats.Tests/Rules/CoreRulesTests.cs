using Portique.Formats.Model;

namespace Portique.Formats.Tests.Rules;

public sealed class CoreRulesTests
{
    [Fact]
    public void Sample_invoice_passes_the_EN16931_layer()
    {
        Assert.Empty(SampleInvoice.En16931(SampleInvoice.Create()));
    }

    public static TheoryData<string, Action<Invoice>> Breakages() => new()
    {
        { "BR-01", i => i.SpecificationIdentifier = " " },
        { "BR-02", i => i.Number = null },
        { "BR-03", i => i.IssueDate = null },
        { "BR-04", i => i.TypeCode = null },
        { "BR-05", i => i.CurrencyCode = null },
        { "BR-06", i => i.Seller.Name = null },
        { "BR-07", i => i.Buyer.Name = "" },
        { "BR-08", i => i.Seller.Address = null },
        { "BR-09", i => i.Seller.Address!.CountryCode = null },
        { "BR-10", i => i.Buyer.Address = null },
        { "BR-11", i => i.Buyer.Address!.CountryCode = " " },
        { "BR-12", i => i.Totals.LineNetTotal = null },
        { "BR-13", i => i.Totals.TaxExclusiveAmount = null },
        { "BR-14", i => i.Totals.TaxInclusiveAmount = null },
        { "BR-15", i => i.Totals.PayableAmount = null },
        { "BR-16", i => i.Lines.Clear() },
        { "BR-17", i => i.Payee = new Party() },
        { "BR-18", i => i.SellerTaxRepresentative = new Party { VatIdentifier = "FR11999999999", Address = new Address { CountryCode = "FR" } } },
        { "BR-19", i => i.SellerTaxRepresentative = new Party { Name = "Rep", VatIdentifier = "FR11999999999" } },
        { "BR-20", i => i.SellerTaxRepresentative = new Party { Name = "Rep", VatIdentifier = "FR11999999999", Address = new Address() } },
        { "BR-21", i => i.Lines[0].Id = null },
        { "BR-22", i => i.Lines[0].Quantity = null },
        { "BR-23", i => i.Lines[0].QuantityUnitCode = null },
        { "BR-24", i => i.Lines[0].NetAmount = null },
        { "BR-25", i => i.Lines[0].Item.Name = null },
        { "BR-26", i => i.Lines[0].Price.NetPrice = null },
        { "BR-27", i => i.Lines[0].Price.NetPrice = -1m },
        { "BR-28", i => i.Lines[0].Price.GrossPrice = -0.01m },
        { "BR-29", i => i.InvoicingPeriod = new Period { StartDate = new DateOnly(2026, 2, 1), EndDate = new DateOnly(2026, 1, 31) } },
        { "BR-30", i => i.Lines[0].Period = new Period { StartDate = new DateOnly(2026, 2, 1), EndDate = new DateOnly(2026, 1, 31) } },
        { "BR-31", i => i.AllowanceCharges[1].Amount = null },
        { "BR-32", i => i.AllowanceCharges[1].VatCategoryCode = null },
        { "BR-33", i => i.AllowanceCharges[1].ReasonCode = null },
        { "BR-36", i => i.AllowanceCharges[0].Amount = null },
        { "BR-37", i => i.AllowanceCharges[0].VatCategoryCode = null },
        { "BR-38", i => i.AllowanceCharges[0].Reason = null },
        { "BR-41", i => i.Lines[0].AllowanceCharges.Add(new LineAllowanceCharge { Reason = "Remise" }) },
        { "BR-42", i => i.Lines[0].AllowanceCharges.Add(new LineAllowanceCharge { Amount = 0m }) },
        { "BR-43", i => i.Lines[0].AllowanceCharges.Add(new LineAllowanceCharge { IsCharge = true, Reason = "Port" }) },
        { "BR-44", i => i.Lines[0].AllowanceCharges.Add(new LineAllowanceCharge { IsCharge = true, Amount = 0m }) },
        { "BR-45", i => i.VatBreakdown[0].TaxableAmount = null },
        { "BR-46", i => i.VatBreakdown[0].TaxAmount = null },
        { "BR-47", i => i.VatBreakdown[0].CategoryCode = null },
        { "BR-48", i => i.VatBreakdown[0].Rate = null },
        { "BR-49", i => i.PaymentMeans[0].TypeCode = null },
        { "BR-50", i => i.PaymentMeans[0].CreditTransfer!.AccountIdentifier = " " },
        { "BR-52", i => i.SupportingDocuments.Add(new SupportingDocument { Description = "PJA" }) },
        { "BR-53", i => i.VatAccountingCurrencyCode = "DKK" },
        { "BR-54", i => i.Lines[0].Item.Attributes.Add(new ItemProperty { Name = "Couleur" }) },
        { "BR-55", i => i.PrecedingInvoices.Add(new PrecedingInvoice()) },
        { "BR-56", i => i.SellerTaxRepresentative = new Party { Name = "Rep", Address = new Address { CountryCode = "FR" } } },
        { "BR-57", i => i.Delivery = new Delivery { Address = new Address() } },
        { "BR-61", i => i.PaymentMeans[0].CreditTransfer = null },
        { "BR-62", i => i.Seller.ElectronicAddress!.SchemeId = null },
        { "BR-63", i => i.Buyer.ElectronicAddress!.SchemeId = null },
        { "BR-64", i => i.Lines[0].Item.StandardId = new Identifier("3017620422003") },
        { "BR-65", i => i.Lines[0].Item.Classifications.Add(new Classification { Code = "12345" }) },
        { "BR-66", i => { i.PaymentMeans[0].Card = new PaymentCard { PrimaryAccountNumber = "1234" }; i.PaymentMeans.Add(new PaymentMeans { TypeCode = "48", Card = new PaymentCard { PrimaryAccountNumber = "5678" } }); } },
        { "BR-CO-03", i => { i.VatPointDate = new DateOnly(2026, 11, 1); i.VatPointDateCode = "3"; } },
        { "BR-CO-04", i => i.Lines[1].VatCategoryCode = null },
        { "BR-CO-09", i => i.Seller.VatIdentifier = "XX123" },
        { "BR-CO-18", i => i.VatBreakdown.Clear() },
        { "BR-CO-19", i => i.InvoicingPeriod = new Period() },
        { "BR-CO-20", i => i.Lines[0].Period = new Period() },
        { "BR-CO-21", i => i.AllowanceCharges[1].ReasonCode = null },
        { "BR-CO-22", i => i.AllowanceCharges[0].Reason = null },
        { "BR-CO-23", i => i.Lines[0].AllowanceCharges.Add(new LineAllowanceCharge { Amount = 1m }) },
        { "BR-CO-24", i => i.Lines[0].AllowanceCharges.Add(new LineAllowanceCharge { IsCharge = true, Amount = 1m }) },
        { "BR-CO-26", i => { i.Seller.VatIdentifier = null; i.Seller.LegalRegistrationId = null; } },
    };

    [Theory]
    [MemberData(nameof(Breakages))]
    public void Each_rule_fires_on_its_breakage(string rule, Action<Invoice> breakIt)
    {
        var invoice = SampleInvoice.Create();
        breakIt(invoice);
        var findings = SampleInvoice.En16931(invoice);
        var finding = Assert.Single(findings, f => f.Rule == rule);
        Assert.Equal(Severity.Fatal, finding.Severity);
        Assert.StartsWith("/ubl:Invoice", finding.Location, StringComparison.Ordinal);
        Assert.False(string.IsNullOrWhiteSpace(finding.Message));
    }

    [Fact]
    public void Amount_due_without_due_date_is_accepted_as_in_the_1_3_16_artefacts()
    {
        var invoice = SampleInvoice.Create();
        invoice.PaymentDueDate = null;
        Assert.Empty(SampleInvoice.En16931(invoice));
    }

    [Fact]
    public void Full_card_number_is_only_a_warning()
    {
        var invoice = SampleInvoice.Create();
        invoice.PaymentMeans[0].Card = new PaymentCard { PrimaryAccountNumber = "4111111111111111" };
        var finding = Assert.Single(SampleInvoice.En16931(invoice));
        Assert.Equal(("BR-51", Severity.Warning), (finding.Rule, finding.Severity));
    }

    [Fact]
    public void Ubl_period_holding_only_the_vat_point_date_code_is_accepted()
    {
        var invoice = SampleInvoice.Create();
        invoice.InvoicingPeriod = new Period();
        invoice.VatPointDateCode = "35";
        Assert.DoesNotContain("BR-CO-19", SampleInvoice.En16931(invoice).Ids());
        Assert.Contains("BR-CO-19", SampleInvoice.En16931(invoice, InvoiceSyntax.Cii).Ids());
    }

    [Fact]
    public void Cii_locations_use_the_cii_paths()
    {
        var invoice = SampleInvoice.Create();
        invoice.Lines[1].Item.Name = null;
        var finding = Assert.Single(SampleInvoice.En16931(invoice, InvoiceSyntax.Cii));
        Assert.Equal("/rsm:CrossIndustryInvoice/rsm:SupplyChainTradeTransaction/ram:IncludedSupplyChainTradeLineItem[2]", finding.Location);
        Assert.Equal("BT-153", finding.Term);
    }
}
