using System.CommandLine;
using System.Globalization;
using Portique.Annuaire.Export;
using Portique.Cli.Db;

namespace Portique.Cli.Annuaire;

/// <summary>`portique directory export`: the full or delta directory file platforms download to route (docs/api-directory.md).</summary>
internal static class DirectoryCommand
{
    public static Command Create()
    {
        var command = new Command("directory", "Annuaire : export, génération et chargement en masse.");
        var since = new Option<string?>("--since") { Description = "AAAA-MM-JJ : seulement les versions créées depuis ce jour (delta) ; sans : fichier complet" };
        var output = new Option<string?>("--out") { Description = "fichier CSV à écrire (par défaut : la sortie standard)" };
        var provider = new Option<string?>("--provider") { Description = "sqlite ou postgres (par défaut : Database:Provider, sinon sqlite)" };
        provider.AcceptOnlyFromAmong("sqlite", "postgres");
        var connection = new Option<string?>("--connection") { Description = "chaîne de connexion (par défaut : ConnectionStrings:Portique)" };
        var export = new Command("export", "Écrit le fichier complet ou le delta des lignes d'annuaire (CSV).") { since, output, provider, connection };
        export.SetAction(async (parse, ct) =>
        {
            var error = parse.InvocationConfiguration.Error;
            DateOnly? day = null;
            if (parse.GetValue(since) is { } text)
            {
                if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
                {
                    error.WriteLine($"--since « {text} » : date attendue au format AAAA-MM-JJ.");
                    return Program.UsageError;
                }
                day = parsed;
            }
            await using var db = DbCommand.Open(parse.GetValue(provider), parse.GetValue(connection));
            var path = parse.GetValue(output);
            // Written next to the target and moved at the end: a platform never downloads half a file.
            var temporary = path is null ? null : path + ".part";
            long count;
            await using (var writer = temporary is null ? null : new StreamWriter(temporary, false, new System.Text.UTF8Encoding(false)))
                count = await DirectoryExport.WriteAsync(db, (TextWriter?)writer ?? parse.InvocationConfiguration.Output, day, ct);
            if (path is not null)
                File.Move(temporary!, path, overwrite: true);
            error.WriteLine($"{count} ligne(s) d'annuaire exportée(s){(day is null ? "" : $" depuis le {day:dd/MM/yyyy}")}.");
            return 0;
        });
        command.Subcommands.Add(export);
        command.Subcommands.Add(DirectoryBulkCommands.Generate());
        command.Subcommands.Add(DirectoryBulkCommands.Import());
        return command;
    }
}
