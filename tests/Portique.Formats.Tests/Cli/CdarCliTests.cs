using System.Text.Json;

namespace Portique.Formats.Tests.Cli;

/// <summary>The command-line contract of `portique cdar`: the JSON lines and exit codes of `invoice validate`, and the summary.</summary>
public sealed class CdarCliTests : IDisposable
{
    private const string Valid = "b2b/cdar/examples/afnor-annexB-v1.4/UC1_F202500003_07-CDV-212_Encaissee.xml";
    private const string Invalid = "b2b/cdar/examples/lunatech-fixtures/cdv_220_annulee.xml";
    private readonly DirectoryInfo _temp = Directory.CreateTempSubdirectory("portique-cdar-cli-");

    public void Dispose() => _temp.Delete(recursive: true);

    [Fact]
    public void Validate_json_prints_one_object_per_file_and_exits_0_when_all_are_valid()
    {
        var (exit, output, _) = Run("cdar", "validate", "--json", Path(Valid), Path("b2b/cdar/examples/lunatech-fixtures/cdv_multi_documents.xml"));

        Assert.Equal(0, exit);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        foreach (var line in lines)
        {
            using var json = JsonDocument.Parse(line);
            Assert.Equal(["file", "syntax", "valid", "findings"], json.RootElement.EnumerateObject().Select(p => p.Name));
            Assert.Equal("cdar", json.RootElement.GetProperty("syntax").GetString());
            Assert.True(json.RootElement.GetProperty("valid").GetBoolean());
        }
    }

    [Fact]
    public void Validate_exits_1_when_any_file_is_invalid_and_gives_each_finding_its_rule()
    {
        var (exit, output, _) = Run("cdar", "validate", "--json", Path(Valid), Path(Invalid));

        Assert.Equal(1, exit);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        using var json = JsonDocument.Parse(lines[1]);
        Assert.False(json.RootElement.GetProperty("valid").GetBoolean());
        var findings = json.RootElement.GetProperty("findings").EnumerateArray().ToList();
        Assert.Equal(["BR-FR-CDV-07_MDT-38_yes", "BR-FR-CDV-08_MDT-73", "BR-FR-CDV-CL-05_MDT-88_23"],
            findings.Select(f => f.GetProperty("rule").GetString()!).Distinct().Order(StringComparer.Ordinal));
        Assert.All(findings, f =>
        {
            Assert.Equal(["rule", "severity", "location", "term", "message"], f.EnumerateObject().Select(p => p.Name));
            Assert.Equal("fatal", f.GetProperty("severity").GetString());
        });
    }

    [Fact]
    public void A_file_that_is_not_a_lifecycle_message_has_a_null_syntax_and_fails()
    {
        var (exit, output, _) = Run("cdar", "validate", "--json", Write("note.xml", "<note>bonjour</note>"));

        Assert.Equal(1, exit);
        using var json = JsonDocument.Parse(output);
        Assert.Equal(JsonValueKind.Null, json.RootElement.GetProperty("syntax").ValueKind);
        Assert.Equal("XML", json.RootElement.GetProperty("findings")[0].GetProperty("rule").GetString());
    }

    [Fact]
    public void Validate_in_text_speaks_french()
    {
        var (exit, output, _) = Run("cdar", "validate", Path(Valid), Path(Invalid));

        Assert.Equal(1, exit);
        Assert.StartsWith($"{Path(Valid)} : valide (cdar)", output, StringComparison.Ordinal);
        Assert.Contains($"{Path(Invalid)} : INVALIDE (cdar), 4 erreur(s)", output, StringComparison.Ordinal);
        Assert.Contains("BR-FR-CDV-08_MDT-73 [MDT-73]", output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_file_is_a_usage_error_and_nothing_is_validated()
    {
        var (exit, output, error) = Run("cdar", "validate", "--json", Path(Valid), System.IO.Path.Combine(_temp.FullName, "absent.xml"));

        Assert.Equal(2, exit);
        Assert.Equal("", output);
        Assert.Contains("absent.xml : fichier introuvable.", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_summarises_the_message_in_french_and_in_english_on_request()
    {
        var (exit, output, _) = Run("cdar", "render", Path(Valid));
        var (exitEn, english, _) = Run("cdar", "render", "--lang", "en", Path(Valid));

        Assert.Equal(0, exit);
        Assert.Contains("212 Encaissée — statut obligatoire transmis au PPF", output, StringComparison.Ordinal);
        Assert.Contains("Facture : F202500003 (type 380)", output, StringComparison.Ordinal);
        Assert.Contains("Montant encaissé : 12000 EUR TVA 20.00 %", output, StringComparison.Ordinal);
        Assert.Contains("Émetteur du statut : VENDEUR 100000009 (0002) — vendeur", output, StringComparison.Ordinal);
        Assert.Equal(0, exitEn);
        Assert.Contains("212 Collected", english, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_of_an_unreadable_file_exits_1_with_the_reason()
    {
        var (exit, output, error) = Run("cdar", "render", Write("broken.xml", "<rsm:CrossDomainAcknowledgementAndResponse xmlns:rsm=\"urn:un:unece:uncefact:data:standard:CrossDomainAcknowledgementAndResponse:100\">"));

        Assert.Equal(1, exit);
        Assert.Equal("", output);
        Assert.Contains("XML mal formé", error, StringComparison.Ordinal);
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
