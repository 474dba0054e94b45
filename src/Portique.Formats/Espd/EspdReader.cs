using System.Xml.Linq;

namespace Portique.Formats.Espd;

/// <summary>
/// Maps a parsed ESPD-EDM document (already bounded and schema-checked by <see cref="EspdXml"/>) onto <see cref="EspdDocument"/>.
/// An element the model does not keep is never dropped silently: it is reported (ESPD-KEEP-01) so a round trip cannot lose it
/// unnoticed.
/// </summary>
internal sealed class EspdReader
{
    internal const string Cac = "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2";
    internal const string Cbc = "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2";

    private readonly List<Finding> _findings;

    private EspdReader(List<Finding> findings) => _findings = findings;

    public static EspdDocument Read(XElement root, EspdKind kind, List<Finding> findings) => new EspdReader(findings).Document(root, kind);

    private EspdDocument Document(XElement root, EspdKind kind)
    {
        var d = new EspdDocument { Kind = kind };
        List<EspdText> notes = [];
        List<EspdLot> lots = [];
        List<EspdCriterion> criteria = [];
        List<EspdCriterionResponse> responses = [];
        List<EspdEvidence> evidences = [];
        foreach (var e in root.Elements())
        {
            d = Name(e) switch
            {
                "UBLVersionID" => d with { UblVersionId = Text(e) },
                "CustomizationID" => d with { CustomizationId = Text(e) },
                "ProfileID" => d with { ProfileId = Text(e) },
                "ProfileExecutionID" => d with { ProfileExecutionId = Text(e) },
                "ID" => d with { Id = Text(e) },
                "CopyIndicator" => d with { CopyIndicator = Text(e) },
                "UUID" => d with { Uuid = Text(e) },
                "ContractFolderID" => d with { ContractFolderId = Text(e) },
                "ContractName" => d with { ContractName = Text(e) },
                "IssueDate" => d with { IssueDate = Text(e) },
                "IssueTime" => d with { IssueTime = Text(e) },
                "EconomicOperatorGroupName" => d with { EconomicOperatorGroupName = Text(e) },
                "VersionID" => d with { VersionId = Text(e) },
                "PreviousVersionID" => d with { PreviousVersionId = Text(e) },
                "ProcedureCode" => d with { ProcedureCode = Text(e) },
                "QualificationApplicationTypeCode" => d with { QualificationApplicationTypeCode = Text(e) },
                "Note" => Add(d, notes, Text(e)),
                "ContractingParty" => d with { ContractingParty = ContractingParty(e) },
                "EconomicOperatorParty" => d with { EconomicOperator = EconomicOperator(e) },
                "ProcurementProject" => d with { Project = Project(e) },
                "ProcurementProjectLot" => Add(d, lots, Lot(e)),
                "TenderingCriterion" => Add(d, criteria, Criterion(e)),
                "TenderingCriterionResponse" => Add(d, responses, Response(e)),
                "Evidence" => Add(d, evidences, Evidence(e)),
                _ => Unkept(d, e),
            };
        }
        return d with { Notes = notes, Lots = lots, Criteria = criteria, Responses = responses, Evidences = evidences };
    }

    private EspdContractingParty ContractingParty(XElement e)
    {
        EspdText? profile = null;
        EspdParty? party = null;
        foreach (var c in e.Elements())
        {
            switch (Name(c))
            {
                case "BuyerProfileURI": profile = Text(c); break;
                case "Party": party = Party(c); break;
                default: Unkept(c); break;
            }
        }
        return new EspdContractingParty(profile, party ?? new EspdParty());
    }

    private EspdEconomicOperator EconomicOperator(XElement e)
    {
        List<EspdText> roles = [], descriptions = [];
        EspdParty? party = null;
        foreach (var c in e.Elements())
        {
            switch (Name(c))
            {
                case "EconomicOperatorRole":
                    foreach (var r in c.Elements())
                    {
                        switch (Name(r))
                        {
                            case "RoleCode": roles.Add(Text(r)); break;
                            case "RoleDescription": descriptions.Add(Text(r)); break;
                            default: Unkept(r); break;
                        }
                    }
                    break;
                case "Party": party = Party(c); break;
                default: Unkept(c); break;
            }
        }
        return new EspdEconomicOperator(roles, descriptions, party);
    }

