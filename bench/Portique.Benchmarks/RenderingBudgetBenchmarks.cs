using BenchmarkDotNet.Attributes;
using Portique.Formats;
using Portique.Formats.Model;

namespace Portique.Benchmarks;

/// <summary>
/// Issue 13, point 3: what one PDF rendering costs at the size bound (a note of 1,000,000 characters, the most RenderBudget
/// lets through), next to a typical invoice, and what refusing a larger one costs (the budget check alone).
/// </summary>
public class RenderingBudgetBenchmarks
{
    private Invoice _typical = null!;
    private Invoice _atTheBound = null!;
    private Invoice _past = null!;

    [GlobalSetup]
    public void Setup()
    {
        var template = File.ReadAllBytes(Path.Combine(InvoiceCorpus.TestDataRoot, "examples", "en16931", "ubl", "ubl-tc434-example1.xml"));
        _typical = InvoiceEngine.Read(template).Invoice;
        _atTheBound = WithNote(template, Formats.Rendering.RenderBudget.DefaultMaxCharacters - 20_000);
        _past = WithNote(template, 19 * 1024 * 1024);
    }

    private static Invoice WithNote(byte[] template, long characters)
    {
        var invoice = InvoiceEngine.Read(template).Invoice;
        invoice.Notes.Clear();
        invoice.Notes.Add(new Note { Text = string.Concat(Enumerable.Repeat("Lorem ipsum dolor sit amet, consectetur adipiscing elit. ", (int)(characters / 57) + 1))[..(int)characters] });
        return invoice;
    }

    [Benchmark(Baseline = true, Description = "PDF rendering, typical invoice")]
    public int Typical() => InvoiceEngine.RenderPdf(_typical).Length;

    [Benchmark(Description = "PDF rendering, note of 980,000 characters (under the bound)")]
    public int AtTheBound() => InvoiceEngine.RenderPdf(_atTheBound).Length;

    [Benchmark(Description = "Refusal, note of 19 MB (RENDER-01)")]
    public int Past()
    {
        try
        {
            return InvoiceEngine.RenderPdf(_past).Length;
        }
        catch (InvoiceFormatException)
        {
            return 0;
        }
    }
}
