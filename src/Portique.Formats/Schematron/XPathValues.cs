using System.Globalization;

namespace Portique.Formats.Schematron;

/// <summary>A dynamic XPath error (a cast that fails, a division by zero): the rule being evaluated cannot decide.</summary>
internal sealed class XPathDynamicException(string message) : Exception(message);

/// <summary>
/// The XPath 2.0 data model as plain objects: null is the empty sequence, a <see cref="TreeNode"/>, string (untyped or
/// string), decimal (xs:integer and xs:decimal), double, bool or <see cref="DateOnly"/> is a single item, and a
/// <see cref="List{T}"/> of those is a longer sequence. Strings read from the document are untyped: compared with a number
/// they are cast to xs:double, as XPath 2.0 does for untypedAtomic.
/// </summary>
internal static class XPathValues
{
    public static int Count(object? value) => value switch
    {
        null => 0,
        List<object> list => list.Count,
        _ => 1,
    };

    public static object Item(object? value, int index) => value is List<object> list ? list[index] : value!;

    public static object? Sequence(List<object> items) => items.Count switch
    {
        0 => null,
        1 => items[0],
        _ => items,
    };

    public static object Atomize(object item) => item is TreeNode node ? node.StringValue : item;

    /// <summary>The effective boolean value.</summary>
    public static bool Boolean(object? value)
    {
        switch (value)
        {
            case null:
                return false;
            case List<object> list:
                // A sequence starting with a node is true; longer atomic sequences are an error in XPath, taken as true.
                return list.Count > 0;
            case TreeNode:
                return true;
            case bool b:
                return b;
            case string s:
                return s.Length > 0;
            case decimal d:
                return d != 0m;
            case double x:
                return x != 0 && !double.IsNaN(x);
            default:
                return true;
        }
    }

    public static string String(object? value) => value switch
    {
        null => "",
        List<object> list => String(list[0]),
        TreeNode node => node.StringValue,
        string s => s,
        decimal d => FormatDecimal(d),
        double x => FormatDouble(x),
        bool b => b ? "true" : "false",
        DateOnly date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    public static string FormatDecimal(decimal d)
    {
        var text = d.ToString(CultureInfo.InvariantCulture);
        if (text.Contains('.', StringComparison.Ordinal))
        {
            text = text.TrimEnd('0').TrimEnd('.');
        }
        return text == "-0" ? "0" : text;
    }

    public static string FormatDouble(double x)
    {
        if (double.IsNaN(x)) return "NaN";
        if (double.IsPositiveInfinity(x)) return "INF";
        if (double.IsNegativeInfinity(x)) return "-INF";
        var abs = Math.Abs(x);
        if (abs == 0 || abs >= 1e-6 && abs < 1e6)
        {
            return FormatDecimal((decimal)x);
        }
        return x.ToString("0.0################E0", CultureInfo.InvariantCulture);
    }

    /// <summary>The xs:double of an atomic value (untyped strings are cast; a string that is no number is NaN).</summary>
    public static double ToDouble(object item) => item switch
    {
        decimal d => (double)d,
        double x => x,
        bool b => b ? 1 : 0,
        string s => ParseDouble(s),
        TreeNode node => ParseDouble(node.StringValue),
        _ => double.NaN,
    };

    public static double ParseDouble(string s)
    {
        var text = s.Trim();
        return text switch
        {
            "INF" => double.PositiveInfinity,
            "-INF" => double.NegativeInfinity,
            _ => double.TryParse(text, NumberStyles.Float & ~NumberStyles.AllowThousands, CultureInfo.InvariantCulture, out var x)
                && !text.Contains(',', StringComparison.Ordinal) ? x : double.NaN,
        };
    }

    /// <summary>xs:decimal(...): a failing cast is a dynamic error, as in XPath.</summary>
    public static decimal ToDecimal(object item)
    {
        switch (item)
        {
            case decimal d:
                return d;
            case double x when !double.IsNaN(x) && !double.IsInfinity(x):
                return (decimal)x;
            case bool b:
                return b ? 1m : 0m;
            case TreeNode node:
                return ToDecimal(node.StringValue);
            case string s:
                var text = s.Trim();
                if (text.Length > 0 && text.Length < 60 && IsDecimalLexical(text)
                    && decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
                {
                    return value;
                }
                throw new XPathDynamicException($"'{Shorten(s)}' is not a decimal number");
            default:
                throw new XPathDynamicException($"'{String(item)}' is not a decimal number");
        }
    }

    private static bool IsDecimalLexical(string text)
    {
        var digits = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsAsciiDigit(c)) digits++;
            else if (c is '+' or '-' && i == 0) { }
            else if (c != '.') return false;
        }
        return digits > 0;
    }

