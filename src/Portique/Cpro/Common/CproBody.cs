using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Portique.Common;

namespace Portique.Cpro.Common;

/// <summary>
/// Liberal reading of a /cpro request body, as Chorus Pro clients send them in the wild: any content type, unknown fields ignored,
/// and in filters <c>null</c>, <c>""</c>, <c>0</c>, <c>false</c> and <c>{}</c> all mean "not set". A field known to be an object, a
/// string or an array in different clients is read in each form.
/// </summary>
internal sealed class CproBody(JsonObject root)
{
    private static readonly string[] PagingWrappers =
        ["paramRecherche", "parametres", "parametresRecherche", "rechercheFactureParFournisseur", "rechercheFactureParRecipiendaire", "pagination",
         "parametresListerRattachementsStructureUtilisateur", "parametresRechercherServicesStructure"];

    public JsonObject Root { get; } = root;

    public static async Task<CproBody> ReadAsync(HttpRequest http, CancellationToken ct)
    {
        // The content type is not checked: clients send application/json, text/json, text/plain or nothing at all.
        using var reader = new StreamReader(http.Body);
        var text = await reader.ReadToEndAsync(ct);
        if (string.IsNullOrWhiteSpace(text))
            return new CproBody([]);
        try
        {
            return JsonNode.Parse(text, documentOptions: new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip }) is JsonObject o
                ? new CproBody(o)
                : throw new PortiqueException("REQUEST_INVALID", "Le corps de la requête doit être un objet JSON.");
        }
        catch (JsonException e)
        {
            throw new PortiqueException("REQUEST_INVALID", $"Requête illisible : {e.Message}");
        }
    }

    /// <summary>A value that is present and meaningful, else null (null, "", 0, false, {} and [] are "not set").</summary>
    public static JsonNode? Meaningful(JsonNode? node) => node switch
    {
        null => null,
        JsonObject o when o.Count == 0 => null,
        JsonArray a when a.Count == 0 => null,
        JsonValue v when v.GetValueKind() == JsonValueKind.String && string.IsNullOrWhiteSpace(v.GetValue<string>()) => null,
        JsonValue v when v.GetValueKind() == JsonValueKind.False => null,
        // A number beyond decimal ("1e309") is not zero: it stays, and is refused as a value by Decimal/Long.
        JsonValue v when v.GetValueKind() == JsonValueKind.Number && v.TryGetValue<decimal>(out var d) && d == 0 => null,
        _ => node,
    };

    public JsonNode? Field(string name) => Meaningful(Root[name]);

    /// <summary>A string field; a number is accepted as its text; an object gives its <paramref name="inner"/> field; an array its first element.</summary>
    public string? String(string name, string? inner = null) => AsString(Field(name), inner);

    public static string? AsString(JsonNode? node, string? inner = null) => Meaningful(node) switch
    {
        JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>().Trim(),
        JsonValue v when v.GetValueKind() == JsonValueKind.Number => v.ToJsonString(),
        JsonValue v when v.GetValueKind() == JsonValueKind.True => "true",
        JsonObject o when inner is not null => AsString(o[inner]),
        JsonObject o when o.Count == 1 => AsString(o.First().Value),
        JsonArray a => AsString(a[0], inner),
        _ => null,
    };

    /// <summary>Every string value of a field that may be a single value or an array of values or of objects.</summary>
    public IReadOnlyList<string> Strings(string name, string? inner = null) => Field(name) switch
    {
        JsonArray a => [.. a.Select(x => AsString(x, inner)).OfType<string>()],
        var single when AsString(single, inner) is { } s => [s],
        _ => [],
    };

    public long? Long(string name, string? inner = null) => AsLong(Field(name), name, inner);

    public static long? AsLong(JsonNode? node, string name, string? inner = null) => AsString(node, inner) is not { } text
        ? null
        : long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
            ? value == 0 ? null : value
            : throw new PortiqueException("FIELD_INVALID", $"« {name} » doit être un nombre entier : « {text} ».");

    public long RequiredLong(string name, params string[] aliases) =>
        aliases.Prepend(name).Select(n => Long(n)).FirstOrDefault(v => v is not null)
        ?? throw new PortiqueException("FIELD_REQUIRED", $"« {name} » est obligatoire.");

    public string RequiredString(string name) =>
        String(name) ?? throw new PortiqueException("FIELD_REQUIRED", $"« {name} » est obligatoire.");

    public decimal? Decimal(JsonNode? node, string name) => AsString(node) is not { } text
        ? null
        : decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new PortiqueException("FIELD_INVALID", $"« {name} » doit être un montant : « {text} ».");

    /// <summary>A number for which 0 is a value (a VAT rate of 0 %), not the filters' "not set".</summary>
    public decimal? DecimalWithZero(JsonNode? node, string name) =>
        node is JsonValue v && v.GetValueKind() == JsonValueKind.Number
            ? v.TryGetValue<decimal>(out var d) ? d : throw new PortiqueException("FIELD_INVALID", $"« {name} » est hors de la plage des montants : « {v.ToJsonString()} ».")
            : Decimal(node, name);

    /// <summary>A date as YYYY-MM-DD or as a full timestamp (its calendar date, in its own offset).</summary>
    public static DateOnly? Date(JsonNode? node, string name)
    {
        if (AsString(node) is not { } text)
            return null;
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            return date;
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var stamp))
            return DateOnly.FromDateTime(stamp.DateTime);
        throw new PortiqueException("FIELD_INVALID", $"« {name} » doit être une date AAAA-MM-JJ ou un horodatage : « {text} ».");
    }

    /// <summary>An enumeration value in any case.</summary>
    public static T? Enum<T>(string? text, string name) where T : struct, System.Enum =>
        text is null
            ? null
            : System.Enum.TryParse<T>(text, ignoreCase: true, out var value) && System.Enum.IsDefined(value)
                ? value
                : throw new PortiqueException("FIELD_INVALID", $"Valeur inconnue pour « {name} » : « {text} ».");

    /// <summary>typeStructure / structurePriveePublique: PUBLIQUE → public, PRIVEE → private, absent → either.</summary>
    public static bool? IsPublic(string? kind) => kind?.ToUpperInvariant() switch
    {
        null => null,
        "PUBLIQUE" => true,
        "PRIVEE" => false,
        _ => throw new PortiqueException("FIELD_INVALID", $"« typeStructure » doit être PUBLIQUE ou PRIVEE : « {kind} »."),
    };

    /// <summary>The paging fields, at the root or in any of the wrappers Chorus Pro's calls use.</summary>
    public (int Page, int Size, string? Column, bool Ascending) Paging()
    {
        var holders = PagingWrappers.Select(w => Field(w) as JsonObject).OfType<JsonObject>().Prepend(Root).ToList();
        string? Pick(string field) => holders.Select(h => AsString(h[field])).FirstOrDefault(v => v is not null);
        var page = int.TryParse(Pick("pageResultatDemandee"), CultureInfo.InvariantCulture, out var p) && p > 0 ? p : 1;
        var size = int.TryParse(Pick("nbResultatsParPage"), CultureInfo.InvariantCulture, out var s) && s > 0 ? s : 10;
        // go-choruspro writes the direction "triSense" (and its ascending value with a trailing space).
        var direction = (Pick("triSens") ?? Pick("triSense"))?.Trim();
        return (page, size, Pick("triColonne"), !string.Equals(direction, "Descendant", StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>
    /// A sub-list's paging (rechercheLignePoste, recherchePj, paramRechercheHistoStatuts…): the fields whose names start with
    /// nbResultatsParPage and pageResultatDemandee in the first of <paramref name="wrappers"/> present; every item when absent.
    /// </summary>
    public (int Page, int? Size) SubPaging(params string[] wrappers)
    {
        foreach (var wrapper in wrappers)
        {
            if (Field(wrapper) is not JsonObject holder)
                continue;
            string? Pick(string prefix) => holder.Where(f => f.Key.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
                .Select(f => AsString(f.Value)).FirstOrDefault(v => v is not null);
            var page = int.TryParse(Pick("pageResultatDemandee"), CultureInfo.InvariantCulture, out var asked) && asked > 0 ? asked : 1;
            int? size = int.TryParse(Pick("nbResultatsParPage"), CultureInfo.InvariantCulture, out var count) && count > 0 ? Math.Min(count, PageRequest.MaxSize) : null;
            return (page, size);
        }
        return (1, null);
    }

    /// <summary>
    /// Filters Portique cannot apply (it keeps no such data): a meaningful value is refused rather than silently ignored,
    /// which would answer more than was asked. "Not set" values (0, "", false…) pass, as clients send them by default.
    /// </summary>
    public void Unsupported(params string[] names)
    {
        foreach (var name in names)
            if (Field(name) is not null)
                throw new PortiqueException("FILTER_UNSUPPORTED", $"Le critère « {name} » n'est pas pris en charge par Portique (voir docs/api-cpro.md).");
    }
}
