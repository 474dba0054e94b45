using System.Collections.Concurrent;
using System.Text;
using System.Text.RegularExpressions;
using static Portique.Formats.Schematron.XPathValues;

namespace Portique.Formats.Schematron;

/// <summary>A function call: the arguments are handed over unevaluated, so and-like functions may stop early.</summary>
internal sealed class FunctionCall(string name, Expr[] args, Func<XPathContext, Expr[], object?> body, bool numeric, bool pure) : Expr
{
    public string Name { get; } = name;
    public override bool IsConstant => pure && args.All(a => a.IsConstant);
    public override IEnumerable<Expr> Operands => args;
    public override bool UsesPosition => Name is "position" or "last" || base.UsesPosition;
    public override bool MayBeNumeric => numeric;
    public override object? Eval(XPathContext c) => body(c, args);
}

/// <summary>
/// The function library: the XPath 2.0 functions the rule sets call, the xs: constructors, and functions a rule set
/// defines itself (the French rules' custom:*), registered by expanded name and written in C#.
/// </summary>
internal sealed class XPathFunctions
{
    public const string XsNamespace = "http://www.w3.org/2001/XMLSchema";
    private const string FnNamespace = "http://www.w3.org/2005/xpath-functions";

    private delegate object? Body(XPathContext c, Expr[] args);

    private readonly Dictionary<string, (int Min, int Max, Body Body, bool Numeric, bool Pure)> _functions = [];

    // Functions whose value depends on the focus or the documents even with constant arguments.
    private static readonly HashSet<string> Impure = ["position", "last", "document", "string", "number", "name", "local-name", "string-length", "normalize-space"];

    private static readonly ConcurrentDictionary<(string, string), Regex> Regexes = new();

    public XPathFunctions()
    {
        Add("count", 1, 1, true, (c, a) => (decimal)Count(a[0].Eval(c)));
        Add("sum", 1, 2, true, Sum);
        Add("round", 1, 1, true, (c, a) => Numeric(c, a[0], static d => Math.Floor(d + 0.5m), static x => Math.Floor(x + 0.5)));
        Add("floor", 1, 1, true, (c, a) => Numeric(c, a[0], Math.Floor, Math.Floor));
        Add("ceiling", 1, 1, true, (c, a) => Numeric(c, a[0], Math.Ceiling, Math.Ceiling));
        Add("abs", 1, 1, true, (c, a) => Numeric(c, a[0], Math.Abs, Math.Abs));
        Add("number", 0, 1, true, (c, a) => a.Length == 0 ? ToDouble(Atomize(c.Item!)) : One(c, a[0]) is { } v ? ToDouble(v) : double.NaN);
        Add("min", 1, 1, true, (c, a) => Extreme(c, a[0], min: true));
        Add("max", 1, 1, true, (c, a) => Extreme(c, a[0], min: false));
        Add("position", 0, 0, true, (c, _) => (decimal)c.Position);
        Add("last", 0, 0, true, (c, _) => (decimal)c.Size);
        Add("not", 1, 1, false, (c, a) => !Boolean(a[0].Eval(c)));
        Add("boolean", 1, 1, false, (c, a) => Boolean(a[0].Eval(c)));
        Add("true", 0, 0, false, (_, _) => true);
        Add("false", 0, 0, false, (_, _) => false);
        Add("exists", 1, 1, false, (c, a) => Count(a[0].Eval(c)) > 0);
        Add("empty", 1, 1, false, (c, a) => Count(a[0].Eval(c)) == 0);
        Add("string", 0, 1, false, (c, a) => a.Length == 0 ? String(c.Item) : String(a[0].Eval(c)));
        Add("string-length", 0, 1, true, (c, a) => (decimal)Str(c, a, 0).Length);
        Add("normalize-space", 0, 1, false, (c, a) => Normalize(Str(c, a, 0)));
        Add("upper-case", 1, 1, false, (c, a) => Str(c, a, 0).ToUpperInvariant());
        Add("lower-case", 1, 1, false, (c, a) => Str(c, a, 0).ToLowerInvariant());
        Add("concat", 2, 64, false, (c, a) => string.Concat(a.Select(x => String(One(c, x)))));
        Add("contains", 2, 2, false, (c, a) => Str(c, a, 0).Contains(Str(c, a, 1), StringComparison.Ordinal));
        Add("starts-with", 2, 2, false, (c, a) => Str(c, a, 0).StartsWith(Str(c, a, 1), StringComparison.Ordinal));
        Add("ends-with", 2, 2, false, (c, a) => Str(c, a, 0).EndsWith(Str(c, a, 1), StringComparison.Ordinal));
        Add("substring-before", 2, 2, false, (c, a) =>
        {
            var s = Str(c, a, 0);
            var i = s.IndexOf(Str(c, a, 1), StringComparison.Ordinal);
            return i < 0 ? "" : s[..i];
        });
        Add("substring-after", 2, 2, false, (c, a) =>
        {
            var s = Str(c, a, 0);
            var find = Str(c, a, 1);
            var i = s.IndexOf(find, StringComparison.Ordinal);
            return i < 0 ? "" : s[(i + find.Length)..];
        });
        Add("substring", 2, 3, false, Substring);
        Add("translate", 3, 3, false, Translate);
        Add("string-join", 1, 2, false, (c, a) =>
        {
            var items = a[0].Eval(c);
            var separator = a.Length > 1 ? Str(c, a, 1) : "";
            return string.Join(separator, Enumerable.Range(0, Count(items)).Select(i => String(Item(items, i))));
        });
        Add("matches", 2, 3, false, (c, a) => Pattern(Str(c, a, 1), a.Length > 2 ? Str(c, a, 2) : "").IsMatch(Str(c, a, 0)));
        Add("replace", 3, 4, false, (c, a) =>
            Pattern(Str(c, a, 1), a.Length > 3 ? Str(c, a, 3) : "").Replace(Str(c, a, 0), Str(c, a, 2).Replace("${", "$$${", StringComparison.Ordinal)));
        Add("tokenize", 2, 3, false, (c, a) =>
        {
            var s = Str(c, a, 0);
            if (s.Length == 0)
            {
                return null;
            }
            return Sequence([.. Pattern(Str(c, a, 1), a.Length > 2 ? Str(c, a, 2) : "").Split(s)]);
        });
        Add("distinct-values", 1, 1, false, DistinctValues);
        Add("name", 0, 1, false, (c, a) => NodeArg(c, a)?.Name ?? "");
        Add("local-name", 0, 1, false, (c, a) => NodeArg(c, a)?.LocalName ?? "");
        Add("document", 1, 1, false, (c, a) => c.Documents(Str(c, a, 0))?.Root ?? throw new XPathDynamicException($"unknown document {Str(c, a, 0)}"));
        foreach (var type in new[] { "decimal", "double", "string", "integer", "boolean", "date" })
        {
            var xsType = "xs:" + type;
            _functions["{" + XsNamespace + "}" + type] =
                (1, 1, (c, a) => One(c, a[0]) is { } v ? Cast(xsType, v) : null, type is "decimal" or "double" or "integer", true);
        }
    }

