using System.Collections;
using System.Globalization;
using System.Reflection;
using Portique.Formats.Model;

namespace Portique.Formats.Tests.Conversion;

/// <summary>
/// A structural comparison of two models by their public settable properties. Decimals compare by their written form so that the
/// scale must survive too; party identifiers compare as a set since CII writes scheme-less ones first.
/// </summary>
internal static class ModelDiff
{
    public static List<string> Compare(Invoice expected, Invoice actual)
    {
        var diffs = new List<string>();
        Walk("Invoice", expected, actual, diffs);
        return diffs;
    }

    private static void Walk(string path, object? a, object? b, List<string> diffs)
    {
        if (a is null || b is null)
        {
            if (!IsEmpty(a) || !IsEmpty(b))
            {
                diffs.Add($"{path}: {Show(a)} != {Show(b)}");
            }
            return;
        }
        var type = a.GetType();
        if (type == typeof(string) || type.IsValueType)
        {
            if (!string.Equals(Show(a), Show(b), StringComparison.Ordinal))
            {
                diffs.Add($"{path}: {Show(a)} != {Show(b)}");
            }
            return;
        }
        if (a is IList listA && b is IList listB)
        {
            var itemsA = listA.Cast<object>().ToList();
            var itemsB = listB.Cast<object>().ToList();
            if (itemsA.FirstOrDefault() is Identifier || itemsB.FirstOrDefault() is Identifier)
            {
                itemsA = [.. itemsA.OrderBy(i => i.ToString(), StringComparer.Ordinal)];
                itemsB = [.. itemsB.OrderBy(i => i.ToString(), StringComparer.Ordinal)];
            }
            if (itemsA.Count != itemsB.Count)
            {
                diffs.Add($"{path}: {itemsA.Count} items != {itemsB.Count} items");
                return;
            }
            for (var i = 0; i < itemsA.Count; i++)
            {
                Walk($"{path}[{i}]", itemsA[i], itemsB[i], diffs);
            }
            return;
        }
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.SetMethod is null || property.Name == nameof(Invoice.SourceSyntax))
            {
                continue;
            }
            Walk($"{path}.{property.Name}", property.GetValue(a), property.GetValue(b), diffs);
        }
    }

    /// <summary>An absent group and a group with nothing in it carry the same information.</summary>
    private static bool IsEmpty(object? value) => value switch
    {
        null => true,
        string s => s.Length == 0,
        IList list => list.Count == 0,
        _ when value.GetType().IsValueType => false,
        _ => value.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.SetMethod is not null)
            .All(p => IsEmpty(p.GetValue(value))),
    };

    private static string Show(object? value) => value switch
    {
        null => "null",
        decimal d => d.ToString(CultureInfo.InvariantCulture),
        DateOnly date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };
}
