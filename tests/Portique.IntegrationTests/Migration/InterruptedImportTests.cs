using System.Diagnostics;
using Portique.IntegrationTests.Infrastructure;
using Portique.LegacyMigration;

namespace Portique.IntegrationTests.Migration;

/// <summary>The import runs as the real CLI in a child process, is killed (SIGKILL) mid-way, and is run again.</summary>
public sealed class InterruptedImportTests
{
    [Fact]
    public async Task Killed_import_resumed_ends_with_the_same_rows_as_an_uninterrupted_one()
    {
        var work = MigrationKit.TempDirectory();
        try
        {
            var files = Path.Combine(work.FullName, "export");
            // Habilitations enough for their file to take about a second even when the machine is idle: the kill must come
            // while they are copied, and the importer goes through 300,000 of them in a fifth of a second (at most eight per membership: more users too).
            LegacyGenerator.Generate(new GeneratorOptions(Users: 150_000, Structures: 140_000, Habilitations: 1_000_000, Seed: 5, DefectShare: 0.01), files);
            await using var killed = await MigrationDatabase.CreateAsync();
            await using var straight = await MigrationDatabase.CreateAsync();
            var untouched = await killed.FingerprintAsync();

            // Each file is one transaction: killed while it copies the habilitations (the biggest file, last), the files before
            // are committed and recorded, and not one habilitation may remain.
            var copying = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            using (var child = StartCli(line =>
            {
                if (line.StartsWith(LegacyFormat.Habilitations, StringComparison.Ordinal))
                    copying.TrySetResult();
            }, "migrate", "import", files, "--provider", TestDatabase.ProviderName, "--connection", killed.Connection,
                "--batch-size", "500", "--rejects", Path.Combine(work.FullName, "rejects-killed")))
            {
                await Task.WhenAny(copying.Task, child.WaitForExitAsync(), Task.Delay(TimeSpan.FromMinutes(3)));
                Assert.False(child.HasExited, "the import ended before it could be killed");
                Assert.True(copying.Task.IsCompleted, "the import did not reach the habilitations");
                child.Kill(); // SIGKILL on Unix: no chance to clean up.
                await child.WaitForExitAsync();
            }
            var afterKill = await killed.FingerprintAsync();
            Assert.Equal(Part(untouched, "habilitations"), Part(afterKill, "habilitations"));
            Assert.NotEqual(Part(untouched, "structures"), Part(afterKill, "structures"));

            var resumed = await new LegacyImporter(killed.Options(Path.Combine(work.FullName, "rejects-killed"), 500), TimeProvider.System)
                .RunAsync(files, write: true, CancellationToken.None);
            var reference = await new LegacyImporter(straight.Options(Path.Combine(work.FullName, "rejects-straight"), 500), TimeProvider.System)
                .RunAsync(files, write: true, CancellationToken.None);

            Assert.Equal(reference.Files, resumed.Files);
            Assert.Equal(await straight.FingerprintAsync(), await killed.FingerprintAsync());
            var checks = await LegacyVerifier.VerifyAsync(killed.Options(Path.Combine(work.FullName, "rejects-killed")), files, TimeProvider.System, CancellationToken.None);
            Assert.All(checks, c => Assert.True(c.Passed, $"{c.Name}: expected {c.Expected}, found {c.Actual}"));
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    private static string Part(string fingerprint, string table) => fingerprint.Split(' ').Single(p => p.StartsWith(table + ":", StringComparison.Ordinal));

    private static Process StartCli(Action<string> onError, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Portique.Cli.dll"));
        foreach (var arg in args)
            start.ArgumentList.Add(arg);
        var process = Process.Start(start)!;
        // Drained as it comes, so that a full pipe never stalls the child.
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is { } line)
                onError(line);
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }
}
