using Portique.Formats.FacturX;

namespace Portique.Formats.Tests.FacturX;

/// <summary>
/// The PDF rows of MANIFEST.tsv through the facade: all 50 FeRD examples are presented as valid by their publisher, and
/// all but one pass their Factur-X 1.08 profile schematron too (facturx_observed): Kaffee_Bundle_Set_Bsp4 fails
/// FX-SCH-A-000250, so the portal refuses it. The stand-alone XML of each gets the same verdict.
/// </summary>
public sealed class FacturXConformanceTests
{
    public static TheoryData<string> StandaloneXml => [.. FerdExamples.Pdfs.Select(FerdExamples.StandaloneXmlOf).Distinct()];

    /// <summary>Valid unless the Factur-X profile schematron finds an error (facturx_observed "…: fail: …").</summary>
    private static bool ExpectedValid(string path) =>
        !TestData.Manifest.Single(r => r["path"] == path)["facturx_observed"].Contains(": fail:", StringComparison.Ordinal);

    [Theory]
    [MemberData(nameof(FerdExamples.PdfData), MemberType = typeof(FerdExamples))]
    public void Every_ferd_pdf_gets_the_verdict_of_its_profile(string pdf)
    {
        Assert.Equal("valid", TestData.Manifest.Single(r => r["path"] == pdf)["expected"]);

        var report = InvoiceEngine.Validate(TestData.Bytes(pdf));

        Assert.Equal(SourceKind.FacturX, report.Kind);
        Assert.True(report.IsValid == ExpectedValid(pdf), string.Join("\n", report.Findings.Where(f => f.Severity == Severity.Fatal)));
        Assert.DoesNotContain(report.Findings, f => f.Rule.StartsWith("FX-PDF-", StringComparison.Ordinal));
        Assert.All(report.Findings.Where(f => f.Severity == Severity.Fatal), f => Assert.StartsWith("FX-SCH-A-", f.Rule, StringComparison.Ordinal));
    }

    [Fact]
    public void A_declared_profile_that_contradicts_the_xml_is_reported()
    {
        // CII_business_example_01 says urn:cen.eu:en16931:2017 (EN 16931); the PDF is made to declare EXTENDED.
        var pdf = FacturXPdf.Create(TestData.Bytes("examples/en16931/cii/CII_business_example_01.xml"), "EXTENDED");

        var report = InvoiceEngine.Validate(pdf);

        var finding = Assert.Single(report.Findings, f => f.Rule == FacturXRules.ProfileMismatch);
        Assert.Equal(Severity.Warning, finding.Severity);
        Assert.True(report.IsValid);
    }

    [Theory]
    [MemberData(nameof(StandaloneXml))]
    public void Every_ferd_standalone_xml_gets_the_verdict_of_its_profile(string xml)
    {
        var report = InvoiceEngine.Validate(TestData.Bytes(xml));

        Assert.Equal(SourceKind.Cii, report.Kind);
        Assert.True(report.IsValid == ExpectedValid(xml), string.Join("\n", report.Findings.Where(f => f.Severity == Severity.Fatal)));
    }

    [Fact]
    public void Minimum_and_basic_wl_skip_the_cen_rules_and_say_so()
    {
        var report = InvoiceEngine.Validate(TestData.Bytes($"{FerdExamples.Folder}/MINIMUM/MINIMUM_Rechnung_fx.pdf"));

        Assert.DoesNotContain(report.Findings, f => FacturXRules.IsCenRule(f.Rule));
        var note = Assert.Single(report.Findings, f => f.Rule == FacturXRules.CenRulesNotApplicable);
        Assert.Equal(Severity.Warning, note.Severity);
    }

    [Fact]
    public void Extended_reports_cen_errors_as_warnings()
    {
        // The official CEN artefacts report BR-CO-10 and BR-S-08 on this EXTENDED example that FeRD declares valid.
        var report = InvoiceEngine.Validate(TestData.Bytes($"{FerdExamples.Folder}/EXTENDED/Extended_SubInvoiceLines_Hardware_Bsp2_fx.pdf"));

        Assert.True(report.IsValid);
        Assert.Contains(report.Findings, f => f.Rule == "BR-CO-10" && f.Severity == Severity.Warning);
        Assert.Contains(report.Findings, f => f.Rule == FacturXRules.CenRulesAsWarnings);
    }

    [Fact]
    public void Extended_still_fails_on_schema_errors()
    {
        var xml = File.ReadAllText(TestData.PathOf($"{FerdExamples.Folder}/EXTENDED/EXTENDED_Warenrechnung.xml"))
            .Replace("<ram:TypeCode>380</ram:TypeCode>", "<ram:TypeCode>380</ram:TypeCode><ram:Unexpected/>", StringComparison.Ordinal);

        var report = InvoiceEngine.Validate(System.Text.Encoding.UTF8.GetBytes(xml));

        Assert.False(report.IsValid);
        Assert.Contains(report.Findings, f => f.Rule == "XSD" && f.Severity == Severity.Fatal);
    }
}
