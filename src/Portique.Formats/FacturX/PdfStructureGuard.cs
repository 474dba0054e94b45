using System.Globalization;
using System.IO.Compression;
using System.Text;

namespace Portique.Formats.FacturX;

/// <summary>
/// A bounded, cycle-checked walk of an untrusted PDF's object graph, run before any PDF library opens the file
/// (docs/decisions/0020-pdf-structure-guard-before-the-pdf-library.md). PdfPig and PDFsharp follow name trees, page trees,
/// outlines, reference chains and cross-reference sections recursively or in loops without a visited set: a self-reference
/// overflows the stack, which no catch can stop, or loops forever. This guard reads the file itself, iteratively, and refuses
/// what could send them into such a walk:
/// <list type="bullet">
/// <item>tree links (/Kids, /First, /Next, /Extends) or /Parent links that form a cycle, or trees deeper than <see cref="MaxTreeDepth"/>;</item>
/// <item>objects that are only a reference to another object, chained in a cycle or deeper than that;</item>
/// <item>arrays and dictionaries nested deeper than <see cref="FormatLimits.MaxDepth"/>;</item>
/// <item>cross-reference sections whose /Prev or /XRefStm links loop;</item>
/// <item>object streams that cannot be read safely (an unsupported filter, or more than the size limit once expanded).</item>
/// </list>
/// It is deliberately conservative: every "N G obj" found anywhere in the file, and every object of every object stream,
/// counts, whichever one a library would pick; a link of any of them counts. So it sees at least every link a library could follow.
/// </summary>
internal static class PdfStructureGuard
{
    /// <summary>
    /// Deepest tree accepted. Real page, name and outline trees are under 20 levels; PdfPig's recursion overflowed a 1.5 MB
    /// thread stack between 5,000 and 10,000 levels and a 256 KB one under 2,000 (measured, see the decision record).
    /// </summary>
    public const int MaxTreeDepth = 128;

    /// <summary>More objects than this is no invoice: the walk's memory stays bounded.</summary>
    public const int MaxObjects = 1_000_000;

    /// <summary>Null when the structure is safe to hand to a PDF library; otherwise why it is refused.</summary>
    public static string? Check(byte[] pdf, FormatLimits limits)
    {
        try
        {
            return new Walk(pdf, limits).Run();
        }
        catch (Refused e)
        {
            return e.Message;
        }
    }

    private sealed class Refused(string message) : Exception(message);

    /// <summary>What a definition of an object links to. Edges are object numbers; generations are merged (conservative).</summary>
    private sealed class Links
    {
        public List<int>? Down;   // /Kids, /First, /Extends, and the target of an object that is only a reference
        public List<int>? Next;   // /Next: a sibling, same depth
        public List<int>? Up;     // /Parent, and the target of an object that is only a reference

        public static void Add(ref List<int>? list, int target) => (list ??= []).Add(target);
    }

    /// <summary>The top-level entries of one object's dictionary that the walk needs.</summary>
    private sealed class Header
    {
        public string? Type;
        public long? Length, N, First, Prev, XRefStm;
        public string? Filter;
        public bool HasDecodeParms;
        public bool IsReference;
        public int ReferenceTarget;
        public int StreamStart = -1;
    }

    private sealed class Walk(byte[] pdf, FormatLimits limits)
    {
        private readonly Dictionary<int, Links> _links = [];
        private readonly List<(int At, long? Prev, long? XRefStm)> _sections = [];
        private readonly List<int> _endstreams = [];
        private readonly List<int> _xrefs = [];
        private long _expanded;
        private long _scanned;
        private int _objects;

        public string? Run()
        {
            _endstreams.AddRange(Occurrences("endstream"u8));
            _xrefs.AddRange(Occurrences("xref"u8));
            var streams = new List<(int Number, Header Header)>();
            foreach (var at in Occurrences("obj"u8))
            {
                if (ObjectNumberBefore(at) is not var (number, start))
                    continue;
                var header = ParseObject(number, at + 3, pdf.Length, embedded: false);
                if (header.Type == "XRef")
                    _sections.Add((start, header.Prev, header.XRefStm));
                if (header.Type == "ObjStm" && header.StreamStart >= 0)
                    streams.Add((number, header));
            }
            foreach (var at in Occurrences("trailer"u8))
            {
                var header = new Header();
                ParseValue(at + 7, pdf.Length, -1, header, stopAtFirstValue: true);
                _sections.Add((XrefKeywordBefore(at), header.Prev, header.XRefStm));
            }
            foreach (var (number, header) in streams)
                ReadObjectStream(number, header);
            CheckSections();
            CheckGraph();
            return null;
        }

