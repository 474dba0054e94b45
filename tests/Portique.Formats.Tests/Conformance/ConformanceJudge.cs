using Portique.Formats.Rules;

namespace Portique.Formats.Tests.Conformance;

/// <summary>Runs the EN 16931 layer on one manifest row and judges the result against the row's claims.</summary>
internal static class ConformanceJudge
{
    public static readonly string[] XmlSyntaxes = ["ubl-invoice", "ubl-creditnote", "cii"];

    private static readonly Lazy<IReadOnlyList<ManifestRow>> Rows = new(() =>
        ManifestRow.Load(RulesTestData.Root).Where(r => XmlSyntaxes.Contains(r.Syntax)).ToList());

    public static IReadOnlyList<ManifestRow> XmlRows() => Rows.Value;

    public static ManifestRow Row(string path) => XmlRows().Single(r => r.Path == path);

    public static Outcome Judge(ManifestRow row)
    {
        var bytes = File.ReadAllBytes(Path.Combine(RulesTestData.Root, row.Path));
        var read = InvoiceXml.Read(bytes, validateSchema: false);
        var findings = new List<Finding>();
        if (read.Invoice is not null && read.Syntax is { } syntax)
        {
            InvoiceRules.Check(read.Invoice, syntax, bytes, RuleProfile.En16931, findings);
        }
        else
        {
            findings.AddRange(read.Findings);
        }
        var fatal = findings.Where(f => f.Severity == Severity.Fatal).Select(f => f.Rule).ToHashSet();
        var warning = findings.Where(f => f.Severity == Severity.Warning).Select(f => f.Rule).ToHashSet();
        var fired = fatal.Union(warning).ToHashSet();
        var problems = new List<string>();
        var checkedRules = new List<(string Rule, bool Agrees)>();

        void Expect(string rule, bool agrees, string problem)
        {
            checkedRules.Add((rule, agrees));
            if (!agrees)
            {
                problems.Add(problem);
            }
        }

        if (read.Invoice is null)
        {
            problems.Add("unreadable: " + string.Join("; ", read.Findings.Select(f => f.Rule + " " + f.Message)));
        }

        switch (row.Expected)
        {
            case "valid" when row.En16931Applies:
                // The official artefacts are the reference: a source claim they contradict (README) is not held against us.
                var tolerated = row.ObservedErrors.ToHashSet();
                foreach (var rule in fatal.Where(ManifestRow.IsCenRule).Where(r => !tolerated.Contains(r)))
                {
                    if (row.IsExtension && rule.StartsWith("CII-", StringComparison.Ordinal))
                    {
                        continue;
                    }
                    Expect(rule, false, $"{rule} fired on a valid file");
                }
                break;
            case "invalid":
                foreach (var rule in row.ExpectedRules.Where(ManifestRow.IsCenRule))
                {
                    Expect(rule, fatal.Contains(rule), $"{rule} expected as error, not reported");
                }
                break;
            case "rules-only":
                foreach (var rule in row.MustNotFire.Where(ManifestRow.IsCenRule))
                {
                    Expect(rule, !fired.Contains(rule), $"{rule} must not fire but did");
                }
                foreach (var rule in row.ExpectedWarnings.Where(ManifestRow.IsCenRule))
                {
                    Expect(rule, warning.Contains(rule), $"{rule} expected as warning, not reported");
                }
                break;
        }

        var cenFatal = fatal.Where(ManifestRow.IsCenRule).ToHashSet();
        var matchesOracle = cenFatal.SetEquals(row.ObservedErrors) && !row.Observed.StartsWith("error", StringComparison.Ordinal);
        var applicable = row.Expected == "valid" ? row.En16931Applies : checkedRules.Count > 0 || problems.Count > 0;
        return new Outcome(row, problems, checkedRules, cenFatal, matchesOracle, applicable);
    }

    internal sealed record Outcome(
        ManifestRow Row,
        IReadOnlyList<string> Problems,
        IReadOnlyList<(string Rule, bool Agrees)> CheckedRules,
        IReadOnlySet<string> CenFatal,
        bool MatchesOracle,
        bool Applicable)
    {
        public bool Agrees => Problems.Count == 0;
    }
}
