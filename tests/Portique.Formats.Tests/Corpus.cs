namespace Portique.Formats.Tests;

/// <summary>Views of MANIFEST.tsv for table-driven tests.</summary>
internal static class Corpus
{
    private static readonly HashSet<string> XmlSyntaxes = ["ubl-invoice", "ubl-creditnote", "cii"];

    /// <summary>Every stand-alone invoice XML (UBL and CII, including unit-test fragments and the Factur-X XML files).</summary>
    public static IEnumerable<IReadOnlyDictionary<string, string>> XmlFiles =>
        TestData.Manifest.Where(r => XmlSyntaxes.Contains(r["syntax"]));

    /// <summary>Every stand-alone XML the source presents as a valid invoice.</summary>
    public static IEnumerable<IReadOnlyDictionary<string, string>> ValidXmlFiles => XmlFiles.Where(r => r["expected"] == "valid");

    public static TheoryData<string> Paths(IEnumerable<IReadOnlyDictionary<string, string>> rows)
    {
        var data = new TheoryData<string>();
        foreach (var row in rows)
        {
            data.Add(row["path"]);
        }
        return data;
    }

    public static IReadOnlyDictionary<string, string> Row(string path) => TestData.Manifest.Single(r => r["path"] == path);
}