        // ---- finding objects --------------------------------------------------------------------------------------

        private List<int> Occurrences(ReadOnlySpan<byte> keyword)
        {
            var found = new List<int>();
            var span = pdf.AsSpan();
            for (var from = 0; from < span.Length;)
            {
                var i = span[from..].IndexOf(keyword);
                if (i < 0)
                    break;
                var at = from + i;
                var before = at == 0 ? (byte)' ' : span[at - 1];
                var after = at + keyword.Length < span.Length ? span[at + keyword.Length] : (byte)' ';
                if (!IsRegular(before) && !IsRegular(after))
                    found.Add(at);
                from = at + keyword.Length;
            }
            return found;
        }

        /// <summary>"N G" right before an "obj" keyword: the object number and where its header starts.</summary>
        private (int Number, int Start)? ObjectNumberBefore(int obj)
        {
            var i = obj - 1;
            if (!SkipWhiteBack(ref i) || !DigitsBack(ref i, out _) || !SkipWhiteBack(ref i) || !DigitsBack(ref i, out var number))
                return null;
            if (i >= 0 && IsRegular(pdf[i]))
                return null;
            return number is >= 0 and <= int.MaxValue ? ((int)number, i + 1) : null;
        }

        private bool SkipWhiteBack(ref int i)
        {
            var start = i;
            while (i >= 0 && IsWhite(pdf[i]))
                i--;
            return i < start && i >= 0;
        }

        private bool DigitsBack(ref int i, out long value)
        {
            var end = i;
            while (i >= 0 && pdf[i] is >= (byte)'0' and <= (byte)'9' && end - i < 10)
                i--;
            value = 0;
            if (i == end)
                return false;
            return long.TryParse(pdf.AsSpan(i + 1, end - i), NumberStyles.None, CultureInfo.InvariantCulture, out value);
        }

        private int XrefKeywordBefore(int trailer)
        {
            var i = _xrefs.BinarySearch(trailer);
            i = i < 0 ? ~i : i;
            return i > 0 ? _xrefs[i - 1] : trailer;
        }

        private Header ParseObject(int number, int from, int end, bool embedded)
        {
            if (++_objects > MaxObjects)
                throw new Refused($"The PDF has more than {MaxObjects:N0} objects.");
            var header = new Header();
            var after = ParseValue(from, end, number, header, stopAtFirstValue: embedded);
            // Objects are read from every "obj" found, so a string or a stream left open would make each read run to the end
            // of the file: past eight times the file's length of reading, the file is refused rather than read quadratically.
            _scanned += after - from;
            if (_scanned > 8L * pdf.Length + 1_000_000)
                throw new Refused("The PDF's objects overlap or are left unterminated (strings, arrays or dictionaries that never close).");
            if (header.IsReference)
            {
                var links = LinksOf(number);
                Links.Add(ref links.Down, header.ReferenceTarget);
                Links.Add(ref links.Up, header.ReferenceTarget);
            }
            if (!embedded && Keyword(after, "stream"u8))
                header.StreamStart = StreamData(after + 6);
            return header;
        }

        private Links LinksOf(int number)
        {
            if (!_links.TryGetValue(number, out var links))
                _links[number] = links = new Links();
            return links;
        }

        private int StreamData(int at)
        {
            if (at < pdf.Length && pdf[at] == '\r')
                at++;
            if (at < pdf.Length && pdf[at] == '\n')
                at++;
            return at;
        }

        private int StreamEnd(int start, long? length)
        {
            if (length is { } l && l >= 0 && start + l <= pdf.Length)
            {
                var i = (int)(start + l);
                while (i < pdf.Length && IsWhite(pdf[i]))
                    i++;
                if (Keyword(i, "endstream"u8))
                    return (int)(start + l);
            }
            var index = _endstreams.BinarySearch(start);
            index = index < 0 ? ~index : index;
            return index < _endstreams.Count ? _endstreams[index] : pdf.Length;
        }

        private bool Keyword(int at, ReadOnlySpan<byte> keyword)
        {
            while (at < pdf.Length && IsWhite(pdf[at]))
                at++;
            return at + keyword.Length <= pdf.Length && pdf.AsSpan(at, keyword.Length).SequenceEqual(keyword)
                && (at + keyword.Length == pdf.Length || !IsRegular(pdf[at + keyword.Length]));
        }

