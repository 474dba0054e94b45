using System.Text.Json;
using Portique.Formats.Tests.Espd;

namespace Portique.Formats.Tests.Cli;

/// <summary>The command-line contract of `portique espd`, the same as `portique invoice validate`'s, driven in-process.</summary>
public sealed class EspdCliTests : IDisposable
{
    private readonly DirectoryInfo _temp = Directory.CreateTempSubdirectory("portique-espd-cli-");

    public void Dispose() => _temp.Delete(recursive: true);

    [Fact]
    public void Validate_json_prints_one_object_per_file_and_exits_0_when_all_are_valid()
    {
        string[] files = [Path(EspdCorpus.Request4), Path(EspdCorpus.Response4), Path(EspdCorpus.Request2), Path(EspdCorpus.Response2)];

        var (exit, output, _) = Run(["espd", "validate", "--json", .. files]);

        Assert.Equal(0, exit);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(4, lines.Length);
        string[] syntaxes = ["espd-request", "espd-response", "espd-request", "espd-response"];
        for (var i = 0; i < 4; i++)
        {
            using var json = JsonDocument.Parse(lines[i]);
            var root = json.RootElement;
            Assert.Equal(["file", "syntax", "valid", "findings"], root.EnumerateObject().Select(p => p.Name));
            Assert.Equal(files[i], root.GetProperty("file").GetString());
            Assert.Equal(syntaxes[i], root.GetProperty("syntax").GetString());
            Assert.True(root.GetProperty("valid").GetBoolean());
            Assert.Equal(0, root.GetProperty("findings").GetArrayLength());
        }
    }

    [Fact]
    public void Validate_exits_1_when_any_file_is_invalid_and_describes_each_finding_in_french()
    {
        var unknown = Write("inconnu.xml", EspdCorpus.Replace(EspdCorpus.Request4, ">crime-org</cbc:CriterionTypeCode>", ">crime-inconnu</cbc:CriterionTypeCode>"));
        var truncated = Write("tronque.xml", TestData.Bytes(EspdCorpus.Response4).AsSpan(0, 5000).ToArray());

        var (exit, output, _) = Run("espd", "validate", "--json", Path(EspdCorpus.Request4), unknown, truncated);

        Assert.Equal(1, exit);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);
        using (var json = JsonDocument.Parse(lines[1]))
        {
            Assert.False(json.RootElement.GetProperty("valid").GetBoolean());
            var finding = Assert.Single(json.RootElement.GetProperty("findings").EnumerateArray());
            Assert.Equal(["rule", "severity", "location", "term", "message"], finding.EnumerateObject().Select(p => p.Name));
            Assert.Equal("ESPD-CRIT-01", finding.GetProperty("rule").GetString());
            Assert.Equal("fatal", finding.GetProperty("severity").GetString());
            Assert.Equal("Le critère de code « crime-inconnu » n'existe pas dans la taxonomie des critères ESPD.", finding.GetProperty("message").GetString());
        }
        using (var json = JsonDocument.Parse(lines[2]))
        {
            Assert.Equal("espd-response", json.RootElement.GetProperty("syntax").GetString());
            Assert.Equal("ESPD-XML-02", json.RootElement.GetProperty("findings")[0].GetProperty("rule").GetString());
        }
    }

    [Fact]
    public void Validate_reports_a_file_that_is_no_espd_with_a_null_syntax()
    {
        var (exit, output, _) = Run("espd", "validate", "--json", Write("note.txt", "bonjour"));

        Assert.Equal(1, exit);
        using var json = JsonDocument.Parse(output);
        Assert.Equal(JsonValueKind.Null, json.RootElement.GetProperty("syntax").ValueKind);
    }

    [Fact]
    public void Validate_text_is_french_by_default_and_english_on_request()
    {
        var (_, french, _) = Run("espd", "validate", Path(EspdCorpus.Response4));
        var (_, english, _) = Run("espd", "validate", "--lang", "en", Path(EspdCorpus.Response4));

        Assert.Equal($"{Path(EspdCorpus.Response4)} : valide (espd-response 4.1.0)", french.Trim());
        Assert.Equal($"{Path(EspdCorpus.Response4)}: valid (espd-response 4.1.0)", english.Trim());
    }

    [Fact]
    public void A_missing_file_is_a_usage_error_and_nothing_is_validated()
    {
        var (exit, output, error) = Run("espd", "validate", "--json", Path(EspdCorpus.Request4), "/nonexistent/dume.xml");

        Assert.Equal(2, exit);
        Assert.Empty(output);
        Assert.Contains("/nonexistent/dume.xml : fichier introuvable.", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_writes_html_and_pdf()
    {
        var html = System.IO.Path.Combine(_temp.FullName, "dume.html");
        var pdf = System.IO.Path.Combine(_temp.FullName, "dume.pdf");

        Assert.Equal(0, Run("espd", "render", Path(EspdCorpus.Response4), "-o", html).Exit);
        Assert.Equal(0, Run("espd", "render", Path(EspdCorpus.Response2), "-o", pdf).Exit);

        Assert.Contains("Document unique de marché européen (DUME) — réponse", System.Net.WebUtility.HtmlDecode(File.ReadAllText(html)), StringComparison.Ordinal);
        Assert.Equal("%PDF-"u8.ToArray(), File.ReadAllBytes(pdf)[..5]);
    }

    [Fact]
    public void Render_of_an_unreadable_file_exits_1_with_the_reason_and_writes_nothing()
    {
        var target = System.IO.Path.Combine(_temp.FullName, "rien.html");

        var (exit, _, error) = Run("espd", "render", Write("casse.xml", "<QualificationApplicationRequest"), "-o", target);

        Assert.Equal(1, exit);
        Assert.Contains("ESPD-XML-02", error, StringComparison.Ordinal);
        Assert.False(File.Exists(target));
    }

    private static string Path(string relative) => TestData.PathOf(relative);

    private string Write(string name, string content) => Write(name, System.Text.Encoding.UTF8.GetBytes(content));

    private string Write(string name, byte[] content)
    {
        var path = System.IO.Path.Combine(_temp.FullName, name);
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
