namespace Portique.Formats.Tests.Conformance;

/// <summary>Locates ../shared/testdata from the repository root (the folder holding Portique.slnx).</summary>
internal static class RulesTestData
{
    public static string Root { get; } = Find();

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Portique.slnx")))
            {
                return Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "testdata"));
            }
        }
        throw new DirectoryNotFoundException("Portique.slnx not found above " + AppContext.BaseDirectory);
    }
}
