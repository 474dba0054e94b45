using BenchmarkDotNet.Attributes;
using Portique.Formats;
using Portique.Formats.FacturX;

namespace Portique.Benchmarks;

/// <summary>
/// Issue 13, point 2: what the PDF structure guard adds to reading a Factur-X. The guard alone, next to the extraction it
/// now precedes (guard + PdfPig open + embedded XML), over the 50 FeRD example PDFs.
/// </summary>
public class UntrustedPdfBenchmarks
{
    private byte[][] _pdfs = [];

    [GlobalSetup]
    public void Setup() => _pdfs = InvoiceCorpus.FacturXExamples();

    [Benchmark(OperationsPerInvoke = 50, Description = "Structure guard alone, per PDF")]
    public int Guard()
    {
        var refused = 0;
        foreach (var pdf in _pdfs)
            refused += PdfStructureGuard.Check(pdf, FormatLimits.Default) is null ? 0 : 1;
        return refused;
    }

    [Benchmark(OperationsPerInvoke = 50, Baseline = true, Description = "Extraction (guard + PdfPig + XML), per PDF")]
    public int Extraction()
    {
        var found = 0;
        foreach (var pdf in _pdfs)
            found += FacturXPdf.ExtractXml(pdf, out _, []) is null ? 0 : 1;
        return found;
    }
}
