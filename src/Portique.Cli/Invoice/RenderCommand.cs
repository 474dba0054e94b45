using System.CommandLine;
using Portique.Formats;

namespace Portique.Cli.Invoice;

/// <summary>
/// `portique invoice render FILE -o OUT.html|OUT.pdf [--lang fr|en]`: a self-contained human-readable view (PDF when the output
/// ends in .pdf), in French unless English is asked for. Exit 0 written, 1 unreadable, 2 usage.
/// </summary>
internal static class RenderCommand
{
    public static Command Create()
    {
        var output = new Option<string>("--output", "-o") { Description = "HTML file to write (a PDF when the name ends in .pdf).", Required = true };
        var language = new Option<string>("--lang") { Description = "Language of the rendering: fr (default) or en.", DefaultValueFactory = _ => "fr" };
        language.AcceptOnlyFromAmong("fr", "en");
        var file = new Argument<string>("FILE") { Description = "Invoice to render: UBL, CII or Factur-X PDF." };

        var command = new Command("render", "Render an invoice as a self-contained HTML page.");
        command.Options.Add(output);
        command.Options.Add(language);
        command.Arguments.Add(file);
        command.SetAction(parse =>
        {
            var error = parse.InvocationConfiguration.Error;
            var content = InvoiceCommand.ReadInput(parse.GetValue(file)!, error);
            if (content is null)
                return Program.UsageError;
            try
            {
                var (_, invoice, _) = InvoiceEngine.Read(content);
                var lang = parse.GetValue(language) == "en" ? Formats.Rendering.RenderLanguage.English : Formats.Rendering.RenderLanguage.French;
                var path = parse.GetValue(output)!;
                if (path.EndsWith(".pdf", StringComparison.OrdinalIgnoreCase))
                    File.WriteAllBytes(path, InvoiceEngine.RenderPdf(invoice, lang));
                else
                    File.WriteAllText(path, InvoiceEngine.RenderHtml(invoice, lang));
                return 0;
            }
            catch (InvoiceFormatException e)
            {
                error.WriteLine(e.Message);
                return 1;
            }
        });
        return command;
    }
}
