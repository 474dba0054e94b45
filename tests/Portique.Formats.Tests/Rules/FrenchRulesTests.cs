using Portique.Formats.Model;
using Portique.Formats.Rules;

namespace Portique.Formats.Tests.Rules;

public sealed class FrenchRulesTests
{
    [Fact]
    public void Sample_invoice_passes_the_french_layer() => Assert.Empty(SampleInvoice.French(SampleInvoice.Create()));

    public static TheoryData<string, Action<Invoice>> Breakages() => new()
    {
        { "BR-FR-01", i => i.Number = "F 2026/1" },
        { "BR-FR-01", i => i.Number = new string('1', 36) },
        { "BR-FR-02", i => i.PrecedingInvoices.Add(new PrecedingInvoice { Number = "A#1" }) },
        { "BR-FR-03", i => i.PaymentDueDate = new DateOnly(2100, 1, 1) },
        { "BR-FR-04", i => i.TypeCode = "326" },
        { "BR-FR-05", i => i.Notes.RemoveAll(n => n.SubjectCode == "PMD") },
        { "BR-FR-06", i => i.Notes.Add(new Note { SubjectCode = "AAB", Text = "Escompte 2 %" }) },
        { "BR-FR-08", i => i.BusinessProcessType = "LB" },
        { "BR-FR-09", i => i.Seller.Identifiers.Add(new Identifier("99999999900011", "0009")) },
        { "BR-FR-10", i => i.Seller.LegalRegistrationId = new Identifier("12345", "0002") },
        { "BR-FR-11", i => i.Buyer.LegalRegistrationId = null },
        { "BR-FR-12", i => i.Buyer.ElectronicAddress = null },
        { "BR-FR-13", i => i.Seller.ElectronicAddress = null },
        { "BR-FR-15", i => i.Lines[0].VatCategoryCode = "L" },
        { "BR-FR-16", i => i.VatBreakdown[0].Rate = 19m },
        { "BR-FR-17", i => i.SupportingDocuments.Add(new SupportingDocument { Reference = "1", Description = "Devis" }) },
        { "BR-FR-18", i => { i.SupportingDocuments.Add(new SupportingDocument { Reference = "1", Description = "LISIBLE" }); i.SupportingDocuments.Add(new SupportingDocument { Reference = "2", Description = "LISIBLE" }); } },
        { "BR-FR-20", i => i.Notes.Single(n => n.SubjectCode == "BAR").Text = "B2G" },
        { "BR-FR-21", i => i.Buyer.ElectronicAddress!.SchemeId = "0009" },
        { "BR-FR-22", i => i.Buyer.ElectronicAddress!.Value = "111111111" },
        { "BR-FR-31", i => i.Notes.Add(new Note { SubjectCode = "BAR", Text = "B2C" }) },
        { "BR-FR-32", i => i.Buyer.LegalRegistrationId = new Identifier("98765432", "0002") },
        { "BR-FR-CO-03", i => i.TypeCode = "262" },
        { "BR-FR-CO-08", i => { i.BusinessProcessType = "B4"; i.TypeCode = "386"; } },
        { "BR-FR-CO-09", i => i.BusinessProcessType = "S2" },
        { "BR-FR-DEC-01", i => i.Lines[0].NetAmount = 25.001m },
        { "BR-FR-DEC-02", i => i.Lines[0].Quantity = 10.00001m },
        { "BR-FR-DEC-03", i => i.Lines[0].Price.NetPrice = -2.5m },
        { "BR-FR-DEC-04", i => i.Lines[0].VatRate = 20.000m },
    };

    [Theory]
    [MemberData(nameof(Breakages))]
    public void Each_french_rule_fires_on_its_breakage(string rule, Action<Invoice> breakIt)
    {
        var invoice = SampleInvoice.Create();
        breakIt(invoice);
        var finding = Assert.Single(SampleInvoice.French(invoice), f => f.Rule == rule);
        Assert.Equal(Severity.Fatal, finding.Severity);
    }

    [Fact]
    public void Self_billed_b2b_routes_to_the_seller_address()
    {
        var invoice = SampleInvoice.Create();
        invoice.TypeCode = "389";
        invoice.Seller.ElectronicAddress!.SchemeId = "0009";
        Assert.Contains("BR-FR-21", SampleInvoice.French(invoice).Ids());
    }

    [Fact]
    public void Negative_prices_are_allowed_in_bidirectional_frameworks()
    {
        var invoice = SampleInvoice.Create();
        invoice.BusinessProcessType = "S9";
        invoice.Lines[0].Price.NetPrice = -2.5m;
        Assert.DoesNotContain("BR-FR-DEC-03", SampleInvoice.French(invoice).Ids());
    }

    [Fact]
    public void French_profile_adds_the_layer_to_en16931()
    {
        var xml = "<Invoice xmlns=\"urn:oasis:names:specification:ubl:schema:xsd:Invoice-2\"/>"u8.ToArray();
        var invoice = SampleInvoice.Create();
        invoice.Lines[0].VatCategoryCode = "L";
        var en = new List<Finding>();
        InvoiceRules.Check(invoice, InvoiceSyntax.UblInvoice, xml, RuleProfile.En16931, en);
        var fr = new List<Finding>();
        InvoiceRules.Check(invoice, InvoiceSyntax.UblInvoice, xml, RuleProfile.French, fr);
        Assert.DoesNotContain("BR-FR-15", en.Ids());
        Assert.Contains("BR-FR-15", fr.Ids());
        Assert.True(fr.Count > en.Count);
    }
}
