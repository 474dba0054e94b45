using Portique.Formats;
using Portique.Formats.Model;

namespace Portique.Benchmarks;

/// <summary>
/// A generated invoice with any number of lines, consistent enough to pass EN 16931 (line amounts, VAT breakdown and
/// totals add up), written through the engine's own UBL writer from an official example's header.
/// </summary>
internal static class LargeInvoice
{
    public static byte[] Create(int lines, InvoiceSyntax syntax = InvoiceSyntax.UblInvoice)
    {
        var template = File.ReadAllBytes(Path.Combine(InvoiceCorpus.TestDataRoot, "examples", "en16931", "ubl", "ubl-tc434-example1.xml"));
        var invoice = InvoiceXml.Read(template, validateSchema: false).Invoice
            ?? throw new InvalidOperationException("The template invoice cannot be read.");

        invoice.Lines.Clear();
        invoice.AllowanceCharges.Clear();
        for (var i = 1; i <= lines; i++)
        {
            var quantity = 1 + i % 7;
            var price = 10.25m + i % 13;
            invoice.Lines.Add(new InvoiceLine
            {
                Index = i,
                Id = i.ToString(System.Globalization.CultureInfo.InvariantCulture),
                Quantity = quantity,
                QuantityUnitCode = "C62",
                NetAmount = quantity * price,
                Price = new PriceDetails { NetPrice = price },
                VatCategoryCode = "S",
                VatRate = 25m,
                Item = new Item { Name = $"Generated item {i}", SellerId = $"SKU-{i:D5}" },
            });
        }

        var net = invoice.Lines.Sum(l => l.NetAmount!.Value);
        var vat = decimal.Round(net * 0.25m, 2);
        invoice.VatBreakdown = [new VatBreakdown { CategoryCode = "S", Rate = 25m, TaxableAmount = net, TaxAmount = vat }];
        invoice.Totals = new DocumentTotals
        {
            LineNetTotal = net,
            TaxExclusiveAmount = net,
            VatTotal = vat,
            TaxInclusiveAmount = net + vat,
            PayableAmount = net + vat,
        };
        return InvoiceXml.Write(invoice, syntax);
    }
}
