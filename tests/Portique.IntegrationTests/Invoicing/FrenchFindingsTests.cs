using System.Globalization;
using System.IO.Compression;
using Portique.Common;
using Portique.Formats;
using Portique.Invoicing;
using Portique.Invoicing.Deposit;
using Portique.Invoicing.Findings;
using Portique.IntegrationTests.Infrastructure;

namespace Portique.IntegrationTests.Invoicing;

/// <summary>
/// Issue 17, point 2, without a browser: the syntax of a deposit read from the file, and every finding the engine raises
/// on the repository's invalid invoices worded in French (and left in the engine's English for English users).
/// </summary>
public sealed class FrenchFindingsTests
{
    private static readonly CultureInfo French = new("fr-FR");

    private static IEnumerable<string[]> Manifest() =>
        File.ReadLines(Path.Combine(InvoicingApp.TestData, "MANIFEST.tsv")).Skip(1).Select(l => l.Split('\t'));

    [Fact]
    public void Every_finding_on_the_invalid_test_invoices_reads_in_french()
    {
        var files = Manifest().Where(c => c[3] == "invalid" && c[1] is "cii" or "ubl-invoice" or "ubl-creditnote").Select(c => c[0]).ToList();
        Assert.True(files.Count > 500, $"only {files.Count} invalid invoices in the test data");
        var rules = new HashSet<string>();
        var english = new List<string>();
        foreach (var file in files)
        {
            foreach (var finding in InvoiceEngine.Validate(File.ReadAllBytes(Path.Combine(InvoicingApp.TestData, file))).Findings)
            {
                rules.Add(finding.Rule);
                var text = FindingMessages.For(finding.Rule, finding.Message, French);
                var leaks = FrenchLeaks.In(text);
                if (leaks.Count > 0 || text == finding.Message)
                    english.Add($"{file} {finding.Rule}: {text} ({string.Join(", ", leaks)})");
                Assert.Equal(finding.Message, FindingMessages.For(finding.Rule, finding.Message, CultureInfo.GetCultureInfo("en")));
            }
        }
        Assert.True(english.Count == 0, string.Join("\n", english.Take(20)));
        // The catalogue words each rule, or its family does (the VAT categories by number, the syntax rules as a group):
        // none is left with the last-resort sentence.
        Assert.DoesNotContain(rules, r => FindingMessages.InFrench(r) == FindingMessages.Unknown);
    }

    [Theory]
    [InlineData("BR-S-08", "taux normal")]
    [InlineData("BR-AE-10", "autoliquidation")]
    [InlineData("BR-IC-02", "livraison intracommunautaire")]
    [InlineData("BR-DEC-12", "décimales")]
    [InlineData("UBL-SR-44", "référence de paiement (BT-83)")]
    [InlineData("UBL-SR-99", "syntaxe")]
    [InlineData("BR-CO-10", "somme des montants nets")]
    // The French schematron names a rule per field it checks: BR-FR-01 on BT-1.
    [InlineData("BR-FR-01_BT-1", "Le numéro de facture (BT-1)")]
    [InlineData("BR-FR-99_BT-1", "règle française")]
    public void Rules_are_worded_by_id_or_by_family(string rule, string expected) =>
        Assert.Contains(expected, FindingMessages.For(rule, "english", French), StringComparison.Ordinal);

    [Fact]
    public void The_portal_s_own_refusals_pass_through() =>
        Assert.Equal("Le destinataire est inconnu.", FindingMessages.For("RECIPIENT_NOT_FOUND", "Le destinataire est inconnu.", French));

    [Fact]
    public void The_syntax_of_a_deposit_is_read_from_the_file()
    {
        string First(string syntax) => Path.Combine(InvoicingApp.TestData, Manifest().First(c => c[1] == syntax && c[3] == "valid")[0]);
        Assert.Equal(FlowSyntax.IN_DP_E1_UBL_INVOICE, Detect(First("ubl-invoice")));
        Assert.Equal(FlowSyntax.IN_DP_E1_UBL_INVOICE, Detect(First("ubl-creditnote")));
        Assert.Equal(FlowSyntax.IN_DP_E1_CII_16B, Detect(First("cii")));
        Assert.Equal(FlowSyntax.IN_DP_E2_CII_FACTURX, Detect(First("pdf+cii")));
        Assert.Equal(FlowSyntax.IN_DP_E1_CII_16B, FlowSyntaxDetection.Detect("lot.zip", Zip(First("cii"), First("cii"))));

        Assert.Equal("FLOW_SYNTAX_MIXED", Refusal(() => FlowSyntaxDetection.Detect("lot.zip", Zip(First("cii"), First("ubl-invoice")))));
        Assert.Equal("FLOW_SYNTAX_UNKNOWN", Refusal(() => FlowSyntaxDetection.Detect("notes.txt", "pas une facture"u8.ToArray())));
        Assert.Equal("FLOW_SYNTAX_UNKNOWN", Refusal(() => FlowSyntaxDetection.Detect("x.xml", "<!DOCTYPE x [<!ENTITY a \"b\">]><x>&a;</x>"u8.ToArray())));
        Assert.Equal("FLOW_ARCHIVE_UNREADABLE", Refusal(() => FlowSyntaxDetection.Detect("x.zip", [.. "PK\u0003\u0004"u8, .. new byte[40]])));
        Assert.Equal("FLOW_EMPTY", Refusal(() => FlowSyntaxDetection.Detect("vide.xml", [])));
    }

    private static FlowSyntax Detect(string path) => FlowSyntaxDetection.Detect(Path.GetFileName(path), File.ReadAllBytes(path));

    private static string Refusal(Action act) => Assert.Throws<PortiqueException>(act).Code;

    private static byte[] Zip(params string[] paths)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            for (var i = 0; i < paths.Length; i++)
            {
                using var entry = zip.CreateEntry($"{i}-{Path.GetFileName(paths[i])}").Open();
                entry.Write(File.ReadAllBytes(paths[i]));
            }
        }
        return buffer.ToArray();
    }
}
