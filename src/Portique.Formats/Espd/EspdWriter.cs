using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace Portique.Formats.Espd;

/// <summary>
/// Writes an <see cref="EspdDocument"/> as ESPD-EDM XML (UBL QualificationApplicationRequest / Response), every element in the
/// order the UBL schema's sequences require, every attribute kept. The same order serves UBL 2.2 (ESPD 2.1.1) and 2.3 (ESPD 4.x):
/// 2.3 only adds elements.
/// </summary>
public static class EspdWriter
{
    public const string RequestNamespace = "urn:oasis:names:specification:ubl:schema:xsd:QualificationApplicationRequest-2";
    public const string ResponseNamespace = "urn:oasis:names:specification:ubl:schema:xsd:QualificationApplicationResponse-2";

    private static readonly XNamespace Cac = EspdReader.Cac;
    private static readonly XNamespace Cbc = EspdReader.Cbc;

    /// <summary>The expectation fields of a criterion property, in UBL 2.3 sequence order (between ValueDataTypeCode and ApplicablePeriod).</summary>
    internal static readonly IReadOnlyList<string> PropertyExpectations =
    [
        "ValueUnitCode", "ValueCurrencyCode", "ExpectedAmount", "ExpectedID", "ExpectedIndicator", "ExpectedCode", "ExpectedValueNumeric",
        "ExpectedDescription", "ExpectedURI", "MaximumAmount", "MinimumAmount", "MaximumValueNumeric", "MinimumValueNumeric",
        "MaximumQuantity", "MinimumQuantity", "TranslationTypeCode", "CertificationLevelDescription", "CopyQualityTypeCode",
    ];

    /// <summary>The typed answers of a response value, in UBL sequence order (after ID and Description).</summary>
    internal static readonly IReadOnlyList<string> ResponseAnswers =
    [
        "Response", "ResponseAmount", "ResponseBinaryObject", "ResponseCode", "ResponseDate", "ResponseID", "ResponseIndicator",
        "ResponseMeasure", "ResponseNumeric", "ResponseQuantity", "ResponseTime", "ResponseURI",
    ];

