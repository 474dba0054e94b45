namespace Portique.Formats.Tests;

/// <summary>Locates the repository's test data (tests/data, copied from the shared developer set with its manifest and licences).</summary>
internal static class TestData
{
    private static readonly Lazy<string> RootPath = new(() =>
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Portique.slnx")))
            {
                return Path.GetFullPath(Path.Combine(dir.FullName, "tests", "data"));
            }
        }
        throw new DirectoryNotFoundException("Portique.slnx not found above " + AppContext.BaseDirectory);
    });

    public static string Root => RootPath.Value;

    public static string PathOf(string relative) => Path.Combine(Root, relative);

    public static byte[] Bytes(string relative) => File.ReadAllBytes(PathOf(relative));

    /// <summary>The rows of MANIFEST.tsv as column-name → value maps.</summary>
    public static IReadOnlyList<IReadOnlyDictionary<string, string>> Manifest => ManifestRows.Value;

    private static readonly Lazy<IReadOnlyList<IReadOnlyDictionary<string, string>>> ManifestRows = new(() =>
    {
        var lines = File.ReadAllLines(PathOf("MANIFEST.tsv"));
        var header = lines[0].Split('\t');
        var rows = new List<IReadOnlyDictionary<string, string>>();
        foreach (var line in lines.Skip(1).Where(l => l.Length > 0))
        {
            var cells = line.Split('\t');
            var row = new Dictionary<string, string>();
            for (var i = 0; i < header.Length; i++)
            {
                row[header[i]] = i < cells.Length ? cells[i] : "";
            }
            rows.Add(row);
        }
        return rows;
    });
}
