using System.Globalization;
using System.IO.Compression;
using System.Text;

namespace Portique.Formats.Tests.Hostile;

/// <summary>
/// Hand-written PDFs whose structure sends a PDF library into endless or very deep recursion (issue 13, point 2). Each one,
/// opened by PdfPig 0.1.16 without the guard, killed the process with a stack overflow (self-references, deep trees,
/// reference chains) or, for PDFsharp, looped forever (a cross-reference /Prev pointing at itself).
/// </summary>
internal static class HostilePdfs
{
    private const string Catalog = "<</Type/Catalog/Pages 2 0 R";
    private const string NoPages = "<</Type/Pages/Count 0/Kids[]>>";

    /// <summary>The issue's 470-byte file: a one-page PDF whose embedded-files name tree lists itself among its kids.</summary>
    public static byte[] SelfReferencingNameTree() => Build(
        $"{Catalog}/Names<</EmbeddedFiles 4 0 R>>>>",
        "<</Type/Pages/Count 1/Kids[3 0 R]>>",
        "<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]/Resources<<>>>>",
        "<</Kids[4 0 R]/Limits[(factur-x.xml)(factur-x.xml)]>>");

    public static byte[] DeepNameTree(int depth) => Chain($"{Catalog}/Names<</EmbeddedFiles 3 0 R>>>>", depth, i => $"<</Kids[{i + 1} 0 R]>>", "<</Names[]>>");

    public static byte[] SelfReferencingPageTree() => Build("<</Type/Catalog/Pages 2 0 R>>", "<</Type/Pages/Count 1/Kids[2 0 R]>>");

    public static byte[] DeepPageTree(int depth) =>
        Chain("<</Type/Catalog/Pages 2 0 R>>", depth, i => $"<</Type/Pages/Count 1/Kids[{i + 1} 0 R]>>", "<</Type/Page/MediaBox[0 0 10 10]>>", firstChainObject: 2);

    public static byte[] SelfReferencingOutline() => Build(
        $"{Catalog}/Outlines 3 0 R>>", NoPages,
        "<</Type/Outlines/First 4 0 R/Last 4 0 R/Count 1>>",
        "<</Title(Facture)/Parent 3 0 R/First 4 0 R/Next 4 0 R>>");

    /// <summary>Two outline items, each the other's next sibling: a reader walking the list never reaches its end.</summary>
    public static byte[] LoopingOutlineSiblings() => Build(
        $"{Catalog}/Outlines 3 0 R>>", NoPages,
        "<</Type/Outlines/First 4 0 R/Last 5 0 R/Count 2>>",
        "<</Title(A)/Parent 3 0 R/Next 5 0 R>>",
        "<</Title(B)/Parent 3 0 R/Next 4 0 R>>");

    public static byte[] DeepOutline(int depth) => Chain($"{Catalog}/Outlines 3 0 R>>", depth, i => $"<</Title(a)/First {i + 1} 0 R>>", "<</Title(z)>>");

    /// <summary>Objects that are nothing but a reference to each other: resolving the catalog's /Names never ends.</summary>
    public static byte[] ReferenceCycle() => Build($"{Catalog}/Names 3 0 R>>", NoPages, "4 0 R", "3 0 R");

    public static byte[] LongReferenceChain(int length) => Chain($"{Catalog}/Names 3 0 R>>", length, i => $"{i + 1} 0 R", "<<>>");

    /// <summary>The name tree's self-reference hidden in a compressed object stream, where only a reader of object streams sees it.</summary>
    public static byte[] SelfReferenceInObjectStream() => WithObjectStream("", "<</Kids[3 0 R]>>", names: true);

    /// <summary>An object stream that /Extends itself.</summary>
    public static byte[] SelfExtendingObjectStream() => WithObjectStream("/Extends 4 0 R", "<</Names[]>>", names: true);

    /// <summary>A chain of object streams, each extending the next, deeper than any real file.</summary>
    public static byte[] DeepObjectStreams(int depth)
    {
        var objects = new List<Raw> { Plain(1, "<</Type/Catalog/Pages 2 0 R>>"), Plain(2, NoPages) };
        for (var i = 0; i < depth; i++)
            objects.Add(ObjectStream(3 + i, $"/Extends {4 + i} 0 R", [(100_000 + i, "null")], deflate: true));
        return Assemble(objects);
    }

    /// <summary>An object stream holding another object stream's dictionary, which PDF forbids and readers resolve recursively.</summary>
    public static byte[] ObjectStreamInObjectStream() => Assemble(
    [
        Plain(1, "<</Type/Catalog/Pages 2 0 R>>"), Plain(2, NoPages),
        ObjectStream(4, "", [(5, "<</Type/ObjStm/N 1/First 4/Length 10>>")], deflate: true),
    ]);

    /// <summary>An object stream under a filter the guard does not expand (so it cannot see inside).</summary>
    public static byte[] ObjectStreamWithUnreadableFilter() => Assemble(
    [
        Plain(1, "<</Type/Catalog/Pages 2 0 R>>"), Plain(2, NoPages),
        new Raw(4, Encoding.ASCII.GetBytes("<</Type/ObjStm/N 1/First 4/Filter/LZWDecode"), [0x80, 0x0B, 0x60, 0x50, 0x22, 0x0C, 0x0C, 0x85]),
    ]);

