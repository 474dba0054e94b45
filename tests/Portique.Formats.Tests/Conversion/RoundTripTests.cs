using Portique.Formats.Model;

namespace Portique.Formats.Tests.Conversion;

/// <summary>
/// Every valid stand-alone XML of the corpus: read, write to the same and to the other syntax, check the output against the XSD,
/// read it back and compare the models.
/// </summary>
public sealed class RoundTripTests
{
    public static TheoryData<string> ValidXml => Corpus.Paths(Corpus.ValidXmlFiles);

    /// <summary>Factur-X MINIMUM and BASIC-WL are not EN 16931 invoices (no lines), so UBL cannot hold them.</summary>
    public static TheoryData<string> ValidEn16931Xml => Corpus.Paths(Corpus.ValidXmlFiles.Where(r => !r["profile"].Contains("MINIMUM", StringComparison.Ordinal) && !r["profile"].Contains("BASIC-WL", StringComparison.Ordinal)));

    [Theory]
    [MemberData(nameof(ValidXml))]
    public void Same_syntax_round_trip_keeps_every_term(string path)
    {
        var original = ReadClean(path, out var syntax);

        var written = InvoiceXml.Write(original, syntax);

        var back = ReadBack(written, syntax);
        var diffs = ModelDiff.Compare(original, back);
        Assert.True(diffs.Count == 0, string.Join("\n", diffs));
    }

    [Theory]
    [MemberData(nameof(ValidEn16931Xml))]
    public void Cross_syntax_round_trip_keeps_every_term(string path)
    {
        var original = ReadClean(path, out var syntax);
        var target = syntax == InvoiceSyntax.Cii ? InvoiceSyntax.UblInvoice : InvoiceSyntax.Cii;
        if (target != InvoiceSyntax.Cii)
        {
            target = InvoiceXml.UblSyntaxFor(original);
        }

        var converted = ReadBack(InvoiceXml.Write(original, target), target);
        var back = ReadBack(InvoiceXml.Write(converted, syntax), syntax);

        var expected = ExpressibleInBoth(original, syntax, target);
        Assert.True(ModelDiff.Compare(expected, converted) is { Count: 0 } d1, "to " + target + ":\n" + string.Join("\n", ModelDiff.Compare(expected, converted)));
        Assert.True(ModelDiff.Compare(expected, back) is { Count: 0 }, "and back:\n" + string.Join("\n", ModelDiff.Compare(expected, back)));
    }

    private static Invoice ReadClean(string path, out InvoiceSyntax syntax)
    {
        var result = InvoiceXml.Read(TestData.Bytes(path), validateSchema: false);
        Assert.DoesNotContain(result.Findings, f => f.Severity == Severity.Fatal);
        syntax = result.Syntax!.Value;
        return result.Invoice!;
    }

    private static Invoice ReadBack(byte[] xml, InvoiceSyntax syntax)
    {
        var result = InvoiceXml.Read(xml);
        Assert.True(result.Findings.Count == 0, string.Join("\n", result.Findings) + "\n" + System.Text.Encoding.UTF8.GetString(xml));
        Assert.Equal(syntax, result.Syntax);
        return result.Invoice!;
    }

    /// <summary>
    /// What the model looks like after a trip through the other syntax, by the documented mapping rules: CII D16B has room for one
    /// preceding invoice (BG-3); a UBL credit note carries the payment due date (BT-9) only inside a payment means; UBL has no parent
    /// line nor line status (EXTENDED) and requires the VAT total (BT-110) and the price discount (BT-147) that CII may leave implied; CII requires
    /// the gross price (BT-148) when a price discount is given.
    /// </summary>
    private static Invoice ExpressibleInBoth(Invoice invoice, InvoiceSyntax source, InvoiceSyntax target)
    {
        var copy = InvoiceXml.Read(InvoiceXml.Write(invoice, source), validateSchema: false).Invoice!;
        if (copy.PrecedingInvoices.Count > 1)
        {
            copy.PrecedingInvoices.RemoveRange(1, copy.PrecedingInvoices.Count - 1);
        }
        if (target == InvoiceSyntax.Cii)
        {
            foreach (var line in copy.Lines)
            {
                if (line.Price.Discount is not null && line.Price.GrossPrice is null)
                {
                    line.Price.GrossPrice = line.Price.NetPrice + line.Price.Discount;
                }
            }
            return copy;
        }
        if (target == InvoiceSyntax.UblCreditNote && copy.PaymentMeans.Count == 0)
        {
            copy.PaymentDueDate = null;
        }
        if (copy.Totals.VatTotal is null && copy.VatBreakdown.Count > 0)
        {
            copy.Totals.VatTotal = copy.VatBreakdown.Sum(v => v.TaxAmount ?? 0m);
        }
        foreach (var line in copy.Lines)
        {
            line.ParentLineId = null;
            line.LineStatusReasonCode = null;
            if (line.Price.GrossPrice is not null && line.Price.Discount is null)
            {
                line.Price.Discount = line.Price.GrossPrice - line.Price.NetPrice ?? 0m;
            }
        }
        return copy;
    }
}
