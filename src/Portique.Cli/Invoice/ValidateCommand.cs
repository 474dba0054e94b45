using System.CommandLine;
using System.Text;
using System.Text.Json;
using Portique.Formats;
using Portique.Formats.Rules;

namespace Portique.Cli.Invoice;

/// <summary>
/// `portique invoice validate [--profile en16931|fr] [--json] FILE...`. With --json: one JSON object per line per file,
/// {"file","syntax","valid","findings":[{"rule","severity","location","term","message"}]}. Exit 0 all valid, 1 any invalid, 2 usage.
/// </summary>
internal static class ValidateCommand
{
    public static Command Create()
    {
        var profile = new Option<string>("--profile")
        {
            Description = "Rule set: en16931 (EN 16931 only) or fr (EN 16931 plus the French BR-FR rules; EXTENDED-CTC-FR rules for EXTENDED invoices).",
            DefaultValueFactory = _ => "en16931",
        };
        profile.AcceptOnlyFromAmong("en16931", "fr");
        var json = new Option<bool>("--json") { Description = "One JSON object per line per file." };
        var files = new Argument<string[]>("FILE") { Description = "Invoice files: UBL, CII or Factur-X PDF.", Arity = ArgumentArity.OneOrMore };

        var command = new Command("validate", "Validate invoices: XSD, EN 16931 rules and, with --profile fr, the French rules.");
        command.Options.Add(profile);
        command.Options.Add(json);
        command.Arguments.Add(files);
        command.SetAction(parse => Run(
            parse.GetValue(files) ?? [],
            parse.GetValue(profile) == "fr" ? RuleProfile.French : RuleProfile.En16931,
            parse.GetValue(json),
            parse.InvocationConfiguration.Output,
            parse.InvocationConfiguration.Error));
        return command;
    }

    private static int Run(string[] files, RuleProfile profile, bool json, TextWriter output, TextWriter error)
    {
        // A missing file is a usage error: nothing is validated, so no verdict can be trusted.
        var missing = files.Where(f => !File.Exists(f)).ToList();
        foreach (var file in missing)
            error.WriteLine($"{file}: no such file.");
        if (missing.Count > 0)
            return Program.UsageError;

        var allValid = true;
        foreach (var file in files)
        {
            var content = InvoiceCommand.ReadInput(file, error);
            if (content is null)
                return Program.UsageError;
            var report = InvoiceEngine.Validate(content, profile);
            allValid &= report.IsValid;
            output.WriteLine(json ? Json(file, report) : Text(file, report));
        }
        return allValid ? 0 : 1;
    }

    internal static string Json(string file, ValidationReport report) => Json(file, report.Kind?.Name(), report.IsValid, report.Findings);

    /// <summary>The JSON line of one file, shared with `cdar validate`: {"file","syntax","valid","findings":[…]}.</summary>
    internal static string Json(string file, string? syntax, bool valid, IReadOnlyList<Finding> findings)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("file", file);
            if (syntax is not null)
                writer.WriteString("syntax", syntax);
            else
                writer.WriteNull("syntax");
            writer.WriteBoolean("valid", valid);
            writer.WriteStartArray("findings");
            foreach (var finding in findings)
            {
                writer.WriteStartObject();
                writer.WriteString("rule", finding.Rule);
                writer.WriteString("severity", finding.Severity == Severity.Fatal ? "fatal" : "warning");
                writer.WriteString("location", finding.Location);
                if (finding.Term is null)
                    writer.WriteNull("term");
                else
                    writer.WriteString("term", finding.Term);
                writer.WriteString("message", finding.Message);
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
            writer.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    private static string Text(string file, ValidationReport report)
    {
        var text = new StringBuilder();
        var fatal = report.Findings.Count(f => f.Severity == Severity.Fatal);
        var syntax = report.Kind?.Name() ?? "unknown syntax";
        text.Append(file).Append(": ").Append(report.IsValid ? "valid" : "INVALID").Append(" (").Append(syntax).Append(')');
        if (report.Findings.Count > 0)
            text.Append($", {fatal} fatal, {report.Findings.Count - fatal} warning(s)");
        foreach (var finding in report.Findings)
        {
            text.AppendLine().Append("  ").Append(finding.Severity == Severity.Fatal ? "fatal  " : "warning").Append(' ')
                .Append(finding.Rule);
            if (finding.Term is not null)
                text.Append(" [").Append(finding.Term).Append(']');
            text.Append(' ').Append(finding.Location).Append(": ").Append(finding.Message);
        }
        return text.ToString();
    }
}