    /// <summary>An object stream that expands to <paramref name="bytes"/> bytes (a deflate bomb).</summary>
    public static byte[] ObjectStreamBomb(int bytes)
    {
        var content = new byte[bytes];
        "3 0 null"u8.CopyTo(content);
        content.AsSpan(8).Fill((byte)' ');
        return Assemble([Plain(1, "<</Type/Catalog/Pages 2 0 R>>"), Plain(2, NoPages), new Raw(4, Encoding.ASCII.GetBytes("<</Type/ObjStm/N 1/First 4/Filter/FlateDecode"), Deflate(content))]);
    }

    /// <summary>Objects whose string never closes: read from each "obj", every one would run to the end of the file.</summary>
    public static byte[] UnterminatedObjects(int count) =>
        Assemble([Plain(1, "<</Type/Catalog/Pages 2 0 R>>"), Plain(2, NoPages), .. Enumerable.Range(3, count).Select(i => Plain(i, "<</Title(never closed"))]);

    /// <summary>A classic cross-reference section whose trailer's /Prev points back at the section itself.</summary>
    public static byte[] SelfReferencingXrefPrev()
    {
        var pdf = Encoding.ASCII.GetString(Build("<</Type/Catalog/Pages 2 0 R>>", NoPages));
        var xref = pdf.IndexOf("\nxref\n", StringComparison.Ordinal) + 1;
        return Encoding.ASCII.GetBytes(pdf.Replace("/Root 1 0 R>>", $"/Root 1 0 R/Prev {xref}>>", StringComparison.Ordinal));
    }

    // ---- writing ------------------------------------------------------------------------------------------------------

    private sealed record Raw(int Number, byte[] Dictionary, byte[]? Stream = null);

    private static Raw Plain(int number, string value) => new(number, Encoding.ASCII.GetBytes(value));

    private static Raw ObjectStream(int number, string extra, IReadOnlyList<(int Number, string Value)> objects, bool deflate)
    {
        var header = new StringBuilder();
        var body = new StringBuilder();
        foreach (var (n, value) in objects)
        {
            header.Append(CultureInfo.InvariantCulture, $"{n} {body.Length} ");
            body.Append(value).Append('\n');
        }
        var content = Encoding.ASCII.GetBytes(header.ToString() + body);
        var data = deflate ? Deflate(content) : content;
        return new Raw(number, Encoding.ASCII.GetBytes($"<</Type/ObjStm/N {objects.Count}/First {header.Length}{(deflate ? "/Filter/FlateDecode" : "")}{extra}"), data);
    }

    private static byte[] WithObjectStream(string extra, string hidden, bool names) => Assemble(
    [
        Plain(1, names ? $"{Catalog}/Names<</EmbeddedFiles 3 0 R>>>>" : "<</Type/Catalog/Pages 2 0 R>>"), Plain(2, NoPages),
        ObjectStream(4, extra, [(3, hidden)], deflate: true),
    ]);

    /// <summary>Objects 1, 2… from the given values, with a classic cross-reference table.</summary>
    private static byte[] Build(params string[] values) => Assemble([.. values.Select((v, i) => Plain(i + 1, v))]);

    /// <summary>A catalog, then objects <paramref name="firstChainObject"/>… each linking to the next, <paramref name="depth"/> of them, then the last.</summary>
    private static byte[] Chain(string catalog, int depth, Func<int, string> link, string last, int firstChainObject = 3)
    {
        var objects = new List<Raw> { Plain(1, catalog) };
        if (firstChainObject == 3)
            objects.Add(Plain(2, NoPages));
        for (var i = firstChainObject; i < firstChainObject + depth; i++)
            objects.Add(Plain(i, link(i)));
        objects.Add(Plain(firstChainObject + depth, last));
        return Assemble(objects);
    }

    private static byte[] Assemble(IReadOnlyList<Raw> objects)
    {
        using var output = new MemoryStream();
        void Write(string text) => output.Write(Encoding.ASCII.GetBytes(text));
        Write("%PDF-1.7\n");
        var offsets = new SortedDictionary<int, long>();
        foreach (var o in objects)
        {
            offsets[o.Number] = output.Position;
            Write($"{o.Number} 0 obj\n");
            output.Write(o.Dictionary);
            if (o.Stream is not null)
            {
                Write(string.Create(CultureInfo.InvariantCulture, $"/Length {o.Stream.Length}>>\nstream\n"));
                output.Write(o.Stream);
                Write("\nendstream");
            }
            Write("\nendobj\n");
        }
        var xref = output.Position;
        var size = offsets.Keys.Max() + 1;
        Write(string.Create(CultureInfo.InvariantCulture, $"xref\n0 {size}\n0000000000 65535 f\r\n"));
        for (var n = 1; n < size; n++)
            Write(offsets.TryGetValue(n, out var at) ? string.Create(CultureInfo.InvariantCulture, $"{at:D10} 00000 n\r\n") : "0000000000 65535 f\r\n");
        Write(string.Create(CultureInfo.InvariantCulture, $"trailer\n<</Size {size}/Root 1 0 R>>\nstartxref\n{xref}\n%%EOF\n"));
        return output.ToArray();
    }

    private static byte[] Deflate(byte[] content)
    {
        using var output = new MemoryStream();
        using (var z = new ZLibStream(output, CompressionLevel.SmallestSize, leaveOpen: true))
            z.Write(content);
        return output.ToArray();
    }
}
