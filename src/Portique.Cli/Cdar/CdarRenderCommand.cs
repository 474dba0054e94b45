using System.CommandLine;
using Portique.Cli.Invoice;
using Portique.Formats.Cdar;
using Portique.Formats.Rendering;

namespace Portique.Cli.Cdar;

/// <summary>
/// `portique cdar render FILE [--lang fr|en]`, and the same shape for the other reform flows (`ereporting render`): a
/// readable summary of one file on standard output, in French unless English is asked for. Exit 0 written, 1 unreadable
/// (the reader's own exception, its message said), 2 usage.
/// </summary>
internal static class CdarRenderCommand
{
    public static Command Create() => Create<CdarFormatException>("Message de cycle de vie (CDAR D22B).",
        "Résumer un message de cycle de vie : statut, facture, émetteur, destinataires, motif, montants.",
        (content, language) => CdarText.Render(CdarEngine.Read(content), language));

    /// <summary>A `render` command over <paramref name="summary"/>, which reads the file and throws <typeparamref name="TUnreadable"/> when it cannot.</summary>
    public static Command Create<TUnreadable>(string fileDescription, string description, Func<byte[], RenderLanguage, string> summary)
        where TUnreadable : Exception
    {
        var language = new Option<string>("--lang") { Description = "Langue du résumé : fr (par défaut) ou en.", DefaultValueFactory = _ => "fr" };
        language.AcceptOnlyFromAmong("fr", "en");
        var file = new Argument<string>("FILE") { Description = fileDescription };
        var command = new Command("render", description);
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
                parse.InvocationConfiguration.Output.Write(summary(content, parse.GetValue(language) == "en" ? RenderLanguage.English : RenderLanguage.French));
                return 0;
            }
            catch (TUnreadable e)
            {
                error.WriteLine($"{path} : {e.Message}");
                return 1;
            }
        });
        return command;
    }
}
