using System.Xml.Linq;
using Portique.Formats.Schematron;

namespace Portique.Formats.Tests.Schematron;

/// <summary>
/// The embedded rule sets hold every rule of the published artefacts: a missing, extra or altered assert fails here.
/// The French sets are the published files themselves (compared byte for byte); the Factur-X sets are rebuilt from the
/// published XSLT, so each compiled assert (id, flag, test) is compared with the XSLT's.
/// </summary>
public sealed class RuleSetTests
{
    private static readonly XNamespace Xsl = "http://www.w3.org/1999/XSL/Transform";
    private static readonly XNamespace Svrl = "http://purl.oclc.org/dsdl/svrl";
    private static readonly XNamespace Iso = "http://purl.oclc.org/dsdl/schematron";

    public static TheoryData<string> FacturXProfiles => [.. RuleSets.FacturXProfiles];

    [Theory]
    [MemberData(nameof(FacturXProfiles))]
    public void Every_factur_x_assert_of_the_published_xslt_runs(string profile)
    {
        var xslt = XDocument.Load(TestData.PathOf($"schemas/factur-x-1.08/{profile}/FACTUR-X_{profile}.xslt"));
        var published = xslt.Descendants(Svrl + "failed-assert").Select(a => (
                Id: (string?)a.Elements(Xsl + "attribute").FirstOrDefault(x => (string?)x.Attribute("name") == "id"),
                Flag: (string?)a.Elements(Xsl + "attribute").FirstOrDefault(x => (string?)x.Attribute("name") == "flag"),
                Test: (string)a.Attribute("test")!))
            .Select(a => $"{a.Id}|{(a.Flag == "warning" ? Severity.Warning : Severity.Fatal)}|{Spaces(a.Test)}")
            .Concat(xslt.Descendants(Svrl + "successful-report").Select(r => $"|{Severity.Fatal}|REPORT {Spaces((string)r.Attribute("test")!)}"))
            .Order(StringComparer.Ordinal).ToList();

        var loaded = RuleSets.FacturX(profile).Checks
            .Select(c => c.IsReport ? $"|{c.Severity}|REPORT {Spaces(c.Test)}" : $"{c.Id}|{c.Severity}|{Spaces(c.Test)}")
            .Order(StringComparer.Ordinal).ToList();

        Assert.Equal(published.Count, loaded.Count);
        Assert.Equal(published, loaded);
    }

    /// <summary>The skeleton copies a test into its report with other surrounding whitespace; the expression is the same.</summary>
    private static string Spaces(string test) => string.Join(' ', test.Split((char[])[' ', '\t', '\r', '\n'], StringSplitOptions.RemoveEmptyEntries));

    [Theory]
    [InlineData("BR-FR-Flux2-Schematron-CII.sch")]
    [InlineData("BR-FR-Flux2-Schematron-UBL.sch")]
    [InlineData("EXTENDED-CTC-FR-CII.sch")]
    [InlineData("EXTENDED-CTC-FR-UBL.sch")]
    public void The_french_sets_are_the_published_files_and_every_assert_runs(string file)
    {
        var published = TestData.PathOf($"b2b/invoice/schematron/{file}");
        var embedded = Path.Combine(TestData.Root, "..", "..", "src", "Portique.Formats", "Schemas", $"fnfe-{RuleSets.FnfeVersion}", file);
        Assert.Equal(File.ReadAllBytes(published), File.ReadAllBytes(embedded));

        var asserts = XDocument.Load(published).Descendants(Iso + "assert")
            .Select(a => $"{(string?)a.Attribute("id")}|{(string)a.Attribute("test")!}").Order(StringComparer.Ordinal).ToList();
        var set = file.StartsWith("BR-FR", StringComparison.Ordinal)
            ? RuleSets.French(file.Contains("CII", StringComparison.Ordinal) ? InvoiceSyntax.Cii : InvoiceSyntax.UblInvoice)
            : RuleSets.ExtendedCtcFr(file.Contains("CII", StringComparison.Ordinal) ? InvoiceSyntax.Cii : InvoiceSyntax.UblInvoice);
        var loaded = set.Checks.Select(c => $"{c.Id}|{c.Test}").Order(StringComparer.Ordinal).ToList();

        Assert.Equal(asserts, loaded);
    }

    [Fact]
    public void Flags_keep_the_published_severity()
    {
        var set = RuleSets.ExtendedCtcFr(InvoiceSyntax.Cii);

        Assert.Contains(set.Checks, c => c.Severity == Severity.Warning && c.Id!.StartsWith("CII-SR-", StringComparison.Ordinal));
        Assert.Contains(set.Checks, c => c.Severity == Severity.Fatal && c.Id == "BR-01");
        Assert.All(RuleSets.French(InvoiceSyntax.Cii).Checks, c => Assert.Equal(Severity.Fatal, c.Severity));
    }
}