        // ---- one object's value, iteratively ----------------------------------------------------------------------

        private sealed class Frame(bool isDictionary, string? owner)
        {
            public bool IsDictionary { get; } = isDictionary;
            /// <summary>The dictionary key this container is the value of (arrays pass it on to their elements).</summary>
            public string? Owner { get; } = owner;
            public string? Key;
            public bool ExpectingValue;
        }

        /// <summary>
        /// Reads one object's value from <paramref name="at"/>, recording its links under <paramref name="number"/> (-1: none)
        /// and its top-level entries in <paramref name="header"/>. Stops at endobj, stream, a following obj, the end, or, when
        /// <paramref name="stopAtFirstValue"/>, after one complete value. Returns where it stopped.
        /// </summary>
        private int ParseValue(int at, int end, int number, Header header, bool stopAtFirstValue)
        {
            var stack = new List<Frame>();
            var pending = new List<long>();
            var values = 0;
            while (true)
            {
                while (at < end && (IsWhite(pdf[at]) || pdf[at] == '%'))
                {
                    if (pdf[at] == '%')
                        while (at < end && pdf[at] is not ((byte)'\r' or (byte)'\n'))
                            at++;
                    else
                        at++;
                }
                if (at >= end)
                    return at;
                if (stopAtFirstValue && stack.Count == 0 && values > 0 && pending.Count == 0)
                    return at;
                var c = pdf[at];
                if (c == '<' && at + 1 < end && pdf[at + 1] == '<' || c == '[')
                {
                    Flush(stack, pending, header);
                    var top = stack.Count > 0 ? stack[^1] : null;
                    var owner = top is null ? null : top.IsDictionary ? top.Key : top.Owner;
                    if (top is { IsDictionary: true })
                    {
                        top.ExpectingValue = false;
                        if (stack.Count == 1 && top.Key == "DecodeParms")
                            header.HasDecodeParms = true;
                    }
                    stack.Add(new Frame(c == '<', owner));
                    if (stack.Count > limits.MaxDepth)
                        throw new Refused($"The PDF nests arrays or dictionaries more than {limits.MaxDepth} levels deep.");
                    at += c == '<' ? 2 : 1;
                    continue;
                }
                if (c == '>' && at + 1 < end && pdf[at + 1] == '>' || c == ']')
                {
                    Flush(stack, pending, header);
                    if (stack.Count > 0)
                        stack.RemoveAt(stack.Count - 1);
                    at += c == '>' ? 2 : 1;
                    if (stack.Count == 0)
                        values++;
                    continue;
                }
                if (c == '/')
                {
                    var start = ++at;
                    while (at < end && IsRegular(pdf[at]))
                        at++;
                    var name = Encoding.Latin1.GetString(pdf, start, at - start);
                    var hadPending = pending.Count > 0;
                    Flush(stack, pending, header);
                    if (stack.Count > 0 && stack[^1] is { IsDictionary: true } dict)
                    {
                        if (dict.ExpectingValue && !hadPending)
                        {
                            if (stack.Count == 1)
                                Entry(header, dict.Key, name);
                            dict.ExpectingValue = false;
                        }
                        else
                        {
                            dict.Key = name;
                            dict.ExpectingValue = true;
                        }
                    }
                    else if (stack.Count == 2 && stack[0] is { IsDictionary: true, Key: "Filter" })
                    {
                        // A filter array: one filter is read like a single name, a chain is not expanded here.
                        header.Filter = header.Filter is null ? name : "a chain of filters";
                    }
                    if (stack.Count == 0)
                        values++;
                    continue;
                }
                if (c == '(')
                {
                    Flush(stack, pending, header);
                    at = SkipLiteralString(at, end);
                    ValueDone(stack, ref values);
                    continue;
                }
                if (c == '<')
                {
                    Flush(stack, pending, header);
                    var close = pdf.AsSpan(at, end - at).IndexOf((byte)'>');
                    at = close < 0 ? end : at + close + 1;
                    ValueDone(stack, ref values);
                    continue;
                }
                if (!IsRegular(c))
                {
                    at++;
                    continue;
                }
                var tokenStart = at;
                while (at < end && IsRegular(pdf[at]))
                    at++;
                var token = pdf.AsSpan(tokenStart, at - tokenStart);
                if (token.SequenceEqual("R"u8) && pending.Count >= 2)
                {
                    var target = pending[^2];
                    pending.RemoveRange(pending.Count - 2, 2);
                    Flush(stack, pending, header);
                    if (target is >= 0 and <= int.MaxValue)
                        Reference(stack, number, (int)target, header);
                    ValueDone(stack, ref values);
                    continue;
                }
                if (long.TryParse(token, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer))
                {
                    pending.Add(integer);
                    if (pending.Count > 2)
                    {
                        var first = pending[0];
                        pending.RemoveAt(0);
                        FlushOne(stack, first, header);
                    }
                    continue;
                }
                if (token.SequenceEqual("endobj"u8) || token.SequenceEqual("stream"u8) || token.SequenceEqual("obj"u8)
                    || token.SequenceEqual("endstream"u8))
                {
                    // "N G obj" of the next object: the two numbers were not values of this one.
                    if (token.SequenceEqual("obj"u8))
                        pending.Clear();
                    Flush(stack, pending, header);
                    return tokenStart;
                }
                Flush(stack, pending, header);
                ValueDone(stack, ref values);
            }
        }

