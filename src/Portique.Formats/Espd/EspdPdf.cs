using PdfSharp.Drawing;
using PdfSharp.Pdf;
using Portique.Formats.FacturX;
using Portique.Formats.Rendering;

namespace Portique.Formats.Espd;

/// <summary>
/// A readable PDF of an ESPD document with the PDF library and fonts of the invoice renderings (PDFsharp, embedded Segoe WP):
/// A4 pages, every text wrapped (long words broken, never cut), a question's label beside its answer, pages numbered.
/// </summary>
internal sealed class EspdPdf
{
    private const double Margin = 40;
    private const double LineHeight = 11;
    private const double Gap = 8;
    // No A4 line at these sizes holds more characters than this.
    private const int MaxLineCharacters = 400;
    private static readonly XPdfFontOptions Unicode = new(PdfFontEncoding.Unicode);
    private readonly XFont _regular = new(EmbeddedFonts.Family, 8.5, XFontStyleEx.Regular, Unicode);
    private readonly XFont _bold = new(EmbeddedFonts.Family, 8.5, XFontStyleEx.Bold, Unicode);
    private readonly XFont _small = new(EmbeddedFonts.Family, 7.5, XFontStyleEx.Regular, Unicode);
    private readonly XFont _heading = new(EmbeddedFonts.Family, 10.5, XFontStyleEx.Bold, Unicode);
    private readonly XFont _title = new(EmbeddedFonts.Family, 14, XFontStyleEx.Bold, Unicode);
    private readonly PdfDocument _document;
    private XGraphics? _graphics;
    private double _y, _width, _bottom;

    private EspdPdf(PdfDocument document) => _document = document;

    public static byte[] Render(EspdView view)
    {
        EmbeddedFonts.Ensure();
        using var pdfDocument = new PdfDocument();
        var pdf = new EspdPdf(pdfDocument);
        {
            pdf.Draw(view);
            pdf._graphics?.Dispose();
            pdf._graphics = null;
            pdf.NumberPages(view.PageWord);
            pdf._document.Info.Title = view.Title;
            pdf._document.Info.Creator = "Portique";
            using var output = new MemoryStream();
            pdf._document.Save(output, closeStream: false);
            return output.ToArray();
        }
    }

    private void Draw(EspdView view)
    {
        NewPage();
        Paragraph(view.Title, _title, 0, _width, 18);
        _y += 4;
        Rows(view.Header);
        foreach (var section in view.Sections)
        {
            // A heading is never left alone at the bottom of a page.
            EnsureRoom(4 * LineHeight);
            _y += Gap;
            Paragraph(section.Title, _heading, 0, _width, 14);
            if (section.Subtitle is not null)
                Paragraph(section.Subtitle, _small, 0, _width, LineHeight);
            Rows(section.Rows);
        }
    }

    private void Rows(IReadOnlyList<EspdViewRow> rows)
    {
        foreach (var row in rows)
        {
            var indent = Math.Min(row.Indent, 6) * 10;
            if (row.Label.Length == 0)
            {
                Paragraph(row.Value, _regular, indent, _width - indent, LineHeight);
                continue;
            }
            var labelWidth = (_width - indent) * 0.55;
            var label = Wrap(row.Label, _bold, labelWidth - 6);
            var value = Wrap(row.Value, _regular, _width - indent - labelWidth);
            for (var i = 0; i < Math.Max(label.Count, value.Count); i++)
            {
                EnsureRoom(LineHeight);
                if (i < label.Count)
                    _graphics!.DrawString(label[i], _bold, XBrushes.Black, Margin + indent, _y);
                if (i < value.Count)
                    _graphics!.DrawString(value[i], _regular, XBrushes.Black, Margin + indent + labelWidth, _y);
                _y += LineHeight;
            }
            _y += 2;
        }
    }

    private void Paragraph(string text, XFont font, double x, double width, double height)
    {
        foreach (var line in Wrap(text, font, width))
        {
            EnsureRoom(height);
            _graphics!.DrawString(line, font, XBrushes.Black, Margin + x, _y);
            _y += height;
        }
    }

    /// <summary>Words wrapped to the width; a word wider than the width (a URL, a UUID) is broken, never cut.</summary>
    private List<string> Wrap(string text, XFont font, double width)
    {
        var lines = new List<string>();
        foreach (var paragraph in text.Replace("\r", "", StringComparison.Ordinal).Split('\n'))
        {
            var current = "";
            foreach (var word in paragraph.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries))
            {
                var candidate = current.Length == 0 ? word : $"{current} {word}";
                if (Fits(candidate, font, width))
                {
                    current = candidate;
                    continue;
                }
                if (current.Length > 0)
                    lines.Add(current);
                // An over-wide word is cut into line-long pieces; only a line's worth of it is ever measured at once.
                var start = 0;
                while (word.Length - start > MaxLineCharacters || !Fits(word[start..], font, width))
                {
                    var take = LongestFit(word.AsSpan(start, Math.Min(word.Length - start, MaxLineCharacters + 1)), font, width);
                    lines.Add(word.Substring(start, take));
                    start += take;
                }
                current = word[start..];
            }
            if (current.Length > 0)
                lines.Add(current);
        }
        return lines;
    }

    private bool Fits(string text, XFont font, double width) => _graphics!.MeasureString(text, font).Width <= width;

    /// <summary>
    /// The longest prefix (at least one character) of an over-wide word that fits, by bisection over at most a line's worth of
    /// characters: a megabyte without a space costs a few measures per line, not one per character.
    /// </summary>
    private int LongestFit(ReadOnlySpan<char> word, XFont font, double width)
    {
        int low = 1, high = Math.Min(word.Length - 1, MaxLineCharacters);
        while (low < high)
        {
            var middle = (low + high + 1) / 2;
            if (Fits(word[..middle].ToString(), font, width))
                low = middle;
            else
                high = middle - 1;
        }
        return low;
    }

    private void EnsureRoom(double height)
    {
        if (_y + height > _bottom)
            NewPage();
    }

    private void NewPage()
    {
        _graphics?.Dispose();
        var page = _document.AddPage();
        page.Size = PdfSharp.PageSize.A4;
        _graphics = XGraphics.FromPdfPage(page);
        _width = page.Width.Point - 2 * Margin;
        _bottom = page.Height.Point - Margin - LineHeight;
        _y = Margin + 12;
    }

    private void NumberPages(string word)
    {
        var count = _document.PageCount;
        for (var i = 0; i < count; i++)
        {
            var page = _document.Pages[i];
            using var graphics = XGraphics.FromPdfPage(page, XGraphicsPdfPageOptions.Append);
            var text = $"{word} {i + 1} / {count}";
            var size = graphics.MeasureString(text, _small);
            graphics.DrawString(text, _small, XBrushes.Gray, page.Width.Point - Margin - size.Width, page.Height.Point - Margin + 6);
        }
    }
}
