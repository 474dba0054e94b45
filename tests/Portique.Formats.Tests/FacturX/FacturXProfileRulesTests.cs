using System.Text;
using Portique.Formats.FacturX;

namespace Portique.Formats.Tests.FacturX;

/// <summary>
/// The Factur-X 1.08 profile schematrons (FX-SCH-A-*) as the engine runs them natively: every manifest row with a
/// facturx_observed verdict gets exactly the same error and warning ids; mutations prove single rules fire.
/// </summary>
public sealed class FacturXProfileRulesTests
{
    /// <summary>Rows whose facturx_observed is a verdict, e.g. "FX-1.08-EN16931: pass | warnings: FX-SCH-A-000372".</summary>
    public static TheoryData<string> ObservedRows =>
        [.. TestData.Manifest.Where(r => r["facturx_observed"].StartsWith("FX-1.08-", StringComparison.Ordinal)).Select(r => r["path"])];

    [Theory]
    [MemberData(nameof(ObservedRows))]
    public void Every_observed_file_gets_the_verdict_of_the_published_schematron(string path)
    {
        var observed = TestData.Manifest.Single(r => r["path"] == path)["facturx_observed"];
        var profile = observed["FX-1.08-".Length..observed.IndexOf(':', StringComparison.Ordinal)];
        var bytes = TestData.Bytes(path);
        var xml = path.EndsWith(".pdf", StringComparison.Ordinal) ? FacturXPdf.ExtractXml(bytes, out _, [])! : bytes;

        var findings = new List<Finding>();
        FacturXProfileRules.Check(xml, profile, findings);

        Assert.Equal(observed[(observed.IndexOf(':', StringComparison.Ordinal) + 2)..], Verdict(findings));
    }

    /// <summary>The manifest's notation: "pass" or "fail: ids", then " | warnings: ids" (sorted, distinct, FX-SCH-A only).</summary>
    private static string Verdict(List<Finding> findings)
    {
        string Ids(Severity severity) => string.Join(",", findings
            .Where(f => f.Severity == severity && f.Rule.StartsWith("FX-SCH-A-", StringComparison.Ordinal))
            .Select(f => f.Rule).Distinct().Order(StringComparer.Ordinal));
        var errors = Ids(Severity.Fatal);
        var warnings = Ids(Severity.Warning);
        return (errors.Length == 0 ? "pass" : "fail: " + errors) + (warnings.Length == 0 ? "" : " | warnings: " + warnings);
    }

    private const string En16931 = "factur-x/ferd-2.4/EN16931/EN16931_Einfach.xml";

    public static TheoryData<string, string, string, Severity> Mutations => new()
    {
        // A CIUS guideline id where the EN 16931 profile requires urn:cen.eu:en16931:2017.
        { "FX-SCH-A-000026", "<ram:ID>urn:cen.eu:en16931:2017</ram:ID>", "<ram:ID>urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0</ram:ID>", Severity.Fatal },
        // An empty element: a warning of the profile (PEPPOL-EN16931-R008).
        { "FX-SCH-A-000372", "<ram:Name>Lieferant GmbH</ram:Name>", "<ram:Name>Lieferant GmbH</ram:Name><ram:Description></ram:Description>", Severity.Warning },
        // BR-CO-25 (dropped by CEN 1.3.16, still a Factur-X 1.08 rule): an amount due without due date nor terms.
        { "FX-SCH-A-000155", "<ram:SpecifiedTradePaymentTerms>", "<ram:SpecifiedTradePaymentTermsX>", Severity.Fatal },
        // A code outside the profile's code list (currency).
        { "FX-SCH-A-000040", "<ram:InvoiceCurrencyCode>EUR</ram:InvoiceCurrencyCode>", "<ram:InvoiceCurrencyCode>EURO</ram:InvoiceCurrencyCode>", Severity.Fatal },
    };

