using System.Text.RegularExpressions;

namespace Portique.Tests.Architecture;

/// <summary>
/// Finds, in the repository's code, build files and scripts, every path that leads out of the repository: the developers'
/// shared folder beside it (which a clone elsewhere does not have), the machine's workspace, or a relative path whose
/// <c>..</c> climb above the repository root from where it is resolved. Data copied in (tests/data), the embedded schemas
/// and vendored libraries are not code and are not read.
/// </summary>
internal static partial class OutsidePaths
{
    public sealed record Finding(string File, int Line, string Why, string Text)
    {
        public override string ToString() => $"{File}:{Line}: {Why}: {Text.Trim()}";
    }

    /// <summary>Where code lives; everything else at the root (docs, data) is not scanned, except the root's own scripts and build files.</summary>
    private static readonly string[] CodeFolders = ["src", "tests", "bench", "scripts", ".ci", ".config"];

    private static readonly string[] SkippedFolders =
        ["bin", "obj", ".git", "node_modules", "TestResults", "BenchmarkDotNet.Artifacts", "tests/data", "src/Portique.Web/wwwroot/lib",
         "src/Portique.Web/data", "src/Portique.Formats/Schemas"];

    private static readonly string[] Extensions =
        [".cs", ".cshtml", ".csproj", ".props", ".targets", ".slnx", ".json", ".sh", ".py", ".ps1", ".yml", ".yaml", ".xml", ".js", ".config"];

    // A folder named shared as a path segment: before a slash or a backslash, or quoted alone as one argument of a path
    // join. (The class [r] keeps this file from matching itself.)
    [GeneratedRegex("""(?<![\w.-])sha[r]ed(?=[/\\"'`])""", RegexOptions.IgnoreCase)]
    private static partial Regex Shared();

    // The machine's workspace, where the repository and its shared folder happen to live here.
    [GeneratedRegex("""(?<![\w.~-])/wor[k]/""")]
    private static partial Regex Workspace();

    // A run of parent segments: "..", "../..", "..\..", as the start of a path token.
    [GeneratedRegex("""(?<![\w.])\.\.(?:[/\\]\.\.)*(?=[/\\"'`\s;)]|$)""")]
    private static partial Regex ParentRun();

    // Parent segments given one per argument: Path.Combine(x, "..", "..").
    [GeneratedRegex("""["']\.\.["'](?:\s*,\s*["']\.\.["'])*""")]
    private static partial Regex ParentArguments();

    public static IReadOnlyList<Finding> Scan(string root)
    {
        var findings = new List<Finding>();
        foreach (var file in Files(root))
        {
            var relative = Path.GetRelativePath(root, file).Replace('\\', '/');
            findings.AddRange(Check(relative, File.ReadAllText(file), ProjectFolderOf(root, file)));
        }
        return findings;
    }

    /// <summary>The files read: the code folders' sources and scripts, and the root's own files (build files, the launcher).</summary>
    public static IEnumerable<string> Files(string root)
    {
        foreach (var file in Directory.EnumerateFiles(root))
        {
            if (IsCode(file))
                yield return file;
        }
        foreach (var folder in CodeFolders.Select(f => Path.Combine(root, f)).Where(Directory.Exists))
        {
            foreach (var file in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories))
            {
                var relative = Path.GetRelativePath(root, file).Replace('\\', '/');
                if (!SkippedFolders.Any(s => relative.StartsWith(s + "/", StringComparison.Ordinal) || relative.Contains("/" + s + "/", StringComparison.Ordinal))
                    && IsCode(file))
                    yield return file;
            }
        }
    }

    /// <summary>
    /// The findings of one file, given its path from the repository root. <paramref name="projectFolder"/> (from the root) is
    /// the C# project holding it, if any: its code resolves relative paths from its output folder (bin/Configuration/tfm),
    /// three levels below the project; every other file from its own folder.
    /// </summary>
    public static IEnumerable<Finding> Check(string relativePath, string content, string? projectFolder)
    {
        var isCSharpCode = relativePath.EndsWith(".cs", StringComparison.Ordinal) && projectFolder is not null;
        var baseFolder = isCSharpCode ? projectFolder + "/bin/Release/net10.0" : Path.GetDirectoryName(relativePath)!.Replace('\\', '/');
        var depth = baseFolder.Split('/', StringSplitOptions.RemoveEmptyEntries).Length;
        var lines = content.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            if (Shared().IsMatch(line))
                yield return new Finding(relativePath, i + 1, "names the developers' shared folder, outside the repository", line);
            if (Workspace().IsMatch(line))
                yield return new Finding(relativePath, i + 1, "names the machine's workspace folder, outside the repository", line);
            var climb = Math.Max(
                ParentRun().Matches(line).Select(m => m.Value.Split('/', '\\').Length).DefaultIfEmpty(0).Max(),
                ParentArguments().Matches(line).Select(m => Regex.Count(m.Value, """\.\.""")).DefaultIfEmpty(0).Max());
            if (climb > depth)
                yield return new Finding(relativePath, i + 1,
                    $"climbs {climb} folders from {(baseFolder.Length == 0 ? "the root" : baseFolder)}, above the repository root", line);
        }
    }

    private static bool IsCode(string file)
    {
        var name = Path.GetFileName(file);
        if (Extensions.Any(e => name.EndsWith(e, StringComparison.OrdinalIgnoreCase)))
            return true;
        // Scripts without an extension (.ci/run, ./portique): those that start with a shebang.
        if (Path.HasExtension(name))
            return false;
        using var reader = new StreamReader(file);
        var buffer = new char[2];
        return reader.Read(buffer, 0, 2) == 2 && buffer[0] == '#' && buffer[1] == '!';
    }

    private static string? ProjectFolderOf(string root, string file)
    {
        for (var dir = Path.GetDirectoryName(file); dir is not null && dir.Length >= root.Length; dir = Path.GetDirectoryName(dir))
        {
            if (Directory.EnumerateFiles(dir, "*.csproj").Any())
                return Path.GetRelativePath(root, dir).Replace('\\', '/');
        }
        return null;
    }
}
