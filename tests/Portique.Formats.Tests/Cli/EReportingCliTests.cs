using System.Text.Json;
using Portique.Formats.EReporting;
using Portique.Formats.Tests.EReporting;

namespace Portique.Formats.Tests.Cli;

/// <summary>The command-line contract of `portique ereporting`: the JSON lines and exit codes of `invoice validate`, and the summary.</summary>
public sealed class EReportingCliTests : IDisposable
{
    private readonly DirectoryInfo _temp = Directory.CreateTempSubdirectory("portique-ereporting-cli-");

    public void Dispose() => _temp.Delete(recursive: true);

    private string Transactions() => Write("transactions.xml", EReportingWriter.Write(EReportingTestData.Transactions()));

    private string Payments() => Write("payments.xml", EReportingWriter.Write(EReportingTestData.Payments()));

    private string Invalid()
    {
        var report = EReportingTestData.Transactions();
        report.IssueDateTime = "202612071200";
        report.Id = "Transmission n°1";
        return Write("invalid.xml", EReportingWriter.Write(report));
    }

    [Fact]
    public void Validate_json_prints_one_object_per_file_and_exits_0_when_all_are_valid()
    {
        var (exit, output, _) = Run("ereporting", "validate", "--json", Transactions(), Payments());

        Assert.Equal(0, exit);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        foreach (var line in lines)
        {
            using var json = JsonDocument.Parse(line);
            Assert.Equal(["file", "syntax", "valid", "findings"], json.RootElement.EnumerateObject().Select(p => p.Name));
            Assert.Equal("ereporting", json.RootElement.GetProperty("syntax").GetString());
            Assert.True(json.RootElement.GetProperty("valid").GetBoolean());
        }
    }

    [Fact]
    public void Validate_exits_1_when_any_file_is_invalid_and_gives_each_finding_its_rule()
    {
        var (exit, output, _) = Run("ereporting", "validate", "--json", Transactions(), Invalid());

        Assert.Equal(1, exit);
        using var json = JsonDocument.Parse(output.Split('\n', StringSplitOptions.RemoveEmptyEntries)[1]);
        Assert.False(json.RootElement.GetProperty("valid").GetBoolean());
        var findings = json.RootElement.GetProperty("findings").EnumerateArray().ToList();
        Assert.Equal(["G1.104", "G7.53"], findings.Select(f => f.GetProperty("rule").GetString()!).Distinct().Order(StringComparer.Ordinal));
        Assert.All(findings, f => Assert.Equal("fatal", f.GetProperty("severity").GetString()));
    }

    [Fact]
    public void Validate_in_text_speaks_french_and_a_foreign_file_has_no_syntax()
    {
        var (exit, output, _) = Run("ereporting", "validate", Invalid(), Write("note.xml", "<note>bonjour</note>"u8.ToArray()));

        Assert.Equal(1, exit);
        Assert.Contains("invalid.xml : INVALIDE (ereporting), 2 erreur(s)", output, StringComparison.Ordinal);
        Assert.Contains("G7.53 [TT-3] /Report/ReportDocument/IssueDateTime/DateTimeString : L'horodatage", output, StringComparison.Ordinal);
        Assert.Contains("note.xml : INVALIDE (syntaxe inconnue)", output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_file_is_a_usage_error_and_nothing_is_validated()
    {
        var (exit, output, error) = Run("ereporting", "validate", "--json", Transactions(), Path.Combine(_temp.FullName, "absent.xml"));

        Assert.Equal(2, exit);
        Assert.Equal("", output);
        Assert.Contains("absent.xml : fichier introuvable.", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_summarises_the_transmission_in_french_and_in_english_on_request()
    {
        var (exit, output, _) = Run("ereporting", "render", Transactions());
        var (exitPayments, payments, _) = Run("ereporting", "render", Payments());
        var (exitEn, english, _) = Run("ereporting", "render", "--lang", "en", Transactions());

        Assert.Equal(0, exit);
        Assert.Contains("Déclarant : VENDEUR SA 100000009 (0002) — vendeur", output, StringComparison.Ordinal);
        Assert.Contains("Période : du 1 novembre 2026 au 30 novembre 2026", output, StringComparison.Ordinal);
        Assert.Contains("Factures déclarées une à une (10.1) : 1", output, StringComparison.Ordinal);
        Assert.Contains("2 novembre 2026 livraisons de biens soumises à la TVA (TLB1)", output, StringComparison.Ordinal);
        Assert.Contains("TVA 5,5 % : base 50,00 EUR, TVA 2,75 EUR", output, StringComparison.Ordinal);
        Assert.Equal(0, exitPayments);
        Assert.Contains("Encaissements agrégés (10.4) : 1", payments, StringComparison.Ordinal);
        Assert.Equal(0, exitEn);
        Assert.Contains("B2C daily totals (10.3): 2", english, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_of_an_unreadable_file_exits_1_with_the_reason()
    {
        var (exit, output, error) = Run("ereporting", "render", Write("broken.xml", "<Report><ReportDocument>"u8.ToArray()));

        Assert.Equal(1, exit);
        Assert.Equal("", output);
        Assert.Contains("XML mal formé", error, StringComparison.Ordinal);
    }

    private string Write(string name, byte[] content)
    {
        var path = Path.Combine(_temp.FullName, name);
        File.WriteAllBytes(path, content);
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
