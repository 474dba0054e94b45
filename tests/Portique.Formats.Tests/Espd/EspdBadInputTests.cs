using System.Text;
using Portique.Formats.Espd;
using Portique.Formats.Rendering;

namespace Portique.Formats.Tests.Espd;

/// <summary>Invalid, unknown, truncated and hostile ESPD input: a clear finding with a stable id, never a crash, never a pass.</summary>
public sealed class EspdBadInputTests
{
    private static Finding Single(EspdReport report, string rule)
    {
        Assert.False(report.IsValid);
        var finding = Assert.Single(report.Findings, f => f.Rule == rule);
        Assert.Equal(Severity.Fatal, finding.Severity);
        Assert.False(string.IsNullOrWhiteSpace(finding.Message));
        return finding;
    }

    [Fact]
    public void A_request_with_an_unknown_criterion_is_refused_naming_the_code()
    {
        var xml = EspdCorpus.Replace(EspdCorpus.Request4, ">crime-org</cbc:CriterionTypeCode>", ">crime-inconnu</cbc:CriterionTypeCode>");

        var finding = Single(EspdEngine.Read(xml), EspdRules.UnknownCriterion);

        Assert.Contains("« crime-inconnu »", finding.Message, StringComparison.Ordinal);
        Assert.Equal("/QualificationApplicationRequest[1]/cac:TenderingCriterion[1]/cbc:CriterionTypeCode[1]", finding.Location);
    }

    [Fact]
    public void A_version_2_criterion_of_the_wrong_form_is_refused()
    {
        var xml = EspdCorpus.Replace(EspdCorpus.Request2, "CRITERION.EXCLUSION.CONVICTIONS.CORRUPTION", "CORRUPTION");

        Single(EspdEngine.Read(xml), EspdRules.UnknownCriterion);
    }

    [Fact]
    public void A_criterion_without_type_code_is_refused()
    {
        var document = EspdEngine.Read(TestData.Bytes(EspdCorpus.Request4)).Document!;
        var broken = document with { Criteria = [document.Criteria[0] with { TypeCode = null }, .. document.Criteria.Skip(1)] };

        // The XSD lets CriterionTypeCode out; the engine does not.
        Single(EspdEngine.Read(EspdEngine.Write(broken)), EspdRules.MissingCriterionCode);
    }

    [Fact]
    public void A_criterion_twice_is_refused()
    {
        var document = EspdEngine.Read(TestData.Bytes(EspdCorpus.Request4)).Document!;
        var twice = document with { Criteria = [.. document.Criteria, document.Criteria[0]] };

        Single(EspdEngine.Read(EspdEngine.Write(twice)), EspdRules.DuplicateCriterion);
    }

