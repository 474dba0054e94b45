using PdfSharp.Drawing;
using PdfSharp.Pdf;
using Portique.Formats.Model;
using static Portique.Formats.Rendering.InvoiceText;

namespace Portique.Formats.FacturX;

/// <summary>
/// Draws the human-readable part of a Factur-X when none is supplied: header, parties, lines, VAT breakdown, totals,
/// payment and notes, on as many A4 pages as the lines need.
/// </summary>
internal sealed class VisualPage
{
    private const double Margin = 40;
    private const double LineHeight = 12;
    private readonly PdfDocument _document;
    // Unicode (Identity-H) encoding: names and addresses may use any script, not only the WinAnsi characters.
    private static readonly XPdfFontOptions Unicode = new(PdfFontEncoding.Unicode);
    private readonly XFont _regular = new(EmbeddedFonts.Family, 8.5, XFontStyleEx.Regular, Unicode);
    private readonly XFont _bold = new(EmbeddedFonts.Family, 8.5, XFontStyleEx.Bold, Unicode);
    private readonly XFont _title = new(EmbeddedFonts.Family, 16, XFontStyleEx.Bold, Unicode);
    private XGraphics _graphics = null!;
    private double _y;
    private double _width;
    private double _bottom;

    private VisualPage(PdfDocument document) => _document = document;

    public static PdfDocument Draw(Invoice invoice)
    {
        EmbeddedFonts.Ensure();
        var document = new PdfDocument();
        var page = new VisualPage(document);
        try
        {
            page.Render(invoice);
        }
        catch
        {
            document.Dispose();
            throw;
        }
        finally
        {
            page._graphics?.Dispose();
        }
        return document;
    }

    private void Render(Invoice invoice)
    {
        NewPage();
        Text($"{DocumentTitle(invoice.TypeCode)} {invoice.Number}", _title, 0);
        _y += 10;
        Text($"Issue date: {Date(invoice.IssueDate)}    Due date: {Date(invoice.PaymentDueDate)}    Currency: {invoice.CurrencyCode}", _regular, 0);
        if (!string.IsNullOrWhiteSpace(invoice.BuyerReference) || !string.IsNullOrWhiteSpace(invoice.PurchaseOrderReference))
            Text($"Buyer reference: {invoice.BuyerReference}    Order: {invoice.PurchaseOrderReference}", _regular, 0);
        _y += 8;

        // Seller and buyer side by side.
        var top = _y;
        var half = _width / 2;
        PartyBlock("Seller", invoice.Seller, 0);
        var leftBottom = _y;
        _y = top;
        PartyBlock("Buyer", invoice.Buyer, half);
        _y = Math.Max(_y, leftBottom) + 8;

        var columns = new[] { 0.0, 0.08, 0.52, 0.66, 0.80, 0.88 };
        string[] headings = ["#", "Item", "Quantity", "Net price", "VAT", "Net amount"];
        Row(columns, headings, _bold);
        Rule();
        foreach (var line in invoice.Lines)
        {
            Row(columns,
                [line.Id ?? "", line.Item.Name ?? "", $"{Number(line.Quantity)} {line.QuantityUnitCode}", Amount(line.Price.NetPrice),
                 $"{line.VatCategoryCode} {Percent(line.VatRate)}", Amount(line.NetAmount)], _regular);
        }
        Rule();
        _y += 6;

        Text("VAT breakdown", _bold, 0);
        foreach (var vat in invoice.VatBreakdown)
        {
            Row(columns, ["", $"{vat.CategoryCode} {Percent(vat.Rate)} {vat.ExemptionReason}", "", "", "",
                $"{Amount(vat.TaxableAmount)}, VAT {Amount(vat.TaxAmount)}"], _regular);
        }
        _y += 6;

        var t = invoice.Totals;
        var currency = invoice.CurrencyCode;
        if (t.AllowanceTotal is not null || t.ChargeTotal is not null)
        {
            Total("Sum of lines", Amount(t.LineNetTotal, currency), _regular);
            foreach (var item in invoice.AllowanceCharges)
                Total($"{(item.IsCharge ? "Charge" : "Allowance")} {item.Reason}".Trim(), Amount(item.IsCharge ? item.Amount : -item.Amount, currency), _regular);
        }
        Total("Total without VAT", Amount(t.TaxExclusiveAmount, currency), _regular);
        Total("VAT", Amount(t.VatTotal, currency), _regular);
        Total("Total with VAT", Amount(t.TaxInclusiveAmount, currency), _regular);
        if (t.PrepaidAmount is not null)
            Total("Paid", Amount(t.PrepaidAmount, currency), _regular);
        Total("Amount due", Amount(t.PayableAmount, currency), _bold);
        _y += 8;

        foreach (var means in invoice.PaymentMeans)
        {
            var account = means.CreditTransfer is { } transfer ? $" {transfer.AccountIdentifier} {transfer.ServiceProviderIdentifier}" : "";
            Text($"Payment: {PaymentMeansName(means.TypeCode)}{account}", _regular, 0);
        }
        if (!string.IsNullOrWhiteSpace(invoice.PaymentTerms))
            Text($"Payment terms: {invoice.PaymentTerms}", _regular, 0);
        foreach (var note in invoice.Notes)
            Text(string.IsNullOrWhiteSpace(note.SubjectCode) ? note.Text ?? "" : $"{note.SubjectCode}: {note.Text}", _regular, 0);
    }

