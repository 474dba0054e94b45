using System.CommandLine;
using Portique.Cli.Invoice;
using Portique.Formats.Cdar;
using Portique.Formats.Rendering;

namespace Portique.Cli.Cdar;

/// <summary>
/// `portique cdar render FILE [--lang fr|en]`: a readable summary of a lifecycle message on standard output, in French unless
/// English is asked for. Exit 0 written, 1 unreadable, 2 usage.
/// </summary>
internal static class CdarRenderCommand
{
    public static Command Create()
    {
        var language = new Option<string>("--lang") { Description = "Langue du résumé : fr (par défaut) ou en.", DefaultValueFactory = _ => "fr" };
        language.AcceptOnlyFromAmong("fr", "en");
        var file = new Argument<string>("FILE") { Description = "Message de cycle de vie (CDAR D22B)." };
        var command = new Command("render", "Résumer un message de cycle de vie : statut, facture, émetteur, destinataires, motif, montants.");
        command.Options.Add(language);
        command.Arguments.Add(file);
        command.SetAction(parse =>
        {
            var error = parse.InvocationConfiguration.Error;
            var path = parse.GetValue(file)!;
            var content = InvoiceCommand.ReadInput(path, error);
            if (content is null)
                return Program.UsageError;
            try
            {
                var message = CdarEngine.Read(content);
                parse.InvocationConfiguration.Output.Write(CdarText.Render(message, parse.GetValue(language) == "en" ? RenderLanguage.English : RenderLanguage.French));
                return 0;
            }
            catch (CdarFormatException e)
            {
                error.WriteLine($"{path} : {e.Message}");
                return 1;
            }
        });
        return command;
    }
}
