using System.Text;
using System.Xml;
using Portique.Formats.Xml;

namespace Portique.Formats.Schematron;

internal enum NodeKind : byte { Document, Element, Attribute, Text }

/// <summary>
/// One node of an <see cref="XmlTree"/>. <see cref="Order"/> is the position in document order (attributes right after their
/// element) and <see cref="End"/> the order of the last node of the subtree, so "is a descendant of" is a range test.
/// </summary>
internal sealed class TreeNode
{
    private static readonly TreeNode[] None = [];
    private string? _stringValue;

    public TreeNode(NodeKind kind, string localName, string ns, string prefix, TreeNode? parent, int order)
    {
        Kind = kind;
        LocalName = localName;
        Namespace = ns;
        Prefix = prefix;
        Parent = parent;
        Order = order;
        End = order;
    }

    public NodeKind Kind { get; }
    public string LocalName { get; }
    public string Namespace { get; }
    public string Prefix { get; }
    public TreeNode? Parent { get; }
    public int Order { get; }
    public int End { get; internal set; }

    /// <summary>Child elements and text nodes in document order.</summary>
    public TreeNode[] Children { get; internal set; } = None;
    public TreeNode[] Attributes { get; internal set; } = None;

    /// <summary>The value of an attribute or text node.</summary>
    public string? Value { get; internal set; }

    public bool HasElementChildren { get; internal set; }

    public string Name => Prefix.Length == 0 ? LocalName : Prefix + ":" + LocalName;

    /// <summary>The XPath string value: the value of an attribute or text node, the concatenated text of an element.</summary>
    public string StringValue => _stringValue ??= Kind is NodeKind.Attribute or NodeKind.Text ? Value ?? "" : Concatenate();

    private string Concatenate()
    {
        if (Children.Length == 0)
        {
            return "";
        }
        if (Children.Length == 1 && Children[0].Kind == NodeKind.Text)
        {
            return Children[0].Value ?? "";
        }
        var text = new StringBuilder();
        foreach (var child in Children)
        {
            text.Append(child.StringValue);
        }
        return text.ToString();
    }

    public override string ToString() => Kind == NodeKind.Attribute ? "@" + Name : Name;
}

