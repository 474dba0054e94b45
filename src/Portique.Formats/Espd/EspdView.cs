using System.Globalization;
using Portique.Formats.Rendering;

namespace Portique.Formats.Espd;

/// <summary>One line of a readable ESPD: a label and its value, indented by the depth of its question group.</summary>
internal sealed record EspdViewRow(string Label, string Value, int Indent = 0);

internal sealed record EspdViewSection(string Title, string? Subtitle, IReadOnlyList<EspdViewRow> Rows);

/// <summary>
/// What a reader sees of an ESPD document, worded once for both renderings (HTML and PDF): the title, the header facts, the
/// parties, the lots, then each criterion with its questions and, in a response, the answers given. Criterion names come from
/// the taxonomy in the reader's language; the buyer's own texts are shown as written.
/// </summary>
internal sealed class EspdView
{
    public required string Title { get; init; }
    public required RenderLanguage Language { get; init; }
    public required IReadOnlyList<EspdViewRow> Header { get; init; }
    public required IReadOnlyList<EspdViewSection> Sections { get; init; }
    public required string PageWord { get; init; }

    /// <summary>The characters of text the view shows, for the rendering budget.</summary>
    public long TextLength => Title.Length + Rows().Sum(r => (long)r.Label.Length + r.Value.Length) + Sections.Sum(s => (long)s.Title.Length);

    private IEnumerable<EspdViewRow> Rows() => Header.Concat(Sections.SelectMany(s => s.Rows));

    private sealed record Words(
        string Request, string Response, string Id, string Folder, string ContractName, string IssueDate, string Procedure,
        string Version, string Buyer, string Operator, string Name, string Identifiers, string Address, string Contact, string Website,
        string Size, string Role, string Representative, string Project, string Lots, string Criterion, string Code, string Yes,
        string No, string NotAnswered, string Period, string Evidence, string Evidences, string Expected, string Answer, string Page,
        string Document, string Issuer, string Confidentiality, string Legislation);

    private static readonly Words French = new(
        "Document unique de marché européen (DUME) — demande", "Document unique de marché européen (DUME) — réponse",
        "Identifiant", "Référence de la consultation", "Intitulé", "Date d'émission", "Procédure", "Version ESPD-EDM", "Acheteur",
        "Opérateur économique", "Nom", "Identifiants", "Adresse", "Contact", "Site web", "Taille de l'entreprise", "Rôle",
        "Représentant", "Marché", "Lots", "Critère", "Code", "Oui", "Non", "Non répondu", "du {0} au {1}", "Preuve", "Preuves",
        "Attendu", "Réponse", "Page", "Document", "Émetteur", "Confidentialité", "Texte de référence");

    private static readonly Words English = new(
        "European Single Procurement Document (ESPD) — request", "European Single Procurement Document (ESPD) — response",
        "Identifier", "Procedure reference", "Title", "Issue date", "Procedure", "ESPD-EDM version", "Buyer", "Economic operator",
        "Name", "Identifiers", "Address", "Contact", "Website", "Company size", "Role", "Representative", "Procurement", "Lots",
        "Criterion", "Code", "Yes", "No", "Not answered", "from {0} to {1}", "Evidence", "Evidences", "Expected", "Answer", "Page",
        "Document", "Issuer", "Confidentiality", "Legislation");

