using System.Diagnostics;
using Portique.LegacyMigration;
using Spectre.Console;

namespace Portique.Cli.Migration;

/// <summary>
/// The progress of a bulk import (migrate import, directory import) on standard error: one bar per file with rows/s and
/// the time left on a terminal, plain lines once a second when redirected. Steps (index rebuilds...) are collected for the
/// report printed after the summary.
/// </summary>
internal static class ImportProgressView
{
    public static async Task<T> RunAsync<T>(Func<IProgress<ImportProgress>, Task<T>> import, List<string> steps)
    {
        void Step(ImportProgress p) => steps.Add($"  {p.Phase[6..]}: {p.Rows / 1000.0:F1} s");
        if (Console.IsErrorRedirected)
        {
            // Logs and child processes get plain lines: the first report of each file at once, then one a second.
            var clocks = new Dictionary<string, Stopwatch>();
            var printed = new Dictionary<string, TimeSpan>();
            return await import(new InlineProgress(p =>
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
                var share = (double)p.Bytes / Math.Max(1, p.TotalBytes);
                var left = share > 0 && p.Phase != "done" ? $" ETA {TimeSpan.FromSeconds(clock.Elapsed.TotalSeconds * (1 - share) / share):hh\\:mm\\:ss}" : "";
                Console.Error.WriteLine(p.Phase == "move" ? "live tables: building keys and indexes"
                    : $"{p.File,-20} {p.Rows,12:N0} rows {rate,10:N0} rows/s {100.0 * share,5:F1} %{left} {p.Phase}");
            }));
        }
        T result = default!;
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        await console.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new ElapsedTimeColumn())
            .StartAsync(async context =>
            {
                var tasks = new Dictionary<string, (ProgressTask Task, Stopwatch Clock)>();
                result = await import(new InlineProgress(p =>
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
                    t.Task.Description = p.Phase == "move" ? "live tables: building keys and indexes" : $"{p.File,-20} {p.Rows,12:N0} rows {rate,10:N0} rows/s";
                    if (p.Phase == "done")
                        t.Task.StopTask();
                }));
            });
        return result;
    }

    /// <summary>Reports on the importer's thread: System.Progress would post to the thread pool and reorder updates.</summary>
    private sealed class InlineProgress(Action<ImportProgress> report) : IProgress<ImportProgress>
    {
        public void Report(ImportProgress value) => report(value);
    }
}
