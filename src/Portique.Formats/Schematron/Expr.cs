using static Portique.Formats.Schematron.XPathValues;

namespace Portique.Formats.Schematron;

/// <summary>The dynamic context of an evaluation: focus (item, position, size), variables and the document.</summary>
internal sealed class XPathContext(XmlTree? tree, Func<string, XmlTree?> documents)
{
    /// <summary>The document under validation; null only while constants are folded at compile time.</summary>
    public XmlTree Tree { get; } = tree!;
    public object? Item { get; set; }
    public int Position { get; set; } = 1;
    public int Size { get; set; } = 1;
    public Dictionary<string, object?> Variables { get; } = [];

    /// <summary>Resolves document('name') to a data file of the rule set (code lists).</summary>
    public Func<string, XmlTree?> Documents { get; } = documents;

    public TreeNode ContextNode => Item as TreeNode ?? throw new XPathDynamicException("the context item is not a node");
}

/// <summary>A compiled XPath expression: a tree of these, evaluated against an <see cref="XPathContext"/>.</summary>
internal abstract class Expr
{
    public abstract object? Eval(XPathContext c);

    /// <summary>Sub-expressions, for the compile-time analyses below.</summary>
    public virtual IEnumerable<Expr> Operands => [];

    /// <summary>True when the expression calls position() or last() (anywhere inside: a conservative answer).</summary>
    public virtual bool UsesPosition => Operands.Any(o => o.UsesPosition);

    /// <summary>True when the value may be a number, which as a predicate selects by position.</summary>
    public virtual bool MayBeNumeric => true;

    /// <summary>True when the value depends on nothing but the expression itself, so it can be computed once.</summary>
    public virtual bool IsConstant => false;

    /// <summary>A predicate that keeps or drops each item on its own, whatever its position.</summary>
    public bool IsPositionFree => !UsesPosition && !MayBeNumeric;

    /// <summary>Evaluates with the given focus and restores the previous one.</summary>
    public object? EvalWith(XPathContext c, object item, int position, int size)
    {
        var (oldItem, oldPosition, oldSize) = (c.Item, c.Position, c.Size);
        c.Item = item;
        c.Position = position;
        c.Size = size;
        try
        {
            return Eval(c);
        }
        finally
        {
            c.Item = oldItem;
            c.Position = oldPosition;
            c.Size = oldSize;
        }
    }
}

internal sealed class LiteralExpr(object? value) : Expr
{
    public object? Value { get; } = value;
    public override object? Eval(XPathContext c) => Value;
    public override bool MayBeNumeric => Value is decimal or double;
    public override bool IsConstant => true;
}

internal sealed class VariableExpr(string name) : Expr
{
    public string Name { get; } = name;

    public override object? Eval(XPathContext c)
    {
        if (!c.Variables.TryGetValue(Name, out var value))
        {
            throw new XPathDynamicException($"variable ${Name} is not defined");
        }
        return value is LazyValue lazy ? lazy.Force(c) : value;
    }
}

/// <summary>A schematron let, evaluated at its context node the first time a test reads it, then kept.</summary>
internal sealed class LazyValue(Expr expr, TreeNode node)
{
    private object? _value;
    private string? _error;
    private int _state;

    public object? Force(XPathContext c)
    {
        switch (_state)
        {
            case 1:
                return _value;
            case 2:
                throw new XPathDynamicException(_error!);
            case 3:
                throw new XPathDynamicException("a variable refers to itself");
        }
        _state = 3;
        try
        {
            _value = expr.EvalWith(c, node, 1, 1);
            _state = 1;
            return _value;
        }
        catch (XPathDynamicException e)
        {
            (_error, _state) = (e.Message, 2);
            throw;
        }
    }
}

internal sealed class ContextItemExpr : Expr
{
    public override object? Eval(XPathContext c) => c.Item;
}