    public static EspdView Of(EspdDocument d, RenderLanguage language)
    {
        var w = language == RenderLanguage.English ? English : French;
        var header = new List<EspdViewRow>();
        Row(header, w.Id, d.Id?.Value);
        Row(header, w.Folder, d.ContractFolderId?.Value);
        Row(header, w.ContractName, d.ContractName?.Value);
        Row(header, w.IssueDate, Date(d.IssueDate?.Value));
        Row(header, w.Procedure, d.ProcedureCode?.Value);
        Row(header, w.Version, d.VersionId?.Value);

        var sections = new List<EspdViewSection>();
        if (d.ContractingParty is { } buyer)
            sections.Add(new EspdViewSection(w.Buyer, null, PartyRows(buyer.Party, w)));
        if (d.EconomicOperator is { } eo)
        {
            var rows = eo.Party is null ? [] : PartyRows(eo.Party, w);
            Row(rows, w.Role, string.Join(", ", eo.RoleCodes.Select(r => r.Value).Concat(eo.RoleDescriptions.Select(r => r.Value))));
            sections.Add(new EspdViewSection(w.Operator, null, rows));
        }
        if (d.Project is not null || d.Lots.Count > 0)
        {
            var rows = new List<EspdViewRow>();
            Row(rows, w.Name, d.Project?.Name?.Value);
            foreach (var description in d.Project?.Descriptions ?? [])
                Row(rows, "", description.Value);
            Row(rows, w.Lots, string.Join(", ", d.Lots.Select(l => l.Id.Value)));
            sections.Add(new EspdViewSection(w.Project, null, rows));
        }

        var answers = d.Responses.ToLookup(r => r.ValidatedPropertyId.Value, StringComparer.Ordinal);
        var evidences = d.Evidences.ToDictionary(e => e.Id.Value, StringComparer.Ordinal);
        var showLots = d.Lots.Count > 1;
        foreach (var criterion in d.Criteria)
        {
            var code = criterion.TypeCode?.Value;
            var type = code is null ? null : EspdTaxonomy.Find(code);
            var title = type?.NameIn(language) ?? criterion.Name?.Value ?? code ?? w.Criterion;
            var rows = new List<EspdViewRow>();
            foreach (var description in criterion.Descriptions)
                Row(rows, "", description.Value);
            foreach (var legislation in criterion.Legislations)
                Row(rows, w.Legislation, string.Join(" — ", legislation.Titles.Concat(legislation.Articles).Select(t => t.Value).Append(legislation.Uri?.Value ?? "")
                    .Where(t => t.Length > 0)));
            foreach (var group in criterion.Groups)
                GroupRows(group, 0, rows, d.Kind, answers, evidences, showLots, w);
            sections.Add(new EspdViewSection(title, code is null ? null : $"{w.Code} {code}", rows));
        }
        return new EspdView
        {
            Title = d.Kind == EspdKind.Request ? w.Request : w.Response,
            Language = language,
            Header = header,
            Sections = sections,
            PageWord = w.Page,
        };
    }

    private static void GroupRows(EspdPropertyGroup group, int depth, List<EspdViewRow> rows, EspdKind kind,
        ILookup<string, EspdCriterionResponse> answers, Dictionary<string, EspdEvidence> evidences, bool showLots, Words w)
    {
        foreach (var property in group.Properties)
        {
            var label = string.Join(" ", property.Descriptions.Concat(property.Names).Select(t => t.Value)).Trim();
            var type = property.TypeCode?.Value;
            if (type == "CAPTION")
            {
                rows.Add(new EspdViewRow(label, "", depth));
                continue;
            }
            if (type == "REQUIREMENT" || kind == EspdKind.Request)
            {
                var expected = string.Join(", ", property.Expectations.Select(e => Value(e.Key, e.Value, w)));
                rows.Add(new EspdViewRow(label, expected.Length > 0 ? $"{w.Expected} : {expected}" : "", depth));
                continue;
            }
            var given = property.Id is null ? [] : answers[property.Id.Value].ToList();
            rows.Add(new EspdViewRow(label, given.Count == 0 ? w.NotAnswered : string.Join(" ; ", given.Select(a => Answer(a, evidences, showLots, w))), depth));
        }
        foreach (var subgroup in group.Subgroups)
            GroupRows(subgroup, depth + 1, rows, kind, answers, evidences, showLots, w);
    }

