using System.Linq.Expressions;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Portique.Common;

namespace Portique.Annuaire.Afnor;

/// <summary>What one resource accepts in a search: filter fields with their operators, response fields, sort fields, includes.</summary>
public sealed record SearchSpec(string Resource, IReadOnlyDictionary<string, string[]> Filters, IReadOnlyList<string> Fields, IReadOnlyList<string> Sortable, IReadOnlyList<string> Includes);

public sealed record SearchFilter(string Field, string Op, string Value);

public sealed record SearchSort(string Field, bool Descending);

/// <summary>
/// A search body of XP Z12-013 (filters {field: {op, value}}, sorting [{field, order}], fields, include, limit, ignore), read
/// strictly: an unknown field, operator or key, or a value of the wrong type is a 400 naming it. The 1.2.0 key
/// "sortingOrder" is accepted beside "order" (b2b-reform.md §6.4).
/// </summary>
public sealed record SearchQuery(IReadOnlyList<SearchFilter> Filters, IReadOnlyList<SearchSort> Sorting, IReadOnlyList<string>? Fields, IReadOnlyList<string> Include,
    int Limit, int Ignore, JsonNode Echo)
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 1000;
    public const string Strict = "strict";
    public const string Contains = "contains";
    public const string StartWith = "startWith";

    public static SearchQuery Parse(JsonElement body, SearchSpec spec)
    {
        if (body.ValueKind != JsonValueKind.Object)
            throw Bad("SEARCH_BODY_INVALID", "Le corps de la recherche doit être un objet JSON.");
        var filters = new List<SearchFilter>();
        var sorting = new List<SearchSort>();
        List<string>? fields = null;
        var include = new List<string>();
        int limit = DefaultLimit, ignore = 0;
        foreach (var property in body.EnumerateObject())
        {
            switch (property.Name)
            {
                case "filters":
                    filters = ParseFilters(property.Value, spec);
                    break;
                case "sorting":
                    sorting = [.. Array(property.Value, "sorting").Select(s => ParseSort(s, spec))];
                    break;
                case "fields":
                    fields = [.. Array(property.Value, "fields").Select(f => Known(Text(f, "fields[]"), spec.Fields, "fields", spec))];
                    break;
                case "include":
                    include = [.. Array(property.Value, "include").Select(f => Known(Text(f, "include[]"), spec.Includes, "include", spec))];
                    break;
                case "limit":
                    limit = Integer(property.Value, "limit", 1, MaxLimit);
                    break;
                case "ignore":
                    ignore = Integer(property.Value, "ignore", 0, int.MaxValue);
                    break;
                default:
                    throw Bad("SEARCH_KEY_UNKNOWN", $"Clé « {property.Name} » inconnue dans la recherche {spec.Resource} (attendues : filters, sorting, fields, include, limit, ignore).");
            }
        }
        var echo = JsonNode.Parse(body.GetRawText())!;
        echo["limit"] = limit;
        echo["ignore"] = ignore;
        return new SearchQuery(filters, sorting, fields, include, limit, ignore, echo);
    }

    private static List<SearchFilter> ParseFilters(JsonElement value, SearchSpec spec)
    {
        if (value.ValueKind != JsonValueKind.Object)
            throw Bad("SEARCH_FILTER_INVALID", "« filters » doit être un objet {champ: {op, value}}.");
        var filters = new List<SearchFilter>();
        foreach (var filter in value.EnumerateObject())
        {
            if (!spec.Filters.TryGetValue(filter.Name, out var ops))
                throw Bad("SEARCH_FILTER_UNKNOWN", $"Filtre « {filter.Name} » inconnu pour {spec.Resource} (filtres possibles : {string.Join(", ", spec.Filters.Keys)}).");
            if (filter.Value.ValueKind != JsonValueKind.Object)
                throw Bad("SEARCH_FILTER_INVALID", $"Le filtre « {filter.Name} » doit être un objet {{op, value}}.");
            string? op = null, text = null;
            foreach (var part in filter.Value.EnumerateObject())
            {
                if (part.Name == "op")
                    op = Text(part.Value, $"filters.{filter.Name}.op");
                else if (part.Name == "value")
                    text = part.Value.ValueKind switch
                    {
                        JsonValueKind.String => part.Value.GetString(),
                        JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => part.Value.GetRawText(),
                        _ => throw Bad("SEARCH_VALUE_INVALID", $"La valeur du filtre « {filter.Name} » doit être une chaîne."),
                    };
                else
                    throw Bad("SEARCH_KEY_UNKNOWN", $"Clé « {part.Name} » inconnue dans le filtre « {filter.Name} » (attendues : op, value).");
            }
            op ??= ops[0];
            if (!ops.Contains(op))
                throw Bad("SEARCH_OPERATOR_INVALID", $"Opérateur « {op} » impossible sur « {filter.Name} » (possibles : {string.Join(", ", ops)}).");
            if (string.IsNullOrWhiteSpace(text))
                throw Bad("SEARCH_VALUE_INVALID", $"Le filtre « {filter.Name} » n'a pas de valeur.");
            if (text.Length > 255)
                throw Bad("SEARCH_VALUE_INVALID", $"La valeur du filtre « {filter.Name} » dépasse 255 caractères.");
            filters.Add(new SearchFilter(filter.Name, op, text.Trim()));
        }
        return filters;
    }

    private static SearchSort ParseSort(JsonElement value, SearchSpec spec)
    {
        if (value.ValueKind != JsonValueKind.Object)
            throw Bad("SEARCH_SORTING_INVALID", "Chaque tri doit être un objet {field, order}.");
        string? field = null, order = null;
        foreach (var part in value.EnumerateObject())
        {
            if (part.Name == "field")
                field = Known(Text(part.Value, "sorting[].field"), spec.Sortable, "sorting", spec);
            else if (part.Name is "order" or "sortingOrder")
                order = Text(part.Value, "sorting[].order");
            else
                throw Bad("SEARCH_KEY_UNKNOWN", $"Clé « {part.Name} » inconnue dans un tri (attendues : field, order).");
        }
        if (field is null)
            throw Bad("SEARCH_SORTING_INVALID", "Un tri doit nommer son champ (« field »).");
        if (order is not (null or "ascending" or "descending"))
            throw Bad("SEARCH_SORTING_INVALID", $"Ordre de tri « {order} » inconnu (ascending ou descending).");
        return new SearchSort(field, order == "descending");
    }

    private static JsonElement.ArrayEnumerator Array(JsonElement value, string name) =>
        value.ValueKind == JsonValueKind.Array ? value.EnumerateArray() : throw Bad("SEARCH_VALUE_INVALID", $"« {name} » doit être un tableau.");

    private static string Text(JsonElement value, string name) =>
        value.ValueKind == JsonValueKind.String ? value.GetString()! : throw Bad("SEARCH_VALUE_INVALID", $"« {name} » doit être une chaîne.");

    private static string Known(string value, IReadOnlyList<string> allowed, string name, SearchSpec spec) =>
        allowed.Contains(value) ? value : throw Bad("SEARCH_FIELD_UNKNOWN", $"Champ « {value} » inconnu dans « {name} » pour {spec.Resource} (possibles : {string.Join(", ", allowed)}).");

    private static int Integer(JsonElement value, string name, int min, int max) =>
        value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var n) && n >= min && n <= max ? n
            : throw Bad("SEARCH_VALUE_INVALID", $"« {name} » doit être un entier entre {min} et {max}.");

    public static PortiqueException Bad(string code, string message) => new(code, message);

    /// <summary>Filters <paramref name="query"/> on a text column by the operator; LIKE patterns are escaped, values are parameters.</summary>
    public static IQueryable<T> Match<T>(IQueryable<T> query, Expression<Func<T, string?>> column, string op, string value)
    {
        var holder = Expression.Property(Expression.Constant(new Holder(op switch
        {
            Contains => "%" + Escape(value) + "%",
            StartWith => Escape(value) + "%",
            _ => value,
        })), nameof(Holder.Value));
        Expression body = op == Strict
            ? Expression.Equal(column.Body, holder)
            : Expression.Call(LikeMethod, Expression.Constant(EF.Functions), column.Body, holder, Expression.Constant("\\"));
        return query.Where(Expression.Lambda<Func<T, bool>>(body, column.Parameters));
    }

    private static readonly System.Reflection.MethodInfo LikeMethod = typeof(DbFunctionsExtensions).GetMethod(nameof(DbFunctionsExtensions.Like),
        [typeof(DbFunctions), typeof(string), typeof(string), typeof(string)])!;

    private static string Escape(string value) => value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);

    private sealed record Holder(string Value);

    /// <summary>Orders by the requested sorts, then by the key so that pages never repeat nor skip a row.</summary>
    public IQueryable<T> Sort<T>(IQueryable<T> query, Func<string, Expression<Func<T, object?>>> column, Expression<Func<T, object?>> key)
    {
        IOrderedQueryable<T>? ordered = null;
        foreach (var sort in Sorting.Append(new SearchSort("", false)))
        {
            var c = sort.Field == "" ? key : column(sort.Field);
            ordered = ordered is null
                ? sort.Descending ? query.OrderByDescending(c) : query.OrderBy(c)
                : sort.Descending ? ordered.ThenByDescending(c) : ordered.ThenBy(c);
        }
        return ordered!;
    }

    /// <summary>Keeps the requested fields of a result (all when "fields" is absent).</summary>
    public JsonObject Select(JsonObject result)
    {
        if (Fields is null)
            return result;
        foreach (var name in result.Select(p => p.Key).ToList())
        {
            var kept = Fields.Contains(name) || name is "legalUnit" or "facility" or "routingCode"
                || (name == "b2gAdditionalData" && Fields.Any(f => f is "pmStatus" or "pmOnly" or "managesPaymentStatus" or "managesLegalCommitment" or "managesLegalCommitmentOrService" or "serviceCodeStatus"));
            if (!kept)
                result.Remove(name);
        }
        return result;
    }
}
