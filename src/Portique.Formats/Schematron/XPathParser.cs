using System.Globalization;

namespace Portique.Formats.Schematron;

/// <summary>An expression outside the supported XPath subset, or a syntax error: raised when a rule set is loaded, never later.</summary>
internal sealed class XPathCompileException(string message) : Exception(message);

/// <summary>
/// Parses the XPath 2.0 used by schematron rule sets (paths with the usual axes and predicates, comparisons, arithmetic,
/// for / some / every / if, casts) into the expression tree of <see cref="Expr"/>. Prefixes resolve through the rule set's
/// namespace declarations; function names through <see cref="XPathFunctions"/>.
/// </summary>
internal sealed class XPathParser
{
    private enum T { Name, Var, Str, Num, Sym, End }

    private readonly record struct Token(T Kind, string Text, int At);

    private readonly List<Token> _tokens;
    private readonly string _source;
    private readonly IReadOnlyDictionary<string, string> _namespaces;
    private readonly XPathFunctions _functions;
    private readonly IReadOnlyDictionary<string, object?>? _constants;
    private int _pos;

    private XPathParser(string source, IReadOnlyDictionary<string, string> namespaces, XPathFunctions functions, IReadOnlyDictionary<string, object?>? constants)
    {
        _source = source;
        _namespaces = namespaces;
        _functions = functions;
        _constants = constants;
        _tokens = Tokenize(source);
    }

    /// <summary>Parses and folds constant sub-expressions (code lists written as literals are built once, not per call).</summary>
    public static Expr Parse(string source, IReadOnlyDictionary<string, string> namespaces, XPathFunctions functions,
        IReadOnlyDictionary<string, object?>? constants = null)
    {
        var parser = new XPathParser(source, namespaces, functions, constants);
        var expr = Fold(parser.ParseExpr());
        if (parser.Peek.Kind != T.End)
        {
            throw parser.Error($"unexpected '{parser.Peek.Text}'");
        }
        return expr;
    }

    private static readonly XPathContext FoldingContext = new(null, _ => null);

    private static Expr Fold(Expr expr)
    {
        if (expr is LiteralExpr || !expr.IsConstant)
        {
            return expr;
        }
        try
        {
            lock (FoldingContext)
            {
                return new LiteralExpr(expr.Eval(FoldingContext));
            }
        }
        catch (XPathDynamicException)
        {
            // Left to fail at run time, where the rule reports it.
            return expr;
        }
    }

    private Token Peek => _tokens[_pos];
    private Token PeekAt(int offset) => _tokens[Math.Min(_pos + offset, _tokens.Count - 1)];
    private Token Next() => _tokens[_pos++];

    private bool IsSym(string symbol) => Peek.Kind == T.Sym && Peek.Text == symbol;
    private bool IsWord(string word) => Peek.Kind == T.Name && Peek.Text == word;

    private bool Accept(string symbol)
    {
        if (IsSym(symbol))
        {
            _pos++;
            return true;
        }
        return false;
    }

    private bool AcceptWord(string word)
    {
        if (IsWord(word))
        {
            _pos++;
            return true;
        }
        return false;
    }

    private void Expect(string symbol)
    {
        if (!Accept(symbol))
        {
            throw Error($"'{symbol}' expected, found '{Peek.Text}'");
        }
    }

    private void ExpectWord(string word)
    {
        if (!AcceptWord(word))
        {
            throw Error($"'{word}' expected, found '{Peek.Text}'");
        }
    }

    private XPathCompileException Error(string message) => new($"{message} at {Peek.At} in: {_source}");

    private Expr ParseExpr()
    {
        var first = ParseSingle();
        if (!IsSym(","))
        {
            return first;
        }
        var items = new List<Expr> { first };
        while (Accept(","))
        {
            items.Add(ParseSingle());
        }
        return new SequenceExpr([.. items]);
    }

    private Expr ParseSingle()
    {
        if ((IsWord("for") || IsWord("some") || IsWord("every")) && PeekAt(1).Kind == T.Var)
        {
            var kind = Next().Text;
            var bindings = new List<(string, Expr)>();
            do
            {
                var name = Next().Text;
                ExpectWord("in");
                bindings.Add((name, ParseSingle()));
            }
            while (Accept(",") && Peek.Kind == T.Var);
            ExpectWord(kind == "for" ? "return" : "satisfies");
            var body = ParseSingle();
            return new BindingExpr(kind, [.. bindings], body);
        }
        if (IsWord("if") && PeekAt(1) is { Kind: T.Sym, Text: "(" })
        {
            Next();
            Expect("(");
            var condition = ParseExpr();
            Expect(")");
            ExpectWord("then");
            var then = ParseSingle();
            ExpectWord("else");
            return new IfExpr(condition, then, ParseSingle());
        }
        return ParseOr();
    }

