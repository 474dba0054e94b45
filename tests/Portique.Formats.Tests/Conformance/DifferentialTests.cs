using System.Globalization;
using System.Text;
using Xunit.Abstractions;

namespace Portique.Formats.Tests.Conformance;

/// <summary>
/// Differential test against the official CEN/TC 434 artefacts (v1.3.16, run by Saxon when the test data was made): every
/// XML file of tests/data whose MANIFEST.tsv row records an <c>en16931_observed</c> verdict is validated by Portique's
/// EN 16931 layer, and the exact set of fatal CEN rule ids is compared with the artefacts' one. Rows where the artefacts
/// themselves stopped on a runtime error (<c>error: …</c>) have no verdict to compare. Below 100 % the test fails and
/// prints every difference, the file, what Portique reports in excess and what it misses.
/// </summary>
public sealed class DifferentialTests(ITestOutputHelper output)
{
    [Fact]
    public void Every_file_gets_exactly_the_fatal_rule_ids_of_the_official_artefacts()
    {
        var rows = ConformanceJudge.XmlRows()
            .Where(r => r.Observed == "pass" || r.Observed.StartsWith("pass |", StringComparison.Ordinal) || r.Observed.StartsWith("fail:", StringComparison.Ordinal))
            .ToList();
        Assert.True(rows.Count > 1_000, $"only {rows.Count} rows carry an en16931_observed verdict: is the manifest complete?");

        var differences = new List<string>();
        var wronglyValid = 0;
        foreach (var row in rows)
        {
            var outcome = ConformanceJudge.Judge(row);
            var observed = row.ObservedErrors.ToHashSet(StringComparer.Ordinal);
            if (outcome.CenFatal.SetEquals(observed))
            {
                continue;
            }
            if (outcome.CenFatal.Count == 0)
            {
                wronglyValid++;
            }
            var extra = string.Join(",", outcome.CenFatal.Except(observed).Order(StringComparer.Ordinal));
            var missing = string.Join(",", observed.Except(outcome.CenFatal).Order(StringComparer.Ordinal));
            differences.Add($"{row.Path}: Portique en plus [{extra}], manquants [{missing}]");
        }

        var agree = rows.Count - differences.Count;
        var report = new StringBuilder()
            .AppendLine(CultureInfo.InvariantCulture, $"Accord exact des identifiants de règles fatales avec les artefacts CEN {Portique.Formats.Rules.InvoiceRules.En16931Version} : {agree}/{rows.Count} ({100.0 * agree / rows.Count:0.00} %)")
            .AppendLine(CultureInfo.InvariantCulture, $"Fichiers valides pour Portique et invalides pour les artefacts : {wronglyValid}");
        foreach (var difference in differences)
        {
            report.AppendLine(difference);
        }
        output.WriteLine(report.ToString());
        Assert.True(differences.Count == 0, report.ToString());
    }
}
