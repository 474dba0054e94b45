namespace Portique.Formats.Tests.Conversion;

/// <summary>
/// Issue 16, point 4: every conversion of every valid test invoice passes the full EN 16931 rule set (XSD, syntax bindings,
/// business rules), UBL → CII, CII → UBL, and after the round trip back to the source syntax. "Valid" is what the official
/// artefacts observed (<c>en16931_observed</c> = pass) on a file presented as valid; that the terms survive the trip is
/// <see cref="RoundTripTests.Cross_syntax_round_trip_keeps_every_term"/>.
/// </summary>
public sealed class ConversionConformanceTests
{
    public static TheoryData<string> ValidInvoices => Corpus.Paths(Corpus.ValidXmlFiles.Where(r =>
        (r["en16931_observed"] == "pass" || r["en16931_observed"].StartsWith("pass |", StringComparison.Ordinal))
        && !r["profile"].Contains("MINIMUM", StringComparison.Ordinal) && !r["profile"].Contains("BASIC-WL", StringComparison.Ordinal)
        && !r["profile"].Contains("EXTENDED", StringComparison.Ordinal)));

    [Theory]
    [MemberData(nameof(ValidInvoices))]
    public void Conversion_to_the_other_syntax_and_back_passes_every_rule(string path)
    {
        var source = TestData.Bytes(path);
        var sourceKind = InvoiceEngine.Sniff(source)!.Value;
        var target = sourceKind == SourceKind.Cii ? TargetFormat.Ubl : TargetFormat.Cii;
        var back = target == TargetFormat.Cii ? TargetFormat.Ubl : TargetFormat.Cii;

        var converted = InvoiceEngine.Convert(source, target);
        AssertValid(converted, $"{path} → {target}");

        var roundTrip = InvoiceEngine.Convert(converted, back);
        AssertValid(roundTrip, $"{path} → {target} → {back}");

        // Term by term, through the engine's conversion (the path of `invoice convert`), both ways.
        var targetSyntax = InvoiceXml.Read(converted, validateSchema: false).Syntax!.Value;
        var expected = RoundTripTests.ExpressibleInBoth(path, targetSyntax);
        var sourceSyntax = InvoiceXml.Read(source, validateSchema: false).Syntax!.Value;
        if (targetSyntax == InvoiceSyntax.Cii && expected.VatAccountingCurrencyCode?.Trim() == expected.CurrencyCode?.Trim())
        {
            expected.VatAccountingCurrencyCode = null;
            expected.Totals.VatTotalInAccountingCurrency = null;
        }
        var convertedModel = InvoiceXml.Read(converted, validateSchema: false).Invoice!;
        var backModel = InvoiceXml.Read(roundTrip, validateSchema: false).Invoice!;
        Assert.True(ModelDiff.Compare(WithCode(expected, targetSyntax), convertedModel) is { Count: 0 }, $"{path} → {target}:\n" + string.Join("\n", ModelDiff.Compare(WithCode(expected, targetSyntax), convertedModel)));
        Assert.True(ModelDiff.Compare(WithCode(expected, sourceSyntax), backModel) is { Count: 0 }, $"{path} → {target} → {back}:\n" + string.Join("\n", ModelDiff.Compare(WithCode(expected, sourceSyntax), backModel)));
    }

    /// <summary>BT-8 as each syntax codes it (UNTDID 2005 in UBL, 2475 in CII).</summary>
    private static Portique.Formats.Model.Invoice WithCode(Portique.Formats.Model.Invoice invoice, InvoiceSyntax syntax)
    {
        invoice.VatPointDateCode = (syntax == InvoiceSyntax.Cii, invoice.VatPointDateCode) switch
        {
            (true, "3") => "5", (true, "35") => "29", (true, "432") => "72",
            (false, "5") => "3", (false, "29") => "35", (false, "72") => "432",
            (_, var code) => code,
        };
        return invoice;
    }

    private static void AssertValid(byte[] xml, string what)
    {
        var report = InvoiceEngine.Validate(xml);
        var errors = report.Findings.Where(f => f.Severity == Severity.Fatal).Select(f => $"{f.Rule} {f.Location}: {f.Message}").ToList();
        Assert.True(errors.Count == 0, what + " fails:\n" + string.Join("\n", errors) + "\n" + System.Text.Encoding.UTF8.GetString(xml));
    }
}
