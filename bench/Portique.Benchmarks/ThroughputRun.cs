using System.Diagnostics;
using System.Globalization;
using System.Xml;
using Portique.Formats;
using Portique.Formats.FacturX;
using Portique.Formats.Rules;

namespace Portique.Benchmarks;

/// <summary>
/// `dotnet run -c Release --project bench/Portique.Benchmarks -- throughput`: invoices per second measured both on the wall
/// clock and per CPU-second of the process. The loop is single-threaded, so a CPU-second is one core's work; on a shared,
/// overloaded machine the CPU figure stays meaningful when the wall clock does not.
/// </summary>
internal static class ThroughputRun
{
    private static TimeSpan Duration = TimeSpan.FromSeconds(5);
    private static TimeSpan WarmUp = TimeSpan.FromSeconds(3);

    /// <summary>The run; <paramref name="smoke"/>: every measure once and briefly (CI proves it works; the figures mean nothing).</summary>
    public static void Run(bool smoke = false)
    {
        if (smoke)
            (Duration, WarmUp) = (TimeSpan.FromMilliseconds(100), TimeSpan.Zero);
        var corpus = InvoiceCorpus.OfficialExamples();
        Console.WriteLine($"Corpus: {corpus.Length} official EN 16931 examples (UBL + CII), {corpus.Sum(c => c.Length) / corpus.Length:N0} bytes on average");
        Console.WriteLine($"{"run",-46} {"invoices",9} {"wall/s",10} {"per CPU-s",10}");
        var ceiling = Measure("XmlReader read-through (ceiling)", corpus, ReadThrough);
        var full = Measure("Full validation (XSD + EN 16931 + FR)", corpus, c => InvoiceEngine.Validate(c, RuleProfile.French));
        Measure("EN 16931 validation (XSD + EN 16931)", corpus, c => InvoiceEngine.Validate(c, RuleProfile.En16931));
        // UBL alone, and its own ceiling: the UBL syntax binding is judged against this pair (issue 16).
        var ubl = InvoiceCorpus.OfficialUblExamples();
        var ublCeiling = Measure($"UBL only: XmlReader read-through ({ubl.Length})", ubl, ReadThrough);
        var ublRules = Measure("UBL only: EN 16931 validation", ubl, c => InvoiceEngine.Validate(c, RuleProfile.En16931));
        Console.WriteLine($"UBL EN 16931 validation / UBL ceiling (per CPU-s): {ublRules / ublCeiling:P1}");
        Measure("Read with XSD, no rules", corpus, c => InvoiceXml.Read(c));
        Measure("Read with XSD by the framework only, no rules", corpus, c => InvoiceXml.Read(c, null, validateSchema: true, schemasDirectory: null, compiledSchemas: false));
        Measure("Read without XSD, no rules", corpus, c => InvoiceXml.Read(c, validateSchema: false));
        Console.WriteLine($"Full validation / ceiling (per CPU-s): {full / ceiling:P1}");
        var pdfs = InvoiceCorpus.FacturXExamples();
        Measure($"Factur-X: extraction only ({pdfs.Length} FeRD PDFs)", pdfs, p => FacturXPdf.ExtractXml(p, out _, []));
        Measure($"Factur-X: full validation ({pdfs.Length} FeRD PDFs)", pdfs, p => InvoiceEngine.Validate(p, RuleProfile.French));
        Slowest(corpus);

        var cdar = CdarCorpus.Examples();
        Console.WriteLine($"CDAR: {cdar.Length} lifecycle messages of tests/data/b2b, {cdar.Sum(c => c.Length) / cdar.Length:N0} bytes on average");
        Measure("CDAR: XmlReader read-through (ceiling)", cdar, ReadThrough);
        Measure("CDAR: validation (XSD + BR-FR-CDV)", cdar, c => Portique.Formats.Cdar.CdarEngine.Validate(c));

        // Flux 1: one typical UBL invoice (AFNOR UC1), parse included; see Flux1ExtractionBenchmarks.
        var uc1 = new[] { File.ReadAllBytes(Path.Combine(InvoiceCorpus.TestDataRoot, "b2b", "invoice", "examples", "afnor-annexB-v1.3", "UC1",
            "UC1_F202500003_00-INV_20250701_UBL_EN16931.xml")) };
        Measure("Flux 1: extraction Base (parse + XSD + AIFE)", uc1, c => Portique.Formats.Flux1.Flux1Engine.Extract(c, Portique.Formats.Flux1.Flux1Profile.Base));
        Measure("Flux 1: extraction Full (parse + XSD + AIFE)", uc1, c => Portique.Formats.Flux1.Flux1Engine.Extract(c, Portique.Formats.Flux1.Flux1Profile.Full));

        foreach (var lines in new[] { 40, 400, 4000 })
        {
            var invoice = LargeInvoice.Create(lines);
            for (var i = 0; i < 3; i++)
                InvoiceEngine.Validate(invoice, RuleProfile.French);
            var runs = smoke ? 1 : lines >= 4000 ? 20 : 50;
            var wall = new List<double>();
            var cpu = new List<double>();
            long allocated = 0;
            for (var i = 0; i < runs; i++)
            {
                var before = GC.GetAllocatedBytesForCurrentThread();
                var cpuStart = Process.GetCurrentProcess().TotalProcessorTime;
                var clock = Stopwatch.StartNew();
                InvoiceEngine.Validate(invoice, RuleProfile.French);
                wall.Add(clock.Elapsed.TotalMilliseconds);
                cpu.Add((Process.GetCurrentProcess().TotalProcessorTime - cpuStart).TotalMilliseconds);
                allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            }
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{lines,5} lines ({invoice.Length / 1024.0,8:N0} KB): median {Median(wall),7:N1} ms wall, {Median(cpu),7:N1} ms CPU, {allocated / 1024.0 / 1024.0,6:N1} MB allocated ({(double)allocated / invoice.Length:N1} x input)"));
        }
    }

