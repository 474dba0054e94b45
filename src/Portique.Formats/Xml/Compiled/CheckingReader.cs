using System.Text;
using System.Xml;
using System.Xml.Schema;

namespace Portique.Formats.Xml.Compiled;

/// <summary>Thrown by <see cref="CheckingReader"/> at the first thing it cannot vouch for; the caller then reads again with the framework's validator.</summary>
internal sealed class SchemaCheckFailed(string reason) : Exception(reason);

/// <summary>
/// An <see cref="XmlReader"/> that checks the document against a <see cref="CompiledSchema"/> as it is read, for the
/// price of a dictionary step per element and a value parse per text. It only ever says "valid": at the first doubt
/// (an error, or a construct it leaves to the framework) it throws <see cref="SchemaCheckFailed"/>, and the caller reads
/// the document again with the framework's validating reader, whose verdict and messages then stand. So it may be wrong
/// only in one direction that costs time, never in the one that accepts an invalid document (docs/decisions/0027).
/// Whitespace-only text reaches the consumer where the framework's validating reader gives it (inside text content).
/// </summary>
internal sealed class CheckingReader : XmlReader, IXmlLineInfo
{
    private const string XsiNamespace = "http://www.w3.org/2001/XMLSchema-instance";
    private const string XmlnsNamespace = "http://www.w3.org/2000/xmlns/";

    private sealed class Frame
    {
        public required TypeModel Model;
        public required XmlSchemaElement Element;
        public ContentState? State;
        public string? Text;
        public StringBuilder? More;
    }

    private readonly XmlReader _inner;
    private readonly CompiledSchema _schema;
    private readonly IXmlLineInfo? _lineInfo;
    private readonly Stack<Frame> _frames = new();
    private int _skipDepth = -1;

    public CheckingReader(XmlReader inner, CompiledSchema schema)
    {
        _inner = inner;
        _schema = schema;
        _lineInfo = inner as IXmlLineInfo;
    }

    public override bool Read()
    {
        while (_inner.Read())
        {
            switch (_inner.NodeType)
            {
                case XmlNodeType.Element:
                    Start();
                    if (_inner.IsEmptyElement)
                        End();
                    return true;
                case XmlNodeType.EndElement:
                    End();
                    return true;
                case XmlNodeType.Text or XmlNodeType.CDATA:
                    Text();
                    return true;
                case XmlNodeType.Whitespace or XmlNodeType.SignificantWhitespace:
                    // Kept for the consumer only inside text content, as the framework's validating reader does; the
                    // indentation between elements is dropped without being read into a string.
                    switch (_skipDepth < 0 && _frames.TryPeek(out var frame) ? frame.Model.Content : XmlSchemaContentType.ElementOnly)
                    {
                        case XmlSchemaContentType.TextOnly or XmlSchemaContentType.Mixed:
                            Text();
                            return true;
                        case XmlSchemaContentType.Empty:
                            throw new SchemaCheckFailed("text where the type allows none");
                        default:
                            continue;
                    }
                default:
                    return true;
            }
        }
        if (_frames.Count > 0 && _skipDepth < 0)
            throw new SchemaCheckFailed("document ended inside an element");
        return false;
    }

    private void Start()
    {
        if (_skipDepth >= 0)
            return;
        XmlSchemaElement? element;
        if (_frames.Count == 0)
            element = _schema.Root(_inner.NamespaceURI, _inner.LocalName) ?? throw new SchemaCheckFailed("unknown root element");
        else
        {
            var parent = _frames.Peek();
            if (parent.State is null || !parent.State.TryStep(_inner.NamespaceURI, _inner.LocalName, out var next, out element))
                throw new SchemaCheckFailed($"unexpected element {_inner.LocalName}");
            parent.State = next;
            if (element is null)
            {
                // Matched by a skipped wildcard: nothing inside it is checked.
                if (!_inner.IsEmptyElement)
                    _skipDepth = _inner.Depth;
                return;
            }
        }
        if (element.IsAbstract || element.FixedValue is not null || element.ElementSchemaType is null)
            throw new SchemaCheckFailed($"element {element.QualifiedName} left to the framework");
        var model = _schema.Model(element.ElementSchemaType);
        if (model.NotCompilable is not null)
            throw new SchemaCheckFailed(model.NotCompilable);
        CheckAttributes(model);
        _frames.Push(new Frame { Model = model, Element = element, State = model.Children });
    }