    private EspdParty Party(XElement e)
    {
        var p = new EspdParty();
        List<EspdText> ids = [], names = [];
        List<EspdRepresentative> representatives = [];
        foreach (var c in e.Elements())
        {
            p = Name(c) switch
            {
                "WebsiteURI" => p with { WebsiteUri = Text(c) },
                "EndpointID" => p with { EndpointId = Text(c) },
                "IndustryClassificationCode" => p with { IndustryClassificationCode = Text(c) },
                "PartyIdentification" => Add(p, ids, Single(c, "ID")),
                "PartyName" => Add(p, names, Single(c, "Name")),
                "PostalAddress" => p with { PostalAddress = Address(c) },
                "Contact" => p with { Contact = Contact(c) },
                "PowerOfAttorney" => Add(p, representatives, Representative(c)),
                _ => Unkept(p, c),
            };
        }
        return p with { Identifiers = ids, Names = names, Representatives = representatives };
    }

    private EspdAddress Address(XElement e)
    {
        var a = new EspdAddress();
        foreach (var c in e.Elements())
        {
            a = Name(c) switch
            {
                "StreetName" => a with { StreetName = Text(c) },
                "AdditionalStreetName" => a with { AdditionalStreetName = Text(c) },
                "BuildingNumber" => a with { BuildingNumber = Text(c) },
                "CityName" => a with { CityName = Text(c) },
                "PostalZone" => a with { PostalZone = Text(c) },
                "CountrySubentity" => a with { CountrySubentity = Text(c) },
                "Country" => a with { CountryCode = Single(c, "IdentificationCode") },
                _ => Unkept(a, c),
            };
        }
        return a;
    }

    private EspdContact Contact(XElement e)
    {
        var k = new EspdContact();
        foreach (var c in e.Elements())
        {
            k = Name(c) switch
            {
                "Name" => k with { Name = Text(c) },
                "Telephone" => k with { Telephone = Text(c) },
                "Telefax" => k with { Telefax = Text(c) },
                "ElectronicMail" => k with { ElectronicMail = Text(c) },
                _ => Unkept(k, c),
            };
        }
        return k;
    }

    private EspdRepresentative Representative(XElement e)
    {
        var r = new EspdRepresentative();
        foreach (var c in e.Elements())
        {
            switch (Name(c))
            {
                case "Description": r = r with { Description = Text(c) }; break;
                case "AgentParty":
                    foreach (var a in c.Elements())
                    {
                        if (Name(a) != "Person")
                        {
                            Unkept(a);
                            continue;
                        }
                        foreach (var p in a.Elements())
                        {
                            r = Name(p) switch
                            {
                                "FirstName" => r with { FirstName = Text(p) },
                                "FamilyName" => r with { FamilyName = Text(p) },
                                "BirthDate" => r with { BirthDate = Text(p) },
                                "BirthplaceName" => r with { BirthplaceName = Text(p) },
                                "Contact" => r with { Contact = Contact(p) },
                                "ResidenceAddress" => r with { ResidenceAddress = Address(p) },
                                _ => Unkept(r, p),
                            };
                        }
                    }
                    break;
                default: Unkept(c); break;
            }
        }
        return r;
    }

    private EspdProject Project(XElement e)
    {
        EspdText? id = null, name = null, type = null;
        List<EspdText> descriptions = [];
        foreach (var c in e.Elements())
        {
            switch (Name(c))
            {
                case "ID": id = Text(c); break;
                case "Name": name = Text(c); break;
                case "Description": descriptions.Add(Text(c)); break;
                case "ProcurementTypeCode": type = Text(c); break;
                default: Unkept(c); break;
            }
        }
        return new EspdProject(id, name, descriptions, type);
    }

    private EspdLot Lot(XElement e)
    {
        foreach (var c in e.Elements().Where(c => Name(c) != "ID"))
            Unkept(c);
        return new EspdLot(Single(e, "ID") ?? EspdText.Of(""));
    }

    private EspdCriterion Criterion(XElement e)
    {
        var k = new EspdCriterion { Id = EspdText.Of("") };
        List<EspdText> descriptions = [], lots = [];
        List<EspdLegislation> legislations = [];
        List<EspdPropertyGroup> groups = [];
        foreach (var c in e.Elements())
        {
            k = Name(c) switch
            {
                "ID" => k with { Id = Text(c) },
                "CriterionTypeCode" => k with { TypeCode = Text(c) },
                "Name" => k with { Name = Text(c) },
                "Description" => Add(k, descriptions, Text(c)),
                "ProcurementProjectLotReference" => Add(k, lots, Single(c, "ID")),
                "Legislation" => Add(k, legislations, Legislation(c)),
                "TenderingCriterionPropertyGroup" => Add(k, groups, Group(c)),
                _ => Unkept(k, c),
            };
        }
        return k with { Descriptions = descriptions, LotReferences = lots, Legislations = legislations, Groups = groups };
    }