internal sealed class RootExpr : Expr
{
    public override object? Eval(XPathContext c)
    {
        // The root of the tree the context node belongs to (a code list document or the invoice).
        var node = c.Item as TreeNode;
        while (node?.Parent is not null)
        {
            node = node.Parent;
        }
        return node ?? c.Tree.Root;
    }
}

internal sealed class SequenceExpr(Expr[] items) : Expr
{
    public override IEnumerable<Expr> Operands => items;
    public override bool IsConstant => items.All(i => i.IsConstant);

    public override object? Eval(XPathContext c)
    {
        var result = new List<object>();
        foreach (var item in items)
        {
            var value = item.Eval(c);
            for (var i = 0; i < Count(value); i++)
            {
                result.Add(Item(value, i));
            }
        }
        return Sequence(result);
    }
}

internal sealed class OrExpr(Expr left, Expr right) : Expr
{
    public override IEnumerable<Expr> Operands => [left, right];
    public override bool IsConstant => Operands.All(o => o.IsConstant);
    public override bool MayBeNumeric => false;
    public override object? Eval(XPathContext c) => Boolean(left.Eval(c)) || Boolean(right.Eval(c));
}

internal sealed class AndExpr(Expr left, Expr right) : Expr
{
    public override IEnumerable<Expr> Operands => [left, right];
    public override bool IsConstant => Operands.All(o => o.IsConstant);
    public override bool MayBeNumeric => false;
    public override object? Eval(XPathContext c) => Boolean(left.Eval(c)) && Boolean(right.Eval(c));
}

internal sealed class IfExpr(Expr condition, Expr then, Expr otherwise) : Expr
{
    public override IEnumerable<Expr> Operands => [condition, then, otherwise];
    public override bool IsConstant => Operands.All(o => o.IsConstant);
    public override object? Eval(XPathContext c) => Boolean(condition.Eval(c)) ? then.Eval(c) : otherwise.Eval(c);
}

/// <summary>for / some / every over one or more variable bindings.</summary>
internal sealed class BindingExpr(string kind, (string Name, Expr Source)[] bindings, Expr body) : Expr
{
    public override IEnumerable<Expr> Operands => [.. bindings.Select(b => b.Source), body];
    public override bool MayBeNumeric => kind == "for";

    public override object? Eval(XPathContext c)
    {
        var results = kind == "for" ? new List<object>() : null;
        var outcome = Bind(c, 0, results);
        return kind == "for" ? Sequence(results!) : outcome;
    }

    /// <summary>Binds variable <paramref name="index"/> in turn; returns the quantifier's answer (some: any true; every: all true).</summary>
    private bool Bind(XPathContext c, int index, List<object>? results)
    {
        if (index == bindings.Length)
        {
            var value = body.Eval(c);
            if (results is not null)
            {
                for (var i = 0; i < Count(value); i++)
                {
                    results.Add(Item(value, i));
                }
                return true;
            }
            return Boolean(value);
        }
        var (name, source) = bindings[index];
        var sequence = source.Eval(c);
        var had = c.Variables.TryGetValue(name, out var previous);
        try
        {
            for (var i = 0; i < Count(sequence); i++)
            {
                c.Variables[name] = Item(sequence, i);
                var answer = Bind(c, index + 1, results);
                if (kind == "some" && answer) return true;
                if (kind == "every" && !answer) return false;
            }
            return kind != "some";
        }
        finally
        {
            if (had) c.Variables[name] = previous; else c.Variables.Remove(name);
        }
    }
}

internal sealed class CompareExpr(string op, bool general, Expr left, Expr right) : Expr
{
    public override IEnumerable<Expr> Operands => [left, right];
    public override bool IsConstant => Operands.All(o => o.IsConstant);
    public override bool MayBeNumeric => false;

