using System.CommandLine;
using Portique.Cli.Invoice;
using Portique.Formats.Flux1;

namespace Portique.Cli.Flux1;

/// <summary>
/// `portique flux1 extract [--profile base|full] INVOICE -o OUT`: the tax administration's invoice data (Flux 1) of a domestic
/// B2B invoice. OUT is a file, or a folder that receives the file under the name rule S1.06 (Base_/Full_…); the name is printed
/// either way. Written only when it passes the DGFiP XSD and the AIFE rules, through a temporary file so nothing is half-written.
/// Exit 0 written, 1 no Flux 1 (unreadable invoice, B2C, international, or a rule broken: the reason is printed), 2 usage.
/// </summary>
internal static class Flux1Command
{
    public static Command Create()
    {
        var command = new Command("flux1", "Données de facture pour l'administration fiscale (Flux 1) : extraire.");
        command.Subcommands.Add(Extract());
        return command;
    }

    private static Command Extract()
    {
        var profile = new Option<string>("--profile") { Description = "Profil du Flux 1 : base (démarrage, par défaut) ou full (cible).", DefaultValueFactory = _ => "base" };
        profile.AcceptOnlyFromAmong("base", "full");
        var output = new Option<string>("--output", "-o") { Description = "Fichier à écrire, ou dossier où l'écrire sous son nom réglementaire.", Required = true };
        var file = new Argument<string>("INVOICE") { Description = "Facture : UBL, CII ou PDF Factur-X." };
        var command = new Command("extract", "Extraire le Flux 1 (CII D22B, profil Base ou Full) d'une facture B2B domestique ; aucun pour une facture B2C ou internationale.");
        command.Options.Add(profile);
        command.Options.Add(output);
        command.Arguments.Add(file);
        command.SetAction(parse =>
        {
            var error = parse.InvocationConfiguration.Error;
            var path = parse.GetValue(file)!;
            var content = InvoiceCommand.ReadInput(path, error);
            if (content is null)
                return Program.UsageError;
            var result = Flux1Engine.Extract(content, parse.GetValue(profile) == "full" ? Flux1Profile.Full : Flux1Profile.Base);
            if (result.Exclusion is { } exclusion)
            {
                error.WriteLine($"{path} : pas de Flux 1. {exclusion.Code} : {exclusion.Message}");
                return 1;
            }
            if (!result.IsValid)
            {
                error.WriteLine($"{path} : le Flux 1 n'est pas écrit, il ne respecte pas les règles de l'administration fiscale :");
                foreach (var f in result.Findings.Where(f => f.Severity == Portique.Formats.Severity.Fatal))
                    error.WriteLine($"  {f.Rule} {f.Location} : {f.Message}");
                return 1;
            }
            var target = parse.GetValue(output)!;
            if (Directory.Exists(target))
                target = Path.Combine(target, result.FileName!);
            var temporary = target + ".tmp-" + Environment.ProcessId;
            try
            {
                File.WriteAllBytes(temporary, result.Xml!);
                File.Move(temporary, target, overwrite: true);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                File.Delete(temporary);
                error.WriteLine($"{target} : écriture impossible ({e.Message}).");
                return Program.UsageError;
            }
            parse.InvocationConfiguration.Output.WriteLine($"{target} (nom réglementaire : {result.FileName})");
            return 0;
        });
        return command;
    }
}
