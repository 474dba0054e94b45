using Portique.Formats.Espd;

namespace Portique.Formats.Tests.Espd;

/// <summary>Documents built from the model, as the buyer and company pages will build them, are valid ESPD-EDM 4.1.0.</summary>
public sealed class EspdBuiltDocumentTests
{
    private static readonly (string, string)[] CriterionId = [("schemeID", "Criterion"), ("schemeAgencyID", "OP"), ("schemeVersionID", "4.1.0")];

    private static EspdDocument Request() => new()
    {
        Kind = EspdKind.Request,
        UblVersionId = EspdText.Of("2.3", ("schemeAgencyID", "OASIS-UBL-TC")),
        ProfileExecutionId = EspdText.Of("ESPD-EDMv4.1.0", ("schemeAgencyID", "OP"), ("schemeVersionID", "4.1.0")),
        Id = EspdText.Of("DUME-2026-0001", ("schemeAgencyID", "PORTIQUE")),
        ContractFolderId = EspdText.Of("CONS-2026-42", ("schemeAgencyID", "PORTIQUE")),
        IssueDate = EspdText.Of("2026-12-07"),
        VersionId = EspdText.Of("4.1.0", ("schemeAgencyID", "OP"), ("schemeVersionID", "4.1.0")),
        ContractingParty = new EspdContractingParty(null, new EspdParty
        {
            Identifiers = [EspdText.Of("21750001600019", ("schemeAgencyID", "SIRET"))],
            Names = [EspdText.Of("Mairie de Paris")],
            PostalAddress = new EspdAddress { CityName = EspdText.Of("Paris"), PostalZone = EspdText.Of("75004"), CountryCode = EspdText.Of("FRA") },
        }),
        Project = new EspdProject(null, EspdText.Of("Entretien des espaces verts"), [EspdText.Of("Marché de services, deux lots.")], null),
        Lots = [new EspdLot(EspdText.Of("LOT-1", CriterionId)), new EspdLot(EspdText.Of("LOT-2", CriterionId))],
        Criteria =
        [
            new EspdCriterion
            {
                Id = EspdText.Of("005eb9ed-1347-4ca3-bb29-9bc0db64e1ab", CriterionId),
                TypeCode = EspdText.Of("crime-org", ("listID", "http://publications.europa.eu/resource/authority/criterion"), ("listAgencyID", "OP"),
                    ("listVersionID", EspdTaxonomy.CriterionListVersion)),
                Name = EspdText.Of(EspdTaxonomy.Find("crime-org")!.English),
                Descriptions = [EspdText.Of("Condamnation pour participation à une organisation criminelle ?")],
                Groups =
                [
                    new EspdPropertyGroup
                    {
                        Id = EspdText.Of("C1/QG1", CriterionId),
                        TypeCode = EspdText.Of("ON*"),
                        Properties =
                        [
                            new EspdProperty
                            {
                                Id = EspdText.Of("C1/QG1/Q1", CriterionId),
                                Descriptions = [EspdText.Of("Votre réponse")],
                                TypeCode = EspdText.Of("QUESTION"),
                                ValueDataTypeCode = EspdText.Of("INDICATOR"),
                            },
                        ],
                    },
                ],
            },
        ],
    };

    [Fact]
    public void A_request_built_from_the_model_validates()
    {
        var report = EspdEngine.Read(EspdEngine.Write(Request()));

        Assert.True(report.IsValid, string.Join("\n", report.Findings.Select(f => $"{f.Rule} {f.Location} {f.Message}")));
        Assert.Equal(("4.1.0", EspdKind.Request), (report.Version, report.Kind));
    }

    [Fact]
    public void A_response_answering_the_request_validates_and_keeps_its_answer()
    {
        var response = Request() with
        {
            Kind = EspdKind.Response,
            EconomicOperator = new EspdEconomicOperator([], [], new EspdParty
            {
                Identifiers = [EspdText.Of("55210055400013", ("schemeAgencyID", "SIRET")), EspdText.Of("FR40552100554", ("schemeAgencyID", "VAT"))],
                Names = [EspdText.Of("Jardins Dupont SARL")],
                IndustryClassificationCode = EspdText.Of("small"),
                Representatives = [new EspdRepresentative { FirstName = EspdText.Of("Marie"), FamilyName = EspdText.Of("Dupont") }],
            }),
            Responses =
            [
                new EspdCriterionResponse
                {
                    Id = EspdText.Of("R1", CriterionId),
                    ValidatedPropertyId = EspdText.Of("C1/QG1/Q1", CriterionId),
                    Values = [new EspdResponseValue { Id = EspdText.Of("R1/V1", CriterionId), Answers = [KeyValuePair.Create("ResponseIndicator", EspdText.Of("false"))] }],
                    LotReferences = [EspdText.Of("LOT-2", CriterionId)],
                },
            ],
        };

        var report = EspdEngine.Read(EspdEngine.Write(response));

        Assert.True(report.IsValid, string.Join("\n", report.Findings.Select(f => $"{f.Rule} {f.Location} {f.Message}")));
        var answer = Assert.Single(report.Document!.Responses);
        Assert.Equal(KeyValuePair.Create("ResponseIndicator", EspdText.Of("false")), Assert.Single(answer.Values).Answers.Single());
        Assert.Equal("Jardins Dupont SARL", report.Document.EconomicOperator!.Party!.Names[0].Value);
        Assert.Contains("<dd>Non — Lots : LOT-2</dd>", System.Net.WebUtility.HtmlDecode(EspdEngine.RenderHtml(report.Document)), StringComparison.Ordinal);
    }

    [Fact]
    public void The_same_question_twice_in_a_criterion_is_refused()
    {
        var request = Request();
        var group = request.Criteria[0].Groups[0];
        var twice = request with { Criteria = [request.Criteria[0] with { Groups = [group with { Properties = [.. group.Properties, .. group.Properties] }] }] };

        var report = EspdEngine.Read(EspdEngine.Write(twice));

        Assert.Equal(EspdRules.DuplicateProperty, Assert.Single(report.Findings).Rule);
        Assert.False(report.IsValid);
    }

    [Fact]
    public void The_taxonomy_holds_every_code_once_with_a_french_name_for_all_but_the_superseded_ones()
    {
        var all = EspdTaxonomy.All;

        Assert.Equal(64, all.Count);
        Assert.Equal(["autorisation", "misinterpr"], all.Where(t => t.French is null).Select(t => t.Code).Order(StringComparer.Ordinal));
        Assert.Equal("Faillite", EspdTaxonomy.Find("bankruptcy")!.French);
    }
}
