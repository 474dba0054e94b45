using System.Xml.Linq;

namespace Portique.Formats.Tests.Espd;

/// <summary>The ESPD examples of tests/data/b2b (rows kind=example under espd/ in b2b/MANIFEST.tsv) and XML helpers for the tests.</summary>
internal static class EspdCorpus
{
    public const string Request4 = "b2b/espd/v4.1.0/examples/ESPD-Request.xml";
    public const string Response4 = "b2b/espd/v4.1.0/examples/ESPD-Response.xml";
    public const string Request2 = "b2b/espd/v2.1.1/examples/BASIC-ESPDRequest-2.1.1.xml";
    public const string Response2 = "b2b/espd/v2.1.1/examples/BASIC-ESPDResponse-2.1.1.xml";

    /// <summary>(path under tests/data, expected) for every ESPD example the b2b manifest lists.</summary>
    public static IEnumerable<(string Path, string Expected)> Examples()
    {
        var lines = File.ReadAllLines(TestData.PathOf("b2b/MANIFEST.tsv"));
        var header = lines[0].Split('\t').ToList();
        int path = header.IndexOf("path"), kind = header.IndexOf("kind"), expected = header.IndexOf("expected");
        foreach (var cells in lines.Skip(1).Select(l => l.Split('\t')))
        {
            if (cells[path].StartsWith("espd/", StringComparison.Ordinal) && cells[kind] == "example")
                yield return ("b2b/" + cells[path], cells[expected]);
        }
    }

    public static TheoryData<string, string> ExampleRows()
    {
        var data = new TheoryData<string, string>();
        foreach (var (p, e) in Examples())
            data.Add(p, e);
        return data;
    }

    /// <summary>
    /// An element reduced to what it means: no comments, no namespace declarations (prefixes are irrelevant), text trimmed.
    /// Two elements equal after this hold the same data. xsi:schemaLocation is a hint to the source's own disk layout, which
    /// the writer leaves out on purpose.
    /// </summary>
    public static XElement Normalize(XElement e) =>
        new(e.Name,
            e.Attributes().Where(a => !a.IsNamespaceDeclaration && a.Name.NamespaceName != "http://www.w3.org/2001/XMLSchema-instance").OrderBy(a => a.Name.ToString(), StringComparer.Ordinal)
                .Select(a => new XAttribute(a.Name, a.Value)),
            e.HasElements ? e.Elements().Select(Normalize) : e.Value.Trim());

    public static XElement Root(byte[] xml)
    {
        using var stream = new MemoryStream(xml);
        return XDocument.Load(stream).Root!;
    }

    public static byte[] Replace(string path, string from, string to, int count = 1)
    {
        var text = File.ReadAllText(TestData.PathOf(path));
        var at = text.IndexOf(from, StringComparison.Ordinal);
        Assert.True(at >= 0, $"'{from}' not in {path}");
        for (var i = 0; i < count && at >= 0; i++)
        {
            text = string.Concat(text.AsSpan(0, at), to, text.AsSpan(at + from.Length));
            at = text.IndexOf(from, at + to.Length, StringComparison.Ordinal);
        }
        return System.Text.Encoding.UTF8.GetBytes(text);
    }
}
