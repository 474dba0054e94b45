using System.Xml.Linq;
using Portique.Formats.Espd;

namespace Portique.Formats.Tests.Espd;

/// <summary>Every ESPD example reads, validates and writes back without losing anything, criterion by criterion and answer by answer.</summary>
public sealed class EspdRoundTripTests
{
    public static TheoryData<string, string> Examples => EspdCorpus.ExampleRows();

    [Fact]
    public void The_manifest_lists_the_four_examples()
    {
        Assert.Equal([EspdCorpus.Request2, EspdCorpus.Response2, EspdCorpus.Request4, EspdCorpus.Response4],
            EspdCorpus.Examples().Select(e => e.Path).Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public void Each_example_has_the_manifest_verdict_and_every_element_is_kept(string path, string expected)
    {
        var report = EspdEngine.Read(TestData.Bytes(path));

        Assert.Equal(expected == "valid", report.IsValid);
        Assert.Empty(report.Findings);
        Assert.Equal(path.Contains("Request", StringComparison.Ordinal) ? EspdKind.Request : EspdKind.Response, report.Kind);
        Assert.Equal(path.Contains("v4.1.0", StringComparison.Ordinal) ? "4.1.0" : "2.1.1", report.Version);
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public void Each_example_writes_back_criterion_by_criterion_and_answer_by_answer(string path, string expected)
    {
        _ = expected;
        var source = EspdCorpus.Root(TestData.Bytes(path));
        var document = EspdEngine.Read(TestData.Bytes(path)).Document!;

        var written = EspdEngine.Write(document);
        var output = EspdCorpus.Root(written);

        foreach (var name in new[] { "TenderingCriterion", "TenderingCriterionResponse", "Evidence" })
        {
            var before = source.Elements(XName.Get(name, EspdReaderNamespaces.Cac)).ToList();
            var after = output.Elements(XName.Get(name, EspdReaderNamespaces.Cac)).ToList();
            Assert.Equal(before.Count, after.Count);
            for (var i = 0; i < before.Count; i++)
            {
                var expectedXml = EspdCorpus.Normalize(before[i]).ToString();
                var actualXml = EspdCorpus.Normalize(after[i]).ToString();
                Assert.True(expectedXml == actualXml, $"{name} #{i + 1} changed in the round trip");
            }
        }
        // And the rest of the document (header, parties, lots) as well: the whole tree is the same.
        Assert.Equal(EspdCorpus.Normalize(source).ToString(), EspdCorpus.Normalize(output).ToString());
        if (document.Kind == EspdKind.Response)
            Assert.NotEmpty(document.Responses);
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public void Portiques_output_validates_and_reads_back_to_the_same_model(string path, string expected)
    {
        _ = expected;
        var document = EspdEngine.Read(TestData.Bytes(path)).Document!;

        var again = EspdEngine.Read(EspdEngine.Write(document));

        Assert.True(again.IsValid, string.Join("\n", again.Findings.Select(f => $"{f.Rule} {f.Location} {f.Message}")));
        Assert.Empty(again.Findings);
        Assert.Equal(document.Criteria.Count, again.Document!.Criteria.Count);
        for (var i = 0; i < document.Criteria.Count; i++)
        {
            Assert.Equal(document.Criteria[i].Id, again.Document.Criteria[i].Id);
            Assert.Equal(document.Criteria[i].TypeCode, again.Document.Criteria[i].TypeCode);
            Assert.Equal(document.Criteria[i].AllProperties().Select(p => p.Id), again.Document.Criteria[i].AllProperties().Select(p => p.Id));
        }
        Assert.Equal(document.Responses.Count, again.Document.Responses.Count);
        for (var i = 0; i < document.Responses.Count; i++)
        {
            var (a, b) = (document.Responses[i], again.Document.Responses[i]);
            Assert.Equal(a.ValidatedPropertyId, b.ValidatedPropertyId);
            Assert.Equal(a.Values.SelectMany(v => v.Answers), b.Values.SelectMany(v => v.Answers));
            Assert.Equal(a.EvidenceIds, b.EvidenceIds);
        }
    }

    [Fact]
    public void The_response_example_carries_typed_answers_the_pages_can_use()
    {
        var document = EspdEngine.Read(TestData.Bytes(EspdCorpus.Response4)).Document!;

        var answers = document.Responses.SelectMany(r => r.Values).SelectMany(v => v.Answers).ToList();
        Assert.Contains(answers, a => a.Key == "ResponseIndicator" && a.Value.Value is "true" or "false");
        Assert.Contains(answers, a => a.Key == "ResponseAmount" && a.Value.Attribute("currencyID") is not null);
        Assert.Contains(document.Responses, r => r.Periods.Count > 0);
        Assert.Contains(document.Responses, r => r.EvidenceIds.Count > 0);
        Assert.NotNull(document.EconomicOperator?.Party);
        Assert.NotEmpty(document.EconomicOperator!.Party!.Identifiers);
        Assert.All(document.Criteria, c => Assert.NotNull(EspdTaxonomy.Find(c.TypeCode!.Value)));
    }
}

/// <summary>The UBL namespaces, as the tests name elements.</summary>
internal static class EspdReaderNamespaces
{
    public const string Cac = "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2";
    public const string Cbc = "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2";
}
