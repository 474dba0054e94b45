using System.Globalization;
using System.Text;
using System.Xml;

namespace Portique.Formats.Xml;

/// <summary>Thrown when the document nests deeper than <see cref="FormatLimits.MaxDepth"/>.</summary>
internal sealed class XmlDepthException(int depth) : Exception($"elements nested {depth} deep, over the limit")
{
    public int Depth { get; } = depth;
}

/// <summary>
/// A forward-only walk over an <see cref="XmlReader"/> for hand-written syntax readers: child iteration, text and typed values,
/// a depth limit, and a cheap running XPath (names and sibling positions per depth) for finding locations.
/// </summary>
internal sealed class XmlCursor
{
    /// <summary>Returned by <see cref="Enter"/> for an empty element, so that <see cref="NextChild"/> finds no child.</summary>
    public const int NoChildren = int.MaxValue;

    private const int MaxValueFindings = 50;
    private int _valueFindings;

    private readonly XmlReader _r;
    private readonly int _maxDepth;
    private readonly List<Finding> _findings;
    private string?[] _names = new string?[16];
    private int[] _positions = new int[16];
    private readonly IXmlLineInfo? _lineInfo;
    private int _lastLine = -1;
    private int _lastPosition = -1;

    public XmlCursor(XmlReader reader, int maxDepth, List<Finding> findings)
    {
        _r = reader;
        _maxDepth = maxDepth;
        _findings = findings;
        _lineInfo = reader as IXmlLineInfo is { } info && info.HasLineInfo() ? info : null;
    }

    public XmlReader Reader => _r;
    public string LocalName => _r.LocalName;
    public string NamespaceUri => _r.NamespaceURI;

    /// <summary>Moves to the document element; false when the document has none.</summary>
    public bool MoveToRoot()
    {
        while (_r.Read())
        {
            if (_r.NodeType == XmlNodeType.Element)
            {
                Track();
                return true;
            }
        }
        return false;
    }

    /// <summary>Steps inside the current element; returns the depth to pass to <see cref="NextChild"/>.</summary>
    public int Enter()
    {
        if (_r.IsEmptyElement)
        {
            _r.Read();
            return NoChildren;
        }
        var depth = _r.Depth;
        _r.Read();
        return depth;
    }

    /// <summary>Positions on the next child element of the element at <paramref name="parentDepth"/>; at the end, consumes its end tag and returns false.</summary>
    public bool NextChild(int parentDepth)
    {
        while (_r.ReadState == ReadState.Interactive)
        {
            if (_r.Depth <= parentDepth)
            {
                if (_r.Depth == parentDepth && _r.NodeType == XmlNodeType.EndElement)
                {
                    _r.Read();
                }
                return false;
            }
            if (_r.NodeType == XmlNodeType.Element && _r.Depth == parentDepth + 1)
            {
                GuardProgress();
                Track();
                return true;
            }
            if (!_r.Read())
            {
                return false;
            }
        }
        return false;
    }

    /// <summary>Skips the current element and everything inside it, still enforcing the depth limit.</summary>
    public void Skip()
    {
        if (_r.IsEmptyElement)
        {
            _r.Read();
            return;
        }
        var depth = _r.Depth;
        while (_r.Read() && _r.Depth > depth)
        {
            if (_r.NodeType == XmlNodeType.Element)
            {
                Track();
            }
        }
        if (_r.NodeType == XmlNodeType.EndElement && _r.Depth == depth)
        {
            _r.Read();
        }
    }

    /// <summary>The text of the first child named <paramref name="name"/> of the current element; consumes the element.</summary>
    public string? ChildText(string name)
    {
        string? value = null;
        var d = Enter();
        while (NextChild(d))
        {
            if (value is null && _r.LocalName == name)
            {
                value = Text();
            }
            else
            {
                Skip();
            }
        }
        return value;
    }