    private Expr ParseOr()
    {
        var left = ParseAnd();
        while (AcceptWord("or"))
        {
            left = new OrExpr(left, ParseAnd());
        }
        return left;
    }

    private Expr ParseAnd()
    {
        var left = ParseComparison();
        while (AcceptWord("and"))
        {
            left = new AndExpr(left, ParseComparison());
        }
        return left;
    }

    private static readonly HashSet<string> GeneralOps = ["=", "!=", "<", "<=", ">", ">="];
    private static readonly HashSet<string> ValueOps = ["eq", "ne", "lt", "le", "gt", "ge"];

    private Expr ParseComparison()
    {
        var left = ParseRange();
        if (Peek.Kind == T.Sym && GeneralOps.Contains(Peek.Text))
        {
            var op = Next().Text;
            return new CompareExpr(op, general: true, left, ParseRange());
        }
        if (IsWord("is") || IsSym("<<") || IsSym(">>"))
        {
            var op = Next().Text;
            return new NodeCompareExpr(op, left, ParseRange());
        }
        if (Peek.Kind == T.Name && ValueOps.Contains(Peek.Text))
        {
            var op = Next().Text switch { "eq" => "=", "ne" => "!=", "lt" => "<", "le" => "<=", "gt" => ">", _ => ">=" };
            return new CompareExpr(op, general: false, left, ParseRange());
        }
        return left;
    }

    private Expr ParseRange()
    {
        var left = ParseAdditive();
        return AcceptWord("to") ? new RangeExpr(left, ParseAdditive()) : left;
    }

    private Expr ParseAdditive()
    {
        var left = ParseMultiplicative();
        while (IsSym("+") || IsSym("-"))
        {
            var op = Next().Text;
            left = new ArithmeticExpr(op, left, ParseMultiplicative());
        }
        return left;
    }

    private Expr ParseMultiplicative()
    {
        var left = ParseUnion();
        while (IsSym("*") || IsWord("div") || IsWord("idiv") || IsWord("mod"))
        {
            var op = Next().Text;
            left = new ArithmeticExpr(op, left, ParseUnion());
        }
        return left;
    }

    private Expr ParseUnion()
    {
        var left = ParseIntersect();
        while (Accept("|") || AcceptWord("union"))
        {
            left = new SetExpr("union", left, ParseIntersect());
        }
        return left;
    }

    private Expr ParseIntersect()
    {
        var left = ParseCast();
        while (IsWord("intersect") || IsWord("except"))
        {
            var op = Next().Text;
            left = new SetExpr(op, left, ParseCast());
        }
        return left;
    }

    private Expr ParseCast()
    {
        var operand = ParseUnary();
        if (IsWord("instance") && PeekAt(1).Text == "of")
        {
            throw Error("'instance of' is not supported");
        }
        if ((IsWord("cast") || IsWord("castable")) && PeekAt(1).Text == "as")
        {
            var castable = Next().Text == "castable";
            Next();
            var type = Next().Text;
            Accept("?");
            if (!XPathFunctions.IsCastType(type))
            {
                throw Error($"cast to {type} is not supported");
            }
            return new CastExpr(operand, type, castable);
        }
        return operand;
    }

    private Expr ParseUnary()
    {
        if (IsSym("-"))
        {
            Next();
            return new NegateExpr(ParseUnary());
        }
        if (IsSym("+"))
        {
            Next();
            return ParseUnary();
        }
        return ParsePath();
    }

    private Expr ParsePath()
    {
        // Left-associative, so that "//a/b" is ((root//a)/b): the first step is answered from the name index.
        Expr left;
        if (Accept("/"))
        {
            if (!StartsStep())
            {
                return new RootExpr();
            }
            left = new PathExpr(new RootExpr(), ParseStep(), descendants: false);
        }
        else if (Accept("//"))
        {
            left = new PathExpr(new RootExpr(), ParseStep(), descendants: true);
        }
        else
        {
            left = ParseStep();
        }
        while (IsSym("/") || IsSym("//"))
        {
            var descendants = Next().Text == "//";
            left = new PathExpr(left, ParseStep(), descendants);
        }
        return left;
    }

