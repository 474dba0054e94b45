using System.Xml;
using BenchmarkDotNet.Attributes;
using Portique.Formats;
using Portique.Formats.Rules;

namespace Portique.Benchmarks;

/// <summary>Cost against size: full validation of generated invoices of 40, 400 and 4,000 lines (target: 4,000 lines under 100 ms).</summary>
public class LargeInvoiceBenchmarks
{
    private byte[] _invoice = [];

    [Params(40, 400, 4000)]
    public int Lines { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _invoice = LargeInvoice.Create(Lines);
        var report = InvoiceEngine.Validate(_invoice, RuleProfile.French);
        if (report.Findings.Any(f => f.Severity == Severity.Fatal && !f.Rule.StartsWith("BR-FR-", StringComparison.Ordinal)))
            throw new InvalidOperationException("The generated invoice must pass EN 16931: " + string.Join("; ", report.Findings.Take(5)));
    }

    [Benchmark(Description = "Full validation (XSD + EN 16931 + FR)")]
    public bool FullValidation() => InvoiceEngine.Validate(_invoice, RuleProfile.French).IsValid;

    [Benchmark(Baseline = true, Description = "Ceiling: XmlReader read-through")]
    public long XmlReaderReadThrough()
    {
        using var reader = XmlReader.Create(new MemoryStream(_invoice, writable: false),
            new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null });
        long nodes = 0;
        while (reader.Read())
            nodes++;
        return nodes;
    }
}
