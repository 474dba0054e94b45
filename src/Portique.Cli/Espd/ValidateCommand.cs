using System.CommandLine;
using System.Text;
using Portique.Formats;
using Portique.Formats.Espd;
using Portique.Formats.Rendering;

namespace Portique.Cli.Espd;

/// <summary>
/// `portique espd validate [--json] [--lang fr|en] FILE...`, with the contract of `invoice validate`: with --json one JSON object
/// per line per file, {"file","syntax","valid","findings":[{"rule","severity","location","term","message"}]}, syntax
/// "espd-request", "espd-response" or null. Exit 0 all valid, 1 any invalid, 2 usage (a missing file: nothing is validated).
/// </summary>
internal static class ValidateCommand
{
    public static Command Create()
    {
        var json = new Option<bool>("--json") { Description = "Un objet JSON par ligne et par fichier. / One JSON object per line per file." };
        var language = EspdCommand.LanguageOption();
        var files = new Argument<string[]>("FILE") { Description = "Fichiers DUME (XML ESPD-EDM). / ESPD XML files.", Arity = ArgumentArity.OneOrMore };
        var command = new Command("validate", "Valider des DUME : schéma XSD ESPD-EDM, taxonomie des critères, cohérence des réponses. / Validate ESPD documents.");
        command.Options.Add(json);
        command.Options.Add(language);
        command.Arguments.Add(files);
        command.SetAction(parse => Run(parse.GetValue(files) ?? [], parse.GetValue(json), EspdCommand.Language(parse.GetValue(language)),
            parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error));
        return command;
    }

    private static int Run(string[] files, bool json, RenderLanguage language, TextWriter output, TextWriter error)
    {
        var missing = files.Where(f => !File.Exists(f)).ToList();
        foreach (var file in missing)
            error.WriteLine(EspdCommand.Missing(file, language));
        if (missing.Count > 0)
            return Program.UsageError;

        var allValid = true;
        foreach (var file in files)
        {
            var report = EspdEngine.Read(EspdCommand.ReadInput(file), language);
            allValid &= report.IsValid;
            output.WriteLine(json ? Json(file, report) : Text(file, report, language));
        }
        return allValid ? 0 : 1;
    }

    internal static string Syntax(EspdKind? kind) => kind switch
    {
        EspdKind.Request => "espd-request",
        EspdKind.Response => "espd-response",
        _ => "",
    };

    /// <summary>The JSON line of `invoice validate`, so that one consumer reads both.</summary>
    internal static string Json(string file, EspdReport report) =>
        Portique.Cli.Invoice.ValidateCommand.Json(file, report.Kind is null ? null : Syntax(report.Kind), report.IsValid, report.Findings);

    private static string Text(string file, EspdReport report, RenderLanguage language)
    {
        var english = language == RenderLanguage.English;
        var fatal = report.Findings.Count(f => f.Severity == Severity.Fatal);
        var text = new StringBuilder();
        var what = report.Kind is null ? (english ? "not an ESPD document" : "pas un DUME")
            : $"{Syntax(report.Kind)}{(report.Version is null ? "" : " " + report.Version)}";
        text.Append(file).Append(english ? ": " : " : ")
            .Append(report.IsValid ? (english ? "valid" : "valide") : (english ? "INVALID" : "NON VALIDE")).Append(" (").Append(what).Append(')');
        if (report.Findings.Count > 0)
            text.Append(english ? $", {fatal} fatal, {report.Findings.Count - fatal} warning(s)" : $", {fatal} bloquant(s), {report.Findings.Count - fatal} avertissement(s)");
        foreach (var finding in report.Findings)
        {
            text.AppendLine().Append("  ").Append(finding.Severity == Severity.Fatal ? (english ? "fatal  " : "bloquant") : (english ? "warning" : "avertissement"))
                .Append(' ').Append(finding.Rule).Append(' ').Append(finding.Location).Append(" : ").Append(finding.Message);
        }
        return text.ToString();
    }
}