    private bool StartsStep() => Peek.Kind switch
    {
        T.Name or T.Var or T.Str or T.Num => true,
        T.Sym => Peek.Text is "@" or "." or ".." or "*" or "(",
        _ => false,
    };

    private static readonly HashSet<string> Axes =
    [
        "child", "attribute", "self", "parent", "descendant", "descendant-or-self", "ancestor", "ancestor-or-self",
        "following-sibling", "preceding-sibling", "following", "preceding",
    ];

    private Expr ParseStep()
    {
        if (Accept(".."))
        {
            return WithPredicates(new AxisStep("parent", NodeTest.AnyNode));
        }
        if (Accept("@"))
        {
            return WithPredicates(new AxisStep("attribute", ParseNameTest(attribute: true)));
        }
        if (Peek.Kind == T.Name && PeekAt(1) is { Kind: T.Sym, Text: "::" })
        {
            var axis = Next().Text;
            Next();
            if (!Axes.Contains(axis))
            {
                throw Error($"axis {axis} is not supported");
            }
            return WithPredicates(new AxisStep(axis, ParseNameTest(axis == "attribute")));
        }
        if (Peek.Kind == T.Name && PeekAt(1) is { Kind: T.Sym, Text: "(" } && Peek.Text is "node" or "text")
        {
            var kind = Next().Text;
            Expect("(");
            Expect(")");
            return WithPredicates(new AxisStep("child", kind == "node" ? NodeTest.AnyNode : NodeTest.AnyText));
        }
        if (Peek.Kind == T.Sym && Peek.Text == "*" || Peek.Kind == T.Name && PeekAt(1) is not { Kind: T.Sym, Text: "(" })
        {
            return WithPredicates(new AxisStep("child", ParseNameTest(attribute: false)));
        }
        return WithPredicates(ParsePrimary());
    }

