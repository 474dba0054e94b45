using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace Portique.Benchmarks;

internal static class Program
{
    /// <summary>
    /// `dotnet run -c Release --project bench/Portique.Benchmarks -- --filter '*'` for BenchmarkDotNet, `-- throughput` for
    /// the CPU-time throughput run (see docs/benchmarks.md). `--smoke` with either runs everything once, briefly, only to
    /// prove it works (CI): no figure of such a run means anything.
    /// In-process toolchain: the machine is offline and shared, so no generated project is restored and built per run.
    /// </summary>
    public static int Main(string[] args)
    {
        var smoke = args.Contains("--smoke");
        args = [.. args.Where(a => a != "--smoke")];
        if (args is ["throughput"])
        {
            ThroughputRun.Run(smoke);
            return 0;
        }
        var job = smoke ? Job.Dry : Job.Default.WithWarmupCount(3).WithIterationCount(10);
        var config = DefaultConfig.Instance
            .AddJob(job.WithToolchain(InProcessEmitToolchain.Instance))
            .AddDiagnoser(MemoryDiagnoser.Default);
        var summaries = BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, config);
        // A benchmark that threw is reported, not raised: the exit code says so.
        return summaries.Any(s => s.HasCriticalValidationErrors || s.Reports.Any(r => !r.Success)) || !summaries.Any() ? 1 : 0;
    }
}