    /// <summary>The document as UTF-8 XML bytes (indented, with an XML declaration).</summary>
    public static byte[] Write(EspdDocument document)
    {
        var root = ToXml(document);
        using var buffer = new MemoryStream();
        using (var writer = XmlWriter.Create(buffer, new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = true }))
            new XDocument(root).Save(writer);
        return buffer.ToArray();
    }

    public static XElement ToXml(EspdDocument d)
    {
        ArgumentNullException.ThrowIfNull(d);
        XNamespace ns = d.Kind == EspdKind.Request ? RequestNamespace : ResponseNamespace;
        var root = new XElement(ns + (d.Kind == EspdKind.Request ? "QualificationApplicationRequest" : "QualificationApplicationResponse"),
            new XAttribute(XNamespace.Xmlns + "cac", Cac.NamespaceName), new XAttribute(XNamespace.Xmlns + "cbc", Cbc.NamespaceName));
        root.Add(
            Basic("UBLVersionID", d.UblVersionId), Basic("CustomizationID", d.CustomizationId), Basic("ProfileID", d.ProfileId),
            Basic("ProfileExecutionID", d.ProfileExecutionId), Basic("ID", d.Id), Basic("CopyIndicator", d.CopyIndicator),
            Basic("UUID", d.Uuid), Basic("ContractFolderID", d.ContractFolderId), Basic("ContractName", d.ContractName),
            Basic("IssueDate", d.IssueDate), Basic("IssueTime", d.IssueTime),
            d.Kind == EspdKind.Response ? Basic("EconomicOperatorGroupName", d.EconomicOperatorGroupName) : null,
            Basic("VersionID", d.VersionId), Basic("PreviousVersionID", d.PreviousVersionId), Basic("ProcedureCode", d.ProcedureCode),
            Basic("QualificationApplicationTypeCode", d.QualificationApplicationTypeCode), Basics("Note", d.Notes),
            d.ContractingParty is { } cp ? new XElement(Cac + "ContractingParty", Basic("BuyerProfileURI", cp.BuyerProfileUri), Party("Party", cp.Party)) : null,
            d.EconomicOperator is { } eo ? EconomicOperator(eo) : null,
            d.Project is { } p ? new XElement(Cac + "ProcurementProject", Basic("ID", p.Id), Basic("Name", p.Name), Basics("Description", p.Descriptions),
                Basic("ProcurementTypeCode", p.ProcurementTypeCode)) : null,
            d.Lots.Select(l => new XElement(Cac + "ProcurementProjectLot", Basic("ID", l.Id))),
            d.Criteria.Select(Criterion));
        if (d.Kind == EspdKind.Response)
        {
            root.Add(d.Responses.Select(Response), d.Evidences.Select(Evidence));
        }
        return root;
    }

    private static XElement EconomicOperator(EspdEconomicOperator eo) =>
        new(Cac + "EconomicOperatorParty",
            eo.RoleCodes.Count + eo.RoleDescriptions.Count > 0
                ? new XElement(Cac + "EconomicOperatorRole", Basics("RoleCode", eo.RoleCodes), Basics("RoleDescription", eo.RoleDescriptions))
                : null,
            eo.Party is { } party ? Party("Party", party) : null);

    private static XElement Party(string name, EspdParty p) =>
        new(Cac + name,
            Basic("WebsiteURI", p.WebsiteUri), Basic("EndpointID", p.EndpointId), Basic("IndustryClassificationCode", p.IndustryClassificationCode),
            p.Identifiers.Select(i => new XElement(Cac + "PartyIdentification", Basic("ID", i))),
            p.Names.Select(n => new XElement(Cac + "PartyName", Basic("Name", n))),
            p.PostalAddress is { } a ? Address("PostalAddress", a) : null,
            p.Contact is { } c ? Contact(c) : null,
            p.Representatives.Select(Representative));

    private static XElement Address(string name, EspdAddress a) =>
        new(Cac + name,
            Basic("StreetName", a.StreetName), Basic("AdditionalStreetName", a.AdditionalStreetName), Basic("BuildingNumber", a.BuildingNumber),
            Basic("CityName", a.CityName), Basic("PostalZone", a.PostalZone), Basic("CountrySubentity", a.CountrySubentity),
            a.CountryCode is { } country ? new XElement(Cac + "Country", Basic("IdentificationCode", country)) : null);

    private static XElement Contact(EspdContact c) =>
        new(Cac + "Contact", Basic("Name", c.Name), Basic("Telephone", c.Telephone), Basic("Telefax", c.Telefax), Basic("ElectronicMail", c.ElectronicMail));

    private static XElement Representative(EspdRepresentative r) =>
        new(Cac + "PowerOfAttorney",
            Basic("Description", r.Description),
            new XElement(Cac + "AgentParty", new XElement(Cac + "Person",
                Basic("FirstName", r.FirstName), Basic("FamilyName", r.FamilyName), Basic("BirthDate", r.BirthDate),
                Basic("BirthplaceName", r.BirthplaceName), r.Contact is { } c ? Contact(c) : null,
                r.ResidenceAddress is { } a ? Address("ResidenceAddress", a) : null)));

    private static XElement Criterion(EspdCriterion k) =>
        new(Cac + "TenderingCriterion",
            Basic("ID", k.Id), Basic("CriterionTypeCode", k.TypeCode), Basic("Name", k.Name), Basics("Description", k.Descriptions),
            k.LotReferences.Select(l => new XElement(Cac + "ProcurementProjectLotReference", Basic("ID", l))),
            k.Legislations.Select(Legislation),
            k.Groups.Select(g => Group("TenderingCriterionPropertyGroup", g)));

    private static XElement Legislation(EspdLegislation l) =>
        new(Cac + "Legislation",
            Basic("ID", l.Id), Basics("Title", l.Titles), Basics("Description", l.Descriptions), Basic("JurisdictionLevel", l.JurisdictionLevel),
            Basics("Article", l.Articles), Basic("URI", l.Uri),
            l.LanguageCodes.Select(c => new XElement(Cac + "Language", Basic("LocaleCode", c))));

    private static XElement Group(string name, EspdPropertyGroup g) =>
        new(Cac + name,
            Basic("ID", g.Id), Basic("PropertyGroupTypeCode", g.TypeCode),
            g.Properties.Select(Property),
            g.Subgroups.Select(s => Group("SubsidiaryTenderingCriterionPropertyGroup", s)));

    private static XElement Property(EspdProperty p) =>
        new(Cac + "TenderingCriterionProperty",
            Basic("ID", p.Id), Basics("Name", p.Names), Basics("Description", p.Descriptions), Basic("TypeCode", p.TypeCode),
            Basic("ValueDataTypeCode", p.ValueDataTypeCode),
            InOrder(p.Expectations, PropertyExpectations),
            p.ApplicablePeriod is { } period ? Period(period) : null);

    private static XElement Period(EspdPeriod p) =>
        new(Cac + "ApplicablePeriod", Basic("StartDate", p.StartDate), Basic("EndDate", p.EndDate), Basics("Description", p.Descriptions));

    private static XElement Response(EspdCriterionResponse r) =>
        new(Cac + "TenderingCriterionResponse",
            Basic("ID", r.Id), Basic("ValidatedCriterionPropertyID", r.ValidatedPropertyId),
            Basic("ConfidentialityLevelCode", r.ConfidentialityLevelCode),
            r.Values.Select(v => new XElement(Cac + "ResponseValue", Basic("ID", v.Id), Basics("Description", v.Descriptions),
                InOrder(v.Answers, ResponseAnswers))),
            r.Periods.Select(Period),
            r.EvidenceIds.Select(e => new XElement(Cac + "EvidenceSupplied", Basic("ID", e))),
            r.LotReferences.Select(l => new XElement(Cac + "ProcurementProjectLotReference", Basic("ID", l))));

    private static XElement Evidence(EspdEvidence e) =>
        new(Cac + "Evidence",
            Basic("ID", e.Id), Basics("Description", e.Descriptions), Basic("ConfidentialityLevelCode", e.ConfidentialityLevelCode),
            e.Documents.Select(d => new XElement(Cac + "DocumentReference",
                Basic("ID", d.Id), Basic("IssueDate", d.IssueDate), Basics("DocumentDescription", d.Descriptions),
                d.Uri is { } uri ? new XElement(Cac + "Attachment", new XElement(Cac + "ExternalReference", Basic("URI", uri))) : null,
                d.IssuerIdentifiers.Count + d.IssuerNames.Count > 0
                    ? new XElement(Cac + "IssuerParty",
                        d.IssuerIdentifiers.Select(i => new XElement(Cac + "PartyIdentification", Basic("ID", i))),
                        d.IssuerNames.Select(n => new XElement(Cac + "PartyName", Basic("Name", n))))
                    : null)));

    /// <summary>Named fields sorted by the schema's sequence (stable, so repeated fields keep their order).</summary>
    private static IEnumerable<XElement> InOrder(IReadOnlyList<KeyValuePair<string, EspdText>> fields, IReadOnlyList<string> order) =>
        fields.Select((f, i) => (f, i)).OrderBy(x => Rank(order, x.f.Key)).ThenBy(x => x.i).Select(x => Basic(x.f.Key, x.f.Value)!);

    private static int Rank(IReadOnlyList<string> order, string name)
    {
        for (var i = 0; i < order.Count; i++)
        {
            if (order[i] == name)
                return i;
        }
        throw new ArgumentException($"{name} is not an ESPD field Portique writes here.");
    }

    private static XElement? Basic(string name, EspdText? value) =>
        value is null ? null : new XElement(Cbc + name, value.Attributes.Select(a => new XAttribute(a.Key, a.Value)), value.Value);

    private static IEnumerable<XElement> Basics(string name, IEnumerable<EspdText> values) => values.Select(v => Basic(name, v)!);
}