    private EspdLegislation Legislation(XElement e)
    {
        var l = new EspdLegislation();
        List<EspdText> titles = [], descriptions = [], articles = [], languages = [];
        foreach (var c in e.Elements())
        {
            l = Name(c) switch
            {
                "ID" => l with { Id = Text(c) },
                "Title" => Add(l, titles, Text(c)),
                "Description" => Add(l, descriptions, Text(c)),
                "JurisdictionLevel" => l with { JurisdictionLevel = Text(c) },
                "Article" => Add(l, articles, Text(c)),
                "URI" => l with { Uri = Text(c) },
                "Language" => Add(l, languages, Single(c, "LocaleCode")),
                _ => Unkept(l, c),
            };
        }
        return l with { Titles = titles, Descriptions = descriptions, Articles = articles, LanguageCodes = languages };
    }

    private EspdPropertyGroup Group(XElement e)
    {
        var g = new EspdPropertyGroup();
        List<EspdProperty> properties = [];
        List<EspdPropertyGroup> subgroups = [];
        foreach (var c in e.Elements())
        {
            g = Name(c) switch
            {
                "ID" => g with { Id = Text(c) },
                "PropertyGroupTypeCode" => g with { TypeCode = Text(c) },
                "TenderingCriterionProperty" => Add(g, properties, Property(c)),
                // Nesting depth is bounded by FormatLimits.MaxDepth before this recursion runs.
                "SubsidiaryTenderingCriterionPropertyGroup" => Add(g, subgroups, Group(c)),
                _ => Unkept(g, c),
            };
        }
        return g with { Properties = properties, Subgroups = subgroups };
    }

    private EspdProperty Property(XElement e)
    {
        var p = new EspdProperty();
        List<EspdText> names = [], descriptions = [];
        List<KeyValuePair<string, EspdText>> expectations = [];
        foreach (var c in e.Elements())
        {
            var name = Name(c);
            p = name switch
            {
                "ID" => p with { Id = Text(c) },
                "Name" => Add(p, names, Text(c)),
                "Description" => Add(p, descriptions, Text(c)),
                "TypeCode" => p with { TypeCode = Text(c) },
                "ValueDataTypeCode" => p with { ValueDataTypeCode = Text(c) },
                "ApplicablePeriod" => p with { ApplicablePeriod = Period(c) },
                _ when EspdWriter.PropertyExpectations.Contains(name) && !c.HasElements => Add(p, expectations, KeyValuePair.Create(name, Text(c))),
                _ => Unkept(p, c),
            };
        }
        return p with { Names = names, Descriptions = descriptions, Expectations = expectations };
    }

    private EspdPeriod Period(XElement e)
    {
        EspdText? start = null, end = null;
        List<EspdText> descriptions = [];
        foreach (var c in e.Elements())
        {
            switch (Name(c))
            {
                case "StartDate": start = Text(c); break;
                case "EndDate": end = Text(c); break;
                case "Description": descriptions.Add(Text(c)); break;
                default: Unkept(c); break;
            }
        }
        return new EspdPeriod(start, end, descriptions);
    }

    private EspdCriterionResponse Response(XElement e)
    {
        var r = new EspdCriterionResponse { ValidatedPropertyId = EspdText.Of("") };
        List<EspdResponseValue> values = [];
        List<EspdPeriod> periods = [];
        List<EspdText> evidences = [], lots = [];
        foreach (var c in e.Elements())
        {
            r = Name(c) switch
            {
                "ID" => r with { Id = Text(c) },
                "ValidatedCriterionPropertyID" => r with { ValidatedPropertyId = Text(c) },
                "ConfidentialityLevelCode" => r with { ConfidentialityLevelCode = Text(c) },
                "ResponseValue" => Add(r, values, Value(c)),
                "ApplicablePeriod" => Add(r, periods, Period(c)),
                "EvidenceSupplied" => Add(r, evidences, Single(c, "ID")),
                "ProcurementProjectLotReference" => Add(r, lots, Single(c, "ID")),
                _ => Unkept(r, c),
            };
        }
        return r with { Values = values, Periods = periods, EvidenceIds = evidences, LotReferences = lots };
    }

