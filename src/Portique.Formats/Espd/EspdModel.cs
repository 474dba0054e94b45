namespace Portique.Formats.Espd;

/// <summary>The two ESPD-EDM documents: the buyer's request (criteria asked) and the economic operator's response (answers).</summary>
public enum EspdKind { Request, Response }

/// <summary>
/// A UBL scalar (identifier, code, text, date, amount…): its text and its attributes (schemeID, listID, currencyID…) in document
/// order, so that a document read and written back keeps both.
/// </summary>
public sealed record EspdText(string Value, IReadOnlyList<KeyValuePair<string, string>> Attributes)
{
    public static EspdText Of(string value) => new(value, []);

    public static EspdText Of(string value, params (string Name, string Value)[] attributes) =>
        new(value, attributes.Select(a => KeyValuePair.Create(a.Name, a.Value)).ToList());

    /// <summary>The value of an attribute (for example <c>listVersionID</c>), or null.</summary>
    public string? Attribute(string name) => Attributes.FirstOrDefault(a => a.Key == name).Value;

    public bool Equals(EspdText? other) => other is not null && Value == other.Value && Attributes.SequenceEqual(other.Attributes);

    public override int GetHashCode() => Value.GetHashCode(StringComparison.Ordinal);

    public override string ToString() => Value;
}

/// <summary>
/// An ESPD-EDM document (request or response) as Portique reads and writes it: the header, the parties, the lots, the criteria
/// with their questions (property groups and properties), the answers and the evidences. The buyer pages build a request from it,
/// the company pages answer its criteria; <see cref="EspdWriter"/> writes it back in UBL order.
/// </summary>
public sealed record EspdDocument
{
    public required EspdKind Kind { get; init; }
    public EspdText? UblVersionId { get; init; }
    public EspdText? CustomizationId { get; init; }
    public EspdText? ProfileId { get; init; }
    public EspdText? ProfileExecutionId { get; init; }
    public EspdText? Id { get; init; }
    public EspdText? CopyIndicator { get; init; }
    public EspdText? Uuid { get; init; }
    public EspdText? ContractFolderId { get; init; }
    public EspdText? ContractName { get; init; }
    public EspdText? IssueDate { get; init; }
    public EspdText? IssueTime { get; init; }
    /// <summary>Response only.</summary>
    public EspdText? EconomicOperatorGroupName { get; init; }
    public EspdText? VersionId { get; init; }
    public EspdText? PreviousVersionId { get; init; }
    public EspdText? ProcedureCode { get; init; }
    public EspdText? QualificationApplicationTypeCode { get; init; }
    public IReadOnlyList<EspdText> Notes { get; init; } = [];
    public EspdContractingParty? ContractingParty { get; init; }
    public EspdEconomicOperator? EconomicOperator { get; init; }
    public EspdProject? Project { get; init; }
    public IReadOnlyList<EspdLot> Lots { get; init; } = [];
    public IReadOnlyList<EspdCriterion> Criteria { get; init; } = [];
    /// <summary>Response only: one answer per answered property.</summary>
    public IReadOnlyList<EspdCriterionResponse> Responses { get; init; } = [];
    /// <summary>Response only: the evidences the answers point to.</summary>
    public IReadOnlyList<EspdEvidence> Evidences { get; init; } = [];
}

public sealed record EspdContractingParty(EspdText? BuyerProfileUri, EspdParty Party);

/// <summary>The economic operator of a response: its role (sole tenderer, group member…) and its party.</summary>
public sealed record EspdEconomicOperator(IReadOnlyList<EspdText> RoleCodes, IReadOnlyList<EspdText> RoleDescriptions, EspdParty? Party);

/// <summary>A UBL party as ESPD uses it: identity, address, contact and, for the operator, its representatives.</summary>
public sealed record EspdParty
{
    public EspdText? WebsiteUri { get; init; }
    public EspdText? EndpointId { get; init; }
    /// <summary>The size class of the operator (micro, small, medium, large) in ESPD 4.</summary>
    public EspdText? IndustryClassificationCode { get; init; }
    /// <summary>Identifiers: SIRET, VAT number… each with its schemeAgencyID / schemeID.</summary>
    public IReadOnlyList<EspdText> Identifiers { get; init; } = [];
    public IReadOnlyList<EspdText> Names { get; init; } = [];
    public EspdAddress? PostalAddress { get; init; }
    public EspdContact? Contact { get; init; }
    public IReadOnlyList<EspdRepresentative> Representatives { get; init; } = [];
}

public sealed record EspdAddress
{
    public EspdText? StreetName { get; init; }
    public EspdText? AdditionalStreetName { get; init; }
    public EspdText? BuildingNumber { get; init; }
    public EspdText? CityName { get; init; }
    public EspdText? PostalZone { get; init; }
    public EspdText? CountrySubentity { get; init; }
    public EspdText? CountryCode { get; init; }
}

public sealed record EspdContact
{
    public EspdText? Name { get; init; }
    public EspdText? Telephone { get; init; }
    public EspdText? Telefax { get; init; }
    public EspdText? ElectronicMail { get; init; }
}

/// <summary>A person empowered to represent the operator (UBL PowerOfAttorney / AgentParty / Person).</summary>
public sealed record EspdRepresentative
{
    public EspdText? Description { get; init; }
    public EspdText? FirstName { get; init; }
    public EspdText? FamilyName { get; init; }
    public EspdText? BirthDate { get; init; }
    public EspdText? BirthplaceName { get; init; }
    public EspdContact? Contact { get; init; }
    public EspdAddress? ResidenceAddress { get; init; }
}