    private static double Measure(string label, byte[][] corpus, Action<byte[]> action)
    {
        // Warm up long enough for tiered compilation to finish its background re-JIT: otherwise the first run measured
        // pays for it in process CPU time (it once made the French layer look 10x dearer than it is).
        var warm = Stopwatch.StartNew();
        while (warm.Elapsed < WarmUp)
        {
            foreach (var item in corpus)
                action(item);
        }
        var process = Process.GetCurrentProcess();
        var cpuStart = process.TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        long count = 0;
        while (clock.Elapsed < Duration)
        {
            foreach (var item in corpus)
                action(item);
            count += corpus.Length;
        }
        var wall = clock.Elapsed.TotalSeconds;
        process.Refresh();
        var cpu = (process.TotalProcessorTime - cpuStart).TotalSeconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{label,-46} {count,9:N0} {count / wall,10:N0} {count / cpu,10:N0}"));
        return count / cpu;
    }

    private static void ReadThrough(byte[] xml)
    {
        using var reader = XmlReader.Create(new MemoryStream(xml, writable: false),
            new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null });
        while (reader.Read())
        {
        }
    }

    /// <summary>The costliest examples under full validation: where a rule author should look first.</summary>
    private static void Slowest(byte[][] corpus)
    {
        var names = InvoiceCorpus.OfficialExampleNames();
        var exceptions = 0;
        // Exceptions thrown and caught inside a layer are a classic hidden cost: count them per invoice.
        AppDomain.CurrentDomain.FirstChanceException += (_, _) => Interlocked.Increment(ref exceptions);
        var costs = corpus.Select((xml, i) =>
        {
            var thrown = Volatile.Read(ref exceptions);
            var clock = Stopwatch.StartNew();
            for (var run = 0; run < 20; run++)
                InvoiceEngine.Validate(xml, RuleProfile.French);
            return (Name: Path.GetFileName(names[i]), Ms: clock.Elapsed.TotalMilliseconds / 20, Thrown: (Volatile.Read(ref exceptions) - thrown) / 20);
        }).OrderByDescending(c => c.Ms).ToList();
        foreach (var (name, ms, thrown) in costs.Take(3))
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  slowest: {name} {ms:N2} ms wall, {thrown} exceptions per validation"));
        Console.WriteLine($"  exceptions per validation over the corpus: {costs.Sum(c => c.Thrown) / (double)costs.Count:N1}");
    }

    private static double Median(List<double> values)
    {
        values.Sort();
        return values[values.Count / 2];
    }
}