    public override object? Eval(XPathContext c)
    {
        var a = left.Eval(c);
        var b = right.Eval(c);
        if (!general)
        {
            // Value comparisons: one item each, the empty sequence compares as false.
            return Count(a) == 1 && Count(b) == 1 && CompareAtomic(op, Atomize(Item(a, 0)), Atomize(Item(b, 0)));
        }
        var countA = Count(a);
        var countB = Count(b);
        for (var i = 0; i < countA; i++)
        {
            var x = Atomize(Item(a, i));
            for (var j = 0; j < countB; j++)
            {
                if (CompareAtomic(op, x, Atomize(Item(b, j))))
                {
                    return true;
                }
            }
        }
        return false;
    }
}

/// <summary>Node identity (is) and document order (&lt;&lt;, &gt;&gt;) of two single nodes.</summary>
internal sealed class NodeCompareExpr(string op, Expr left, Expr right) : Expr
{
    public override IEnumerable<Expr> Operands => [left, right];
    public override bool MayBeNumeric => false;

    public override object? Eval(XPathContext c)
    {
        var a = left.Eval(c);
        var b = right.Eval(c);
        if (Count(a) != 1 || Count(b) != 1)
        {
            return null;
        }
        if (Item(a, 0) is not TreeNode x || Item(b, 0) is not TreeNode y)
        {
            throw new XPathDynamicException($"'{op}' compares nodes only");
        }
        return op switch
        {
            "is" => ReferenceEquals(x, y),
            "<<" => x.Order < y.Order,
            _ => x.Order > y.Order,
        };
    }
}

internal sealed class RangeExpr(Expr from, Expr to) : Expr
{
    public override IEnumerable<Expr> Operands => [from, to];

    public override object? Eval(XPathContext c)
    {
        var a = from.Eval(c);
        var b = to.Eval(c);
        if (Count(a) != 1 || Count(b) != 1)
        {
            return null;
        }
        var start = (long)ToDecimal(Atomize(Item(a, 0)));
        var end = (long)ToDecimal(Atomize(Item(b, 0)));
        if (end - start > 100_000)
        {
            throw new XPathDynamicException("range too large");
        }
        var items = new List<object>();
        for (var i = start; i <= end; i++)
        {
            items.Add((decimal)i);
        }
        return Sequence(items);
    }
}

internal sealed class ArithmeticExpr(string op, Expr left, Expr right) : Expr
{
    public override IEnumerable<Expr> Operands => [left, right];
    public override bool IsConstant => Operands.All(o => o.IsConstant);

    public override object? Eval(XPathContext c)
    {
        var a = left.Eval(c);
        var b = right.Eval(c);
        if (Count(a) == 0 || Count(b) == 0)
        {
            return null;
        }
        if (Count(a) > 1 || Count(b) > 1)
        {
            throw new XPathDynamicException("arithmetic on a sequence of more than one item");
        }
        return Arithmetic(op, Atomize(Item(a, 0)), Atomize(Item(b, 0)));
    }
}

internal sealed class NegateExpr(Expr operand) : Expr
{
    public override IEnumerable<Expr> Operands => [operand];
    public override bool IsConstant => Operands.All(o => o.IsConstant);

    public override object? Eval(XPathContext c)
    {
        var value = operand.Eval(c);
        if (Count(value) == 0)
        {
            return null;
        }
        return Atomize(Item(value, 0)) switch
        {
            decimal d => -d,
            double x => -x,
            var other => -ToDouble(other),
        };
    }
}

internal sealed class SetExpr(string op, Expr left, Expr right) : Expr
{
    public string Op => op;
    public Expr Left => left;
    public Expr Right => right;

    public override IEnumerable<Expr> Operands => [left, right];
    public override bool MayBeNumeric => false;

    public override object? Eval(XPathContext c)
    {
        var a = left.Eval(c);
        var b = right.Eval(c);
        var items = new List<object>();
        if (op == "union")
        {
            for (var i = 0; i < Count(a); i++) items.Add(Item(a, i));
            for (var i = 0; i < Count(b); i++) items.Add(Item(b, i));
            return DocumentOrder(items);
        }
        var other = new HashSet<object>(ReferenceEqualityComparer.Instance);
        for (var i = 0; i < Count(b); i++) other.Add(Item(b, i));
        for (var i = 0; i < Count(a); i++)
        {
            var item = Item(a, i);
            if (other.Contains(item) == (op == "intersect"))
            {
                items.Add(item);
            }
        }
        return Sequence(items);
    }
}

