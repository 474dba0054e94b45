using Portique.Formats.Model;

namespace Portique.Formats.Tests.Ubl;

public sealed class UblReaderTests
{
    private static Invoice Read(string path, InvoiceSyntax expectedSyntax)
    {
        var result = InvoiceXml.Read(TestData.Bytes(path));
        Assert.Empty(result.Findings);
        Assert.Equal(expectedSyntax, result.Syntax);
        Assert.Equal(expectedSyntax, result.Invoice!.SourceSyntax);
        return result.Invoice;
    }

    [Fact]
    public void Official_example_1_maps_header_parties_payment_vat_and_totals()
    {
        var inv = Read("examples/en16931/ubl/ubl-tc434-example1.xml", InvoiceSyntax.UblInvoice);

        Assert.Equal("urn:cen.eu:en16931:2017", inv.SpecificationIdentifier);
        Assert.Equal("12115118", inv.Number);
        Assert.Equal(new DateOnly(2015, 1, 9), inv.IssueDate);
        Assert.Equal(new DateOnly(2015, 1, 9), inv.PaymentDueDate);
        Assert.Equal("380", inv.TypeCode);
        Assert.Equal("EUR", inv.CurrencyCode);
        Assert.StartsWith("Alle leveringen zijn franco.", Assert.Single(inv.Notes).Text, StringComparison.Ordinal);

        Assert.Equal("De Koksmaat", inv.Seller.Name);
        Assert.Equal("NL8200.98.395.B.01", inv.Seller.VatIdentifier);
        Assert.Equal("57151520", inv.Seller.LegalRegistrationId?.Value);
        Assert.Equal("Velsen-Noord", inv.Seller.Address?.City);
        Assert.Equal("NL", inv.Seller.Address?.CountryCode);
        Assert.Equal("ODIN 59", inv.Buyer.Name);
        Assert.Equal("10202", Assert.Single(inv.Buyer.Identifiers).Value);
        Assert.Equal("Dhr. J BLOKKER", inv.Buyer.Contact?.Name);

        Assert.Equal(["NL57 RABO 0107307510", "NL03 INGB 0004489902"], inv.PaymentMeans.Select(m => m.CreditTransfer?.AccountIdentifier));
        Assert.All(inv.PaymentMeans, m => Assert.Equal("30", m.TypeCode));
        Assert.Equal("Deb. 10202 / Fact. 12115118", inv.RemittanceInformation);

        Assert.Equal(["183.23/10.99/S/6", "46.37/9.74/S/21"],
            inv.VatBreakdown.Select(v => $"{v.TaxableAmount}/{v.TaxAmount}/{v.CategoryCode}/{v.Rate}"));
        // Decimals keep the scale written in the document: BR-DEC rules count decimals.
        Assert.Equal("229.60", inv.Totals.LineNetTotal?.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(229.60m, inv.Totals.TaxExclusiveAmount);
        Assert.Equal(20.73m, inv.Totals.VatTotal);
        Assert.Equal(250.33m, inv.Totals.TaxInclusiveAmount);
        Assert.Equal(250.33m, inv.Totals.PayableAmount);
        Assert.Null(inv.Totals.VatTotalInAccountingCurrency);

        Assert.Equal(20, inv.Lines.Count);
        Assert.Equal(Enumerable.Range(1, 20), inv.Lines.Select(l => l.Index));
        var first = inv.Lines[0];
        Assert.Equal("1", first.Id);
        Assert.Equal(2m, first.Quantity);
        Assert.Equal("EA", first.QuantityUnitCode);
        Assert.Equal(19.90m, first.NetAmount);
        Assert.Equal("PATAT FRITES 10MM 10KG", first.Item.Name);
        Assert.Equal("166022", first.Item.SellerId);
        Assert.Equal(9.95m, first.Price.NetPrice);
        Assert.Equal("S", first.VatCategoryCode);
        Assert.Equal(6m, first.VatRate);
    }

    [Fact]
    public void Credit_note_reads_credited_quantity_and_credit_note_lines()
    {
        var inv = Read("examples/en16931/ubl/ubl-tc434-creditnote1.xml", InvoiceSyntax.UblCreditNote);

        Assert.Equal("018304 / 28865", inv.Number);
        Assert.Equal("381", inv.TypeCode);
        Assert.Equal("My Supplier Company", inv.Seller.Name);
        var means = Assert.Single(inv.PaymentMeans);
        Assert.Equal("1", means.TypeCode);
        Assert.Equal("BE91000000143476", means.CreditTransfer?.AccountIdentifier);
        Assert.Equal("BPOTBEB1", means.CreditTransfer?.ServiceProviderIdentifier);
        Assert.Equal("010676609538", inv.RemittanceInformation);
        var vat = Assert.Single(inv.VatBreakdown);
        Assert.Equal("E", vat.CategoryCode);
        Assert.Equal("Taxes are not applicable", vat.ExemptionReason);
        Assert.Equal(100.11m, inv.Totals.PayableAmount);

        var line = Assert.Single(inv.Lines);
        Assert.Equal("1.00", line.Quantity?.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("C62", line.QuantityUnitCode);
        Assert.Equal("V55", line.Item.SellerId);
        var attribute = Assert.Single(line.Item.Attributes);
        Assert.Equal("2", attribute.Name);
        Assert.Equal("Contributions - précompte professionnel", attribute.Value);
    }

    [Fact]
    public void Direct_debit_maps_mandate_creditor_and_debited_account_and_survives_CII()
    {
        var inv = Read("examples/peppol-bis3/snippets/direct-debit.xml", InvoiceSyntax.UblInvoice);

        var means = Assert.Single(inv.PaymentMeans);
        Assert.Equal("59", means.TypeCode);
        Assert.Equal("SEPA direct debit", means.TypeText);
        Assert.Equal("DK12328462834823", means.DebitedAccountIdentifier);
        Assert.Equal("123456", inv.MandateReference);
        Assert.Equal("23123687", inv.BankAssignedCreditorIdentifier);
        Assert.DoesNotContain(inv.Seller.Identifiers, i => i.SchemeId == "SEPA");
        Assert.Equal("payref2", inv.RemittanceInformation);

        var cii = InvoiceXml.Read(InvoiceXml.Write(inv, InvoiceSyntax.Cii));
        Assert.Empty(cii.Findings);
        Assert.Equal("123456", cii.Invoice!.MandateReference);
        Assert.Equal("23123687", cii.Invoice.BankAssignedCreditorIdentifier);
        Assert.Equal("DK12328462834823", cii.Invoice.PaymentMeans[0].DebitedAccountIdentifier);
    }

    public static TheoryData<string> ValidUbl => Corpus.Paths(Corpus.ValidXmlFiles.Where(r => r["syntax"].StartsWith("ubl", StringComparison.Ordinal)));

    [Theory]
    [MemberData(nameof(ValidUbl))]
    public void Every_valid_UBL_file_reads_into_a_complete_model(string path)
    {
        var result = InvoiceXml.Read(TestData.Bytes(path));

        var inv = Assert.IsType<Invoice>(result.Invoice);
        Assert.DoesNotContain(result.Findings, f => f.Rule == "XML");
        Assert.False(string.IsNullOrEmpty(inv.Number));
        Assert.NotNull(inv.IssueDate);
        Assert.False(string.IsNullOrEmpty(inv.CurrencyCode));
        Assert.False(string.IsNullOrEmpty(inv.Seller.Name ?? inv.Seller.TradingName));
        Assert.NotNull(inv.Totals.PayableAmount);
        Assert.NotEmpty(inv.Lines);
        Assert.All(inv.Lines, l => Assert.NotNull(l.NetAmount));
    }

    [Theory]
    [InlineData("#AAB#Text with a subject", "AAB", "Text with a subject")]
    [InlineData("#PMT#", "PMT", "")]
    [InlineData("No subject #here#", null, "No subject #here#")]
    [InlineData("#not a code", null, "#not a code")]
    public void Note_subject_codes_are_taken_from_the_hash_prefix(string text, string? subject, string body)
    {
        var note = Portique.Formats.Ubl.UblReader.ParseNote(text);

        Assert.Equal(subject, note.SubjectCode);
        Assert.Equal(body, note.Text);
    }

    [Fact]
    public void French_electronic_address_scheme_and_business_process_are_kept()
    {
        var xml = File.ReadAllText(TestData.PathOf("examples/en16931/ubl/ubl-tc434-example1.xml"))
            .Replace("<cbc:ID>12115118</cbc:ID>", "<cbc:ProfileID>S1</cbc:ProfileID><cbc:ID>12115118</cbc:ID>", StringComparison.Ordinal)
            .Replace("<cac:AccountingSupplierParty>\n        <cac:Party>",
                "<cac:AccountingSupplierParty>\n        <cac:Party><cbc:EndpointID schemeID=\"0225\">123456789_STATUTS</cbc:EndpointID>", StringComparison.Ordinal);

        var inv = InvoiceXml.Read(System.Text.Encoding.UTF8.GetBytes(xml)).Invoice!;

        Assert.Equal("S1", inv.BusinessProcessType);
        Assert.Equal("0225", inv.Seller.ElectronicAddress?.SchemeId);
        Assert.Equal("123456789_STATUTS", inv.Seller.ElectronicAddress?.Value);
    }
}
