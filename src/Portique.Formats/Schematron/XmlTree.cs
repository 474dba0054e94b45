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
    private readonly Dictionary<(string Ns, string Local), List<TreeNode>> _byName = [];

    private XmlTree(TreeNode root) => Root = root;

    public TreeNode Root { get; }

    public int NodeCount { get; private set; }

    /// <summary>Every element with this name, in document order.</summary>
    public List<TreeNode>? ElementsNamed(string ns, string localName) =>
        _byName.TryGetValue((ns, localName), out var list) ? list : null;

    /// <summary>Reads the bytes into a tree; throws <see cref="XmlException"/> or <see cref="XmlDepthException"/> on bad input.</summary>
    public static XmlTree Parse(ReadOnlyMemory<byte> xml, FormatLimits? limits = null)
    {
        limits ??= FormatLimits.Default;
        if (xml.Length > limits.MaxXmlBytes)
        {
            throw new XmlException($"the XML is {xml.Length} bytes, over the limit of {limits.MaxXmlBytes}");
        }
        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            MaxCharactersFromEntities = 1024,
            IgnoreComments = true,
            IgnoreProcessingInstructions = true,
            IgnoreWhitespace = false,
        };
        using var stream = System.Runtime.InteropServices.MemoryMarshal.TryGetArray(xml, out var segment) && segment.Array is not null
            ? new MemoryStream(segment.Array, segment.Offset, segment.Count, writable: false)
            : new MemoryStream(xml.ToArray(), writable: false);
        using var reader = XmlReader.Create(stream, settings);
        return Build(reader, limits.MaxDepth);
    }

    private static XmlTree Build(XmlReader reader, int maxDepth)
    {
        var order = 0;
        var document = new TreeNode(NodeKind.Document, "", "", "", null, order++);
        var tree = new XmlTree(document);
        var stack = new List<(TreeNode Node, List<TreeNode> Children, string? Blank)> { (document, [], null) };
        while (reader.Read())
        {
            switch (reader.NodeType)
            {
                case XmlNodeType.Element:
                {
                    if (stack.Count > maxDepth)
                    {
                        throw new XmlDepthException(stack.Count);
                    }
                    var parent = stack[^1];
                    // Whitespace between child elements is layout, not content.
                    stack[^1] = (parent.Node, parent.Children, null);
                    var element = new TreeNode(NodeKind.Element, reader.LocalName, reader.NamespaceURI, reader.Prefix, parent.Node, order++);
                    parent.Children.Add(element);
                    parent.Node.HasElementChildren = true;
                    if (!tree._byName.TryGetValue((element.Namespace, element.LocalName), out var named))
                    {
                        tree._byName[(element.Namespace, element.LocalName)] = named = [];
                    }
                    named.Add(element);
                    if (reader.HasAttributes)
                    {
                        var attributes = new List<TreeNode>(reader.AttributeCount);
                        while (reader.MoveToNextAttribute())
                        {
                            if (reader.NamespaceURI == "http://www.w3.org/2000/xmlns/")
                            {
                                continue;
                            }
                            attributes.Add(new TreeNode(NodeKind.Attribute, reader.LocalName, reader.NamespaceURI, reader.Prefix, element, order++)
                            {
                                Value = reader.Value,
                            });
                        }
                        reader.MoveToElement();
                        element.Attributes = [.. attributes];
                    }
                    if (reader.IsEmptyElement)
                    {
                        element.End = order - 1;
                    }
                    else
                    {
                        stack.Add((element, [], null));
                    }
                    break;
                }
                case XmlNodeType.Text:
                case XmlNodeType.CDATA:
                {
                    var top = stack[^1];
                    if (top.Blank is { } blank)
                    {
                        // Whitespace before text in mixed content belongs to the text.
                        top.Children.Add(new TreeNode(NodeKind.Text, "", "", "", top.Node, order++) { Value = blank });
                        stack[^1] = (top.Node, top.Children, null);
                    }
                    top.Children.Add(new TreeNode(NodeKind.Text, "", "", "", top.Node, order++) { Value = reader.Value });
                    break;
                }
                case XmlNodeType.Whitespace:
                case XmlNodeType.SignificantWhitespace:
                {
                    var top = stack[^1];
                    stack[^1] = (top.Node, top.Children, top.Blank + reader.Value);
                    break;
                }
                case XmlNodeType.EndElement:
                {
                    var (node, children, blank) = stack[^1];
                    stack.RemoveAt(stack.Count - 1);
                    if (blank is not null && children.Count == 0)
                    {
                        children.Add(new TreeNode(NodeKind.Text, "", "", "", node, order++) { Value = blank });
                    }
                    node.Children = [.. children];
                    node.End = order - 1;
                    break;
                }
            }
        }
        document.Children = [.. stack[0].Children];
        document.End = order - 1;
        tree.NodeCount = order;
        return tree;
    }
}