    public static bool ToBooleanCast(object item)
    {
        switch (item)
        {
            case bool b:
                return b;
            case decimal d:
                return d != 0;
            case double x:
                return x != 0 && !double.IsNaN(x);
            default:
                var text = String(item).Trim();
                return text switch
                {
                    "true" or "1" => true,
                    "false" or "0" => false,
                    _ => throw new XPathDynamicException($"'{Shorten(text)}' is not a boolean"),
                };
        }
    }

    public static DateOnly ToDate(object item)
    {
        if (item is DateOnly date)
        {
            return date;
        }
        var text = String(item).Trim();
        // xs:date allows a time zone suffix; the rules compare dates of one document, so it is ignored.
        if (text.Length >= 10 && DateOnly.TryParseExact(text[..10], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var value)
            && (text.Length == 10 || text[10] is 'Z' or '+' or '-'))
        {
            return value;
        }
        throw new XPathDynamicException($"'{Shorten(text)}' is not a date");
    }

    public static bool IsNumeric(object item) => item is decimal or double;

    private static string Shorten(string s) => s.Length > 40 ? s[..40] + "…" : s;

    /// <summary>Compares two atomic values as XPath general comparisons do (untyped values take the other side's type).</summary>
    public static bool CompareAtomic(string op, object a, object b)
    {
        if (a is TreeNode na) a = na.StringValue;
        if (b is TreeNode nb) b = nb.StringValue;
        int order;
        if (a is bool || b is bool)
        {
            var x = a is bool ab ? ab : ToBooleanCast(a);
            var y = b is bool bb ? bb : ToBooleanCast(b);
            order = x.CompareTo(y);
        }
        else if (IsNumeric(a) || IsNumeric(b))
        {
            if (a is decimal da && b is decimal db)
            {
                order = da.CompareTo(db);
            }
            else
            {
                var x = ToDoubleStrict(a);
                var y = ToDoubleStrict(b);
                if (double.IsNaN(x) || double.IsNaN(y))
                {
                    return op == "!=";
                }
                order = x.CompareTo(y);
            }
        }
        else if (a is DateOnly || b is DateOnly)
        {
            order = ToDate(a).CompareTo(ToDate(b));
        }
        else
        {
            order = string.CompareOrdinal((string)a, (string)b);
        }
        return op switch
        {
            "=" => order == 0,
            "!=" => order != 0,
            "<" => order < 0,
            "<=" => order <= 0,
            ">" => order > 0,
            _ => order >= 0,
        };
    }

    /// <summary>An untyped value cast to xs:double for a comparison with a number: a string that is no number is an error.</summary>
    private static double ToDoubleStrict(object item)
    {
        if (item is string s)
        {
            var x = ParseDouble(s);
            if (double.IsNaN(x) && s.Trim() != "NaN")
            {
                throw new XPathDynamicException($"'{Shorten(s)}' is not a number");
            }
            return x;
        }
        return ToDouble(item);
    }

    /// <summary>Adds, subtracts, multiplies or divides two atomic values with XPath's numeric promotion.</summary>
    public static object Arithmetic(string op, object a, object b)
    {
        if (a is TreeNode na) a = na.StringValue;
        if (b is TreeNode nb) b = nb.StringValue;
        if (a is decimal x && b is decimal y)
        {
            switch (op)
            {
                case "+": return x + y;
                case "-": return x - y;
                case "*": return x * y;
                case "div":
                    if (y == 0) throw new XPathDynamicException("division by zero");
                    return x / y;
                case "idiv":
                    if (y == 0) throw new XPathDynamicException("division by zero");
                    return decimal.Truncate(x / y);
                case "mod":
                    if (y == 0) throw new XPathDynamicException("division by zero");
                    return x % y;
            }
        }
        var dx = ToDoubleStrict(a);
        var dy = ToDoubleStrict(b);
        return op switch
        {
            "+" => dx + dy,
            "-" => dx - dy,
            "*" => dx * dy,
            "div" => dx / dy,
            "idiv" => dy == 0 ? throw new XPathDynamicException("division by zero") : (decimal)Math.Truncate(dx / dy),
            _ => dx % dy,
        };
    }

    /// <summary>Deduplicates nodes and sorts them in document order.</summary>
    public static object? DocumentOrder(List<object> items)
    {
        if (items.Count < 2)
        {
            return Sequence(items);
        }
        var sorted = true;
        for (var i = 1; i < items.Count; i++)
        {
            if (items[i] is not TreeNode b || items[i - 1] is not TreeNode a)
            {
                return items;
            }
            if (a.Order >= b.Order)
            {
                sorted = false;
            }
        }
        if (sorted)
        {
            return items;
        }
        items.Sort(static (a, b) => ((TreeNode)a).Order.CompareTo(((TreeNode)b).Order));
        var unique = new List<object>(items.Count) { items[0] };
        for (var i = 1; i < items.Count; i++)
        {
            if (!ReferenceEquals(items[i], items[i - 1]))
            {
                unique.Add(items[i]);
            }
        }
        return Sequence(unique);
    }
}
