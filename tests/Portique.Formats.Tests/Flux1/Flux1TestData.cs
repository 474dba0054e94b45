using System.Xml.Linq;
using Portique.Formats.Flux1;
using Portique.Formats.Schematron;

namespace Portique.Formats.Tests.Flux1;

/// <summary>The test invoices a Flux 1 is extracted from, and the published Flux 1 rules of tests/data as an oracle.</summary>
internal static class Flux1TestData
{
    /// <summary>Every valid invoice XML of both manifests (tests/data and tests/data/b2b), as paths relative to tests/data.</summary>
    public static TheoryData<string> ValidInvoices => [.. ValidInvoicePaths];

    public static List<string> ValidInvoicePaths
    {
        get
        {
            var data = new List<string>();
            foreach (var row in Corpus.ValidXmlFiles)
                data.Add(row["path"]);
            foreach (var line in File.ReadAllLines(TestData.PathOf("b2b/MANIFEST.tsv")).Skip(1))
            {
                var cells = line.Split('\t');
                if (cells[0].StartsWith("invoice/examples/", StringComparison.Ordinal) && cells[0].EndsWith(".xml", StringComparison.Ordinal)
                    && cells[5] == "example" && cells[6] == "valid")
                    data.Add("b2b/" + cells[0]);
            }
            return data;
        }
    }

    /// <summary>The AIFE schematron of a profile as published in tests/data (DEMARRAGE = Base, CIBLE = Full), loaded apart from the engine's copy.</summary>
    public static SchematronSet PublishedRules(Flux1Profile profile) => profile == Flux1Profile.Base ? Base.Value : Full.Value;

    private static readonly Lazy<SchematronSet> Base = new(() => Load("PPF_Flux1_CII_1_8_DEMARRAGE_v0_2.sch"));
    private static readonly Lazy<SchematronSet> Full = new(() => Load("PPF_Flux1_CII_1_8_CIBLE_v0_2.sch"));

    private static SchematronSet Load(string name) =>
        SchematronSet.Load(name, XDocument.Load(TestData.PathOf("b2b/flux1/schematron/" + name)), _ => null);

    /// <summary>The distinct fatal rule ids, the Annexe 7 id read from the "[G1.02] …" message when the finding has only the generic one.</summary>
    public static List<string> FatalRules(IEnumerable<Finding> findings) =>
        findings.Where(f => f.Severity == Severity.Fatal)
            .Select(f => f.Rule == "SCH-ASSERT" && f.Message.StartsWith('[') ? f.Message[1..f.Message.IndexOf(']', StringComparison.Ordinal)] : f.Rule)
            .Distinct().Order(StringComparer.Ordinal).ToList();
}
