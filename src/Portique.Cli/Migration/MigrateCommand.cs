using System.CommandLine;
using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Portique.Cli.Db;
using Portique.Common.Data;
using Portique.LegacyMigration;

namespace Portique.Cli.Migration;

/// <summary>`portique migrate generate|import|verify`: the legacy portal's data, docs/migration.md.</summary>
internal static class MigrateCommand
{
    public static Command Create()
    {
        var command = new Command("migrate", "Migration of the previous portal's data.");
        command.Subcommands.Add(Generate());
        command.Subcommands.Add(Import());
        command.Subcommands.Add(Verify());
        return command;
    }

    private static Command Generate()
    {
        var users = new Option<int>("--users") { Required = true, Description = "rows of users.csv" };
        var structures = new Option<int>("--structures") { Required = true, Description = "rows of structures.csv" };
        var habilitations = new Option<long>("--habilitations") { Required = true, Description = "rows of habilitations.csv" };
        var output = new Option<string>("--out") { Required = true, Description = "directory to write the five files into" };
        var seed = new Option<int>("--seed") { DefaultValueFactory = _ => 1, Description = "random seed (same seed, same files)" };
        var defects = new Option<double>("--defects") { DefaultValueFactory = _ => 0, Description = "share of defective rows, 0 to 1" };
        var command = new Command("generate", "Write a realistic legacy export.") { users, structures, habilitations, output, seed, defects };
        command.SetAction(parse =>
        {
            var clock = Stopwatch.StartNew();
            var dir = parse.GetValue(output)!;
            LegacyGenerator.Generate(new GeneratorOptions(parse.GetValue(users), parse.GetValue(structures), parse.GetValue(habilitations),
                parse.GetValue(seed), parse.GetValue(defects)), dir);
            parse.InvocationConfiguration.Output.WriteLine($"Generated {dir} in {clock.Elapsed.TotalSeconds:F1} s.");
            return 0;
        });
        return command;
    }

    private static (Argument<string> Dir, Option<string?> Provider, Option<string?> Connection, Option<string?> Rejects) Common()
    {
        var dir = new Argument<string>("DIR") { Description = "directory holding the legacy export" };
        var provider = new Option<string?>("--provider") { Description = "sqlite or postgres (default: setting Database:Provider, else sqlite)" };
        var connection = new Option<string?>("--connection") { Description = "connection string (default: setting ConnectionStrings:Portique)" };
        var rejects = new Option<string?>("--rejects") { Description = "directory for the reject files (default: DIR)" };
        return (dir, provider, connection, rejects);
    }

    private static ImportOptions Options(ParseResult parse, (Argument<string> Dir, Option<string?> Provider, Option<string?> Connection, Option<string?> Rejects) o, int batchSize) =>
        OptionsFor(parse.GetValue(o.Provider), parse.GetValue(o.Connection), batchSize, parse.GetValue(o.Rejects));

    /// <summary>The options of a bulk load (migration, directory) on the database the command line or the settings name.</summary>
    internal static ImportOptions OptionsFor(string? provider, string? connection, int batchSize, string? rejects)
    {
        using var db = DbCommand.Open(provider, connection);
        return new ImportOptions(db.IsPostgres ? DatabaseProvider.Postgres : DatabaseProvider.Sqlite, db.Database.GetConnectionString()!, batchSize, rejects);
    }

    private static Command Import()
    {
        var common = Common();
        var summaryFile = new Option<string?>("--summary") { Description = "write the summary as JSON to this file" };
        var batchSize = new Option<int>("--batch-size") { DefaultValueFactory = _ => 1024, Description = "rows per buffer handed to the database writer" };
        var command = new Command("import", "Import a legacy export; an interrupted import resumes when run again.")
            { common.Dir, common.Provider, common.Connection, common.Rejects, summaryFile, batchSize };
        command.SetAction(async (parse, ct) =>
        {
            var options = Options(parse, common, parse.GetValue(batchSize));
            var output = parse.InvocationConfiguration.Output;
            var steps = new List<string>();
            var dir = parse.GetValue(common.Dir)!;
            var summary = await ImportProgressView.RunAsync(progress => new LegacyImporter(options, TimeProvider.System, progress).RunAsync(dir, write: true, ct), steps);
            Print(output, summary);
            foreach (var step in steps)
                output.WriteLine(step);
            if (parse.GetValue(summaryFile) is { } path)
                await File.WriteAllTextAsync(path, summary.ToJson(), ct);
            return 0;
        });
        return command;
    }

    private static void Print(TextWriter output, ImportSummary summary)
    {
        if (summary.AlreadyMoved)
            output.WriteLine("This export was already imported: nothing written, counts re-derived from the files.");
        output.WriteLine($"{"file",-20}{"read",14}{"imported",14}{"rejected",14}");
        foreach (var f in summary.Files)
            output.WriteLine($"{f.File,-20}{f.Read,14:N0}{f.Imported,14:N0}{f.Rejected,14:N0}");
        foreach (var (rule, count) in summary.Resolutions)
            output.WriteLine($"role rule {rule}: {count:N0}");
        output.WriteLine($"elapsed {summary.ElapsedSeconds:F1} s, of which after the last file (rebuild steps left, ANALYZE) {summary.IndexSeconds:F1} s");
    }

    private static Command Verify()
    {
        var common = Common();
        var command = new Command("verify", "Recount and cross-check an import; exit code 0 only when everything matches.")
            { common.Dir, common.Provider, common.Connection, common.Rejects };
        command.SetAction(async (parse, ct) =>
        {
            var checks = await LegacyVerifier.VerifyAsync(Options(parse, common, 50_000), parse.GetValue(common.Dir)!, TimeProvider.System, ct);
            var output = parse.InvocationConfiguration.Output;
            foreach (var check in checks)
                output.WriteLine($"{(check.Passed ? "ok  " : "FAIL")} {check.Name}: expected {check.Expected}, found {check.Actual}");
            var failed = checks.Count(c => !c.Passed);
            output.WriteLine(failed == 0 ? "All checks passed." : $"{failed} check(s) failed.");
            return failed == 0 ? 0 : 1;
        });
        return command;
    }
}