        private static void ValueDone(List<Frame> stack, ref int values)
        {
            if (stack.Count > 0 && stack[^1] is { IsDictionary: true } dict)
                dict.ExpectingValue = false;
            if (stack.Count == 0)
                values++;
        }

        /// <summary>Pending integers that turned out not to be a reference are values (only the first after a key matters).</summary>
        private static void Flush(List<Frame> stack, List<long> pending, Header header)
        {
            foreach (var value in pending)
                FlushOne(stack, value, header);
            pending.Clear();
        }

        private static void FlushOne(List<Frame> stack, long value, Header header)
        {
            if (stack.Count > 0 && stack[^1] is { IsDictionary: true, ExpectingValue: true } dict)
            {
                if (stack.Count == 1)
                    IntegerEntry(header, dict.Key, value);
                dict.ExpectingValue = false;
            }
        }

        private static void Entry(Header header, string? key, string name)
        {
            if (key == "Type")
                header.Type = name;
            else if (key == "Filter")
                header.Filter = name;
        }

        private static void IntegerEntry(Header header, string? key, long value)
        {
            switch (key)
            {
                case "Length": header.Length = value; break;
                case "N": header.N = value; break;
                case "First": header.First = value; break;
                case "Prev": header.Prev = value; break;
                case "XRefStm": header.XRefStm = value; break;
            }
        }

        private void Reference(List<Frame> stack, int number, int target, Header header)
        {
            if (stack.Count == 0)
            {
                header.IsReference = true;
                header.ReferenceTarget = target;
                return;
            }
            var top = stack[^1];
            var key = top.IsDictionary ? top.Key : top.Owner;
            if (stack.Count == 1 && top.IsDictionary && key == "DecodeParms")
                header.HasDecodeParms = true;
            if (number < 0 || key is null)
                return;
            switch (key)
            {
                case "Kids" or "First" or "Extends":
                    Links.Add(ref LinksOf(number).Down, target);
                    break;
                case "Next":
                    Links.Add(ref LinksOf(number).Next, target);
                    break;
                case "Parent":
                    Links.Add(ref LinksOf(number).Up, target);
                    break;
            }
        }

        private int SkipLiteralString(int at, int end)
        {
            var depth = 0;
            for (; at < end; at++)
            {
                var c = pdf[at];
                if (c == '\\')
                    at++;
                else if (c == '(')
                    depth++;
                else if (c == ')' && --depth == 0)
                    return at + 1;
            }
            return end;
        }

        // ---- object streams ---------------------------------------------------------------------------------------