    private static string Answer(EspdCriterionResponse r, Dictionary<string, EspdEvidence> evidences, bool showLots, Words w)
    {
        var parts = new List<string>();
        foreach (var value in r.Values)
        {
            parts.AddRange(value.Answers.Select(a => Value(a.Key, a.Value, w)));
            parts.AddRange(value.Descriptions.Select(t => t.Value));
        }
        parts.AddRange(r.Periods.Select(p => string.Format(CultureInfo.InvariantCulture, w.Period, Date(p.StartDate?.Value), Date(p.EndDate?.Value))));
        foreach (var id in r.EvidenceIds)
        {
            var evidence = evidences.GetValueOrDefault(id.Value);
            var where = evidence?.Documents.Select(doc => doc.Uri?.Value ?? doc.Id.Value).FirstOrDefault();
            parts.Add($"{w.Evidence} {id.Value}{(where is null ? "" : $" ({where})")}");
        }
        if (showLots && r.LotReferences.Count > 0)
            parts.Add($"{w.Lots} : {string.Join(", ", r.LotReferences.Select(l => l.Value))}");
        return string.Join(" — ", parts.Where(p => p.Length > 0));
    }

    /// <summary>An answered or expected value as a reader reads it: yes/no, amounts with their currency, dates dd/mm/yyyy.</summary>
    private static string Value(string element, EspdText value, Words w) => element switch
    {
        "ResponseIndicator" or "ExpectedIndicator" => value.Value.Trim() switch { "true" or "1" => w.Yes, "false" or "0" => w.No, var v => v },
        "ResponseAmount" or "ExpectedAmount" or "MinimumAmount" or "MaximumAmount" => Amount(value),
        "ResponseDate" => Date(value.Value),
        "ResponseQuantity" or "ResponseMeasure" when value.Attribute("unitCode") is { } unit => $"{value.Value} {unit}",
        _ => value.Value,
    };

    private static string Amount(EspdText amount)
    {
        var currency = amount.Attribute("currencyID");
        var text = decimal.TryParse(amount.Value, NumberStyles.Number, CultureInfo.InvariantCulture, out var n)
            ? n.ToString("N2", CultureInfo.GetCultureInfo("fr-FR"))
            : amount.Value;
        return currency is null ? text : currency == "EUR" ? $"{text} €" : $"{text} {currency}";
    }

    private static string Date(string? iso) =>
        iso is not null && DateOnly.TryParseExact(iso.Trim().Length >= 10 ? iso.Trim()[..10] : iso, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture)
            : iso ?? "";

    private static List<EspdViewRow> PartyRows(EspdParty p, Words w)
    {
        var rows = new List<EspdViewRow>();
        Row(rows, w.Name, string.Join(", ", p.Names.Select(n => n.Value)));
        Row(rows, w.Identifiers, string.Join(", ", p.Identifiers.Select(i => i.Attribute("schemeAgencyID") is { } agency ? $"{i.Value} ({agency})" : i.Value)));
        Row(rows, w.Address, Address(p.PostalAddress));
        if (p.Contact is { } c)
            Row(rows, w.Contact, string.Join(", ", new[] { c.Name, c.Telephone, c.ElectronicMail }.Where(x => x is not null).Select(x => x!.Value)));
        Row(rows, w.Website, p.WebsiteUri?.Value);
        Row(rows, w.Size, p.IndustryClassificationCode?.Value);
        foreach (var r in p.Representatives)
        {
            Row(rows, w.Representative, string.Join(", ", new[] { $"{r.FirstName?.Value} {r.FamilyName?.Value}".Trim(), r.Description?.Value ?? "",
                r.Contact?.ElectronicMail?.Value ?? "", Address(r.ResidenceAddress) }.Where(x => x.Length > 0)));
        }
        return rows;
    }

    private static string Address(EspdAddress? a) =>
        a is null ? "" : string.Join(", ", new[] { a.StreetName, a.AdditionalStreetName, a.PostalZone, a.CityName, a.CountrySubentity, a.CountryCode }
            .Where(x => x is not null && x.Value.Length > 0).Select(x => x!.Value));

    /// <summary>A fact row, left out when there is nothing to say.</summary>
    private static void Row(List<EspdViewRow> rows, string label, string? value)
    {
        if (!string.IsNullOrWhiteSpace(value))
            rows.Add(new EspdViewRow(label, value));
    }
}
