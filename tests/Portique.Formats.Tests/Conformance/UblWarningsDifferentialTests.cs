using System.Globalization;
using System.Text;
using Portique.Formats.Rules;
using Xunit.Abstractions;

namespace Portique.Formats.Tests.Conformance;

/// <summary>
/// The UBL binding's warnings (UBL-CR, UBL-DT) against the artefacts v1.3.16: every UBL file of tests/data with an
/// <c>en16931_observed</c> verdict gets exactly the UBL-* warning ids the artefacts reported on it (the part after
/// "| warnings:" of that column), no more, no fewer. Prints every difference.
/// </summary>
public sealed class UblWarningsDifferentialTests(ITestOutputHelper output)
{
    [Fact]
    public void Every_ubl_file_gets_exactly_the_ubl_warnings_of_the_official_artefacts()
    {
        var rows = ConformanceJudge.XmlRows()
            .Where(r => r.Syntax.StartsWith("ubl", StringComparison.Ordinal) && (r.Observed.StartsWith("pass", StringComparison.Ordinal) || r.Observed.StartsWith("fail:", StringComparison.Ordinal)))
            .ToList();
        Assert.True(rows.Count > 1_000, $"only {rows.Count} UBL rows carry an en16931_observed verdict");

        var differences = new List<string>();
        var withWarnings = 0;
        foreach (var row in rows)
        {
            var observed = ObservedUblWarnings(row.Observed);
            if (observed.Count > 0) withWarnings++;
            var bytes = File.ReadAllBytes(Path.Combine(RulesTestData.Root, row.Path));
            var read = InvoiceXml.Read(bytes, validateSchema: false);
            var findings = new List<Finding>();
            if (read.Invoice is not null && read.Syntax is { } syntax)
            {
                InvoiceRules.Check(read.Invoice, syntax, bytes, RuleProfile.En16931, findings);
            }
            var reported = findings.Where(f => f.Severity == Severity.Warning && f.Rule.StartsWith("UBL-", StringComparison.Ordinal))
                .Select(f => f.Rule).ToHashSet(StringComparer.Ordinal);
            if (!reported.SetEquals(observed))
            {
                differences.Add($"{row.Path}: Portique en plus [{string.Join(",", reported.Except(observed).Order(StringComparer.Ordinal))}], "
                    + $"manquants [{string.Join(",", observed.Except(reported).Order(StringComparer.Ordinal))}]");
            }
        }

        Assert.True(withWarnings > 50, $"only {withWarnings} rows record UBL warnings: is the manifest complete?");
        var report = new StringBuilder()
            .AppendLine(CultureInfo.InvariantCulture, $"Avertissements UBL identiques à ceux des artefacts : {rows.Count - differences.Count}/{rows.Count} ({withWarnings} fichiers en ont)");
        foreach (var difference in differences) report.AppendLine(difference);
        output.WriteLine(report.ToString());
        Assert.True(differences.Count == 0, report.ToString());
    }

    private static HashSet<string> ObservedUblWarnings(string observed)
    {
        const string marker = "| warnings:";
        var at = observed.IndexOf(marker, StringComparison.Ordinal);
        if (at < 0) return [];
        return observed[(at + marker.Length)..].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(r => r.StartsWith("UBL-", StringComparison.Ordinal)).ToHashSet(StringComparer.Ordinal);
    }
}
