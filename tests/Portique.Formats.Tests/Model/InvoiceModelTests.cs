using Portique.Formats.Model;

namespace Portique.Formats.Tests.Model;

public sealed class InvoiceModelTests
{
    /// <summary>A minimal EN 16931 invoice as the web entry form would build it, with the French additions.</summary>
    internal static Invoice Sample() => new()
    {
        Number = "FA-2026-0001",
        IssueDate = new DateOnly(2026, 9, 1),
        TypeCode = "380",
        CurrencyCode = "EUR",
        PaymentDueDate = new DateOnly(2026, 10, 1),
        BuyerReference = "SERVICE-42",
        BusinessProcessType = "S1",
        SpecificationIdentifier = "urn:cen.eu:en16931:2017",
        Notes =
        {
            new Note { SubjectCode = "PMT", Text = "Indemnité forfaitaire pour frais de recouvrement : 40 €" },
            new Note { SubjectCode = "PMD", Text = "Pénalités de retard : trois fois le taux d'intérêt légal" },
            new Note { SubjectCode = "AAB", Text = "Pas d'escompte pour paiement anticipé" },
        },
        Seller = new Party
        {
            Name = "Atelier Portique SAS",
            LegalRegistrationId = new Identifier("123456789", "0002"),
            VatIdentifier = "FR32123456789",
            ElectronicAddress = new Identifier("123456789", "0225"),
            Address = new Address { Line1 = "1 rue de la Paix", City = "Paris", PostCode = "75002", CountryCode = "FR" },
            Contact = new Contact { Name = "Service facturation", Email = "factures@example.fr" },
        },
        Buyer = new Party
        {
            Name = "Client SA",
            LegalRegistrationId = new Identifier("98765432100012", "0009"),
            ElectronicAddress = new Identifier("98765432100012", "0009"),
            Address = new Address { City = "Lyon", PostCode = "69001", CountryCode = "FR" },
        },
        PaymentMeans = { new PaymentMeans { TypeCode = "58", CreditTransfer = new CreditTransfer { AccountIdentifier = "FR7630006000011234567890189" } } },
        AllowanceCharges =
        {
            new AllowanceCharge { IsCharge = false, Amount = 10.00m, VatCategoryCode = "S", VatRate = 20.00m, Reason = "Remise fidélité" },
            new AllowanceCharge { IsCharge = true, Amount = 5.00m, VatCategoryCode = "S", VatRate = 20.00m, Reason = "Frais de port" },
        },
        Totals = new DocumentTotals
        {
            LineNetTotal = 100.00m, AllowanceTotal = 10.00m, ChargeTotal = 5.00m, TaxExclusiveAmount = 95.00m,
            VatTotal = 19.00m, TaxInclusiveAmount = 114.00m, PayableAmount = 114.00m,
        },
        VatBreakdown = { new VatBreakdown { TaxableAmount = 95.00m, TaxAmount = 19.00m, CategoryCode = "S", Rate = 20.00m } },
        Lines =
        {
            new InvoiceLine
            {
                Index = 1, Id = "1", Quantity = 4m, QuantityUnitCode = "C62", NetAmount = 100.00m,
                Price = new PriceDetails { NetPrice = 25.00m }, VatCategoryCode = "S", VatRate = 20.00m,
                Item = new Item { Name = "Prestation de conseil", Attributes = { new ItemProperty { Name = "Durée", Value = "1 h" } } },
            },
        },
    };

    [Fact]
    public void Allowances_and_charges_are_told_apart_by_the_indicator()
    {
        var invoice = Sample();

        Assert.Equal("Remise fidélité", Assert.Single(invoice.Allowances).Reason);
        Assert.Equal("Frais de port", Assert.Single(invoice.Charges).Reason);
    }

    [Theory]
    [InlineData(InvoiceSyntax.UblInvoice)]
    [InlineData(InvoiceSyntax.UblCreditNote)]
    [InlineData(InvoiceSyntax.Cii)]
    public void A_model_built_in_code_writes_schema_valid_XML_that_reads_back_the_same(InvoiceSyntax syntax)
    {
        var invoice = Sample();

        var xml = InvoiceXml.Write(invoice, syntax);
        var back = InvoiceXml.Read(xml);

        Assert.Empty(back.Findings);
        Assert.Equal(syntax, back.Syntax);
        Assert.Empty(Conversion.ModelDiff.Compare(invoice, back.Invoice!));
    }

    [Theory]
    [InlineData("380", InvoiceSyntax.UblInvoice)]
    [InlineData("389", InvoiceSyntax.UblInvoice)]
    [InlineData("381", InvoiceSyntax.UblCreditNote)]
    [InlineData("261", InvoiceSyntax.UblCreditNote)]
    [InlineData(null, InvoiceSyntax.UblInvoice)]
    public void The_UBL_document_type_follows_the_invoice_type_code(string? typeCode, InvoiceSyntax expected)
    {
        Assert.Equal(expected, InvoiceXml.UblSyntaxFor(new Invoice { TypeCode = typeCode }));
    }

    [Fact]
    public void The_diff_sees_a_changed_scale_and_a_changed_line()
    {
        var a = Sample();
        var b = Sample();
        b.Totals.PayableAmount = 114.0m;
        b.Lines[0].Item.Name = "Autre";

        var diffs = Conversion.ModelDiff.Compare(a, b);

        Assert.Equal(2, diffs.Count);
        Assert.Contains(diffs, d => d.StartsWith("Invoice.Totals.PayableAmount: 114.00 != 114.0", StringComparison.Ordinal));
        Assert.Contains(diffs, d => d.StartsWith("Invoice.Lines[0].Item.Name", StringComparison.Ordinal));
    }
}
