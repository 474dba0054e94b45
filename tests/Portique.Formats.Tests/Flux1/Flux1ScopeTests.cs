using Portique.Formats.Flux1;
using Portique.Formats.Model;

namespace Portique.Formats.Tests.Flux1;

/// <summary>Only a domestic B2B invoice has a Flux 1; B2C and international ones get a clear reason and no document.</summary>
public class Flux1ScopeTests
{
    private const string Uc1Ubl = "b2b/invoice/examples/afnor-annexB-v1.3/UC1/UC1_F202500003_00-INV_20250701_UBL_EN16931.xml";

    private static Invoice Domestic() => InvoiceEngine.Read(TestData.Bytes(Uc1Ubl)).Invoice;

    [Fact]
    public void A_domestic_b2b_invoice_has_a_valid_flux1_named_by_profile_siren_and_number()
    {
        var invoice = Domestic();
        var result = Flux1Engine.Extract(invoice, Flux1Profile.Base);
        Assert.Null(result.Exclusion);
        Assert.True(result.IsValid, string.Join("; ", result.Findings.Select(f => $"{f.Rule} {f.Message}")));
        Assert.Equal($"Base_{Flux1Scope.Siren(invoice.Seller)}_F202500003.xml", result.FileName);
        Assert.StartsWith("Full_", Flux1Engine.Extract(invoice, Flux1Profile.Full).FileName, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("B2C", Flux1Scope.B2c)]
    [InlineData("B2BINT", Flux1Scope.International)]
    [InlineData("OUTOFSCOPE", Flux1Scope.OutOfScope)]
    public void The_bar_note_decides_first(string bar, string code)
    {
        var invoice = Domestic();
        invoice.Notes.RemoveAll(n => n.SubjectCode == "BAR");
        invoice.Notes.Add(new Note { SubjectCode = "BAR", Text = bar });
        var result = Flux1Engine.Extract(invoice, Flux1Profile.Base);
        Assert.Equal(code, result.Exclusion?.Code);
        Assert.Null(result.Xml);
        Assert.False(result.IsValid);
    }

    [Fact]
    public void A_buyer_without_siren_is_b2c()
    {
        var invoice = Domestic();
        invoice.Notes.RemoveAll(n => n.SubjectCode == "BAR");
        invoice.Buyer.LegalRegistrationId = null;
        invoice.Buyer.Identifiers.Clear();
        invoice.Buyer.ElectronicAddress = new Identifier("jean.dupont@example.fr", "EM");
        invoice.Buyer.VatIdentifier = null;
        var result = Flux1Engine.Extract(invoice, Flux1Profile.Full);
        Assert.Equal(Flux1Scope.B2c, result.Exclusion?.Code);
        Assert.Contains("SIREN", result.Exclusion!.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_party_established_abroad_makes_it_international(bool seller)
    {
        var invoice = Domestic();
        invoice.Notes.RemoveAll(n => n.SubjectCode == "BAR");
        var party = seller ? invoice.Seller : invoice.Buyer;
        party.Address = new Address { City = "Berlin", CountryCode = "DE" };
        var result = Flux1Engine.Extract(invoice, Flux1Profile.Base);
        Assert.Equal(Flux1Scope.International, result.Exclusion?.Code);
        Assert.Contains("(pays DE)", result.Exclusion!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_siren_is_found_in_a_siret_or_a_french_vat_number()
    {
        Assert.Equal("123456789", Flux1Scope.Siren(new Party { LegalRegistrationId = new Identifier("12345678900012", "0009") }));
        Assert.Equal("123456789", Flux1Scope.Siren(new Party { VatIdentifier = "FR12123456789" }));
        Assert.Null(Flux1Scope.Siren(new Party { VatIdentifier = "DE123456789" }));
    }

    [Fact]
    public void A_flux1_that_breaks_an_aife_rule_is_not_valid_and_names_the_rule()
    {
        var invoice = Domestic();
        invoice.Number = "F2025 0003!";   // G1.05: characters outside the allowed set
        var result = Flux1Engine.Extract(invoice, Flux1Profile.Base);
        Assert.False(result.IsValid);
        Assert.Contains(result.Findings, f => f.Rule == "G1.05" && f.Severity == Severity.Fatal);
    }

    [Fact]
    public void A_ubl_vat_point_code_is_written_as_cii_codes()
    {
        var invoice = Domestic();
        foreach (var (ubl, cii) in new[] { ("3", "5"), ("35", "29"), ("432", "72") })
        {
            invoice.VatPointDateCode = ubl;
            var xml = System.Text.Encoding.UTF8.GetString(Flux1Engine.Extract(invoice, Flux1Profile.Base).Xml!);
            Assert.Contains($"<ram:DueDateTypeCode>{cii}</ram:DueDateTypeCode>", xml, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void An_unreadable_file_is_a_clear_finding_not_a_document()
    {
        var result = Flux1Engine.Extract("<pas-une-facture/>"u8.ToArray(), Flux1Profile.Base);
        Assert.Null(result.Xml);
        Assert.Contains(result.Findings, f => f.Rule == Flux1Engine.UnreadableRule);
    }
}
