using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Portique.Formats.FacturX;

/// <summary>
/// Appends a PDF incremental update (ISO 32000-1 §7.5.6, allowed by PDF/A) that redefines one object as a new stream.
/// Works on files with a classic cross-reference table, which is what PDFsharp writes.
/// </summary>
internal static partial class PdfIncrementalUpdate
{
    public static byte[] ReplaceStreamObject(byte[] pdf, int objectNumber, string dictionaryEntries, byte[] streamData)
    {
        var tail = Encoding.Latin1.GetString(pdf, Math.Max(0, pdf.Length - 4096), Math.Min(pdf.Length, 4096));
        var startXref = StartXref().Matches(tail) is { Count: > 0 } found
            ? found[^1].Groups[1].Value
            : throw new InvalidOperationException("The PDF has no startxref to chain an update to.");
        var trailer = Trailer().Matches(tail) is { Count: > 0 } trailers
            ? trailers[^1].Groups[1].Value
            : throw new InvalidOperationException("The PDF has no classic trailer dictionary.");
        if (trailer.Contains("/Prev", StringComparison.Ordinal))
            trailer = Prev().Replace(trailer, "");

        using var output = new MemoryStream(pdf.Length + streamData.Length + 512);
        output.Write(pdf);
        if (pdf[^1] != (byte)'\n')
            output.WriteByte((byte)'\n');
        var offset = output.Position;
        Write(output, $"{objectNumber} 0 obj\n<<{dictionaryEntries}/Length {streamData.Length}>>\nstream\n");
        output.Write(streamData);
        Write(output, "\nendstream\nendobj\n");
        var xref = output.Position;
        Write(output, string.Create(CultureInfo.InvariantCulture,
            $"xref\n{objectNumber} 1\n{offset:D10} 00000 n\r\ntrailer\n<<{trailer}/Prev {startXref}>>\nstartxref\n{xref}\n%%EOF\n"));
        return output.ToArray();
    }

    private static void Write(Stream output, string text) => output.Write(Encoding.Latin1.GetBytes(text));

    [GeneratedRegex(@"startxref\s+(\d+)\s+%%EOF")]
    private static partial Regex StartXref();

    // The trailer of a PDFsharp file holds no nested dictionary, only names, references and the /ID array.
    [GeneratedRegex(@"trailer\s*<<((?:(?!>>).)*)>>", RegexOptions.Singleline)]
    private static partial Regex Trailer();

    [GeneratedRegex(@"/Prev\s+\d+")]
    private static partial Regex Prev();
}