    /// <summary>The first child named <paramref name="name"/> as an identifier with its schemeID; consumes the element.</summary>
    public Model.Identifier? ChildIdentifier(string name)
    {
        Model.Identifier? value = null;
        var d = Enter();
        while (NextChild(d))
        {
            if (value is null && _r.LocalName == name)
            {
                value = Identifier();
            }
            else
            {
                Skip();
            }
        }
        return value;
    }

    /// <summary>
    /// Keeps the value already read when a repeated element is met again. Both arguments are evaluated, so the repeated element is
    /// still consumed (a short-circuiting ??= would leave the reader on it).
    /// </summary>
    public static T? KeepFirst<T>(T? kept, T? read) where T : class => kept ?? read;

    /// <inheritdoc cref="KeepFirst{T}(T, T)"/>
    public static T? KeepFirst<T>(T? kept, T? read) where T : struct => kept ?? read;

    public string? Attribute(string name) => _r.GetAttribute(name);

    /// <summary>The text content of the current element (child elements skipped); consumes the element. Null when empty.</summary>
    public string? Text()
    {
        if (_r.IsEmptyElement)
        {
            _r.Read();
            return null;
        }
        var depth = _r.Depth;
        string? first = null;
        StringBuilder? more = null;
        while (_r.Read() && _r.Depth > depth)
        {
            switch (_r.NodeType)
            {
                case XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.SignificantWhitespace or XmlNodeType.Whitespace when _r.Depth == depth + 1:
                    if (first is null)
                    {
                        first = _r.Value;
                    }
                    else
                    {
                        more ??= new StringBuilder(first);
                        more.Append(_r.Value);
                    }
                    break;
                case XmlNodeType.Element:
                    Track();
                    break;
            }
        }
        if (_r.NodeType == XmlNodeType.EndElement && _r.Depth == depth)
        {
            _r.Read();
        }
        var text = more?.ToString() ?? first;
        return string.IsNullOrEmpty(text) ? null : text;
    }

    /// <summary>The text with its <paramref name="schemeAttribute"/> as an identifier; null when both are absent.</summary>
    public Model.Identifier? Identifier(string schemeAttribute = "schemeID")
    {
        var scheme = Attribute(schemeAttribute);
        var value = Text();
        return value is null && scheme is null ? null : new Model.Identifier(value, scheme);
    }

    /// <summary>A decimal keeping the scale written; an unreadable number is a fatal finding and null.</summary>
    public decimal? Decimal(string term)
    {
        var depth = _r.Depth;
        var text = Text();
        if (text is null)
        {
            return null;
        }
        if (decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingWhite | NumberStyles.AllowTrailingWhite,
                CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }
        // Text() tracks nothing at this depth, so the path of the element just read is still at hand, and built only on error.
        ValueFinding(PathTo(depth), term, $"'{Truncate(text)}' is not a decimal number");
        return null;
    }