    private NodeTest ParseNameTest(bool attribute)
    {
        if (Accept("*"))
        {
            return attribute ? NodeTest.AnyAttribute : NodeTest.AnyElement;
        }
        if (Peek.Kind == T.Name && PeekAt(1) is { Kind: T.Sym, Text: "(" } && Peek.Text is "node" or "text")
        {
            var kind = Next().Text;
            Expect("(");
            Expect(")");
            return kind == "node" ? NodeTest.AnyNode : NodeTest.AnyText;
        }
        if (Peek.Kind != T.Name)
        {
            throw Error("name test expected");
        }
        var name = Next().Text;
        var colon = name.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0)
        {
            // Unprefixed names are in no namespace (XPath 2.0 default element namespace is not declared by these rule sets).
            return NodeTest.Named("", name, attribute);
        }
        var prefix = name[..colon];
        var local = name[(colon + 1)..];
        if (prefix == "*")
        {
            return NodeTest.LocalOnly(local, attribute);
        }
        return NodeTest.Named(ResolvePrefix(prefix), local, attribute, local == "*");
    }

    private string ResolvePrefix(string prefix) =>
        _namespaces.TryGetValue(prefix, out var ns) ? ns : throw Error($"undeclared prefix '{prefix}'");

    private Expr WithPredicates(Expr step)
    {
        while (Accept("["))
        {
            var predicate = ParseExpr();
            Expect("]");
            step = new FilterExpr(step, predicate);
        }
        return step;
    }

    private Expr ParsePrimary()
    {
        var token = Next();
        switch (token.Kind)
        {
            case T.Str:
                return new LiteralExpr(token.Text);
            case T.Num:
                return new LiteralExpr(ParseNumber(token.Text));
            case T.Var:
                return _constants is not null && _constants.TryGetValue(token.Text, out var constant) ? new LiteralExpr(constant) : new VariableExpr(token.Text);
            case T.Sym when token.Text == ".":
                return new ContextItemExpr();
            case T.Sym when token.Text == "(":
                if (Accept(")"))
                {
                    return new SequenceExpr([]);
                }
                var inner = ParseExpr();
                Expect(")");
                return Fold(inner);
            case T.Name:
                Expect("(");
                var args = new List<Expr>();
                if (!Accept(")"))
                {
                    do
                    {
                        args.Add(ParseSingle());
                    }
                    while (Accept(","));
                    Expect(")");
                }
                return Fold(_functions.Bind(token.Text, [.. args], ResolvePrefix) ?? throw Error($"unknown function {token.Text}#{args.Count}"));
            default:
                _pos--;
                throw Error($"unexpected '{token.Text}'");
        }
    }

    private static object ParseNumber(string text) =>
        text.Contains('e', StringComparison.OrdinalIgnoreCase)
            ? double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture)
            : decimal.Parse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);

    private static bool IsNameStart(char c) => char.IsLetter(c) || c == '_';
    private static bool IsNameChar(char c) => char.IsLetterOrDigit(c) || c is '_' or '-' or '.';

    private static List<Token> Tokenize(string s)
    {
        var tokens = new List<Token>();
        var i = 0;
        while (i < s.Length)
        {
            var c = s[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
                continue;
            }
            var start = i;
            if (c is '\'' or '"')
            {
                var text = new System.Text.StringBuilder();
                i++;
                while (true)
                {
                    if (i >= s.Length)
                    {
                        throw new XPathCompileException($"unterminated string at {start} in: {s}");
                    }
                    if (s[i] == c)
                    {
                        if (i + 1 < s.Length && s[i + 1] == c)
                        {
                            text.Append(c);
                            i += 2;
                            continue;
                        }
                        i++;
                        break;
                    }
                    text.Append(s[i++]);
                }
                tokens.Add(new Token(T.Str, text.ToString(), start));
                continue;
            }
            if (char.IsAsciiDigit(c) || c == '.' && i + 1 < s.Length && char.IsAsciiDigit(s[i + 1]))
            {
                while (i < s.Length && (char.IsAsciiDigit(s[i]) || s[i] == '.'))
                {
                    i++;
                }
                if (i < s.Length && s[i] is 'e' or 'E')
                {
                    i++;
                    if (i < s.Length && s[i] is '+' or '-')
                    {
                        i++;
                    }
                    while (i < s.Length && char.IsAsciiDigit(s[i]))
                    {
                        i++;
                    }
                }
                tokens.Add(new Token(T.Num, s[start..i], start));
                continue;
            }
            if (c == '$')
            {
                i++;
                var nameStart = i;
                i = ScanQName(s, i);
                tokens.Add(new Token(T.Var, s[nameStart..i], start));
                continue;
            }
            if (IsNameStart(c) || c == '*' && i + 2 < s.Length && s[i + 1] == ':' && IsNameStart(s[i + 2]) && !EndsOperand(tokens))
            {
                i = c == '*' ? ScanNcName(s, i + 2) : ScanQName(s, i);
                tokens.Add(new Token(T.Name, s[start..i], start));
                continue;
            }
            var two = i + 1 < s.Length ? s.Substring(i, 2) : "";
            if (two is "//" or "::" or "!=" or "<=" or ">=" or ".." or "<<" or ">>")
            {
                tokens.Add(new Token(T.Sym, two, start));
                i += 2;
                continue;
            }
            if ("()[],/@.=<>+-*|?".Contains(c, StringComparison.Ordinal))
            {
                tokens.Add(new Token(T.Sym, c.ToString(), start));
                i++;
                continue;
            }
            throw new XPathCompileException($"unexpected character '{c}' at {i} in: {s}");
        }
        tokens.Add(new Token(T.End, "<end>", s.Length));
        return tokens;
    }

    private static bool EndsOperand(List<Token> tokens) =>
        tokens.Count > 0 && tokens[^1] is { Kind: T.Name or T.Var or T.Str or T.Num } or { Kind: T.Sym, Text: ")" or "]" or "." or ".." };

    private static int ScanNcName(string s, int i)
    {
        while (i < s.Length && IsNameChar(s[i]))
        {
            i++;
        }
        return i;
    }

    private static int ScanQName(string s, int i)
    {
        i = ScanNcName(s, i);
        // A prefix: "p:name" or "p:*", but not the axis separator "::".
        if (i + 1 < s.Length && s[i] == ':' && s[i + 1] != ':' && (IsNameStart(s[i + 1]) || s[i + 1] == '*'))
        {
            i = s[i + 1] == '*' ? i + 2 : ScanNcName(s, i + 1);
        }
        return i;
    }
}