    private void CheckAttributes(TypeModel model)
    {
        var required = 0;
        if (_inner.MoveToFirstAttribute())
        {
            do
            {
                var ns = _inner.NamespaceURI;
                if (ns == XmlnsNamespace)
                    continue;
                if (ns == XsiNamespace)
                {
                    if (_inner.LocalName is "schemaLocation" or "noNamespaceSchemaLocation")
                        continue;
                    throw new SchemaCheckFailed($"xsi:{_inner.LocalName}");
                }
                if (!model.Attributes.TryGetValue((ns, _inner.LocalName), out var declared))
                    throw new SchemaCheckFailed($"unexpected attribute {_inner.LocalName}");
                var attribute = declared.Attribute;
                // A fixed value written exactly is valid; any other spelling is left to the framework.
                if (attribute.FixedValue is { } fixedValue && _inner.Value != fixedValue)
                    throw new SchemaCheckFailed($"attribute {_inner.LocalName} differs from its fixed value");
                if (!declared.AnyText)
                    Parse(attribute.AttributeSchemaType!.Datatype!, _inner.Value);
                if (attribute.Use == XmlSchemaUse.Required)
                    required++;
            }
            while (_inner.MoveToNextAttribute());
            _inner.MoveToElement();
        }
        if (required != model.Required.Length)
            throw new SchemaCheckFailed("a required attribute is missing");
    }

    /// <summary>Takes a text node of the element being read (nothing is checked inside a skipped wildcard).</summary>
    private void Text()
    {
        if (_skipDepth >= 0 || !_frames.TryPeek(out var frame))
            return;
        switch (frame.Model.Content)
        {
            case XmlSchemaContentType.TextOnly when frame.Model.AnyText:
            case XmlSchemaContentType.Mixed:
                return;
            case XmlSchemaContentType.TextOnly:
                var value = _inner.Value;
                if (frame.Text is null)
                    frame.Text = value;
                else
                    (frame.More ??= new StringBuilder(frame.Text)).Append(value);
                return;
            default:
                throw new SchemaCheckFailed("text where the type allows none");
        }
    }

    private void End()
    {
        if (_skipDepth >= 0)
        {
            if (_inner.Depth == _skipDepth)
                _skipDepth = -1;
            return;
        }
        var frame = _frames.Pop();
        switch (frame.Model.Content)
        {
            case XmlSchemaContentType.TextOnly when !frame.Model.AnyText:
                Parse(frame.Model.Text!, frame.More?.ToString() ?? frame.Text ?? "");
                break;
            case XmlSchemaContentType.ElementOnly or XmlSchemaContentType.Mixed:
                if (frame.State is not { Accepting: true })
                    throw new SchemaCheckFailed($"element {frame.Element.QualifiedName.Name} is incomplete");
                break;
        }
    }

    private void Parse(XmlSchemaDatatype datatype, string value)
    {
        try
        {
            datatype.ParseValue(value, _inner.NameTable, null);
        }
        catch (Exception e) when (e is XmlSchemaException or FormatException or OverflowException)
        {
            throw new SchemaCheckFailed("a value is not of its type");
        }
    }

    // Everything else is the inner reader's.
    public override int AttributeCount => _inner.AttributeCount;
    public override string BaseURI => _inner.BaseURI;
    public override int Depth => _inner.Depth;
    public override bool EOF => _inner.EOF;
    public override bool IsEmptyElement => _inner.IsEmptyElement;
    public override string LocalName => _inner.LocalName;
    public override string Name => _inner.Name;
    public override string NamespaceURI => _inner.NamespaceURI;
    public override XmlNameTable NameTable => _inner.NameTable;
    public override XmlNodeType NodeType => _inner.NodeType;
    public override string Prefix => _inner.Prefix;
    public override ReadState ReadState => _inner.ReadState;
    public override string Value => _inner.Value;
    public override bool HasValue => _inner.HasValue;
    public override string GetAttribute(int i) => _inner.GetAttribute(i);
    public override string? GetAttribute(string name) => _inner.GetAttribute(name);
    public override string? GetAttribute(string name, string? namespaceURI) => _inner.GetAttribute(name, namespaceURI);
    public override string? LookupNamespace(string prefix) => _inner.LookupNamespace(prefix);
    public override bool MoveToAttribute(string name) => _inner.MoveToAttribute(name);
    public override bool MoveToAttribute(string name, string? ns) => _inner.MoveToAttribute(name, ns);
    public override bool MoveToElement() => _inner.MoveToElement();
    public override bool MoveToFirstAttribute() => _inner.MoveToFirstAttribute();
    public override bool MoveToNextAttribute() => _inner.MoveToNextAttribute();
    public override bool ReadAttributeValue() => _inner.ReadAttributeValue();
    public override void ResolveEntity() => _inner.ResolveEntity();
    public bool HasLineInfo() => _lineInfo?.HasLineInfo() == true;
    public int LineNumber => _lineInfo?.LineNumber ?? 0;
    public int LinePosition => _lineInfo?.LinePosition ?? 0;

    protected override void Dispose(bool disposing)
    {
        if (disposing)
            _inner.Dispose();
        base.Dispose(disposing);
    }
}
