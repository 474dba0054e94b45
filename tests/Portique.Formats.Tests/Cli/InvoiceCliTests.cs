using System.Text.Json;
using Portique.Formats.FacturX;

namespace Portique.Formats.Tests.Cli;

/// <summary>The exact command-line contract of `portique invoice`, driven in-process through the CLI's entry point.</summary>
public sealed class InvoiceCliTests : IDisposable
{
    private const string Valid = "examples/en16931/ubl/ubl-tc434-example1.xml";
    private const string ValidCii = "examples/en16931/cii/CII_business_example_01.xml";
    private const string FacturXFile = "factur-x/ferd-2.4/EN16931/EN16931_Einfach_fx.pdf";
    private readonly DirectoryInfo _temp = Directory.CreateTempSubdirectory("portique-cli-");

    public void Dispose() => _temp.Delete(recursive: true);

    [Fact]
    public void Validate_json_prints_one_object_per_file_and_exits_0_when_all_are_valid()
    {
        var (exit, output, _) = Run("invoice", "validate", "--json", Path(Valid), Path(ValidCii), Path(FacturXFile));

        Assert.Equal(0, exit);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);
        string[] syntaxes = ["ubl-invoice", "cii", "facturx"];
        string[] files = [Path(Valid), Path(ValidCii), Path(FacturXFile)];
        for (var i = 0; i < 3; i++)
        {
            using var json = JsonDocument.Parse(lines[i]);
            var root = json.RootElement;
            Assert.Equal(["file", "syntax", "valid", "findings"], root.EnumerateObject().Select(p => p.Name));
            Assert.Equal(files[i], root.GetProperty("file").GetString());
            Assert.Equal(syntaxes[i], root.GetProperty("syntax").GetString());
            Assert.True(root.GetProperty("valid").GetBoolean());
            Assert.Equal(JsonValueKind.Array, root.GetProperty("findings").ValueKind);
        }
    }

    [Fact]
    public void Validate_exits_1_when_any_file_is_invalid_and_describes_each_finding()
    {
        var broken = Write("broken.xml", File.ReadAllText(Path(Valid)).Replace("<cbc:ID>", "<cbc:ID>  ", StringComparison.Ordinal)
            .Replace("<cbc:IssueDate>", "<cbc:IssueDate>not-a-date", StringComparison.Ordinal));

        var (exit, output, _) = Run("invoice", "validate", "--json", Path(Valid), broken);

        Assert.Equal(1, exit);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        using var json = JsonDocument.Parse(lines[1]);
        Assert.False(json.RootElement.GetProperty("valid").GetBoolean());
        var findings = json.RootElement.GetProperty("findings").EnumerateArray().ToList();
        Assert.NotEmpty(findings);
        foreach (var finding in findings)
        {
            Assert.Equal(["rule", "severity", "location", "term", "message"], finding.EnumerateObject().Select(p => p.Name));
            Assert.Contains(finding.GetProperty("severity").GetString(), new[] { "fatal", "warning" });
            Assert.False(string.IsNullOrEmpty(finding.GetProperty("rule").GetString()));
            Assert.Contains(finding.GetProperty("term").ValueKind, new[] { JsonValueKind.String, JsonValueKind.Null });
        }
        Assert.Contains(findings, f => f.GetProperty("severity").GetString() == "fatal");
    }

    [Fact]
    public void Validate_reports_an_unknown_syntax_as_null()
    {
        var (exit, output, _) = Run("invoice", "validate", "--json", Write("note.txt", "hello"));

        Assert.Equal(1, exit);
        using var json = JsonDocument.Parse(output);
        Assert.Equal(JsonValueKind.Null, json.RootElement.GetProperty("syntax").ValueKind);
    }

    [Fact]
    public void Validate_accepts_the_french_profile()
    {
        var (exit, output, _) = Run("invoice", "validate", "--profile", "fr", "--json", Path(Valid));

        Assert.Contains(exit, new[] { 0, 1 });
        using var json = JsonDocument.Parse(output);
        Assert.Contains(json.RootElement.GetProperty("findings").EnumerateArray(),
            f => f.GetProperty("rule").GetString()!.StartsWith("BR-FR-", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_without_json_prints_a_readable_verdict()
    {
        var (exit, output, _) = Run("invoice", "validate", Path(Valid));

        Assert.Equal(0, exit);
        Assert.StartsWith($"{Path(Valid)}: valid (ubl-invoice)", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("invoice", "validate")]
    [InlineData("invoice", "validate", "--profile", "de", "x.xml")]
    [InlineData("invoice", "validate", "--no-such-option", "x.xml")]
    [InlineData("invoice")]
    [InlineData("invoice", "frobnicate")]
    [InlineData("invoice", "convert", "--to", "pdf", "x.xml", "-o", "y")]
    [InlineData("invoice", "convert", "x.xml", "-o", "y")]
    [InlineData("invoice", "render", "x.xml")]
    public void Usage_errors_exit_2(params string[] args)
    {
        var (exit, _, error) = Run(args);

        Assert.Equal(2, exit);
        Assert.NotEmpty(error);
    }

    [Fact]
    public void A_missing_file_is_a_usage_error()
    {
        var (exit, output, error) = Run("invoice", "validate", "--json", Path(Valid), System.IO.Path.Combine(_temp.FullName, "absent.xml"));

        Assert.Equal(2, exit);
        Assert.Empty(output);
        Assert.Contains("absent.xml", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Valid, "cii")]
    [InlineData(ValidCii, "ubl")]
    [InlineData(FacturXFile, "ubl")]
    public void Convert_writes_a_valid_invoice_in_the_target_syntax(string file, string to)
    {
        var output = System.IO.Path.Combine(_temp.FullName, "out.xml");

        var (exit, _, error) = Run("invoice", "convert", "--to", to, Path(file), "-o", output);

        Assert.True(exit == 0, error);
        var report = InvoiceEngine.Validate(File.ReadAllBytes(output));
        Assert.Equal(to == "cii" ? SourceKind.Cii : SourceKind.UblInvoice, report.Kind);
    }

    [Fact]
    public void Convert_to_factur_x_writes_a_pdf_with_the_invoice()
    {
        var output = System.IO.Path.Combine(_temp.FullName, "out.pdf");

        var (exit, _, error) = Run("invoice", "convert", "--to", "facturx", Path(ValidCii), "-o", output);

        Assert.True(exit == 0, error);
        Assert.Equal(File.ReadAllBytes(Path(ValidCii)), FacturXPdf.ExtractXml(File.ReadAllBytes(output), out _, []));
    }

    [Fact]
    public void Convert_of_something_that_is_not_an_invoice_exits_1()
    {
        var (exit, _, error) = Run("invoice", "convert", "--to", "cii", Write("junk.xml", "<junk/>"), "-o", System.IO.Path.Combine(_temp.FullName, "o"));

        Assert.Equal(1, exit);
        Assert.NotEmpty(error);
    }

    [Fact]
    public void Render_writes_a_html_view()
    {
        var output = System.IO.Path.Combine(_temp.FullName, "out.html");

        var (exit, _, error) = Run("invoice", "render", Path(FacturXFile), "-o", output);

        Assert.True(exit == 0, error);
        var html = File.ReadAllText(output);
        Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.Ordinal);
        Assert.Contains(InvoiceEngine.Read(File.ReadAllBytes(Path(FacturXFile))).Invoice.Number!, html, StringComparison.Ordinal);
    }

    private static string Path(string relative) => TestData.PathOf(relative);

    private string Write(string name, string content)
    {
        var path = System.IO.Path.Combine(_temp.FullName, name);
        File.WriteAllText(path, content);
        return path;
    }

    private static (int Exit, string Output, string Error) Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = Portique.Cli.Program.Run(args, output, error);
        return (exit, output.ToString(), error.ToString());
    }
}