public sealed record EspdProject(EspdText? Id, EspdText? Name, IReadOnlyList<EspdText> Descriptions, EspdText? ProcurementTypeCode);

public sealed record EspdLot(EspdText Id);

/// <summary>
/// One criterion of the ESPD taxonomy (exclusion ground, selection criterion, other): its UUID, its type code (the
/// <c>criterion</c> code list), texts, legislation references, and the tree of questions to answer.
/// </summary>
public sealed record EspdCriterion
{
    public required EspdText Id { get; init; }
    public EspdText? TypeCode { get; init; }
    public EspdText? Name { get; init; }
    public IReadOnlyList<EspdText> Descriptions { get; init; } = [];
    public IReadOnlyList<EspdText> LotReferences { get; init; } = [];
    public IReadOnlyList<EspdLegislation> Legislations { get; init; } = [];
    public IReadOnlyList<EspdPropertyGroup> Groups { get; init; } = [];

    /// <summary>Every property of the criterion, depth first, whatever group holds it.</summary>
    public IEnumerable<EspdProperty> AllProperties() => Groups.SelectMany(g => g.AllProperties());
}

public sealed record EspdLegislation
{
    public EspdText? Id { get; init; }
    public IReadOnlyList<EspdText> Titles { get; init; } = [];
    public IReadOnlyList<EspdText> Descriptions { get; init; } = [];
    public EspdText? JurisdictionLevel { get; init; }
    public IReadOnlyList<EspdText> Articles { get; init; } = [];
    public EspdText? Uri { get; init; }
    public IReadOnlyList<EspdText> LanguageCodes { get; init; } = [];
}

/// <summary>A group of questions; <see cref="TypeCode"/> says when it applies (ON* always, ONTRUE / ONFALSE after a yes / no).</summary>
public sealed record EspdPropertyGroup
{
    public EspdText? Id { get; init; }
    public EspdText? TypeCode { get; init; }
    public IReadOnlyList<EspdProperty> Properties { get; init; } = [];
    public IReadOnlyList<EspdPropertyGroup> Subgroups { get; init; } = [];

    public IEnumerable<EspdProperty> AllProperties() => Properties.Concat(Subgroups.SelectMany(g => g.AllProperties()));
}

/// <summary>
/// One question or caption: <see cref="TypeCode"/> (QUESTION, REQUIREMENT, CAPTION…), the answer's data type
/// (<see cref="ValueDataTypeCode"/>: INDICATOR, AMOUNT, PERIOD, EVIDENCE_IDENTIFIER…) and what the buyer expects.
/// Every UBL field of a criterion property is kept, as (element name, value) pairs in schema order.
/// </summary>
public sealed record EspdProperty
{
    public EspdText? Id { get; init; }
    public IReadOnlyList<EspdText> Names { get; init; } = [];
    public IReadOnlyList<EspdText> Descriptions { get; init; } = [];
    public EspdText? TypeCode { get; init; }
    public EspdText? ValueDataTypeCode { get; init; }
    /// <summary>The buyer's expectations (ExpectedAmount, ExpectedCode, MinimumAmount…), by UBL element name, in schema order.</summary>
    public IReadOnlyList<KeyValuePair<string, EspdText>> Expectations { get; init; } = [];
    public EspdPeriod? ApplicablePeriod { get; init; }
}

public sealed record EspdPeriod(EspdText? StartDate, EspdText? EndDate, IReadOnlyList<EspdText> Descriptions);

/// <summary>The operator's answer to one property (<see cref="ValidatedPropertyId"/>), with its value(s), period, evidences and lots.</summary>
public sealed record EspdCriterionResponse
{
    public EspdText? Id { get; init; }
    public required EspdText ValidatedPropertyId { get; init; }
    public EspdText? ConfidentialityLevelCode { get; init; }
    public IReadOnlyList<EspdResponseValue> Values { get; init; } = [];
    public IReadOnlyList<EspdPeriod> Periods { get; init; } = [];
    public IReadOnlyList<EspdText> EvidenceIds { get; init; } = [];
    public IReadOnlyList<EspdText> LotReferences { get; init; } = [];
}

/// <summary>
/// One answered value: its id and the typed answer, by UBL element name (ResponseIndicator "true", ResponseAmount with its
/// currencyID, ResponseDate, ResponseCode, ResponseQuantity…), in schema order.
/// </summary>
public sealed record EspdResponseValue
{
    public EspdText? Id { get; init; }
    public IReadOnlyList<EspdText> Descriptions { get; init; } = [];
    public IReadOnlyList<KeyValuePair<string, EspdText>> Answers { get; init; } = [];
}

/// <summary>An evidence an answer points to: a document reference (id, URL, issuer) and its confidentiality.</summary>
public sealed record EspdEvidence
{
    public required EspdText Id { get; init; }
    public IReadOnlyList<EspdText> Descriptions { get; init; } = [];
    public EspdText? ConfidentialityLevelCode { get; init; }
    public IReadOnlyList<EspdDocumentReference> Documents { get; init; } = [];
}

public sealed record EspdDocumentReference
{
    public required EspdText Id { get; init; }
    public EspdText? IssueDate { get; init; }
    public IReadOnlyList<EspdText> Descriptions { get; init; } = [];
    public EspdText? Uri { get; init; }
    public IReadOnlyList<EspdText> IssuerIdentifiers { get; init; } = [];
    public IReadOnlyList<EspdText> IssuerNames { get; init; } = [];
}
