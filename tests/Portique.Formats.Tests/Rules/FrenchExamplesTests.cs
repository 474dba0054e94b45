using Portique.Formats.Rules;

namespace Portique.Formats.Tests.Rules;

/// <summary>
/// Every AFNOR example invoice of tests/data/b2b (XP Z12-014 Annex B V1.3, XP Z12-012 Annex B V1.2) gets, under the French
/// profile, the verdict its manifest row gives: valid, or invalid with exactly the listed rule ids as errors. The EXTENDED
/// ones carry either the Factur-X EXTENDED URN (CII) or the EXTENDED-CTC-FR one (UBL) and are judged by FNFE-MPE's
/// EXTENDED-CTC-FR rules in place of the EN 16931 ones.
/// </summary>
public sealed class FrenchExamplesTests
{
    private static readonly Lazy<List<Dictionary<string, string>>> Rows = new(() =>
    {
        var lines = File.ReadAllLines(TestData.PathOf("b2b/MANIFEST.tsv"));
        var header = lines[0].Split('\t');
        return [.. lines.Skip(1).Where(l => l.Length > 0).Select(l => l.Split('\t'))
            .Select(cells => header.Select((h, i) => (h, v: i < cells.Length ? cells[i] : "")).ToDictionary(p => p.h, p => p.v))
            .Where(r => r["path"].StartsWith("invoice/examples/", StringComparison.Ordinal))];
    });

    public static TheoryData<string> Examples => [.. Rows.Value.Select(r => r["path"])];

    [Fact]
    public void The_manifest_lists_the_26_afnor_examples() => Assert.Equal(26, Rows.Value.Count);

    [Theory]
    [MemberData(nameof(Examples))]
    public void Every_afnor_example_gets_its_manifest_verdict(string path)
    {
        var row = Rows.Value.Single(r => r["path"] == path);

        var report = InvoiceEngine.Validate(TestData.Bytes("b2b/" + path), RuleProfile.French);

        var errors = report.Findings.Where(f => f.Severity == Severity.Fatal).ToList();
        var detail = string.Join("\n", errors);
        if (row["expected"] == "valid")
        {
            Assert.True(report.IsValid, detail);
            return;
        }
        Assert.Equal("invalid", row["expected"]);
        Assert.False(report.IsValid);
        var expected = row["expected_rules"].Split(';', StringSplitOptions.RemoveEmptyEntries).Order(StringComparer.Ordinal);
        Assert.Equal(expected, errors.Select(f => f.Rule).Distinct().Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("invoice/examples/afnor-annexB-v1.3/Multi-Vendeur/UC10_F202600004_MULTI-VENDEUR_CII_Commentee_EXTENDED.xml")]
    [InlineData("invoice/examples/afnor-annexB-v1.3/Multi-Vendeur/UC10_F202600004_MULTI-VENDEUR_UBL_Commentee_EXTENDED.xml")]
    public void Both_extended_ctc_fr_identifiers_select_the_extended_ctc_fr_rules(string path)
    {
        var report = InvoiceEngine.Validate(TestData.Bytes("b2b/" + path), RuleProfile.French);

        // The EN 16931 rules do not judge it (BR-22 etc. fail there), the EXTENDED-CTC-FR ones do and say so.
        Assert.DoesNotContain(report.Findings, f => f.Rule is "BR-22" or "BR-26");
        Assert.Contains(report.Findings, f => f.Rule == Portique.Formats.FacturX.FacturXRules.CenRulesAsWarnings
            && f.Message.Contains("EXTENDED-CTC-FR", StringComparison.Ordinal));
    }

    [Fact]
    public void An_extended_ctc_fr_error_fails_the_invoice()
    {
        // F202500001's EXTENDED twin gives both an IBAN and a proprietary id for its credit transfer (BR-CO-27 of EXTENDED-CTC-FR).
        var report = InvoiceEngine.Validate(TestData.Bytes("b2b/invoice/examples/afnor-xp-z12-012-annexB-v1.2/F202500001_INV_20250201_CII_Commentee_EXTENDED.xml"), RuleProfile.French);
        var en = InvoiceEngine.Validate(TestData.Bytes("b2b/invoice/examples/afnor-xp-z12-012-annexB-v1.2/F202500001_INV_20250201_CII_Commentee_EXTENDED.xml"), RuleProfile.En16931);

        Assert.Contains(report.Findings, f => f.Rule == "BR-CO-27" && f.Severity == Severity.Fatal);
        Assert.DoesNotContain(en.Findings, f => f.Rule == "BR-CO-27" && f.Severity == Severity.Fatal);
    }
}
