using BenchmarkDotNet.Attributes;
using Portique.Formats;
using Portique.Formats.Flux1;

namespace Portique.Benchmarks;

/// <summary>
/// Flux 1 extraction from a typical UBL invoice (AFNOR XP Z12-014 UC1, 17 KB, 3 lines), parse included: read the invoice,
/// decide its scope, write the Base profile, check it against the DGFiP XSD and the AIFE rules. Next to it, the same without
/// the checks, and the invoice parse alone, to show where the time goes.
/// </summary>
public class Flux1ExtractionBenchmarks
{
    private byte[] _invoice = [];
    private Portique.Formats.Model.Invoice _model = new();

    [GlobalSetup]
    public void Setup()
    {
        _invoice = File.ReadAllBytes(Path.Combine(InvoiceCorpus.TestDataRoot, "b2b", "invoice", "examples", "afnor-annexB-v1.3", "UC1",
            "UC1_F202500003_00-INV_20250701_UBL_EN16931.xml"));
        _model = InvoiceEngine.Read(_invoice).Invoice;
        if (!Flux1Engine.Extract(_invoice, Flux1Profile.Base).IsValid)
            throw new InvalidOperationException("the benchmark invoice no longer gives a valid Flux 1");
    }

    [Benchmark(Baseline = true, Description = "Flux 1 extraction (parse + Base + XSD + AIFE rules), per invoice")]
    public bool Extract() => Flux1Engine.Extract(_invoice, Flux1Profile.Base).IsValid;

    [Benchmark(Description = "Flux 1 extraction, Full profile, per invoice")]
    public bool ExtractFull() => Flux1Engine.Extract(_invoice, Flux1Profile.Full).IsValid;

    [Benchmark(Description = "Flux 1 written from the model, unchecked")]
    public int WriteOnly() => Flux1Writer.Write(_model, Flux1Profile.Base).Length;

    [Benchmark(Description = "Invoice parse alone (UBL to the model)")]
    public int ParseOnly() => InvoiceEngine.Read(_invoice).Invoice.Lines.Count;
}
