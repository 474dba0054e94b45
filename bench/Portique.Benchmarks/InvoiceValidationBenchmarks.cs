using System.Xml;
using BenchmarkDotNet.Attributes;
using Portique.Formats;
using Portique.Formats.Rules;

namespace Portique.Benchmarks;

/// <summary>
/// Full validation (XSD + EN 16931 + French rules) of the official examples, reported per invoice, next to the ceiling:
/// a raw XmlReader read-through of the same bytes.
/// </summary>
public class InvoiceValidationBenchmarks
{
    private byte[][] _corpus = [];

    [GlobalSetup]
    public void Setup()
    {
        _corpus = InvoiceCorpus.OfficialExamples();
        if (_corpus.Length != CorpusSize)
            throw new InvalidOperationException($"Expected {CorpusSize} official examples, found {_corpus.Length}: update CorpusSize.");
        // Warm the schema cache and the rule tables outside the measurement.
        foreach (var invoice in _corpus)
            InvoiceEngine.Validate(invoice, RuleProfile.French);
    }

    public const int CorpusSize = 32;

    [Benchmark(OperationsPerInvoke = CorpusSize, Description = "Full validation (XSD + EN 16931 + FR), per invoice")]
    public int FullValidation()
    {
        var valid = 0;
        foreach (var invoice in _corpus)
            valid += InvoiceEngine.Validate(invoice, RuleProfile.French).IsValid ? 1 : 0;
        return valid;
    }

    [Benchmark(OperationsPerInvoke = CorpusSize, Description = "EN 16931 validation (XSD + EN 16931), per invoice")]
    public int En16931Validation()
    {
        var valid = 0;
        foreach (var invoice in _corpus)
            valid += InvoiceEngine.Validate(invoice, RuleProfile.En16931).IsValid ? 1 : 0;
        return valid;
    }

    [Benchmark(OperationsPerInvoke = CorpusSize, Baseline = true, Description = "Ceiling: XmlReader read-through, per invoice")]
    public long XmlReaderReadThrough()
    {
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null };
        long nodes = 0;
        foreach (var invoice in _corpus)
        {
            using var reader = XmlReader.Create(new MemoryStream(invoice, writable: false), settings);
            while (reader.Read())
                nodes++;
        }
        return nodes;
    }
}
