using System.Text;
using Xunit.Abstractions;

namespace Portique.Formats.Tests.Conformance;

/// <summary>
/// Table-driven conformance over MANIFEST.tsv (XML rows; the PDF rows belong to the Factur-X tests).
/// Peppol-only and national rule ids are outside the CEN set and counted as "not applicable".
/// </summary>
public sealed class ConformanceTests(ITestOutputHelper output)
{
    public static TheoryData<string> Rows()
    {
        var data = new TheoryData<string>();
        foreach (var row in ConformanceJudge.XmlRows())
        {
            data.Add(row.Path);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Rows))]
    public void File_agrees_with_its_manifest_claims(string path)
    {
        var row = ConformanceJudge.Row(path);
        var outcome = ConformanceJudge.Judge(row);
        Assert.True(outcome.Agrees, string.Join(Environment.NewLine, outcome.Problems));
    }

    [Fact]
    public void Agreement_report()
    {
        var outcomes = ConformanceJudge.XmlRows().Select(ConformanceJudge.Judge).ToList();
        var report = BuildReport(outcomes);
        File.WriteAllText(Path.Combine(AppContext.BaseDirectory, "conformance-report.md"), report);
        output.WriteLine(report);
        // Every judged file must have been read into a model: an unreadable file would make the rates meaningless.
        Assert.DoesNotContain(outcomes, o => o.Problems.Any(p => p.StartsWith("unreadable", StringComparison.Ordinal)));
    }

    [Fact]
    public void Both_rule_profiles_run_on_every_corpus_file_without_internal_error()
    {
        var failures = new List<string>();
        foreach (var row in ConformanceJudge.XmlRows())
        {
            var bytes = File.ReadAllBytes(Path.Combine(RulesTestData.Root, row.Path));
            var read = InvoiceXml.Read(bytes, validateSchema: false);
            if (read.Invoice is null || read.Syntax is not { } syntax)
            {
                continue;
            }
            var findings = new List<Finding>();
            Portique.Formats.Rules.InvoiceRules.Check(read.Invoice, syntax, bytes, Portique.Formats.Rules.RuleProfile.French, findings);
            failures.AddRange(findings.Where(f => f.Rule == "INTERNAL").Select(f => $"{row.Path}: {f.Message}"));
        }
        Assert.Empty(failures);
    }

    private static string BuildReport(List<ConformanceJudge.Outcome> outcomes)
    {
        var sb = new StringBuilder();
        var applicable = outcomes.Where(o => o.Applicable).ToList();
        var agree = applicable.Count(o => o.Agrees);
        sb.AppendLine("# EN 16931 conformance (CEN/TC 434 artefacts " + Portique.Formats.Rules.InvoiceRules.En16931Version + ")");
        sb.AppendLine();
        sb.AppendLine($"Files judged: {applicable.Count} of {outcomes.Count} XML rows ({outcomes.Count - applicable.Count} not applicable: Peppol/national-only claims or non-EN16931 profiles).");
        sb.AppendLine($"Files agreeing with their manifest claims: {agree}/{applicable.Count} ({Percent(agree, applicable.Count)}).");
        foreach (var group in applicable.GroupBy(o => o.Row.Expected).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            sb.AppendLine($"- {group.Key}: {group.Count(o => o.Agrees)}/{group.Count()}");
        }
        var oracleRows = outcomes.Where(o => !o.Row.Observed.StartsWith("error", StringComparison.Ordinal) && o.Row.En16931Applies).ToList();
        var oracleAgree = oracleRows.Count(o => o.MatchesOracle);
        sb.AppendLine($"Files whose full set of CEN errors equals the official artefacts' (en16931_observed): {oracleAgree}/{oracleRows.Count} ({Percent(oracleAgree, oracleRows.Count)}).");
        sb.AppendLine();

        var byRule = applicable.SelectMany(o => o.CheckedRules).GroupBy(c => c.Rule).OrderBy(g => g.Key, StringComparer.Ordinal).ToList();
        var rulesFull = byRule.Count(g => g.All(c => c.Agrees));
        sb.AppendLine($"## By rule: {rulesFull}/{byRule.Count} rules agree on every claim");
        sb.AppendLine();
        sb.AppendLine("| rule | claims | agree |");
        sb.AppendLine("| --- | --- | --- |");
        foreach (var g in byRule)
        {
            sb.AppendLine($"| {g.Key} | {g.Count()} | {g.Count(c => c.Agrees)} |");
        }
        sb.AppendLine();
        sb.AppendLine("## Disagreeing files");
        sb.AppendLine();
        foreach (var o in applicable.Where(o => !o.Agrees))
        {
            sb.AppendLine($"- {o.Row.Path}: {string.Join("; ", o.Problems)}");
        }
        sb.AppendLine();
        sb.AppendLine("## Differences with the official artefacts (ours vs en16931_observed)");
        sb.AppendLine();
        foreach (var o in oracleRows.Where(o => !o.MatchesOracle))
        {
            var extra = o.CenFatal.Except(o.Row.ObservedErrors).Order(StringComparer.Ordinal);
            var missing = o.Row.ObservedErrors.Except(o.CenFatal).Order(StringComparer.Ordinal);
            sb.AppendLine($"- {o.Row.Path}: extra [{string.Join(",", extra)}] missing [{string.Join(",", missing)}]");
        }
        return sb.ToString();
    }

    private static string Percent(int n, int d) => d == 0 ? "n/a" : (100.0 * n / d).ToString("0.0", System.Globalization.CultureInfo.InvariantCulture) + " %";
}
