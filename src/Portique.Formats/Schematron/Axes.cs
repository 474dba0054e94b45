namespace Portique.Formats.Schematron;

/// <summary>A node test: a name (with or without wildcards), node() or text().</summary>
internal sealed class NodeTest
{
    private enum Kind { AnyNode, AnyText, AnyPrincipal, Name, LocalOnly, NamespaceOnly }

    private readonly Kind _kind;
    private readonly bool _attribute;

    private NodeTest(Kind kind, string ns, string localName, bool attribute)
    {
        _kind = kind;
        Namespace = ns;
        LocalName = localName;
        _attribute = attribute;
    }

    public string Namespace { get; }
    public string LocalName { get; }

    /// <summary>An element test by full name, which the tree's name index answers.</summary>
    public bool IsElementName => _kind == Kind.Name && !_attribute;

    public static NodeTest AnyNode { get; } = new(Kind.AnyNode, "", "", false);
    public static NodeTest AnyText { get; } = new(Kind.AnyText, "", "", false);
    public static NodeTest AnyElement { get; } = new(Kind.AnyPrincipal, "", "", false);
    public static NodeTest AnyAttribute { get; } = new(Kind.AnyPrincipal, "", "", true);

    public static NodeTest Named(string ns, string localName, bool attribute, bool anyLocal = false) =>
        new(anyLocal ? Kind.NamespaceOnly : Kind.Name, ns, localName, attribute);

    public static NodeTest LocalOnly(string localName, bool attribute) => new(Kind.LocalOnly, "", localName, attribute);

    public bool Matches(TreeNode node, bool attributeAxis)
    {
        switch (_kind)
        {
            case Kind.AnyNode:
                return true;
            case Kind.AnyText:
                return node.Kind == NodeKind.Text;
        }
        // A name test selects the principal node kind of the axis: attributes on the attribute axis, elements elsewhere.
        if (node.Kind != (attributeAxis ? NodeKind.Attribute : NodeKind.Element))
        {
            return false;
        }
        return _kind switch
        {
            Kind.AnyPrincipal => true,
            Kind.Name => node.LocalName == LocalName && node.Namespace == Namespace,
            Kind.LocalOnly => node.LocalName == LocalName,
            _ => node.Namespace == Namespace,
        };
    }
}

/// <summary>axis::test, with the axes the rule sets use. Results are in document order.</summary>
internal sealed class AxisStep(string axis, NodeTest test) : Expr
{
    public string Axis { get; } = axis;
    public NodeTest Test { get; } = test;
    public bool IsReverse => Axis is "parent" or "ancestor" or "ancestor-or-self" or "preceding" or "preceding-sibling";
    public override bool MayBeNumeric => false;

    public override object? Eval(XPathContext c)
    {
        var node = c.ContextNode;
        var attributeAxis = Axis == "attribute";
        List<object>? results = null;
        void Add(TreeNode n)
        {
            if (Test.Matches(n, attributeAxis))
            {
                (results ??= []).Add(n);
            }
        }
        switch (Axis)
        {
            case "child":
                // The common case, child::name with one match, allocates nothing but the answer.
                TreeNode? single = null;
                foreach (var child in node.Children)
                {
                    if (!Test.Matches(child, false)) continue;
                    if (single is null && results is null) { single = child; continue; }
                    results ??= [single!];
                    results.Add(child);
                }
                return results is not null ? results : single;
            case "attribute":
                foreach (var a in node.Attributes) Add(a);
                break;
            case "self":
                Add(node);
                break;
            case "parent":
                if (node.Parent is { } parent) Add(parent);
                break;
            case "ancestor":
            case "ancestor-or-self":
                var chain = new List<TreeNode>();
                for (var n = Axis == "ancestor" ? node.Parent : node; n is not null; n = n.Parent) chain.Add(n);
                for (var i = chain.Count - 1; i >= 0; i--) Add(chain[i]);
                break;
            case "descendant":
            case "descendant-or-self":
                foreach (var d in DescendantsOrSelf(node))
                {
                    if (Axis == "descendant-or-self" || !ReferenceEquals(d, node)) Add(d);
                }
                break;
            case "following-sibling":
            case "preceding-sibling":
                if (node.Parent is { } p && node.Kind != NodeKind.Attribute)
                {
                    foreach (var sibling in p.Children)
                    {
                        if (Axis == "following-sibling" ? sibling.Order > node.Order : sibling.Order < node.Order) Add(sibling);
                    }
                }
                break;
            case "following":
            case "preceding":
                var root = node;
                while (root.Parent is not null) root = root.Parent;
                foreach (var d in DescendantsOrSelf(root))
                {
                    if (d.Kind == NodeKind.Document) continue;
                    // Preceding excludes ancestors; following excludes descendants.
                    var keep = Axis == "following" ? d.Order > node.End : d.End < node.Order;
                    if (keep) Add(d);
                }
                break;
        }
        return results is null ? null : XPathValues.Sequence(results);
    }

    /// <summary>The node and its descendants (elements and text, not attributes) in document order.</summary>
    public static IEnumerable<TreeNode> DescendantsOrSelf(TreeNode node)
    {
        var stack = new Stack<TreeNode>();
        stack.Push(node);
        while (stack.Count > 0)
        {
            var n = stack.Pop();
            yield return n;
            for (var i = n.Children.Length - 1; i >= 0; i--)
            {
                stack.Push(n.Children[i]);
            }
        }
    }
}
