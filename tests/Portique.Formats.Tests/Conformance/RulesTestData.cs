namespace Portique.Formats.Tests.Conformance;

/// <summary>Locates the repository's test data (tests/data).</summary>
internal static class RulesTestData
{
    public static string Root { get; } = Find();

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Portique.slnx")))
            {
                return Path.GetFullPath(Path.Combine(dir.FullName, "tests", "data"));
            }
        }
        throw new DirectoryNotFoundException("Portique.slnx not found above " + AppContext.BaseDirectory);
    }
}