    [Theory]
    [MemberData(nameof(Mutations))]
    public void A_mutation_makes_its_rule_fire(string rule, string find, string replace, Severity severity)
    {
        var text = File.ReadAllText(TestData.PathOf(En16931));
        Assert.Contains(find, text, StringComparison.Ordinal);
        var mutated = text.Replace(find, replace, StringComparison.Ordinal);
        if (replace.EndsWith("X>", StringComparison.Ordinal))
        {
            // Drop the whole element, closing tag included.
            var start = mutated.IndexOf(replace, StringComparison.Ordinal);
            var end = mutated.IndexOf("</ram:SpecifiedTradePaymentTerms>", start, StringComparison.Ordinal) + "</ram:SpecifiedTradePaymentTerms>".Length;
            mutated = mutated.Remove(start, end - start);
        }
        var findings = new List<Finding>();
        FacturXProfileRules.Check(Encoding.UTF8.GetBytes(mutated), "EN16931", findings);

        Assert.Contains(findings, f => f.Rule == rule && f.Severity == severity);
        var before = new List<Finding>();
        FacturXProfileRules.Check(TestData.Bytes(En16931), "EN16931", before);
        Assert.DoesNotContain(before, f => f.Rule == rule);
    }

    [Theory]
    [InlineData(SourceKind.FacturX, "urn:cen.eu:en16931:2017", null, "EN16931")]
    [InlineData(SourceKind.FacturX, "urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0", "EN 16931", "EN16931")]
    [InlineData(SourceKind.FacturX, "urn:factur-x.eu:1p0:basicwl", "BASIC WL", "BASIC-WL")]
    [InlineData(SourceKind.FacturX, "urn:cen.eu:en16931:2017#compliant#urn:xeinkauf.de:kosit:xrechnung_3.0", "XRECHNUNG", null)]
    [InlineData(SourceKind.FacturX, "urn:cen.eu:en16931:2017#conformant#urn.cpro.gouv.fr:1p0:extended-ctc-fr", "EXTENDED", null)]
    [InlineData(SourceKind.Cii, "urn:factur-x.eu:1p0:minimum", null, "MINIMUM")]
    [InlineData(SourceKind.Cii, "urn:cen.eu:en16931:2017#conformant#urn:factur-x.eu:1p0:extended", null, "EXTENDED")]
    [InlineData(SourceKind.Cii, "urn:cen.eu:en16931:2017", null, null)]
    [InlineData(SourceKind.UblInvoice, "urn:cen.eu:en16931:2017", null, null)]
    public void The_profile_follows_bt24_then_the_xmp(SourceKind kind, string bt24, string? declared, string? profile) =>
        Assert.Equal(profile, FacturXProfileRules.ProfileOf(kind, bt24, declared));

    [Fact]
    public void A_factur_x_failing_its_profile_rules_is_invalid_whatever_the_cen_rules_say()
    {
        var report = InvoiceEngine.Validate(TestData.Bytes($"{FerdExamples.Folder}/EXTENDED/Extended___SubInvoiceLines_Kaffee_Bundle_Set_Bsp4___fx.pdf"));

        Assert.False(report.IsValid);
        Assert.Contains(report.Findings, f => f.Rule == "FX-SCH-A-000250" && f.Severity == Severity.Fatal);
        // The CEN findings of an EXTENDED document stay warnings.
        Assert.DoesNotContain(report.Findings, f => f.Severity == Severity.Fatal && FacturXRules.IsCenRule(f.Rule));
    }

    [Fact]
    public void Minimum_is_judged_by_its_profile_rules_and_says_it_is_no_en16931_invoice()
    {
        var pdf = TestData.Bytes($"{FerdExamples.Folder}/MINIMUM/MINIMUM_Rechnung_fx.pdf");
        var xml = Encoding.UTF8.GetString(FacturXPdf.ExtractXml(pdf, out _, [])!);
        var broken = FacturXPdf.Create(Encoding.UTF8.GetBytes(xml.Replace("<ram:InvoiceCurrencyCode>EUR<", "<ram:InvoiceCurrencyCode>EURO<", StringComparison.Ordinal)), "MINIMUM");

        var valid = InvoiceEngine.Validate(pdf);
        var invalid = InvoiceEngine.Validate(broken);

        Assert.True(valid.IsValid);
        var note = Assert.Single(valid.Findings, f => f.Rule == FacturXRules.CenRulesNotApplicable);
        Assert.Contains("n'est pas une facture EN 16931", note.Message, StringComparison.Ordinal);
        Assert.False(invalid.IsValid);
        Assert.Contains(invalid.Findings, f => f.Rule == "FX-SCH-A-000040" && f.Severity == Severity.Fatal);
    }
}