    /// <summary>An ISO date (xs:date, YYYY-MM-DD with an optional zone, as in UBL).</summary>
    public DateOnly? IsoDate(string term)
    {
        var depth = _r.Depth;
        var text = Text()?.Trim();
        if (text is null)
        {
            return null;
        }
        if (text.Length >= 10 && DateOnly.TryParseExact(text.AsSpan(0, 10), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }
        ValueFinding(PathTo(depth), term, $"'{Truncate(text)}' is not a date (YYYY-MM-DD)");
        return null;
    }

    /// <summary>A CII date: the current element holds udt:DateTimeString / udt:DateString / qdt:DateTimeString with format 102 (CCYYMMDD).</summary>
    public DateOnly? CiiDate(string term)
    {
        DateOnly? result = null;
        var d = Enter();
        while (NextChild(d))
        {
            if (_r.LocalName is "DateTimeString" or "DateString")
            {
                var depth = _r.Depth;
                var format = Attribute("format");
                var text = Text()?.Trim();
                if (text is null)
                {
                    continue;
                }
                if ((format is null or "102") && text.Length == 8
                    && DateOnly.TryParseExact(text, "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
                {
                    result = date;
                }
                else
                {
                    ValueFinding(PathTo(depth), term,
                        $"'{Truncate(text)}' (format {format ?? "none"}) is not a date in format 102 (CCYYMMDD)");
                }
            }
            else
            {
                Skip();
            }
        }
        return result;
    }

    /// <summary>A CII indicator (udt:Indicator true/false) inside the current element.</summary>
    public bool? Indicator()
    {
        bool? result = null;
        var d = Enter();
        while (NextChild(d))
        {
            if (_r.LocalName == "Indicator")
            {
                result = Text()?.Trim() switch { "true" or "1" => true, "false" or "0" => false, _ => null };
            }
            else
            {
                Skip();
            }
        }
        return result;
    }

    /// <summary>The XPath of the current node, as prefixed names with sibling positions (e.g. /Invoice/cac:InvoiceLine[2]/cbc:ID).</summary>
    public string Path() => PathTo(_r.NodeType is XmlNodeType.Element or XmlNodeType.EndElement ? _r.Depth : _r.Depth - 1);

    /// <summary>
    /// The XPath of the node a reader is on, for the XSD event handler. Events fire inside Read(), before the element reached is
    /// tracked, so an element's position follows from its previous sibling's.
    /// </summary>
    internal string PathOf(XmlReader reader)
    {
        if (reader.NodeType != XmlNodeType.Element)
        {
            return PathTo(reader.NodeType == XmlNodeType.EndElement ? reader.Depth : reader.Depth - 1);
        }
        var depth = reader.Depth;
        var name = reader.Name;
        if (depth == 0)
        {
            return "/" + name;
        }
        var position = depth < _names.Length && string.Equals(_names[depth], name, StringComparison.Ordinal) ? _positions[depth] + 1 : 1;
        return PathTo(depth - 1) + "/" + name + "[" + position.ToString(System.Globalization.CultureInfo.InvariantCulture) + "]";
    }

    private string PathTo(int depth)
    {
        var sb = new StringBuilder(64);
        var last = Math.Min(depth, _names.Length - 1);
        for (var i = 0; i <= last && _names[i] is { } name; i++)
        {
            sb.Append('/').Append(name);
            if (i > 0)
            {
                sb.Append('[').Append(_positions[i]).Append(']');
            }
        }
        return sb.Length == 0 ? "/" : sb.ToString();
    }

    /// <summary>
    /// A syntax reader that fails to consume an element would be handed it again forever; a repeated position is a bug,
    /// reported as an error (and so a fatal finding) instead of a hang.
    /// </summary>
    private void GuardProgress()
    {
        if (_lineInfo is null)
        {
            return;
        }
        var line = _lineInfo.LineNumber;
        var position = _lineInfo.LinePosition;
        if (line == _lastLine && position == _lastPosition)
        {
            throw new InvalidOperationException($"reader made no progress at line {line}, position {position}");
        }
        _lastLine = line;
        _lastPosition = position;
    }

    private void Track()
    {
        var depth = _r.Depth;
        if (depth > _maxDepth)
        {
            throw new XmlDepthException(depth);
        }
        if (depth + 1 >= _names.Length)
        {
            Array.Resize(ref _names, _names.Length * 2);
            Array.Resize(ref _positions, _positions.Length * 2);
        }
        var name = _r.Name;
        if (string.Equals(_names[depth], name, StringComparison.Ordinal))
        {
            _positions[depth]++;
        }
        else
        {
            _names[depth] = name;
            _positions[depth] = 1;
        }
        _names[depth + 1] = null;
    }

    /// <summary>Records an unreadable value; past a few dozen the document is plainly broken and more findings would only cost memory.</summary>
    private void ValueFinding(string location, string term, string message)
    {
        if (++_valueFindings <= MaxValueFindings)
        {
            _findings.Add(new Finding("XML", Severity.Fatal, location, term, message));
        }
    }

    private static string Truncate(string s) => s.Length <= 40 ? s : string.Concat(s.AsSpan(0, 40), "…");
}
