using System.CommandLine;
using System.Text;
using Portique.Cli.Invoice;
using Portique.Formats;
using Portique.Formats.Cdar;

namespace Portique.Cli.Cdar;

/// <summary>
/// `portique cdar validate [--json] FILE...`: the contract of `invoice validate`. With --json, one JSON object per line per
/// file, {"file","syntax":"cdar","valid","findings":[{"rule","severity","location","term","message"}]} (syntax null when the
/// file is not a lifecycle message). Exit 0 all valid, 1 any invalid, 2 usage (a missing file: nothing is validated).
/// </summary>
internal static class CdarValidateCommand
{
    public static Command Create()
    {
        var json = new Option<bool>("--json") { Description = "Un objet JSON par ligne et par fichier." };
        var files = new Argument<string[]>("FILE") { Description = "Messages de cycle de vie (CDAR D22B).", Arity = ArgumentArity.OneOrMore };
        var command = new Command("validate", "Valider des messages de cycle de vie : XML, XSD CDAR D22B puis règles françaises BR-FR-CDV.");
        command.Options.Add(json);
        command.Arguments.Add(files);
        command.SetAction(parse => Run(parse.GetValue(files) ?? [], parse.GetValue(json), parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error,
            content =>
            {
                var report = CdarEngine.Validate(content);
                return (report.Message is null ? null : CdarEngine.SyntaxName, report.IsValid, report.Findings);
            }));
        return command;
    }

    /// <summary>
    /// The loop, exit codes and output of a `validate` command over files, for any engine: <paramref name="validate"/> gives the
    /// syntax name (null when the file is not of the kind), the verdict and the findings. `ereporting validate` reuses it.
    /// </summary>
    internal static int Run(string[] files, bool json, TextWriter output, TextWriter error,
        Func<byte[], (string? Syntax, bool IsValid, IReadOnlyList<Finding> Findings)> validate)
    {
        var missing = files.Where(f => !File.Exists(f)).ToList();
        foreach (var file in missing)
            error.WriteLine($"{file} : fichier introuvable.");
        if (missing.Count > 0)
            return Program.UsageError;

        var allValid = true;
        foreach (var file in files)
        {
            var content = InvoiceCommand.ReadInput(file, error);
            if (content is null)
                return Program.UsageError;
            var (kind, isValid, findings) = validate(content);
            allValid &= isValid;
            // Same JSON shape as `invoice validate`, so one consumer reads both.
            output.WriteLine(json ? ValidateCommand.Json(file, kind, isValid, findings) : Text(file, kind, isValid, findings));
        }
        return allValid ? 0 : 1;
    }

    private static string Text(string file, string? kind, bool isValid, IReadOnlyList<Finding> findings)
    {
        var text = new StringBuilder();
        var fatal = findings.Count(f => f.Severity == Severity.Fatal);
        text.Append(file).Append(" : ").Append(isValid ? "valide" : "INVALIDE").Append(" (").Append(kind ?? "syntaxe inconnue").Append(')');
        if (findings.Count > 0)
            text.Append($", {fatal} erreur(s), {findings.Count - fatal} avertissement(s)");
        foreach (var finding in findings)
        {
            text.AppendLine().Append("  ").Append(finding.Severity == Severity.Fatal ? "erreur       " : "avertissement").Append(' ').Append(finding.Rule);
            if (finding.Term is not null)
                text.Append(" [").Append(finding.Term).Append(']');
            text.Append(' ').Append(finding.Location).Append(" : ").Append(finding.Message);
        }
        return text.ToString();
    }
}
