using System.CommandLine;
using System.Diagnostics;
using Portique.Annuaire.BulkLoad;
using Portique.Cli.Migration;
using Portique.LegacyMigration;

namespace Portique.Cli.Annuaire;

/// <summary>`portique directory generate|import`: the national directory file set and its bulk load (docs/directory-bulk-load.md).</summary>
internal static class DirectoryBulkCommands
{
    public static Command Generate()
    {
        var legalUnits = new Option<int>("--legal-units") { Required = true, Description = "unités légales (lignes de legal_units.csv, hors défauts)" };
        var facilities = new Option<int>("--facilities") { Required = true, Description = "établissements (au moins un par unité légale)" };
        var output = new Option<string>("--out") { Required = true, Description = "répertoire où écrire les cinq fichiers et expected.json" };
        var seed = new Option<int>("--seed") { DefaultValueFactory = _ => 1, Description = "graine aléatoire (même graine, mêmes fichiers)" };
        var defects = new Option<double>("--defects") { DefaultValueFactory = _ => 0.001, Description = "probabilité d'une ligne défectueuse après chaque unité légale, par fichier (0 à 0,5)" };
        var platforms = new Option<int>("--platforms") { DefaultValueFactory = _ => 40, Description = "plateformes agréées (matricules 1001 et suivants)" };
        var command = new Command("generate", "Écrit un jeu de fichiers d'annuaire national réaliste (type SIRENE).") { legalUnits, facilities, output, seed, defects, platforms };
        command.SetAction(parse =>
        {
            var clock = Stopwatch.StartNew();
            var dir = parse.GetValue(output)!;
            DirectoryGenerator.Generate(new DirectoryGeneratorOptions(parse.GetValue(legalUnits), parse.GetValue(facilities), parse.GetValue(seed),
                parse.GetValue(defects), parse.GetValue(platforms)), dir);
            parse.InvocationConfiguration.Output.WriteLine($"Fichiers d'annuaire écrits dans {dir} en {clock.Elapsed.TotalSeconds:F1} s.");
            return 0;
        });
        return command;
    }

    public static Command Import()
    {
        var dir = new Argument<string>("DIR") { Description = "répertoire des fichiers d'annuaire" };
        var provider = new Option<string?>("--provider") { Description = "sqlite ou postgres (par défaut : Database:Provider, sinon sqlite)" };
        provider.AcceptOnlyFromAmong("sqlite", "postgres");
        var connection = new Option<string?>("--connection") { Description = "chaîne de connexion (par défaut : ConnectionStrings:Portique)" };
        var rejects = new Option<string?>("--rejects") { Description = "répertoire des fichiers de rejets (par défaut : DIR)" };
        var summaryFile = new Option<string?>("--summary") { Description = "écrit le bilan en JSON dans ce fichier" };
        var batchSize = new Option<int>("--batch-size") { DefaultValueFactory = _ => 1024, Description = "lignes par tampon remis à l'écriture en base" };
        var command = new Command("import", "Charge un jeu de fichiers d'annuaire dans un annuaire vide ; relancé après une interruption, il reprend.")
            { dir, provider, connection, rejects, summaryFile, batchSize };
        command.SetAction(async (parse, ct) =>
        {
            var options = MigrateCommand.OptionsFor(parse.GetValue(provider), parse.GetValue(connection), parse.GetValue(batchSize), parse.GetValue(rejects));
            var steps = new List<string>();
            var source = parse.GetValue(dir)!;
            var result = await ImportProgressView.RunAsync(progress => new DirectoryImporter(options, TimeProvider.System, progress).RunAsync(source, ct), steps);
            var output = parse.InvocationConfiguration.Output;
            var summary = result.Summary;
            if (summary.AlreadyMoved)
                output.WriteLine("Ces fichiers ont déjà été chargés : rien n'a été écrit, les comptes sont recalculés depuis les fichiers.");
            output.WriteLine($"{"fichier",-22}{"lues",14}{"importées",14}{"rejetées",14}");
            foreach (var f in summary.Files)
                output.WriteLine($"{f.File,-22}{f.Read,14:N0}{f.Imported,14:N0}{f.Rejected,14:N0}");
            foreach (var (file, codes) in result.Rejects)
            {
                foreach (var (code, count) in codes)
                    output.WriteLine($"  rejet {file} {code} : {count:N0}");
            }
            output.WriteLine($"durée {summary.ElapsedSeconds:F1} s, dont après le dernier fichier (reconstructions restantes, ANALYZE) {summary.IndexSeconds:F1} s");
            foreach (var step in steps)
                output.WriteLine(step);
            if (parse.GetValue(summaryFile) is { } path)
                await File.WriteAllTextAsync(path, summary.ToJson(), ct);
            return 0;
        });
        return command;
    }
}
