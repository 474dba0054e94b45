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

        var expected = ExpressibleInBoth(path, target);
        Assert.True(ModelDiff.Compare(expected, converted) is { Count: 0 }, "to " + target + ":\n" + string.Join("\n", ModelDiff.Compare(expected, converted)));
        Assert.True(ModelDiff.Compare(expected, back) is { Count: 0 }, "and back:\n" + string.Join("\n", ModelDiff.Compare(expected, back)));
    }

    public static TheoryData<string> AllXml => Corpus.Paths(Corpus.XmlFiles);

    /// <summary>
    /// Every XML of the corpus, unit-test fragments included (they are often incomplete or wrong on purpose): writing back to the same
    /// syntax loses nothing, so the rules see the same model whichever way the document came. No XSD check: most fragments fail it.
    /// </summary>
    [Theory]
    [MemberData(nameof(AllXml))]
    public void Same_syntax_round_trip_of_any_document_keeps_every_term(string path)
    {
        var read = InvoiceXml.Read(TestData.Bytes(path), validateSchema: false);
        var syntax = read.Syntax!.Value;

        var back = InvoiceXml.Read(InvoiceXml.Write(read.Invoice!, syntax), validateSchema: false).Invoice!;

        var expected = InvoiceXml.Read(TestData.Bytes(path), validateSchema: false).Invoice!;
        AddValuesTheSyntaxRequires(expected, syntax);
        var diffs = ModelDiff.Compare(expected, back);
        Assert.True(diffs.Count == 0, string.Join("\n", diffs));
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
    /// line nor line status (EXTENDED). Built from a fresh read of the file, never through the writers under test.
    /// </summary>
    internal static Invoice ExpressibleInBoth(string path, InvoiceSyntax target)
    {
        var expected = InvoiceXml.Read(TestData.Bytes(path), validateSchema: false).Invoice!;
        if (expected.PrecedingInvoices.Count > 1)
        {
            expected.PrecedingInvoices.RemoveRange(1, expected.PrecedingInvoices.Count - 1);
        }
        if (target != InvoiceSyntax.Cii)
        {
            if (target == InvoiceSyntax.UblCreditNote && expected.PaymentMeans.Count == 0)
            {
                expected.PaymentDueDate = null;
            }
            foreach (var line in expected.Lines)
            {
                line.ParentLineId = null;
                line.LineStatusReasonCode = null;
            }
        }
        AddValuesTheSyntaxRequires(expected, target);
        return expected;
    }

    /// <summary>
    /// The writers fill in what a syntax makes mandatory from what the model implies: UBL needs BT-110 (the sum of BT-117) once there
    /// is a VAT breakdown, and BT-147 (BT-148 - BT-146) once there is a gross price; CII needs BT-148 (BT-146 + BT-147) once there is a
    /// price discount.
    /// </summary>
    private static void AddValuesTheSyntaxRequires(Invoice invoice, InvoiceSyntax target)
    {
        foreach (var line in invoice.Lines)
        {
            var price = line.Price;
            if (target == InvoiceSyntax.Cii && price.Discount is not null && price.GrossPrice is null)
            {
                price.GrossPrice = price.NetPrice + price.Discount;
            }
            if (target != InvoiceSyntax.Cii && price.GrossPrice is not null && price.Discount is null)
            {
                price.Discount = price.GrossPrice - price.NetPrice ?? 0m;
            }
        }
        if (target != InvoiceSyntax.Cii && invoice.Totals.VatTotal is null && invoice.VatBreakdown.Count > 0)
        {
            invoice.Totals.VatTotal = invoice.VatBreakdown.Sum(v => v.TaxAmount ?? 0m);
        }
    }
}
