using System.Diagnostics;
using Portique.Formats.Xml;

namespace Portique.Formats.Tests.Xml;

/// <summary>
/// The schemas travel inside Portique.Formats, so validation works wherever the engine runs; a folder with the same layout
/// may still replace them (PORTIQUE_SCHEMAS, or InvoiceSchemas.Directory), and a broken or missing one fails closed.
/// </summary>
public sealed class SchemaFolderTests : IDisposable
{
    private const string Ubl = "examples/en16931/ubl/ubl-tc434-example1.xml";
    private const string Cii = "examples/en16931/cii/CII_business_example_01.xml";
    private const string FacturX = "factur-x/ferd-2.4/EN16931/EN16931_Einfach_fx.pdf";
    private const string CommonBasic = "ubl-2.1/xsd/common/UBL-CommonBasicComponents-2.1.xsd";
    private readonly DirectoryInfo _temp = Directory.CreateTempSubdirectory("portique-schemas-");

    public void Dispose() => _temp.Delete(recursive: true);

    private static string SchemasInRepository => Path.GetFullPath(Path.Combine(TestData.Root, "..", "..", "src", "Portique.Formats", "Schemas"));

    [Fact]
    public void Every_schema_of_the_repository_is_embedded_in_the_engine()
    {
        var files = Directory.EnumerateFiles(SchemasInRepository, "*.xsd", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(SchemasInRepository, f).Replace('\\', '/')).ToList();
        Assert.True(files.Count >= 39, $"{files.Count} schema files");
        Assert.All(files, f => Assert.True(SchemaFiles.IsEmbedded(f), f + " is not embedded"));
    }

    [Fact]
    public void A_folder_with_the_same_layout_replaces_the_embedded_schemas()
    {
        var folder = CopyOfSchemas("full");

        foreach (var file in new[] { Ubl, Cii })
        {
            var result = InvoiceXml.Read(TestData.Bytes(file), null, validateSchema: true, schemasDirectory: folder);
            Assert.True(result.Findings.Count == 0, file + ": " + string.Join("\n", result.Findings));
        }
    }

    [Fact]
    public void A_folder_missing_a_schema_fails_closed_which_shows_it_is_the_one_read()
    {
        var folder = CopyOfSchemas("partial");
        File.Delete(Path.Combine(folder, CommonBasic));

        var result = InvoiceXml.Read(TestData.Bytes(Ubl), null, validateSchema: true, schemasDirectory: folder);

        var finding = Assert.Single(result.Findings, f => f.Rule == "XSD");
        Assert.Equal(Severity.Fatal, finding.Severity);
        Assert.StartsWith("schemas unavailable", finding.Message, StringComparison.Ordinal);
        // The same bytes against the embedded copies: no finding at all.
        Assert.Empty(InvoiceXml.Read(TestData.Bytes(Ubl)).Findings);
    }

    [Fact]
    public void A_missing_folder_fails_closed()
    {
        var result = InvoiceXml.Read(TestData.Bytes(Cii), null, validateSchema: true, schemasDirectory: Path.Combine(_temp.FullName, "nowhere"));

        Assert.Contains(result.Findings, f => f.Rule == "XSD" && f.Message.StartsWith("schemas unavailable", StringComparison.Ordinal));
    }

    [Fact]
    public void The_command_line_reads_PORTIQUE_SCHEMAS_and_the_embedded_schemas_without_it()
    {
        var full = CopyOfSchemas("cli-full");
        var partial = CopyOfSchemas("cli-partial");
        File.Delete(Path.Combine(partial, CommonBasic));
        string[] files = [TestData.PathOf(Ubl), TestData.PathOf(Cii), TestData.PathOf(FacturX)];

        var embedded = RunCli(null, files);
        Assert.True(embedded.Exit == 0, embedded.Output + embedded.Error);
        var fromFolder = RunCli(full, files);
        Assert.True(fromFolder.Exit == 0, fromFolder.Output + fromFolder.Error);
        var broken = RunCli(partial, TestData.PathOf(Ubl));
        Assert.Equal(1, broken.Exit);
        Assert.Contains("schemas unavailable", broken.Output, StringComparison.Ordinal);
    }

    private string CopyOfSchemas(string name)
    {
        var target = Path.Combine(_temp.FullName, name);
        foreach (var file in Directory.EnumerateFiles(SchemasInRepository, "*.xsd", SearchOption.AllDirectories))
        {
            var copy = Path.Combine(target, Path.GetRelativePath(SchemasInRepository, file));
            Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
            File.Copy(file, copy);
        }
        return target;
    }

    /// <summary>The CLI as its own process (the environment variable is read once per process), from a folder of its own.</summary>
    private (int Exit, string Output, string Error) RunCli(string? schemas, params string[] files)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = _temp.FullName,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Portique.Cli.dll"));
        foreach (var arg in new[] { "invoice", "validate" }.Concat(files))
            start.ArgumentList.Add(arg);
        start.Environment.Remove("PORTIQUE_SCHEMAS");
        if (schemas is not null)
            start.Environment["PORTIQUE_SCHEMAS"] = schemas;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        Assert.True(process.WaitForExit(TimeSpan.FromMinutes(2)), "the CLI did not finish");
        return (process.ExitCode, output.Result, error.Result);
    }
}