    private EspdResponseValue Value(XElement e)
    {
        var v = new EspdResponseValue();
        List<EspdText> descriptions = [];
        List<KeyValuePair<string, EspdText>> answers = [];
        foreach (var c in e.Elements())
        {
            var name = Name(c);
            v = name switch
            {
                "ID" => v with { Id = Text(c) },
                "Description" => Add(v, descriptions, Text(c)),
                _ when EspdWriter.ResponseAnswers.Contains(name) => Add(v, answers, KeyValuePair.Create(name, Text(c))),
                _ => Unkept(v, c),
            };
        }
        return v with { Descriptions = descriptions, Answers = answers };
    }

    private EspdEvidence Evidence(XElement e)
    {
        var v = new EspdEvidence { Id = EspdText.Of("") };
        List<EspdText> descriptions = [];
        List<EspdDocumentReference> documents = [];
        foreach (var c in e.Elements())
        {
            v = Name(c) switch
            {
                "ID" => v with { Id = Text(c) },
                "Description" => Add(v, descriptions, Text(c)),
                "ConfidentialityLevelCode" => v with { ConfidentialityLevelCode = Text(c) },
                "DocumentReference" => Add(v, documents, DocumentReference(c)),
                _ => Unkept(v, c),
            };
        }
        return v with { Descriptions = descriptions, Documents = documents };
    }

    private EspdDocumentReference DocumentReference(XElement e)
    {
        var d = new EspdDocumentReference { Id = EspdText.Of("") };
        List<EspdText> descriptions = [], issuerIds = [], issuerNames = [];
        foreach (var c in e.Elements())
        {
            switch (Name(c))
            {
                case "ID": d = d with { Id = Text(c) }; break;
                case "IssueDate": d = d with { IssueDate = Text(c) }; break;
                case "DocumentDescription": descriptions.Add(Text(c)); break;
                case "Attachment":
                    foreach (var a in c.Elements())
                    {
                        if (Name(a) == "ExternalReference" && a.Elements().All(x => Name(x) == "URI"))
                            d = d with { Uri = Single(a, "URI") };
                        else
                            Unkept(a);
                    }
                    break;
                case "IssuerParty":
                    foreach (var p in c.Elements())
                    {
                        switch (Name(p))
                        {
                            case "PartyIdentification": if (Single(p, "ID") is { } id) issuerIds.Add(id); break;
                            case "PartyName": if (Single(p, "Name") is { } name) issuerNames.Add(name); break;
                            default: Unkept(p); break;
                        }
                    }
                    break;
                default: Unkept(c); break;
            }
        }
        return d with { Descriptions = descriptions, IssuerIdentifiers = issuerIds, IssuerNames = issuerNames };
    }

    // ---- helpers ----

    /// <summary>The local name of a UBL element; elements of any other namespace are named so that no case matches them.</summary>
    private static string Name(XElement e) =>
        e.Name.NamespaceName is Cac or Cbc ? e.Name.LocalName : "{" + e.Name.NamespaceName + "}" + e.Name.LocalName;

    internal static EspdText Text(XElement e) =>
        new(e.Value, e.Attributes().Where(a => !a.IsNamespaceDeclaration).Select(a => KeyValuePair.Create(a.Name.LocalName, a.Value)).ToList());

    /// <summary>The only child named <paramref name="name"/> of an aggregate; any other child is reported as not kept.</summary>
    private EspdText? Single(XElement e, string name)
    {
        EspdText? value = null;
        foreach (var c in e.Elements())
        {
            if (Name(c) == name && value is null && !c.HasElements)
                value = Text(c);
            else
                Unkept(c);
        }
        return value;
    }

    private static T Add<T, TItem>(T owner, List<TItem> list, TItem? item)
    {
        if (item is not null)
            list.Add(item);
        return owner;
    }

    private T Unkept<T>(T owner, XElement e)
    {
        Unkept(e);
        return owner;
    }

    private void Unkept(XElement e)
    {
        if (_findings.Count(f => f.Rule == EspdRules.NotKept) < 50)
            _findings.Add(EspdMessages.Finding(EspdRules.NotKept, Severity.Warning, PathOf(e), e.Name.LocalName));
    }

    internal static string PathOf(XElement e)
    {
        var parts = new Stack<string>();
        for (var x = e; x is not null; x = x.Parent)
        {
            var prefix = x.Name.NamespaceName == Cac ? "cac:" : x.Name.NamespaceName == Cbc ? "cbc:" : "";
            var index = x.Parent is null ? 1 : x.ElementsBeforeSelf(x.Name).Count() + 1;
            parts.Push($"{prefix}{x.Name.LocalName}[{index}]");
        }
        return "/" + string.Join("/", parts);
    }
}
