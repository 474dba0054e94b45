using System.CommandLine;
using Portique.Formats.Espd;
using Portique.Formats.Rendering;

namespace Portique.Cli.Espd;

/// <summary>
/// `portique espd render FILE -o OUT.html|OUT.pdf [--lang fr|en]`: a readable view of an ESPD request or response (a PDF when the
/// output ends in .pdf), in French unless English is asked for. Exit 0 written, 1 unreadable document, 2 usage.
/// </summary>
internal static class RenderCommand
{
    public static Command Create()
    {
        var output = new Option<string>("--output", "-o") { Description = "Fichier HTML à écrire (PDF si le nom finit par .pdf). / HTML or PDF file to write.", Required = true };
        var language = EspdCommand.LanguageOption();
        var file = new Argument<string>("FILE") { Description = "DUME à afficher (XML ESPD-EDM). / ESPD XML file." };
        var command = new Command("render", "Afficher un DUME en HTML ou PDF. / Render an ESPD document as HTML or PDF.");
        command.Options.Add(output);
        command.Options.Add(language);
        command.Arguments.Add(file);
        command.SetAction(parse =>
        {
            var error = parse.InvocationConfiguration.Error;
            var lang = EspdCommand.Language(parse.GetValue(language));
            var path = parse.GetValue(file)!;
            if (!File.Exists(path))
            {
                error.WriteLine(EspdCommand.Missing(path, lang));
                return Program.UsageError;
            }
            var report = EspdEngine.Read(EspdCommand.ReadInput(path), lang);
            if (report.Document is null)
            {
                // Unreadable: nothing to show. A readable but invalid document is still rendered, so a person can see what is wrong.
                foreach (var finding in report.Findings)
                    error.WriteLine($"{finding.Rule} {finding.Location} : {finding.Message}");
                return 1;
            }
            var target = parse.GetValue(output)!;
            try
            {
                if (target.EndsWith(".pdf", StringComparison.OrdinalIgnoreCase))
                    File.WriteAllBytes(target, EspdEngine.RenderPdf(report.Document, lang));
                else
                    File.WriteAllText(target, EspdEngine.RenderHtml(report.Document, lang));
                return 0;
            }
            catch (EspdFormatException e)
            {
                foreach (var finding in e.Findings)
                    error.WriteLine($"{finding.Rule} {finding.Location} : {finding.Message}");
                return 1;
            }
        });
        return command;
    }
}
