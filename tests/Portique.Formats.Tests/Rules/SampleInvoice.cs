using Portique.Formats.Model;
using Portique.Formats.Rules;
using Portique.Formats.Rules.En16931;
using Portique.Formats.Rules.French;

namespace Portique.Formats.Tests.Rules;

/// <summary>A small French standard-rated invoice that satisfies EN 16931 and the BR-FR layer; tests break one thing at a time.</summary>
internal static class SampleInvoice
{
    public static Invoice Create()
    {
        var invoice = new Invoice
        {
            SpecificationIdentifier = "urn:cen.eu:en16931:2017",
            BusinessProcessType = "S1",
            Number = "F2026-0001",
            IssueDate = new DateOnly(2026, 11, 2),
            TypeCode = "380",
            CurrencyCode = "EUR",
            PaymentDueDate = new DateOnly(2026, 12, 2),
            Notes =
            [
                new Note { SubjectCode = "PMT", Text = "Indemnité forfaitaire pour frais de recouvrement : 40 €" },
                new Note { SubjectCode = "PMD", Text = "Pénalités de retard : 3 fois le taux d'intérêt légal" },
                new Note { SubjectCode = "AAB", Text = "Pas d'escompte pour paiement anticipé" },
                new Note { SubjectCode = "BAR", Text = "B2B" },
            ],
            Seller = new Party
            {
                Name = "Atelier Dupont SARL",
                LegalRegistrationId = new Identifier("123456782", "0002"),
                VatIdentifier = "FR44123456782",
                ElectronicAddress = new Identifier("123456782_FACT", "0225"),
                Address = new Address { City = "Lyon", PostCode = "69002", CountryCode = "FR" },
            },
            Buyer = new Party
            {
                Name = "Boulangerie Martin SAS",
                LegalRegistrationId = new Identifier("987654321", "0002"),
                ElectronicAddress = new Identifier("987654321", "0225"),
                Address = new Address { City = "Paris", PostCode = "75011", CountryCode = "FR" },
            },
            PaymentMeans = [new PaymentMeans { TypeCode = "30", CreditTransfer = new CreditTransfer { AccountIdentifier = "FR7630006000011234567890189" } }],
            AllowanceCharges =
            [
                new AllowanceCharge { IsCharge = true, Amount = 10.00m, VatCategoryCode = "S", VatRate = 20m, Reason = "Livraison" },
                new AllowanceCharge { IsCharge = false, Amount = 5.00m, VatCategoryCode = "S", VatRate = 20m, ReasonCode = "95" },
            ],
            Lines =
            [
                Line(1, "Pain de campagne", 10m, 2.50m, 25.00m),
                Line(2, "Croissants", 20m, 1.25m, 25.00m),
            ],
            VatBreakdown = [new VatBreakdown { TaxableAmount = 55.00m, TaxAmount = 11.00m, CategoryCode = "S", Rate = 20m }],
            Totals = new DocumentTotals
            {
                LineNetTotal = 50.00m,
                AllowanceTotal = 5.00m,
                ChargeTotal = 10.00m,
                TaxExclusiveAmount = 55.00m,
                VatTotal = 11.00m,
                TaxInclusiveAmount = 66.00m,
                PayableAmount = 66.00m,
            },
        };
        return invoice;
    }

    public static InvoiceLine Line(int index, string name, decimal quantity, decimal price, decimal net) => new()
    {
        Index = index,
        Id = index.ToString(System.Globalization.CultureInfo.InvariantCulture),
        Quantity = quantity,
        QuantityUnitCode = "C62",
        NetAmount = net,
        Price = new PriceDetails { NetPrice = price },
        VatCategoryCode = "S",
        VatRate = 20m,
        Item = new Item { Name = name },
    };

    /// <summary>Runs the model-level EN 16931 rules (no syntax pass) and returns the rule ids found.</summary>
    public static List<Finding> En16931(Invoice invoice, InvoiceSyntax syntax = InvoiceSyntax.UblInvoice)
    {
        var findings = new List<Finding>();
        var ctx = new RuleContext(invoice, syntax, findings);
        En16931Rules.Check(ctx);
        CodeListRules.Check(ctx);
        return findings;
    }

    /// <summary>The BR-FR layer on the UBL the engine writes for the invoice.</summary>
    public static List<Finding> French(Invoice invoice)
    {
        var findings = new List<Finding>();
        FrenchRules.Check(new RuleContext(invoice, InvoiceSyntax.UblInvoice, findings));
        return findings;
    }

    public static IEnumerable<string> Ids(this IEnumerable<Finding> findings) => findings.Select(f => f.Rule);
}
