using System.CommandLine;
using Portique.Cli.Cdar;
using Portique.Cli.Invoice;
using Portique.Formats.EReporting;
using Portique.Formats.Rendering;

namespace Portique.Cli.EReporting;

/// <summary>
/// `portique ereporting validate [--json] FILE...` (the contract of `invoice validate` and `cdar validate`: one JSON line per
/// file with syntax "ereporting", exit 0 all valid, 1 any invalid, 2 usage) and `portique ereporting render FILE [--lang fr|en]`.
/// </summary>
internal static class EReportingCommand
{
    public static Command Create()
    {
        var command = new Command("ereporting", "Transmissions e-reporting (Flux 10) : valider, résumer.");
        command.Subcommands.Add(Validate());
        command.Subcommands.Add(Render());
        return command;
    }

    private static Command Validate()
    {
        var json = new Option<bool>("--json") { Description = "Un objet JSON par ligne et par fichier." };
        var files = new Argument<string[]>("FILE") { Description = "Transmissions e-reporting (XML DGFiP).", Arity = ArgumentArity.OneOrMore };
        var command = new Command("validate", "Valider des transmissions e-reporting : XML, XSD DGFiP v3.2 puis règles PPF_Flux10 (G1.xx, G6.xx…).");
        command.Options.Add(json);
        command.Arguments.Add(files);
        command.SetAction(parse => CdarValidateCommand.Run(parse.GetValue(files) ?? [], parse.GetValue(json),
            parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error, content =>
            {
                var report = EReportingEngine.Validate(content);
                return (report.Report is null ? null : EReportingEngine.SyntaxName, report.IsValid, report.Findings);
            }));
        return command;
    }

    private static Command Render() => CdarRenderCommand.Create<EReportingFormatException>("Transmission e-reporting (XML DGFiP).",
        "Résumer une transmission e-reporting : déclarant, période, factures, totaux journaliers, encaissements.",
        (content, language) => EReportingText.Render(EReportingEngine.Read(content), language));
}