    /// <summary>Registers a function in a namespace (for the custom functions a rule set declares).</summary>
    public void Register(string ns, string localName, int arity, bool numeric, Func<XPathContext, object?[], object?> body) =>
        _functions["{" + ns + "}" + localName] = (arity, arity, (c, a) => body(c, [.. a.Select(x => x.Eval(c))]), numeric, false);

    private void Add(string name, int min, int max, bool numeric, Body body) =>
        _functions["{" + FnNamespace + "}" + name] = (min, max, body, numeric, !Impure.Contains(name));

    /// <summary>The call of a named function, or null when the name or the number of arguments is unknown.</summary>
    public Expr? Bind(string qname, Expr[] args, Func<string, string> resolvePrefix)
    {
        var colon = qname.IndexOf(':', StringComparison.Ordinal);
        var ns = colon < 0 ? FnNamespace : qname[..colon] == "fn" ? FnNamespace : resolvePrefix(qname[..colon]);
        var local = colon < 0 ? qname : qname[(colon + 1)..];
        if (!_functions.TryGetValue("{" + ns + "}" + local, out var f) || args.Length < f.Min || args.Length > f.Max)
        {
            return null;
        }
        var body = f.Body;
        // Zero-argument forms of string(), number()... read the focus; with arguments only the impure list above does.
        return new FunctionCall(local, args, (c, a) => body(c, a), f.Numeric, f.Pure || (args.Length > 0 && local is "string" or "number" or "string-length" or "normalize-space"));
    }

    public static bool IsCastType(string type) => type is "xs:decimal" or "xs:double" or "xs:string" or "xs:integer" or "xs:boolean" or "xs:date";

    public static object Cast(string type, object value) => type switch
    {
        "xs:decimal" => ToDecimal(value),
        "xs:integer" => decimal.Truncate(ToDecimal(value)),
        "xs:double" => value is string s ? ParseDouble(s) is var x && double.IsNaN(x) && s.Trim() != "NaN" ? throw new XPathDynamicException($"'{s}' is not a number") : x : ToDouble(value),
        "xs:boolean" => ToBooleanCast(value),
        "xs:date" => ToDate(value),
        _ => String(value),
    };

    private static object? One(XPathContext c, Expr arg)
    {
        var value = arg.Eval(c);
        return Count(value) switch
        {
            0 => null,
            1 => Atomize(Item(value, 0)),
            _ => throw new XPathDynamicException("a sequence of more than one item where one is expected"),
        };
    }

    private static string Str(XPathContext c, Expr[] args, int index)
    {
        if (index >= args.Length)
        {
            return String(c.Item);
        }
        return One(c, args[index]) is { } v ? String(v) : "";
    }

