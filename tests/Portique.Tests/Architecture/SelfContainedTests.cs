namespace Portique.Tests.Architecture;

/// <summary>
/// The repository stands alone: a clone placed anywhere, with nothing beside it, builds, runs and passes its tests. So no
/// code, build file or script may read a path outside it (issue 14).
/// </summary>
public sealed class SelfContainedTests
{
    // Built from pieces so that this file does not hold the very paths it proves are found.
    private static readonly string Shared = "sha" + "red";
    private static string Up(int levels) => string.Concat(Enumerable.Repeat("../", levels));

    [Fact]
    public void No_code_build_file_or_script_reads_a_path_outside_the_repository()
    {
        var findings = OutsidePaths.Scan(RepositoryRoot());
        Assert.True(findings.Count == 0, "Paths outside the repository:\n" + string.Join("\n", findings));
    }

    [Fact]
    public void The_scan_reads_the_code_folders_and_the_root_scripts()
    {
        var files = OutsidePaths.Files(RepositoryRoot()).Select(f => Path.GetRelativePath(RepositoryRoot(), f).Replace('\\', '/')).ToHashSet();
        Assert.Contains("portique", files);
        Assert.Contains(".ci/run", files);
        Assert.Contains("scripts/pg-start.sh", files);
        Assert.Contains("bench/cli-throughput.sh", files);
        Assert.Contains("src/Portique.Formats/Xml/SchemaFiles.cs", files);
        Assert.Contains("tests/Portique.IntegrationTests/Invoicing/InvoicingApp.cs", files);
        Assert.Contains("Directory.Build.props", files);
        Assert.DoesNotContain(files, f => f.StartsWith("tests/data/", StringComparison.Ordinal) || f.Contains("/bin/", StringComparison.Ordinal));
    }

    public static TheoryData<string, string, string?> Outside => new()
    {
        // The paths this repository used before issue 14, each of which a clone elsewhere does not have.
        { "tests/Portique.IntegrationTests/Invoicing/InvoicingApp.cs", $"Path.Combine(AppContext.BaseDirectory, \"{Up(6)}{Shared}/testdata\")", "tests/Portique.IntegrationTests" },
        { "tests/Portique.Formats.Tests/TestData.cs", $"Path.Combine(dir.FullName, \"..\", \"{Shared}\", \"testdata\")", "tests/Portique.Formats.Tests" },
        { "bench/Portique.Benchmarks.Db/Invoicing/DepositBenchWorld.cs", $"Path.Combine(repository, \"../{Shared}/testdata/x.xml\")", "bench/Portique.Benchmarks.Db" },
        { "bench/cli-throughput.sh", $"data=\"$root/../{Shared}/testdata\"", null },
        { "src/Portique.Formats/Xml/InvoiceSchemas.cs", $"/// else ..\\{Shared}\\testdata\\schemas next to the solution", "src/Portique.Formats" },
        // Climbing above the root without naming the folder.
        { "tests/Portique.IntegrationTests/X.cs", $"Path.Combine(AppContext.BaseDirectory, \"{Up(6)}elsewhere\")", "tests/Portique.IntegrationTests" },
        { "tests/Portique.IntegrationTests/X.cs", $"Path.Combine(AppContext.BaseDirectory, {string.Join(", ", Enumerable.Repeat("\"..\"", 6))})", "tests/Portique.IntegrationTests" },
        { "scripts/x.sh", "cd \"$(dirname \"$0\")/../..\"", null },
        { ".ci/run", "cd ..; cd ../..", null },
        { "src/Portique.Cli/Portique.Cli.csproj", "<ProjectReference Include=\"..\\..\\..\\Other\\Other.csproj\" />", "src/Portique.Cli" },
        // The machine's workspace.
        { "scripts/y.sh", "cp -r /" + "work/somewhere/testdata tests/", null },
    };

    [Theory]
    [MemberData(nameof(Outside))]
    public void A_path_outside_the_repository_is_found(string file, string line, string? project) =>
        Assert.NotEmpty(OutsidePaths.Check(file, "// before\n" + line + "\n", project));

    public static TheoryData<string, string, string?> Inside => new()
    {
        { "tests/Portique.IntegrationTests/Invoicing/InvoicingApp.cs", "Path.Combine(AppContext.BaseDirectory, \"../../../../data\")", "tests/Portique.IntegrationTests" },
        { "bench/Portique.Benchmarks.Db/Program.cs", "Path.Combine(AppContext.BaseDirectory, \"../../../../..\")", "bench/Portique.Benchmarks.Db" },
        { "tests/Portique.IntegrationTests/Invoicing/CrashSafetyTests.cs", "Path.Combine(AppContext.BaseDirectory, \"../../../../../src/Portique.Web/bin\")", "tests/Portique.IntegrationTests" },
        { ".ci/run", "cd \"$(dirname \"$0\")/..\"", null },
        { "bench/migration/run.sh", "root=$(cd \"$(dirname \"$0\")/../..\" && pwd)", null },
        { "tests/Portique.Tests/Portique.Tests.csproj", "<ProjectReference Include=\"..\\..\\src\\Portique\\Portique.csproj\" />", "tests/Portique.Tests" },
        { "src/Portique.Web/Pages/Organisation/Structures/Services/Edit.cshtml", "<partial name=\"../_Refusal\" model=\"Model\" />", "src/Portique.Web" },
        // Words that merely contain the letters: a shared lock, Random.Shared, an id, prose.
        { "src/Portique/X.cs", "var n = Random.Shared.Next(); // shared by every handler; id=\"shared-key\"", "src/Portique" },
        { "src/Portique/Y.cs", "return [.. items]; var tail = text[2..];", "src/Portique" },
    };

    [Theory]
    [MemberData(nameof(Inside))]
    public void A_path_inside_the_repository_is_not_reported(string file, string line, string? project) =>
        Assert.Empty(OutsidePaths.Check(file, line, project));

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Portique.slnx")))
                return dir.FullName;
        }
        throw new DirectoryNotFoundException("Portique.slnx not found above " + AppContext.BaseDirectory);
    }
}