        private void ReadObjectStream(int number, Header header)
        {
            var end = StreamEnd(header.StreamStart, header.Length);
            var raw = pdf.AsSpan(header.StreamStart, Math.Max(0, end - header.StreamStart));
            byte[] data;
            if (header.Filter is null)
                data = raw.ToArray();
            else if (header.Filter == "FlateDecode" && !header.HasDecodeParms)
                data = Inflate(raw);
            else
                throw new Refused($"Object stream {number} uses a filter this reader does not expand safely ({header.Filter}{(header.HasDecodeParms ? " with parameters" : "")}).");
            _expanded += data.Length;
            if (_expanded > limits.MaxPdfBytes)
                throw new Refused($"The PDF's object streams expand to more than {limits.MaxPdfBytes:N0} bytes.");

            var count = header.N ?? 0;
            var first = header.First ?? 0;
            if (count < 0 || count > MaxObjects || first < 0 || first > data.Length)
                throw new Refused($"Object stream {number} has an impossible header (/N {count}, /First {first}).");
            var inner = new Walk(data, limits);
            var offsets = new List<(int Number, long Offset)>();
            var at = 0;
            for (var i = 0; i < count; i++)
            {
                if (!inner.ReadInteger(ref at, (int)first, out var objectNumber) || !inner.ReadInteger(ref at, (int)first, out var offset))
                    break;
                if (objectNumber is >= 0 and <= int.MaxValue && offset >= 0 && first + offset < data.Length)
                    offsets.Add(((int)objectNumber, first + offset));
            }
            // The objects of the stream join this file's graph (they are the same objects a library resolves).
            inner._objects = _objects;
            var ends = offsets.Select(o => (int)o.Offset).Append(data.Length).Order().ToArray();
            foreach (var (objectNumber, offset) in offsets)
            {
                // An object ends where the next one starts, so a bare number is not read on into its neighbour.
                var next = Array.BinarySearch(ends, (int)offset + 1);
                var parsed = inner.ParseObject(objectNumber, (int)offset, ends[next < 0 ? ~next : next], embedded: true);
                if (parsed.Type == "ObjStm")
                    throw new Refused($"Object stream {number} holds another object stream ({objectNumber}), which PDF forbids.");
            }
            _objects = inner._objects;
            foreach (var (objectNumber, links) in inner._links)
            {
                var merged = LinksOf(objectNumber);
                foreach (var t in links.Down ?? [])
                    Links.Add(ref merged.Down, t);
                foreach (var t in links.Next ?? [])
                    Links.Add(ref merged.Next, t);
                foreach (var t in links.Up ?? [])
                    Links.Add(ref merged.Up, t);
            }
        }

        private bool ReadInteger(ref int at, int end, out long value)
        {
            while (at < end && IsWhite(pdf[at]))
                at++;
            var start = at;
            while (at < end && pdf[at] is >= (byte)'0' and <= (byte)'9')
                at++;
            value = 0;
            return at > start && at - start <= 18 && long.TryParse(pdf.AsSpan(start, at - start), NumberStyles.None, CultureInfo.InvariantCulture, out value);
        }

        private byte[] Inflate(ReadOnlySpan<byte> raw)
        {
            var budget = limits.MaxPdfBytes - _expanded;
            using var input = new ZLibStream(new MemoryStream(raw.ToArray(), writable: false), CompressionMode.Decompress);
            using var output = new MemoryStream();
            var buffer = new byte[81920];
            try
            {
                int read;
                while ((read = input.Read(buffer, 0, buffer.Length)) > 0)
                {
                    if (output.Length + read > budget)
                        throw new Refused($"The PDF's object streams expand to more than {limits.MaxPdfBytes:N0} bytes.");
                    output.Write(buffer, 0, read);
                }
            }
            catch (InvalidDataException)
            {
                // A damaged stream yields what could be expanded; a library reading it gets no more than this.
            }
            return output.ToArray();
        }

        // ---- the checks -------------------------------------------------------------------------------------------

        /// <summary>/Prev and /XRefStm of cross-reference sections must not lead back to a section already followed.</summary>
        private void CheckSections()
        {
            if (_sections.Count == 0)
                return;
            var starts = _sections.Select(s => s.At).Distinct().Order().ToArray();
            var next = new Dictionary<int, List<int>>();
            foreach (var (at, prev, stream) in _sections)
            {
                foreach (var target in new[] { prev, stream })
                {
                    if (target is { } offset && Nearest(starts, offset) is { } section)
                        (next.TryGetValue(at, out var list) ? list : next[at] = []).Add(section);
                }
            }
            if (FindCycle(starts, s => next.GetValueOrDefault(s) ?? []) is { } cycle)
                throw new Refused($"The PDF's cross-reference sections point back to themselves (/Prev or /XRefStm loop at offset {cycle}).");
        }

        /// <summary>A /Prev offset names the section that starts there; readers tolerate a few bytes of error.</summary>
        private static int? Nearest(int[] starts, long offset)
        {
            var index = Array.BinarySearch(starts, (int)Math.Clamp(offset, int.MinValue, int.MaxValue));
            if (index >= 0)
                return starts[index];
            index = ~index;
            int? best = null;
            foreach (var i in new[] { index - 1, index })
            {
                if (i >= 0 && i < starts.Length && Math.Abs(starts[i] - offset) <= 64 && (best is null || Math.Abs(starts[i] - offset) < Math.Abs(best.Value - offset)))
                    best = starts[i];
            }
            return best;
        }

