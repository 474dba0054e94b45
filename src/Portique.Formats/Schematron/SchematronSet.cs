using System.Text;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace Portique.Formats.Schematron;

/// <summary>One assert or report of a rule set, as published: its id, severity and test.</summary>
internal sealed record SchematronCheck(string? Id, Severity Severity, bool IsReport, string Test);

/// <summary>
/// An ISO Schematron rule set (the subset publishers use: ns, let, pattern, rule, assert, report, value-of, name),
/// compiled once into <see cref="Expr"/> trees and run natively over an <see cref="XmlTree"/>. Semantics follow the ISO
/// skeleton's XSLT 2.0 compilation, which the published verdicts come from: within a pattern a node is the context of the
/// first rule it matches only; lets are evaluated in order at each context; schema- and pattern-level lets are global.
/// An assert or report whose evaluation fails (a cast of a non-number...) is reported as failed: validation fails closed.
/// </summary>
internal sealed partial class SchematronSet
{
    private static readonly XNamespace Iso = "http://purl.oclc.org/dsdl/schematron";

    private readonly List<(string Name, Expr Value)> _globals = [];
    private readonly List<List<Rule>> _patterns = [];
    private readonly Func<string, XmlTree?> _documents;

    /// <summary>
    /// A rule, with for each branch of its context the element names it needs: a rule whose every branch names an element
    /// the document lacks matches nothing and is skipped without evaluating anything (most French rules, on most invoices).
    /// </summary>
    private sealed record Rule(Expr Context, string ContextText, (string Name, Expr Value)[] Lets, Check[] Checks, NodeTest[][]? Needs);

    private sealed record Check(SchematronCheck Published, Expr Test, object[] Message);

    private SchematronSet(string name, Func<string, XmlTree?> documents)
    {
        Name = name;
        _documents = documents;
    }

    public string Name { get; }

    /// <summary>Every assert and report of the set, in document order.</summary>
    public IEnumerable<SchematronCheck> Checks => _patterns.SelectMany(p => p).SelectMany(r => r.Checks).Select(c => c.Published);

    /// <summary>Compiles a schematron document; throws <see cref="XPathCompileException"/> on anything outside the supported subset.</summary>
    public static SchematronSet Load(string name, XDocument schema, Func<string, XmlTree?> documents)
    {
        var set = new SchematronSet(name, documents);
        var functions = new XPathFunctions();
        var root = schema.Root ?? throw new XPathCompileException($"{name}: empty document");
        var namespaces = new Dictionary<string, string> { ["xs"] = XPathFunctions.XsNamespace };
        foreach (var ns in root.Elements(Iso + "ns"))
        {
            namespaces[(string)ns.Attribute("prefix")!] = (string)ns.Attribute("uri")!;
        }
        Expr Compile(string? xpath, XElement where) => CompileWith(xpath, where, null);
        Expr CompileWith(string? xpath, XElement where, IReadOnlyDictionary<string, object?>? constants)
        {
            if (string.IsNullOrWhiteSpace(xpath))
            {
                throw new XPathCompileException($"{name}: empty expression in {where.Name.LocalName}");
            }
            try
            {
                return XPathParser.Parse(xpath, namespaces, functions, constants);
            }
            catch (XPathCompileException e)
            {
                throw new XPathCompileException($"{name}: {e.Message}");
            }
        }
        UserFunction.DeclareAll(root, namespaces, functions, CompileWith);
        foreach (var let in root.Elements(Iso + "let").Concat(root.Elements(Iso + "pattern").Elements(Iso + "let")))
        {
            set._globals.Add(((string)let.Attribute("name")!, Compile((string?)let.Attribute("value"), let)));
        }
        foreach (var pattern in root.Elements(Iso + "pattern"))
        {
            var rules = new List<Rule>();
            foreach (var rule in pattern.Elements(Iso + "rule"))
            {
                var context = (string?)rule.Attribute("context") ?? throw new XPathCompileException($"{name}: rule without context");
                var lets = rule.Elements(Iso + "let").Select(l => ((string)l.Attribute("name")!, Compile((string?)l.Attribute("value"), l))).ToArray();
                var checks = rule.Elements().Where(e => e.Name == Iso + "assert" || e.Name == Iso + "report").Select(e =>
                {
                    var test = (string)e.Attribute("test")!;
                    var published = new SchematronCheck((string?)e.Attribute("id"), SeverityOf((string?)e.Attribute("flag")), e.Name == Iso + "report", test);
                    return new Check(published, Compile(test, e), Message(e, Compile));
                }).ToArray();
                var compiled = Compile(AsExpression(context), rule);
                var needs = Requirements(compiled);
                foreach (var test in needs?.SelectMany(b => b) ?? [])
                {
                    set._needed.TryAdd((test.Namespace, test.LocalName), set._needed.Count);
                }
                rules.Add(new Rule(compiled, context, lets, checks, needs));
            }
            set._patterns.Add(rules);
        }
        return set;
    }

