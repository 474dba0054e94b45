using System.Xml;
using BenchmarkDotNet.Attributes;
using Portique.Formats;
using Portique.Formats.Cdar;

namespace Portique.Benchmarks;

/// <summary>The 60 CDAR examples of tests/data/b2b (valid and invalid), the lifecycle messages of the reform.</summary>
internal static class CdarCorpus
{
    public static byte[][] Examples() =>
    [
        .. Directory.GetFiles(Path.Combine(InvoiceCorpus.TestDataRoot, "b2b", "cdar", "examples"), "*.xml", SearchOption.AllDirectories)
            .Order(StringComparer.Ordinal)
            .Select(File.ReadAllBytes),
    ];
}

/// <summary>
/// Lifecycle-message validation (XML, XSD CDAR D22B, BR-FR-CDV rules) per message, next to the rules alone and the ceiling:
/// a raw XmlReader read-through of the same bytes.
/// </summary>
public class CdarValidationBenchmarks
{
    public const int CorpusSize = 60;

    private byte[][] _corpus = [];
    private CdarMessage[] _messages = [];

    [GlobalSetup]
    public void Setup()
    {
        _corpus = CdarCorpus.Examples();
        if (_corpus.Length != CorpusSize)
            throw new InvalidOperationException($"Expected {CorpusSize} CDAR examples, found {_corpus.Length}: update CorpusSize.");
        _messages = [.. _corpus.Select(m => CdarEngine.Read(m))];
        foreach (var message in _corpus)
            CdarEngine.Validate(message);
    }

    [Benchmark(OperationsPerInvoke = CorpusSize, Description = "CDAR validation (XSD + BR-FR-CDV), per message")]
    public int FullValidation()
    {
        var valid = 0;
        foreach (var message in _corpus)
            valid += CdarEngine.Validate(message).IsValid ? 1 : 0;
        return valid;
    }

    [Benchmark(OperationsPerInvoke = CorpusSize, Description = "CDAR rules alone on the model, per message")]
    public int RulesOnly()
    {
        var findings = new List<Finding>();
        foreach (var message in _messages)
            CdarRules.Check(message, findings);
        return findings.Count;
    }

    [Benchmark(OperationsPerInvoke = CorpusSize, Baseline = true, Description = "Ceiling: XmlReader read-through, per message")]
    public long XmlReaderReadThrough()
    {
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null };
        long nodes = 0;
        foreach (var message in _corpus)
        {
            using var reader = XmlReader.Create(new MemoryStream(message, writable: false), settings);
            while (reader.Read())
                nodes++;
        }
        return nodes;
    }
}