internal sealed class CastExpr(Expr operand, string type, bool castable) : Expr
{
    public override IEnumerable<Expr> Operands => [operand];

    public override object? Eval(XPathContext c)
    {
        var value = operand.Eval(c);
        if (Count(value) != 1)
        {
            return castable ? Count(value) == 0 : Count(value) == 0 ? null : throw new XPathDynamicException("cast of a sequence");
        }
        if (!castable)
        {
            return XPathFunctions.Cast(type, Atomize(Item(value, 0)));
        }
        try
        {
            XPathFunctions.Cast(type, Atomize(Item(value, 0)));
            return true;
        }
        catch (XPathDynamicException)
        {
            return false;
        }
    }
}

/// <summary>E[predicate]: positions count in the order of E, backwards for a reverse axis step.</summary>
internal sealed class FilterExpr(Expr source, Expr predicate) : Expr
{
    public Expr Source { get; } = source;
    public Expr Predicate { get; } = predicate;
    public override IEnumerable<Expr> Operands => [Source, Predicate];
    public override bool MayBeNumeric => Source.MayBeNumeric;

    public override object? Eval(XPathContext c) => Apply(c, Source.Eval(c));

    public object? Apply(XPathContext c, object? input)
    {
        var count = Count(input);
        if (count == 0)
        {
            return null;
        }
        var reverse = Source is AxisStep { IsReverse: true };
        var kept = new List<object>(count);
        for (var i = 0; i < count; i++)
        {
            var item = Item(input, i);
            var position = reverse ? count - i : i + 1;
            var test = Predicate.EvalWith(c, item, position, count);
            var keep = test switch
            {
                decimal d => d == position,
                double x => x == position,
                _ => Boolean(test),
            };
            if (keep)
            {
                kept.Add(item);
            }
        }
        return Sequence(kept);
    }
}

/// <summary>E1/E2 and E1//E2.</summary>
internal sealed class PathExpr : Expr
{
    private readonly Expr _left;
    private readonly Expr _right;
    private readonly bool _descendants;

    // "//name" and "//name[boolean predicates]" are answered from the tree's name index.
    private readonly NodeTest? _indexed;
    private readonly Expr[] _indexedPredicates = [];

    public Expr Left => _left;
    public Expr Right => _right;

    // "/a/b/c" and "//a/b/c": the names from the root down, answered by taking the c elements from the name index and
    // checking their ancestors, instead of scanning children level by level (the contexts of most rules are such paths).
    private readonly NodeTest[]? _chain;
    private readonly bool _chainAnchored;

    public PathExpr(Expr left, Expr right, bool descendants)
    {
        _left = left;
        _right = right;
        _descendants = descendants;
        if (right is AxisStep { Axis: "child", Test.IsElementName: true } named)
        {
            if (left is RootExpr)
            {
                (_chain, _chainAnchored) = ([named.Test], !descendants);
            }
            else if (left is PathExpr { _chain: { } chain } parent && !descendants)
            {
                (_chain, _chainAnchored) = ([.. chain, named.Test], parent._chainAnchored);
            }
        }
        if (descendants)
        {
            var step = right;
            var predicates = new List<Expr>();
            while (step is FilterExpr filter && filter.Predicate.IsPositionFree)
            {
                predicates.Insert(0, filter.Predicate);
                step = filter.Source;
            }
            if (step is AxisStep { Axis: "child", Test.IsElementName: true } axis)
            {
                _indexed = axis.Test;
                _indexedPredicates = [.. predicates];
            }
        }
    }

    public override IEnumerable<Expr> Operands => [_left, _right];
    public override bool MayBeNumeric => _right.MayBeNumeric;