    // The distinct element names rule contexts need, each with its index in the presence array of a run.
    private readonly Dictionary<(string Ns, string Local), int> _needed = [];

    private bool Applies(NodeTest[][] needs, XmlTree tree, byte[] present)
    {
        foreach (var branch in needs)
        {
            var all = true;
            foreach (var test in branch)
            {
                var index = _needed[(test.Namespace, test.LocalName)];
                if (present[index] == 0)
                {
                    present[index] = tree.ElementsNamed(test.Namespace, test.LocalName) is null ? (byte)2 : (byte)1;
                }
                if (present[index] == 2)
                {
                    all = false;
                    break;
                }
            }
            if (all)
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>The element names each union branch of a context path needs, or null when a branch is not a plain path.</summary>
    private static NodeTest[][]? Requirements(Expr context)
    {
        var branches = new List<NodeTest[]>();
        bool Collect(Expr e)
        {
            if (e is SetExpr { Op: "union" } union)
            {
                return Collect(union.Left) && Collect(union.Right);
            }
            var names = new List<NodeTest>();
            if (!Names(e, names))
            {
                return false;
            }
            branches.Add([.. names]);
            return true;
        }
        return Collect(context) && branches.All(b => b.Length > 0) ? [.. branches] : null;
    }

    /// <summary>Adds the element names a path's steps require; false for anything else than steps, predicates and the root.</summary>
    private static bool Names(Expr e, List<NodeTest> names)
    {
        switch (e)
        {
            case RootExpr:
                return true;
            case PathExpr path:
                return Names(path.Left, names) && Names(path.Right, names);
            case FilterExpr filter:
                return Names(filter.Source, names);
            case AxisStep { Axis: "child" or "descendant" or "descendant-or-self", Test.IsElementName: true } step:
                names.Add(step.Test);
                return true;
            case AxisStep:
                return true;
            default:
                return false;
        }
    }

    private static Severity SeverityOf(string? flag) =>
        flag?.Trim().ToLowerInvariant() is "warning" or "information" or "info" ? Severity.Warning : Severity.Fatal;

    /// <summary>The message as literal text, expressions to evaluate (value-of) and the context's name (name).</summary>
    private static object[] Message(XElement check, Func<string?, XElement, Expr> compile)
    {
        var parts = new List<object>();
        foreach (var node in check.Nodes())
        {
            switch (node)
            {
                case XText text:
                    parts.Add(text.Value);
                    break;
                case XElement { Name.LocalName: "value-of" } valueOf:
                    parts.Add(compile((string?)valueOf.Attribute("select"), valueOf));
                    break;
                case XElement { Name.LocalName: "name" }:
                    parts.Add(NameMarker);
                    break;
                case XElement other:
                    parts.Add(other.Value);
                    break;
            }
        }
        return [.. parts];
    }

    private static readonly object NameMarker = new();

    /// <summary>
    /// A match pattern as the expression selecting the same nodes: "a/b" matches b children of a anywhere, i.e. "//a/b";
    /// each branch of a top-level union is anchored the same way.
    /// </summary>
    internal static string AsExpression(string pattern)
    {
        var branches = new List<string>();
        var depth = 0;
        var start = 0;
        char? quote = null;
        for (var i = 0; i < pattern.Length; i++)
        {
            var ch = pattern[i];
            if (quote is not null)
            {
                if (ch == quote) quote = null;
                continue;
            }
            switch (ch)
            {
                case '\'' or '"': quote = ch; break;
                case '(' or '[': depth++; break;
                case ')' or ']': depth--; break;
                case '|' when depth == 0:
                    branches.Add(pattern[start..i]);
                    start = i + 1;
                    break;
            }
        }
        branches.Add(pattern[start..]);
        return string.Join(" | ", branches.Select(b => b.Trim()).Select(b => b.StartsWith('/') ? b : "//" + b));
    }

    /// <summary>Runs every pattern over the tree and adds one finding per failed assert and fired report.</summary>
    public void Run(XmlTree tree, List<Finding> findings)
    {
        var c = new XPathContext(tree, _documents) { Item = tree.Root };
        foreach (var (name, value) in _globals)
        {
            c.Variables[name] = new LazyValue(value, tree.Root);
        }
        var claimed = new int[tree.NodeCount];
        // Which of the element names the rules need occur in the document: 0 unknown, 1 present, 2 absent.
        var present = new byte[_needed.Count];
        for (var p = 0; p < _patterns.Count; p++)
        {
            foreach (var rule in _patterns[p])
            {
                if (rule.Needs is { } needs && !Applies(needs, tree, present))
                {
                    continue;
                }
                c.Item = tree.Root;
                var contexts = Evaluate(c, rule.Context, out var contextError);
                if (contextError is not null)
                {
                    findings.Add(new Finding("SCHEMATRON", Severity.Fatal, "/", null,
                        $"{Name}: the context {rule.ContextText} could not be evaluated ({contextError}); the invoice cannot be declared valid."));
                    continue;
                }
                for (var i = 0; i < XPathValues.Count(contexts); i++)
                {
                    if (XPathValues.Item(contexts, i) is not TreeNode node || node.Order >= claimed.Length || claimed[node.Order] == p + 1)
                    {
                        continue;
                    }
                    claimed[node.Order] = p + 1;
                    CheckNode(c, rule, node, findings);
                }
            }
        }
    }

    private void CheckNode(XPathContext c, Rule rule, TreeNode node, List<Finding> findings)
    {
        c.Item = node;
        c.Position = 1;
        c.Size = 1;
        // Lets are evaluated when first read, as Saxon does: a let no test reads costs nothing and cannot fail the rule.
        foreach (var (name, value) in rule.Lets)
        {
            c.Variables[name] = new LazyValue(value, node);
        }
        foreach (var check in rule.Checks)
        {
            c.Item = node;
            var value = Evaluate(c, check.Test, out var error);
            var fired = error is not null ? !check.Published.IsReport : XPathValues.Boolean(value) == check.Published.IsReport;
            if (!fired)
            {
                continue;
            }
            var message = Render(c, check, node);
            if (error is not null)
            {
                message += $" (la règle n'a pas pu être évaluée : {error})";
            }
            // Two published asserts carry their id only in their text ("[BR-CO-27]-…"), which is how their verdicts are reported.
            var id = check.Published.Id ?? (BracketedId().Match(message) is { Success: true } m ? m.Groups[1].Value
                : check.Published.IsReport ? "SCH-REPORT" : "SCH-ASSERT");
            findings.Add(new Finding(id, check.Published.Severity, LocationOf(node), TermOf(id, message), message));
        }
        foreach (var (name, _) in rule.Lets)
        {
            c.Variables.Remove(name);
        }
    }

    private static object? Evaluate(XPathContext c, Expr expr, out string? error)
    {
        try
        {
            error = null;
            return expr.Eval(c);
        }
        catch (XPathDynamicException e)
        {
            error = e.Message;
            return null;
        }
        catch (RegexMatchTimeoutException)
        {
            error = "regular expression timed out";
            return null;
        }
    }

    private static string Render(XPathContext c, Check check, TreeNode node)
    {
        var text = new StringBuilder();
        foreach (var part in check.Message)
        {
            switch (part)
            {
                case string s:
                    text.Append(s);
                    break;
                case Expr e:
                    c.Item = node;
                    text.Append(XPathValues.String(Evaluate(c, e, out _)));
                    break;
                default:
                    text.Append(node.Name);
                    break;
            }
        }
        return CollapseSpaces(text.ToString());
    }

    private static string CollapseSpaces(string text)
    {
        var result = new StringBuilder(text.Length);
        foreach (var ch in text)
        {
            if (char.IsWhiteSpace(ch))
            {
                if (result.Length > 0 && result[^1] != ' ') result.Append(' ');
                continue;
            }
            result.Append(ch);
        }
        return result.ToString().TrimEnd();
    }

    /// <summary>The business term a rule is about: the first BT-n or BG-n of its id, else of its message.</summary>
    private static string? TermOf(string id, string message) => FirstTerm(id) ?? FirstTerm(message);

    private static string? FirstTerm(string text)
    {
        for (var i = text.IndexOf('B', StringComparison.Ordinal); i >= 0 && i + 3 < text.Length; i = text.IndexOf('B', i + 1))
        {
            if (text[i + 1] is 'T' or 'G' && text[i + 2] == '-' && char.IsAsciiDigit(text[i + 3]) && (i == 0 || !char.IsLetterOrDigit(text[i - 1])))
            {
                var end = i + 3;
                while (end < text.Length && char.IsAsciiDigit(text[end])) end++;
                return text[i..end];
            }
        }
        return null;
    }

    /// <summary>An XPath to the node with prefixes as in the document and positions where a name repeats.</summary>
    public static string LocationOf(TreeNode node)
    {
        var steps = new List<string>();
        for (var n = node; n is not null && n.Kind != NodeKind.Document; n = n.Parent)
        {
            if (n.Kind == NodeKind.Attribute)
            {
                steps.Add("@" + n.Name);
                continue;
            }
            if (n.Kind == NodeKind.Text)
            {
                steps.Add("text()");
                continue;
            }
            var step = n.Name;
            if (n.Parent is { } parent)
            {
                int position = 0, same = 0;
                foreach (var sibling in parent.Children)
                {
                    if (sibling.Kind == NodeKind.Element && sibling.LocalName == n.LocalName && sibling.Namespace == n.Namespace)
                    {
                        same++;
                        if (ReferenceEquals(sibling, n)) position = same;
                    }
                }
                if (same > 1) step += $"[{position}]";
            }
            steps.Add(step);
        }
        steps.Reverse();
        return "/" + string.Join("/", steps);
    }

    [GeneratedRegex(@"\[([A-Z][A-Z0-9]*(?:-[A-Z0-9]+)+)\]")]
    private static partial Regex BracketedId();

}