    [Fact]
    public void An_answer_to_a_question_no_criterion_asks_is_refused()
    {
        var document = EspdEngine.Read(TestData.Bytes(EspdCorpus.Response4)).Document!;
        var stray = document.Responses[0] with { ValidatedPropertyId = EspdText.Of("no-such-question") };
        var broken = document with { Responses = [stray, .. document.Responses.Skip(1)] };

        var finding = Single(EspdEngine.Read(EspdEngine.Write(broken)), EspdRules.UnknownProperty);
        Assert.Contains("no-such-question", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_answer_citing_a_missing_evidence_or_lot_is_refused()
    {
        var document = EspdEngine.Read(TestData.Bytes(EspdCorpus.Response4)).Document!;
        var index = document.Responses.ToList().FindIndex(r => r.EvidenceIds.Count > 0);
        var responses = document.Responses.ToList();
        responses[index] = responses[index] with { EvidenceIds = [EspdText.Of("EVIDENCE-NOWHERE")], LotReferences = [EspdText.Of("LOT-9999")] };

        var report = EspdEngine.Read(EspdEngine.Write(document with { Responses = responses }));

        Single(report, EspdRules.UnknownEvidence);
        Single(report, EspdRules.UnknownLot);
    }

    [Fact]
    public void A_schema_error_is_reported_with_its_place()
    {
        var xml = EspdCorpus.Replace(EspdCorpus.Response4, "<cbc:IssueDate>2025-12-09</cbc:IssueDate>", "<cbc:IssueDate>pas une date</cbc:IssueDate>");

        var finding = Single(EspdEngine.Read(xml), EspdRules.Schema);

        Assert.Equal("/QualificationApplicationResponse[1]/cbc:IssueDate[1]", finding.Location);
        Assert.StartsWith("Le document ne respecte pas le schéma XML de l'ESPD-EDM", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_element_the_model_does_not_keep_is_reported_never_dropped_silently()
    {
        var xml = EspdCorpus.Replace(EspdCorpus.Request4, "Description of Project.</cbc:Description>", "Description of Project.</cbc:Description><cbc:Note>gardée ?</cbc:Note>");

        var report = EspdEngine.Read(xml);

        var finding = Assert.Single(report.Findings);
        Assert.Equal((EspdRules.NotKept, Severity.Warning), (finding.Rule, finding.Severity));
        Assert.Contains("Note", finding.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0.5)]
    [InlineData(0.01)]
    [InlineData(0.999)]
    public void A_truncated_document_is_unreadable_not_a_crash(double keep)
    {
        var bytes = TestData.Bytes(EspdCorpus.Response4);

        var report = EspdEngine.Read(bytes.AsMemory(0, (int)(bytes.Length * keep)));

        Single(report, EspdRules.NotXml);
        Assert.Null(report.Document);
    }

    [Fact]
    public void A_dtd_with_entity_expansion_is_refused()
    {
        var xml = """
            <?xml version="1.0"?>
            <!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>
            <QualificationApplicationRequest xmlns="urn:oasis:names:specification:ubl:schema:xsd:QualificationApplicationRequest-2">&lol2;</QualificationApplicationRequest>
            """;

        var report = EspdEngine.Read(Encoding.UTF8.GetBytes(xml));

        Single(report, EspdRules.NotXml);
        Assert.Null(report.Document);
    }

    [Fact]
    public void An_external_entity_is_never_fetched()
    {
        var xml = """
            <?xml version="1.0"?>
            <!DOCTYPE r [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
            <QualificationApplicationRequest xmlns="urn:oasis:names:specification:ubl:schema:xsd:QualificationApplicationRequest-2">&xxe;</QualificationApplicationRequest>
            """;

        var report = EspdEngine.Read(Encoding.UTF8.GetBytes(xml));

        Single(report, EspdRules.NotXml);
        Assert.DoesNotContain(report.Findings, f => f.Message.Contains("root:", StringComparison.Ordinal));
    }

    [Fact]
    public void Deep_nesting_stops_at_the_depth_limit()
    {
        var xml = new StringBuilder("<QualificationApplicationRequest xmlns=\"urn:oasis:names:specification:ubl:schema:xsd:QualificationApplicationRequest-2\">");
        xml.Append("<cbc:UBLVersionID xmlns:cbc=\"urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2\">2.3</cbc:UBLVersionID>");
        xml.Insert(xml.Length, "<a>", 100_000).Insert(xml.Length, "</a>", 100_000).Append("</QualificationApplicationRequest>");

        var report = EspdEngine.Read(Encoding.UTF8.GetBytes(xml.ToString()));

        Single(report, EspdRules.TooDeep);
        Assert.Null(report.Document);
    }

    [Fact]
    public void A_document_over_the_size_limit_is_refused_before_parsing()
    {
        var report = EspdEngine.Read(TestData.Bytes(EspdCorpus.Request4), limits: new FormatLimits { MaxXmlBytes = 1000 });

        Single(report, EspdRules.TooLarge);
    }

    [Fact]
    public void Empty_input_an_invoice_and_an_unknown_version_are_told_apart()
    {
        Single(EspdEngine.Read(ReadOnlyMemory<byte>.Empty), EspdRules.Empty);
        Single(EspdEngine.Read(TestData.Bytes("examples/en16931/ubl/ubl-tc434-example1.xml")), EspdRules.NotEspd);
        var future = EspdCorpus.Replace(EspdCorpus.Request4, ">2.3</cbc:UBLVersionID>", ">9.9</cbc:UBLVersionID>");
        Assert.Contains(EspdEngine.Read(future).Findings, f => f.Rule == EspdRules.UnknownVersion);
        Assert.False(EspdEngine.Read(future).IsValid);
    }

    [Fact]
    public void Findings_are_worded_in_english_on_request()
    {
        var xml = EspdCorpus.Replace(EspdCorpus.Request4, ">crime-org</cbc:CriterionTypeCode>", ">crime-inconnu</cbc:CriterionTypeCode>");

        var finding = Assert.Single(EspdEngine.Read(xml, RenderLanguage.English).Findings);

        Assert.Equal("Criterion code 'crime-inconnu' is not in the ESPD criterion taxonomy.", finding.Message);
    }

    [Fact]
    public void Every_rule_has_a_french_and_an_english_wording()
    {
        foreach (var rule in EspdMessages.Rules)
        {
            Assert.Matches("^ESPD-[A-Z]+(-[0-9]+)?$", rule);
            var french = EspdMessages.Text(rule, RenderLanguage.French, "x");
            var english = EspdMessages.Text(rule, RenderLanguage.English, "x");
            Assert.NotEqual(french, english);
        }
    }
}