    public override object? Eval(XPathContext c)
    {
        if (_chain is not null && InTree(c))
        {
            return Chain(c.Tree);
        }
        var input = _left.Eval(c);
        var count = Count(input);
        if (count == 0)
        {
            return null;
        }
        if (count == 1 && !_descendants && input is TreeNode single)
        {
            // One context node: the step's answer is already in document order.
            return _right.EvalWith(c, single, 1, 1);
        }
        var results = new List<object>();
        var allNodes = true;
        for (var i = 0; i < count; i++)
        {
            if (Item(input, i) is not TreeNode node)
            {
                throw new XPathDynamicException("a path step applied to a value that is not a node");
            }
            if (_indexed is not null)
            {
                Indexed(c, node, results);
                continue;
            }
            if (_descendants)
            {
                foreach (var d in AxisStep.DescendantsOrSelf(node))
                {
                    allNodes &= Collect(_right.EvalWith(c, d, 1, 1), results);
                }
                continue;
            }
            allNodes &= Collect(_right.EvalWith(c, node, i + 1, count), results);
        }
        return allNodes ? DocumentOrder(results) : Sequence(results);
    }

    /// <summary>True when the focus is in the document under validation (not in a code list document).</summary>
    private static bool InTree(XPathContext c)
    {
        if (c.Item is not TreeNode node)
        {
            return c.Tree is not null;
        }
        while (node.Parent is not null)
        {
            node = node.Parent;
        }
        return ReferenceEquals(node, c.Tree.Root);
    }

    private object? Chain(XmlTree tree)
    {
        var chain = _chain!;
        if (tree.ElementsNamed(chain[^1].Namespace, chain[^1].LocalName) is not { } candidates)
        {
            return null;
        }
        List<object>? results = null;
        TreeNode? first = null;
        foreach (var candidate in candidates)
        {
            var node = candidate;
            var matches = true;
            for (var i = chain.Length - 2; i >= 0; i--)
            {
                node = node.Parent!;
                if (node.Kind != NodeKind.Element || !chain[i].Matches(node, attributeAxis: false))
                {
                    matches = false;
                    break;
                }
            }
            if (!matches || _chainAnchored && node.Parent!.Kind != NodeKind.Document)
            {
                continue;
            }
            if (first is null)
            {
                first = candidate;
                continue;
            }
            results ??= [first];
            results.Add(candidate);
        }
        return results is not null ? results : first;
    }

    private void Indexed(XPathContext c, TreeNode node, List<object> results)
    {
        var root = node;
        while (root.Parent is not null)
        {
            root = root.Parent;
        }
        var start = results.Count;
        if (ReferenceEquals(root, c.Tree.Root))
        {
            if (c.Tree.ElementsNamed(_indexed!.Namespace, _indexed.LocalName) is { } named)
            {
                // Descendants of the node are the named elements whose order falls inside its subtree.
                var lo = 0;
                var hi = named.Count;
                while (lo < hi)
                {
                    var mid = (lo + hi) / 2;
                    if (named[mid].Order <= node.Order) lo = mid + 1; else hi = mid;
                }
                for (var i = lo; i < named.Count && named[i].Order <= node.End; i++)
                {
                    results.Add(named[i]);
                }
            }
        }
        else
        {
            foreach (var d in AxisStep.DescendantsOrSelf(node))
            {
                if (!ReferenceEquals(d, node) && d.Kind == NodeKind.Element && _indexed!.Matches(d, attributeAxis: false))
                {
                    results.Add(d);
                }
            }
        }
        foreach (var predicate in _indexedPredicates)
        {
            var write = start;
            for (var i = start; i < results.Count; i++)
            {
                if (Boolean(predicate.EvalWith(c, results[i], 1, 1)))
                {
                    results[write++] = results[i];
                }
            }
            results.RemoveRange(write, results.Count - write);
        }
    }

    private static bool Collect(object? value, List<object> results)
    {
        var allNodes = true;
        for (var i = 0; i < Count(value); i++)
        {
            var item = Item(value, i);
            allNodes &= item is TreeNode;
            results.Add(item);
        }
        return allNodes;
    }
}
