using System.Globalization;
using System.Text;
using System.Xml;

namespace Portique.Formats.Xml;

/// <summary>A thin layer over <see cref="XmlWriter"/> for the syntax writers: prefixes bound once, empty values left out, invariant number and date formats.</summary>
internal sealed class XmlOut : IDisposable
{
    private static readonly XmlWriterSettings Settings = new() { Encoding = new UTF8Encoding(false), Indent = true, IndentChars = "  " };

    private readonly MemoryStream _stream = new();
    private readonly XmlWriter _w;
    private readonly Dictionary<string, string> _namespaces;

    public XmlOut(IReadOnlyDictionary<string, string> namespaces)
    {
        _namespaces = new Dictionary<string, string>(namespaces);
        _w = XmlWriter.Create(_stream, Settings);
        _w.WriteStartDocument();
    }

    /// <summary>Opens the root element and declares every namespace on it.</summary>
    public void Root(string prefix, string local)
    {
        _w.WriteStartElement(prefix.Length == 0 ? null : prefix, local, _namespaces[prefix]);
        foreach (var (p, ns) in _namespaces)
        {
            if (p.Length > 0 && p != prefix)
            {
                _w.WriteAttributeString("xmlns", p, null, ns);
            }
        }
    }

    public void Start(string prefix, string local) => _w.WriteStartElement(prefix, local, _namespaces[prefix]);

    public void End() => _w.WriteEndElement();

    public void Attr(string name, string? value)
    {
        if (value is not null)
        {
            _w.WriteAttributeString(name, value);
        }
    }

    public void Text(string? value)
    {
        if (value is not null)
        {
            _w.WriteString(value);
        }
    }

    /// <summary>A leaf element, left out when the value is null.</summary>
    public void Leaf(string prefix, string local, string? value, string? attrName = null, string? attrValue = null)
    {
        if (value is null)
        {
            return;
        }
        Start(prefix, local);
        if (attrName is not null)
        {
            Attr(attrName, attrValue);
        }
        _w.WriteString(value);
        _w.WriteEndElement();
    }

    public void Leaf(string prefix, string local, decimal? value, string? attrName = null, string? attrValue = null) =>
        Leaf(prefix, local, Format(value), attrName, attrValue);

    /// <summary>A quantity with its unit; written when either is known, so that a unit without a quantity still reaches the rules.</summary>
    public void Quantity(string prefix, string local, decimal? value, string? unitCode)
    {
        if (value is not null || unitCode is not null)
        {
            Leaf(prefix, local, Format(value) ?? "", "unitCode", unitCode);
        }
    }

    /// <summary>An identifier with its scheme attribute, left out when it has neither.</summary>
    public void Id(string prefix, string local, Model.Identifier? id, string schemeAttribute = "schemeID")
    {
        if (id is not null && (id.Value is not null || id.SchemeId is not null))
        {
            Leaf(prefix, local, id.Value ?? "", schemeAttribute, id.SchemeId);
        }
    }

    public static string? Format(decimal? value) => value?.ToString(CultureInfo.InvariantCulture);

    public static string? IsoDate(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string? Date102(DateOnly? date) => date?.ToString("yyyyMMdd", CultureInfo.InvariantCulture);

    public byte[] ToArray()
    {
        _w.WriteEndDocument();
        _w.Flush();
        return _stream.ToArray();
    }

    public void Dispose()
    {
        _w.Dispose();
        _stream.Dispose();
    }
}