        private void CheckGraph()
        {
            var nodes = _links.Keys.ToArray();
            if (FindCycle(nodes, n => Targets(n, down: true, next: true)) is { } loop)
                throw new Refused($"The PDF's object {loop} contains itself: a page tree, name tree, outline, object stream or reference leads back to it.");
            if (FindCycle(nodes, n => Targets(n, up: true)) is { } parentLoop)
                throw new Refused($"The PDF's object {parentLoop} is its own ancestor through /Parent links.");
            if (Deepest(nodes, n => Targets(n, down: true), n => Targets(n, next: true)) is var (node, depth) && depth > MaxTreeDepth)
                throw new Refused($"The PDF nests a tree (pages, names, outlines, object streams or references) {depth} levels deep from object {node}; the limit is {MaxTreeDepth}.");
            if (Deepest(nodes, n => Targets(n, up: true), _ => []) is var (leaf, height) && height > MaxTreeDepth)
                throw new Refused($"The PDF's object {leaf} has {height} levels of /Parent above it; the limit is {MaxTreeDepth}.");
        }

        private IEnumerable<int> Targets(int node, bool down = false, bool next = false, bool up = false)
        {
            if (!_links.TryGetValue(node, out var links))
                return [];
            IEnumerable<int> targets = [];
            if (down && links.Down is not null)
                targets = targets.Concat(links.Down);
            if (next && links.Next is not null)
                targets = targets.Concat(links.Next);
            if (up && links.Up is not null)
                targets = targets.Concat(links.Up);
            return targets;
        }

        /// <summary>A node on a cycle, found by an iterative depth-first search (three colours), or null.</summary>
        private static int? FindCycle(IEnumerable<int> nodes, Func<int, IEnumerable<int>> edges)
        {
            var state = new Dictionary<int, byte>(); // 1 on the path, 2 done
            var stack = new Stack<(int Node, IEnumerator<int> Edges)>();
            foreach (var root in nodes)
            {
                if (state.ContainsKey(root))
                    continue;
                state[root] = 1;
                stack.Push((root, edges(root).GetEnumerator()));
                while (stack.Count > 0)
                {
                    var (node, it) = stack.Peek();
                    if (it.MoveNext())
                    {
                        var target = it.Current;
                        if (!state.TryGetValue(target, out var s))
                        {
                            state[target] = 1;
                            stack.Push((target, edges(target).GetEnumerator()));
                        }
                        else if (s == 1)
                        {
                            return target;
                        }
                    }
                    else
                    {
                        state[node] = 2;
                        it.Dispose();
                        stack.Pop();
                    }
                }
            }
            return null;
        }

        /// <summary>
        /// The deepest node of an acyclic graph: a child is one level below, a sibling (/Next) on the same level. Iterative,
        /// memoised: depth(n) = max(depth of siblings, 1 + depth of children).
        /// </summary>
        private static (int Node, int Depth)? Deepest(IEnumerable<int> nodes, Func<int, IEnumerable<int>> children, Func<int, IEnumerable<int>> siblings)
        {
            var depth = new Dictionary<int, int>();
            (int, int)? deepest = null;
            var stack = new Stack<(int Node, bool Expanded)>();
            foreach (var root in nodes)
            {
                if (depth.ContainsKey(root))
                    continue;
                stack.Push((root, false));
                while (stack.Count > 0)
                {
                    var (node, expanded) = stack.Pop();
                    if (depth.ContainsKey(node))
                        continue;
                    if (!expanded)
                    {
                        stack.Push((node, true));
                        foreach (var t in children(node).Concat(siblings(node)))
                        {
                            if (!depth.ContainsKey(t))
                                stack.Push((t, false));
                        }
                        continue;
                    }
                    var d = 0;
                    foreach (var t in children(node))
                        d = Math.Max(d, 1 + depth.GetValueOrDefault(t));
                    foreach (var t in siblings(node))
                        d = Math.Max(d, depth.GetValueOrDefault(t));
                    depth[node] = d;
                    if (deepest is null || d > deepest.Value.Item2)
                        deepest = (node, d);
                }
            }
            return deepest;
        }
    }

    private static bool IsWhite(byte c) => c is 0 or 9 or 10 or 12 or 13 or 32;

    private static bool IsDelimiter(byte c) => c is (byte)'(' or (byte)')' or (byte)'<' or (byte)'>' or (byte)'[' or (byte)']' or (byte)'{' or (byte)'}' or (byte)'/' or (byte)'%';

    private static bool IsRegular(byte c) => !IsWhite(c) && !IsDelimiter(c);
}
