using System.CommandLine;
using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Portique.Cli.Db;
using Portique.Common.Data;
using Portique.LegacyMigration;
using Spectre.Console;

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

    private static ImportOptions Options(ParseResult parse, (Argument<string> Dir, Option<string?> Provider, Option<string?> Connection, Option<string?> Rejects) o, int batchSize)
    {
        using var db = DbCommand.Open(parse.GetValue(o.Provider), parse.GetValue(o.Connection));
        return new ImportOptions(db.IsPostgres ? DatabaseProvider.Postgres : DatabaseProvider.Sqlite, db.Database.GetConnectionString()!, batchSize, parse.GetValue(o.Rejects));
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
            ImportSummary summary;
            var steps = new List<string>();
            void Step(ImportProgress p) => steps.Add($"  {p.Phase[6..]}: {p.Rows / 1000.0:F1} s");
            var dir = parse.GetValue(common.Dir)!;
            if (Console.IsErrorRedirected)
            {
                // Logs and child processes get plain lines: the first report of each file at once, then one a second.
                var clocks = new Dictionary<string, Stopwatch>();
                var printed = new Dictionary<string, TimeSpan>();
                var progress = new InlineProgress(p =>
                {
                    if (p.Phase.StartsWith("step: ", StringComparison.Ordinal))
                    {
                        Step(p);
                        return;
                    }
                    if (!clocks.TryGetValue(p.File, out var clock))
                        clocks[p.File] = clock = Stopwatch.StartNew();
                    if (printed.TryGetValue(p.File, out var last) && clock.Elapsed - last < TimeSpan.FromSeconds(1) && p.Phase != "done")
                        return;
                    printed[p.File] = clock.Elapsed;
                    var rate = p.Rows / Math.Max(0.001, clock.Elapsed.TotalSeconds);
                    Console.Error.WriteLine(p.Phase == "move" ? "live tables: building keys and indexes"
                        : $"{p.File,-18} {p.Rows,12:N0} rows {rate,10:N0} rows/s {100.0 * p.Bytes / Math.Max(1, p.TotalBytes),5:F1} % {p.Phase}");
                });
                summary = await new LegacyImporter(options, TimeProvider.System, progress).RunAsync(dir, write: true, ct);
            }
            else
            {
                ImportSummary? result = null;
                var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
                await console.Progress()
                    .AutoClear(false)
                    .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new ElapsedTimeColumn())
                    .StartAsync(async context =>
                    {
                        var tasks = new Dictionary<string, (ProgressTask Task, Stopwatch Clock)>();
                        var progress = new InlineProgress(p =>
                        {
                            if (p.Phase.StartsWith("step: ", StringComparison.Ordinal))
                            {
                                Step(p);
                                return;
                            }
                            if (!tasks.TryGetValue(p.File, out var t))
                                tasks[p.File] = t = (context.AddTask(p.File, maxValue: Math.Max(1, p.TotalBytes)), Stopwatch.StartNew());
                            t.Task.Value = p.Bytes;
                            var rate = p.Rows / Math.Max(0.001, t.Clock.Elapsed.TotalSeconds);
                            t.Task.Description = p.Phase == "move" ? "live tables: building keys and indexes" : $"{p.File,-18} {p.Rows,12:N0} rows {rate,10:N0} rows/s";
                            if (p.Phase == "done")
                                t.Task.StopTask();
                        });
                        result = await new LegacyImporter(options, TimeProvider.System, progress).RunAsync(dir, write: true, ct);
                    });
                summary = result!;
            }
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

    /// <summary>Reports on the importer's thread: System.Progress would post to the thread pool and reorder updates.</summary>
    private sealed class InlineProgress(Action<ImportProgress> report) : IProgress<ImportProgress>
    {
        public void Report(ImportProgress value) => report(value);
    }
}