    private static TreeNode? NodeArg(XPathContext c, Expr[] args)
    {
        var value = args.Length == 0 ? c.Item : args[0].Eval(c);
        return Count(value) == 0 ? null : Item(value, 0) as TreeNode;
    }

    private static string Normalize(string s)
    {
        var text = new StringBuilder(s.Length);
        var space = false;
        foreach (var ch in s)
        {
            if (ch is ' ' or '\t' or '\n' or '\r')
            {
                space = text.Length > 0;
                continue;
            }
            if (space)
            {
                text.Append(' ');
                space = false;
            }
            text.Append(ch);
        }
        return text.ToString();
    }

    private static object? Numeric(XPathContext c, Expr arg, Func<decimal, decimal> onDecimal, Func<double, double> onDouble) =>
        One(c, arg) switch
        {
            null => null,
            decimal d => onDecimal(d),
            var other => onDouble(ToDouble(other)),
        };

    private static object? Sum(XPathContext c, Expr[] args)
    {
        var items = args[0].Eval(c);
        var count = Count(items);
        if (count == 0)
        {
            return args.Length > 1 ? args[1].Eval(c) : 0m;
        }
        decimal total = 0;
        double doubleTotal = 0;
        var isDouble = false;
        for (var i = 0; i < count; i++)
        {
            var item = Atomize(Item(items, i));
            if (!isDouble && item is decimal d)
            {
                total += d;
                continue;
            }
            if (!isDouble)
            {
                isDouble = true;
                doubleTotal = (double)total;
            }
            var x = item is string s ? ParseDouble(s) : ToDouble(item);
            if (double.IsNaN(x) && item is string text && text.Trim() != "NaN")
            {
                throw new XPathDynamicException($"'{text}' is not a number");
            }
            doubleTotal += x;
        }
        return isDouble ? doubleTotal : total;
    }

    private static object? Extreme(XPathContext c, Expr arg, bool min)
    {
        var items = arg.Eval(c);
        object? best = null;
        for (var i = 0; i < Count(items); i++)
        {
            var item = Atomize(Item(items, i));
            if (item is string s)
            {
                item = ParseDouble(s);
            }
            if (best is null || CompareAtomic(min ? "<" : ">", item, best))
            {
                best = item;
            }
        }
        return best;
    }

    private static object? Substring(XPathContext c, Expr[] args)
    {
        var s = Str(c, args, 0);
        var start = One(c, args[1]) is { } st ? Math.Floor(ToDouble(st) + 0.5) : double.NaN;
        var length = args.Length > 2 ? (One(c, args[2]) is { } ln ? Math.Floor(ToDouble(ln) + 0.5) : double.NaN) : double.PositiveInfinity;
        var text = new StringBuilder();
        for (var i = 0; i < s.Length; i++)
        {
            var position = i + 1;
            if (position >= start && position < start + length)
            {
                text.Append(s[i]);
            }
        }
        return text.ToString();
    }

    private static object? Translate(XPathContext c, Expr[] args)
    {
        var s = Str(c, args, 0);
        var from = Str(c, args, 1);
        var to = Str(c, args, 2);
        var text = new StringBuilder(s.Length);
        foreach (var ch in s)
        {
            var i = from.IndexOf(ch, StringComparison.Ordinal);
            if (i < 0) text.Append(ch);
            else if (i < to.Length) text.Append(to[i]);
        }
        return text.ToString();
    }

    private static object? DistinctValues(XPathContext c, Expr[] args)
    {
        var items = args[0].Eval(c);
        var result = new List<object>();
        for (var i = 0; i < Count(items); i++)
        {
            var item = Atomize(Item(items, i));
            var seen = false;
            foreach (var kept in result)
            {
                if (kept.GetType() == item.GetType() && CompareAtomic("=", kept, item) || kept is decimal or double && item is decimal or double && CompareAtomic("=", kept, item))
                {
                    seen = true;
                    break;
                }
            }
            if (!seen)
            {
                result.Add(item);
            }
        }
        return Sequence(result);
    }

    /// <summary>An XPath regular expression as a .NET one (the two agree on what the rule sets use), cached, with a time bound.</summary>
    private static Regex Pattern(string pattern, string flags) => Regexes.GetOrAdd((pattern, flags), static key =>
    {
        var options = RegexOptions.CultureInvariant;
        foreach (var flag in key.Item2)
        {
            options |= flag switch
            {
                'i' => RegexOptions.IgnoreCase,
                'm' => RegexOptions.Multiline,
                's' => RegexOptions.Singleline,
                'x' => RegexOptions.IgnorePatternWhitespace,
                _ => throw new XPathDynamicException($"regular expression flag '{flag}' is not supported"),
            };
        }
        return new Regex(key.Item1, options, TimeSpan.FromSeconds(1));
    });
}