    private void PartyBlock(string role, Party party, double x)
    {
        Text(role, _bold, x);
        Text(party.Name ?? "", _bold, x);
        foreach (var line in PartyLines(party))
            Text(line, _regular, x);
    }

    private void Total(string label, string value, XFont font)
    {
        EnsureRoom();
        _graphics.DrawString(label, font, XBrushes.Black, Margin + _width * 0.55, _y);
        var size = _graphics.MeasureString(value, font);
        _graphics.DrawString(value, font, XBrushes.Black, Margin + _width - size.Width, _y);
        _y += LineHeight;
    }

    private void Row(double[] columns, string[] cells, XFont font)
    {
        EnsureRoom();
        for (var i = 0; i < cells.Length; i++)
        {
            var left = columns[i] * _width;
            var right = i + 1 < columns.Length ? columns[i + 1] * _width - 4 : _width;
            var text = Fit(cells[i].Trim(), font, right - left);
            // The last column holds amounts: right-aligned so digits line up.
            var x = i == cells.Length - 1 ? right - _graphics.MeasureString(text, font).Width : left;
            _graphics.DrawString(text, font, XBrushes.Black, Margin + x, _y);
        }
        _y += LineHeight;
    }

    /// <summary>Long texts are wrapped on word boundaries within the page width.</summary>
    private void Text(string text, XFont font, double x)
    {
        var available = (x == 0 ? _width : _width / 2) - 4;
        foreach (var line in Wrap(text, font, available))
        {
            EnsureRoom();
            _graphics.DrawString(line, font, XBrushes.Black, Margin + x, _y);
            _y += font.Size > 10 ? font.Size + 4 : LineHeight;
        }
    }

    private IEnumerable<string> Wrap(string text, XFont font, double width)
    {
        var current = "";
        foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = current.Length == 0 ? word : $"{current} {word}";
            if (current.Length > 0 && _graphics.MeasureString(candidate, font).Width > width)
            {
                yield return current;
                current = Fit(word, font, width);
            }
            else
            {
                current = Fit(candidate, font, width);
            }
        }
        if (current.Length > 0)
            yield return current;
    }

    private string Fit(string text, XFont font, double width)
    {
        if (_graphics.MeasureString(text, font).Width <= width)
            return text;
        var length = text.Length;
        while (length > 1 && _graphics.MeasureString(text[..length] + "…", font).Width > width)
            length--;
        return text[..length] + "…";
    }

    private void Rule()
    {
        EnsureRoom();
        _graphics.DrawLine(XPens.Gray, Margin, _y - 8, Margin + _width, _y - 8);
        _y += 4;
    }

    private void EnsureRoom()
    {
        if (_y > _bottom)
            NewPage();
    }

    private void NewPage()
    {
        _graphics?.Dispose();
        var page = _document.AddPage();
        page.Size = PdfSharp.PageSize.A4;
        _graphics = XGraphics.FromPdfPage(page);
        _width = page.Width.Point - 2 * Margin;
        _bottom = page.Height.Point - Margin;
        _y = Margin + 12;
    }
}
