using System.Xml.Linq;
using Portique.Formats.Schematron;

namespace Portique.Formats.Tests.Cdar;

/// <summary>The CDAR examples of tests/data/b2b (MANIFEST.tsv rows under cdar/examples/) and the published FNFE-MPE rule set as an oracle.</summary>
internal static class CdarTestData
{
    public sealed record Example(string Path, bool Valid, IReadOnlyList<string> ExpectedRules)
    {
        public byte[] Bytes() => TestData.Bytes("b2b/" + Path);

        public override string ToString() => Path["cdar/examples/".Length..];
    }

    public static IReadOnlyList<Example> Examples => Rows.Value;

    private static readonly Lazy<IReadOnlyList<Example>> Rows = new(() =>
    {
        var lines = File.ReadAllLines(TestData.PathOf("b2b/MANIFEST.tsv"));
        var header = lines[0].Split('\t');
        int Column(string name) => Array.IndexOf(header, name);
        var (path, expected, rules) = (Column("path"), Column("expected"), Column("expected_rules"));
        return lines.Skip(1).Select(l => l.Split('\t')).Where(c => c[path].StartsWith("cdar/examples/", StringComparison.Ordinal))
            .Select(c => new Example(c[path], c[expected] == "valid",
                c[rules].Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Order(StringComparer.Ordinal).ToList()))
            .ToList();
    });

    public static TheoryData<string> ExamplePaths => [.. Examples.Select(e => e.Path)];

    public static Example ByPath(string path) => Examples.Single(e => e.Path == path);

    /// <summary>
    /// FNFE-MPE's published BR-FR-CDV-Schematron-CDAR.sch V1.4.0.03 run by the engine's schematron interpreter (decision 0019):
    /// an independent reading of the same rules, to hold the native C# rules to the published verdicts.
    /// </summary>
    public static SchematronSet PublishedRules => Published.Value;

    private static readonly Lazy<SchematronSet> Published = new(() =>
        SchematronSet.Load("BR-FR-CDV-Schematron-CDAR.sch", XDocument.Load(TestData.PathOf("b2b/cdar/schematron/BR-FR-CDV-Schematron-CDAR.sch")), _ => null));

    /// <summary>The distinct rule ids of the fatal findings the published set reports for a message.</summary>
    public static List<string> PublishedFatalRules(byte[] xml)
    {
        var findings = new List<Finding>();
        PublishedRules.Run(XmlTree.Parse(xml), findings);
        return FatalRules(findings);
    }

    public static List<string> FatalRules(IEnumerable<Finding> findings) =>
        findings.Where(f => f.Severity == Severity.Fatal).Select(f => f.Rule).Distinct().Order(StringComparer.Ordinal).ToList();

    public static List<string> WarningRules(IEnumerable<Finding> findings) =>
        findings.Where(f => f.Severity == Severity.Warning).Select(f => f.Rule).Distinct().Order(StringComparer.Ordinal).ToList();
}
