using Portique.Formats.Model;
using Portique.Formats.Rules;

namespace Portique.Formats.Tests.Rules;

/// <summary>
/// The BR-FR layer (FNFE-MPE V1.4.0.03) on an invoice built in code: the engine writes it as UBL and runs the published
/// set. Ids are the set's own. The AFNOR examples (FrenchExamplesTests) and the per-rule cases (FrenchRuleCasesTests)
/// check the layer on real documents.
/// </summary>
public sealed class FrenchRulesTests
{
    [Fact]
    public void Sample_invoice_passes_the_french_layer() => Assert.Empty(SampleInvoice.French(SampleInvoice.Create()));

    public static TheoryData<string, Action<Invoice>> Breakages() => new()
    {
        { "BR-FR-02_BT-1", i => i.Number = "F 2026/1" },
        { "BR-FR-01_BT-1-1", i => i.Number = new string('1', 36) },
        { "BR-FR-02_BT-25", i => i.PrecedingInvoices.Add(new PrecedingInvoice { Number = "A#1" }) },
        { "BR-FR-03_BT-9", i => i.PaymentDueDate = new DateOnly(2100, 1, 1) },
        { "BR-FR-04_BT-3", i => i.TypeCode = "326" },
        { "BR-FR-05_BT-22-2", i => i.Notes.RemoveAll(n => n.SubjectCode == "PMD") },
        { "BR-FR-06_BT-21-3", i => i.Notes.Add(new Note { SubjectCode = "AAB", Text = "Escompte 2 %" }) },
        { "BR-FR-08_BT-23", i => i.BusinessProcessType = "LB" },
        { "BR-FR-08_BT-23", i => i.BusinessProcessType = null },
        { "BR-FR-09_BT-29", i => i.Seller.Identifiers.Add(new Identifier("99999999900011", "0009")) },
        { "BR-FR-10_BT-30", i => i.Seller.LegalRegistrationId = new Identifier("12345", "0002") },
        { "BR-FR-11_BT-47", i => i.Buyer.LegalRegistrationId = null },
        { "BR-FR-12_BT-49", i => i.Buyer.ElectronicAddress = null },
        { "BR-FR-13_BT-34", i => i.Seller.ElectronicAddress = null },
        { "BR-FR-15_BT-151-1", i => i.Lines[0].VatCategoryCode = "L" },
        { "BR-FR-16_BT-119", i => i.VatBreakdown[0].Rate = 19m },
        { "BR-FR-17_BT-123", i => i.SupportingDocuments.Add(new SupportingDocument { Reference = "1", Description = "Devis" }) },
        { "BR-FR-18_BT-123", i => { i.SupportingDocuments.Add(new SupportingDocument { Reference = "1", Description = "LISIBLE" }); i.SupportingDocuments.Add(new SupportingDocument { Reference = "2", Description = "LISIBLE" }); } },
        { "BR-FR-20_BT-21", i => i.Notes.Single(n => n.SubjectCode == "BAR").Text = "B2G" },
        { "BR-FR-21_BT-49", i => i.Buyer.ElectronicAddress!.SchemeId = "0009" },
        { "BR-FR-30_BT-21", i => i.Notes.Add(new Note { SubjectCode = "BAR", Text = "B2C" }) },
        { "BR-FR-32-LEGALID", i => i.Buyer.LegalRegistrationId = new Identifier("98765432", "0002") },
        { "BR-FR-CO-03_BT-3", i => i.TypeCode = "262" },
        { "BR-FR-CO-08_BT-23", i => { i.BusinessProcessType = "B4"; i.TypeCode = "386"; } },
        { "BR-FR-CO-09_BT-23-1", i => i.BusinessProcessType = "S2" },
        { "BR-FR-DEC-01_BT-131", i => i.Lines[0].NetAmount = 25.001m },
        { "BR-FR-DEC-02_BT-129", i => i.Lines[0].Quantity = 10.00001m },
        { "BR-FR-DEC-03_BT-146", i => i.Lines[0].Price.NetPrice = -2.5m },
        { "BR-FR-DEC-04_BT-152", i => i.Lines[0].VatRate = 20.000m },
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
    public void Messages_are_the_published_french_texts()
    {
        var invoice = SampleInvoice.Create();
        invoice.Number = new string('1', 36);
        var finding = Assert.Single(SampleInvoice.French(invoice));
        Assert.Contains("35 caractères", finding.Message, StringComparison.Ordinal);
        Assert.Contains(new string('1', 36), finding.Message, StringComparison.Ordinal);
        Assert.Equal("BT-1", finding.Term);
    }

    [Fact]
    public void Negative_prices_are_allowed_in_bidirectional_frameworks()
    {
        var invoice = SampleInvoice.Create();
        invoice.BusinessProcessType = "S9";
        invoice.Lines[0].Price.NetPrice = -2.5m;
        Assert.DoesNotContain(SampleInvoice.French(invoice), f => f.Rule.StartsWith("BR-FR-DEC-03", StringComparison.Ordinal));
    }

    [Fact]
    public void French_profile_adds_the_layer_to_en16931()
    {
        var invoice = SampleInvoice.Create();
        invoice.Lines[0].VatCategoryCode = "L";
        var xml = InvoiceXml.Write(invoice, InvoiceSyntax.UblInvoice);
        var en = new List<Finding>();
        InvoiceRules.Check(invoice, InvoiceSyntax.UblInvoice, xml, RuleProfile.En16931, en);
        var fr = new List<Finding>();
        InvoiceRules.Check(invoice, InvoiceSyntax.UblInvoice, xml, RuleProfile.French, fr);
        Assert.DoesNotContain(en, f => f.Rule.StartsWith("BR-FR-", StringComparison.Ordinal));
        Assert.Contains("BR-FR-15_BT-151-1", fr.Ids());
        Assert.True(fr.Count > en.Count);
    }
}