/// <summary>
/// A read-only, compact copy of an XML document for the schematron layers: built in one secure <see cref="XmlReader"/>
/// pass (no DTD, no resolver, depth and size bounded), with an index of elements by name so that "//name" steps do not
/// walk the whole tree. Whitespace-only text between child elements is dropped (the rules never read it); a leaf element's
/// whitespace is kept, because "empty" and "blank" differ for them.
/// </summary>
internal sealed class XmlTree
{
    private static readonly XmlReaderSettings Settings = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        MaxCharactersFromEntities = 1024,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        IgnoreWhitespace = false,
    };

    // Keyed by the reader's atomized local name (reference identity): no string hashing per element.
    private readonly Dictionary<string, List<TreeNode>> _byLocalName = new(ReferenceEqualityComparer.Instance);
    private readonly XmlNameTable _names;

    private XmlTree(TreeNode root, XmlNameTable names)
    {
        Root = root;
        _names = names;
    }

    public TreeNode Root { get; }

    public int NodeCount { get; private set; }

    /// <summary>Every element with this name, in document order, or null when there is none.</summary>
    public List<TreeNode>? ElementsNamed(string ns, string localName)
    {
        if (_names.Get(localName) is not { } atom || !_byLocalName.TryGetValue(atom, out var list))
        {
            return null;
        }
        if (_mixedNamespaces?.Contains(atom) == true)
        {
            var same = list.FindAll(n => n.Namespace == ns);
            return same.Count == 0 ? null : same;
        }
        return list[0].Namespace == ns ? list : null;
    }

    // Local names used in more than one namespace (rare: invoices use one namespace per name).
    private HashSet<string>? _mixedNamespaces;

    /// <summary>Reads the bytes into a tree; throws <see cref="XmlException"/> or <see cref="XmlDepthException"/> on bad input.</summary>
    public static XmlTree Parse(ReadOnlyMemory<byte> xml, FormatLimits? limits = null)
    {
        limits ??= FormatLimits.Default;
        if (xml.Length > limits.MaxXmlBytes)
        {
            throw new XmlException($"the XML is {xml.Length} bytes, over the limit of {limits.MaxXmlBytes}");
        }
        using var stream = System.Runtime.InteropServices.MemoryMarshal.TryGetArray(xml, out var segment) && segment.Array is not null
            ? new MemoryStream(segment.Array, segment.Offset, segment.Count, writable: false)
            : new MemoryStream(xml.ToArray(), writable: false);
        using var reader = XmlReader.Create(stream, Settings);
        return Build(reader, limits.MaxDepth);
    }

    private static XmlTree Build(XmlReader reader, int maxDepth)
    {
        var order = 0;
        var document = new TreeNode(NodeKind.Document, "", "", "", null, order++);
        var tree = new XmlTree(document, reader.NameTable);
        // Open elements, with where their children start in the shared list of pending children.
        var open = new List<(TreeNode Node, int FirstChild, string? Blank)> { (document, 0, null) };
        var pending = new List<TreeNode>(256);
        while (reader.Read())
        {
            switch (reader.NodeType)
            {
                case XmlNodeType.Element:
                {
                    if (open.Count > maxDepth)
                    {
                        throw new XmlDepthException(open.Count);
                    }
                    var parent = open[^1];
                    // Whitespace between child elements is layout, not content.
                    open[^1] = (parent.Node, parent.FirstChild, null);
                    var element = new TreeNode(NodeKind.Element, reader.LocalName, reader.NamespaceURI, reader.Prefix, parent.Node, order++);
                    pending.Add(element);
                    parent.Node.HasElementChildren = true;
                    if (!tree._byLocalName.TryGetValue(element.LocalName, out var named))
                    {
                        tree._byLocalName[element.LocalName] = named = [];
                    }
                    else if (named[0].Namespace != element.Namespace)
                    {
                        (tree._mixedNamespaces ??= new HashSet<string>(ReferenceEqualityComparer.Instance)).Add(element.LocalName);
                    }
                    named.Add(element);
                    if (reader.HasAttributes)
                    {
                        var attributes = new TreeNode[reader.AttributeCount];
                        var count = 0;
                        while (reader.MoveToNextAttribute())
                        {
                            if (ReferenceEquals(reader.NamespaceURI, XmlnsNamespace) || reader.NamespaceURI == XmlnsNamespace)
                            {
                                continue;
                            }
                            attributes[count++] = new TreeNode(NodeKind.Attribute, reader.LocalName, reader.NamespaceURI, reader.Prefix, element, order++)
                            {
                                Value = reader.Value,
                            };
                        }
                        reader.MoveToElement();
                        element.Attributes = count == attributes.Length ? attributes : attributes[..count];
                    }
                    if (reader.IsEmptyElement)
                    {
                        element.End = order - 1;
                    }
                    else
                    {
                        open.Add((element, pending.Count, null));
                    }
                    break;
                }
                case XmlNodeType.Text:
                case XmlNodeType.CDATA:
                {
                    var top = open[^1];
                    if (top.Blank is { } blank)
                    {
                        // Whitespace before text in mixed content belongs to the text.
                        pending.Add(new TreeNode(NodeKind.Text, "", "", "", top.Node, order++) { Value = blank });
                        open[^1] = (top.Node, top.FirstChild, null);
                    }
                    pending.Add(new TreeNode(NodeKind.Text, "", "", "", top.Node, order++) { Value = reader.Value });
                    break;
                }
                case XmlNodeType.Whitespace:
                case XmlNodeType.SignificantWhitespace:
                {
                    var top = open[^1];
                    open[^1] = (top.Node, top.FirstChild, top.Blank + reader.Value);
                    break;
                }
                case XmlNodeType.EndElement:
                    Close(open, pending, ref order);
                    break;
            }
        }
        document.Children = [.. pending];
        document.End = order - 1;
        tree.NodeCount = order;
        return tree;
    }

    private const string XmlnsNamespace = "http://www.w3.org/2000/xmlns/";

    private static void Close(List<(TreeNode Node, int FirstChild, string? Blank)> open, List<TreeNode> pending, ref int order)
    {
        var (node, first, blank) = open[^1];
        open.RemoveAt(open.Count - 1);
        if (blank is not null && pending.Count == first)
        {
            pending.Add(new TreeNode(NodeKind.Text, "", "", "", node, order++) { Value = blank });
        }
        var count = pending.Count - first;
        if (count > 0)
        {
            var children = new TreeNode[count];
            pending.CopyTo(first, children, 0, count);
            pending.RemoveRange(first, count);
            node.Children = children;
        }
        node.End = order - 1;
    }
}
