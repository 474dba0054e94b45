using Portique.Benchmarks.Db.Annuaire;
using Portique.Benchmarks.Db.Cpro;
using Portique.Benchmarks.Db.Invoicing;
using Portique.Benchmarks.Db.Organisation;

// Usage: dotnet run -c Release --project bench/Portique.Benchmarks.Db -- structure-search [--pg CONN] [--count N] [--queries N] [--reseed] [--smoke]
var options = BenchOptions.Parse(args);
int Flag(string name, int fallback) =>
    args.Contains(name) ? int.Parse(args[Array.IndexOf(args, name) + 1], System.Globalization.CultureInfo.InvariantCulture) : fallback;
return options.Command switch
{
    "structure-search" => await StructureSearchBench.RunAsync(options),
    "deposit-throughput" => await DepositThroughputBench.RunAsync(options with { Database = "portique_bench_deposits", Queries = args.Contains("--queries") ? options.Queries : 8000 },
        Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../../..")), Flag("--clients", 16), Flag("--loops", 2)),
    "cpro-deposit" => await CproDepositBench.RunAsync(options with { Database = "portique_bench_cpro", Queries = args.Contains("--queries") ? options.Queries : 8000 },
        Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../../..")), Flag("--clients", 16), Flag("--loops", 2)),
    "invoice-search" => await InvoiceSearchBench.RunAsync(options with { Database = options.Database == "portique_bench" ? "portique_bench_invoices" : options.Database, Count = args.Contains("--count") ? options.Count : 10_000_000 }),
    "directory-lookup" => await DirectoryLookupBench.RunAsync(options with { Database = "portique_bench_directory", Count = args.Contains("--count") ? options.Count : 200_000,
        Queries = args.Contains("--queries") ? options.Queries : 20_000 }, Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../../..")), Flag("--clients", 16)),
    "constant-json-server" => await DirectoryLookupBench.ServeConstantAsync(int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture)),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("""
        usage: Portique.Benchmarks.Db structure-search|invoice-search|deposit-throughput|cpro-deposit|directory-lookup [options]
          --pg CONN      PostgreSQL server (default Host=127.0.0.1;Port=54329;Username=postgres)
          --database D   database created and seeded there (default portique_bench)
          --count N      structures (default 1300000), invoices (default 10000000) or legal units (directory-lookup, default 200000) to seed
          --queries N    timed queries per kind, after warm-up (default 2000; deposits: 8000)
          --clients N    deposit benches: concurrent clients (default 16)
          --no-auto-prepare  deposit benches: the host's connection string with "Max Auto Prepare=0" (the portal sets 32 by default)
          --loops N      deposit benches: the node's Invoicing:WorkerLoops (default 2; 0 = no worker, acknowledgement alone)
          --reseed       drop the database and seed again even if it already holds N structures
          --warmup N     deposit benches: deposits integrated before the clock starts (default 2000)
          --smoke        a run that only proves the bench works (CI, at a tiny --count/--queries): exit 0 whatever the times
        """);
    return 2;
}

/// <summary>
/// The benches' options. WarmUp: deposits made before the clock starts, as many as it takes for the host to reach its steady
/// state (the JIT's tiers, the pools): a server runs for days, and twenty deposits measured mostly tier-0 code.
/// </summary>
internal sealed record BenchOptions(string Command, string Server, string Database, int Count, int Queries, bool Reseed, bool AutoPrepare,
    int WarmUp = 2000, bool Smoke = false)
{
    public static BenchOptions Parse(string[] args)
    {
        string Value(string name, string fallback)
        {
            var i = Array.IndexOf(args, name);
            return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
        }
        return new BenchOptions(
            args.FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal)) ?? "",
            Value("--pg", "Host=127.0.0.1;Port=54329;Username=postgres"),
            Value("--database", "portique_bench"),
            int.Parse(Value("--count", "1300000"), System.Globalization.CultureInfo.InvariantCulture),
            int.Parse(Value("--queries", "2000"), System.Globalization.CultureInfo.InvariantCulture),
            args.Contains("--reseed"),
            !args.Contains("--no-auto-prepare"),
            int.Parse(Value("--warmup", "2000"), System.Globalization.CultureInfo.InvariantCulture),
            args.Contains("--smoke"));
    }
}
