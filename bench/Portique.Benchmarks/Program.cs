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
    /// the CPU-time throughput run (see docs/benchmarks.md).
    /// In-process toolchain: the machine is offline and shared, so no generated project is restored and built per run.
    /// </summary>
    public static int Main(string[] args)
    {
        if (args is ["throughput"])
        {
            ThroughputRun.Run();
            return 0;
        }
        var config = DefaultConfig.Instance
            .AddJob(Job.Default.WithWarmupCount(3).WithIterationCount(10).WithToolchain(InProcessEmitToolchain.Instance))
            .AddDiagnoser(MemoryDiagnoser.Default);
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, config);
        return 0;
    }
}
