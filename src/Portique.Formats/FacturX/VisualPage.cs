using PdfSharp.Drawing;
using PdfSharp.Pdf;
using Portique.Formats.Model;
using Portique.Formats.Rendering;

namespace Portique.Formats.FacturX;

/// <summary>
/// Draws the human-readable pages of an invoice (the PDF rendering, and the visual part of a generated Factur-X): header,
/// parties, lines with their allowances and charges, VAT breakdown, totals, payment and notes, in French or English, on as
/// many A4 pages as needed. Nothing is cut: every cell wraps within its column (long words are broken), a table that reaches
/// the bottom of a page continues on the next one under its repeated header, and every page is numbered.
/// </summary>
internal sealed class VisualPage
{
    private const double Margin = 40;
    private const double LineHeight = 11;
    private const double CellPadding = 4;
    private readonly PdfDocument _document;
    private readonly InvoiceText _t;
    // Unicode (Identity-H) encoding: names and addresses may use any script, not only the WinAnsi characters.
    private static readonly XPdfFontOptions Unicode = new(PdfFontEncoding.Unicode);
    private readonly XFont _regular = new(EmbeddedFonts.Family, 8.5, XFontStyleEx.Regular, Unicode);
    private readonly XFont _small = new(EmbeddedFonts.Family, 7.5, XFontStyleEx.Regular, Unicode);
    private readonly XFont _bold = new(EmbeddedFonts.Family, 8.5, XFontStyleEx.Bold, Unicode);
    private readonly XFont _heading = new(EmbeddedFonts.Family, 10, XFontStyleEx.Bold, Unicode);
    private readonly XFont _title = new(EmbeddedFonts.Family, 16, XFontStyleEx.Bold, Unicode);
    private XGraphics _graphics = null!;
    private double _y;
    private double _width;
    private double _bottom;
    /// <summary>Redraws the header of the table being drawn when it continues on a new page.</summary>
    private Action? _continueTable;

    private VisualPage(PdfDocument document, RenderLanguage language)
    {
        _document = document;
        _t = InvoiceText.For(language);
    }

    public static PdfDocument Draw(Invoice invoice, RenderLanguage language = RenderLanguage.French)
    {
        EmbeddedFonts.Ensure();
        var document = new PdfDocument();
        var page = new VisualPage(document, language);
        try
        {
            page.Render(invoice);
            page._graphics.Dispose();
            page._graphics = null!;
            page.NumberPages();
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
        var w = _t.Words;
        var currency = invoice.CurrencyCode;
        NewPage();
        Paragraph($"{_t.DocumentTitle(invoice.TypeCode)} {invoice.Number}".Trim(), _title, 0, _width);
        _y += 6;
        var facts = new[]
        {
            (w.IssueDate, InvoiceText.Date(invoice.IssueDate)), (w.DueDate, InvoiceText.Date(invoice.PaymentDueDate)),
            (w.Currency, currency ?? ""), (w.BuyerReference, invoice.BuyerReference ?? ""), (w.PurchaseOrder, invoice.PurchaseOrderReference ?? ""),
            (w.Contract, invoice.ContractReference ?? ""), (w.InvoicingPeriod, InvoiceText.Period(invoice.InvoicingPeriod)),
            (w.BusinessProcess, invoice.BusinessProcessType ?? ""),
        };
        Paragraph(string.Join("    ", facts.Where(f => f.Item2.Length > 0).Select(f => _t.LabelValue(f.Item1, f.Item2))), _regular, 0, _width);
        foreach (var preceding in invoice.PrecedingInvoices)
            Paragraph(_t.LabelValue(w.PrecedingInvoice, $"{preceding.Number} {w.Of} {InvoiceText.Date(preceding.IssueDate)}".Trim()), _regular, 0, _width);
        _y += 8;

        Parties(invoice);
        _y += 8;

        LinesTable(invoice);
        _y += 8;

        if (invoice.AllowanceCharges.Count > 0)
        {
            Section(w.AllowancesAndCharges);
            var columns = new Column[] { new(0.40, false), new(0.15, true), new(0.12, true), new(0.18, false), new(0.15, true) };
            Table(columns, [w.Kind, w.Base, w.Percentage, w.Vat, w.Amount],
                invoice.AllowanceCharges.Select(a => Cells(_t.AllowanceCharge(a), _t.Amount(a.BaseAmount), _t.Percent(a.Percentage),
                    _t.VatWithRate(a.VatCategoryCode, a.VatRate), _t.SignedAmount(a, null))));
            _y += 8;
        }

        Section(w.VatBreakdown);
        var vatColumns = new Column[] { new(0.30, false), new(0.10, true), new(0.16, true), new(0.16, true), new(0.28, false) };
        Table(vatColumns, [w.Category, w.Rate, w.TaxableAmount, w.VatAmount, w.Exemption],
            invoice.VatBreakdown.Select(v => Cells(_t.VatCategory(v.CategoryCode), _t.Percent(v.Rate), _t.Amount(v.TaxableAmount), _t.Amount(v.TaxAmount),
                $"{v.ExemptionReasonCode} {v.ExemptionReason}".Trim())));
        _y += 8;

        var s = invoice.Totals;
        var totals = new List<(string, string, XFont)>
        {
            (w.LineNetTotal, _t.Amount(s.LineNetTotal, currency), _regular),
            (w.Allowances, _t.Amount(s.AllowanceTotal, currency), _regular),
            (w.Charges, _t.Amount(s.ChargeTotal, currency), _regular),
            (w.TotalWithoutVat, _t.Amount(s.TaxExclusiveAmount, currency), _regular),
            (w.VatTotal, _t.Amount(s.VatTotal, currency), _regular),
            (w.VatInAccountingCurrency, _t.Amount(s.VatTotalInAccountingCurrency, invoice.VatAccountingCurrencyCode), _regular),
            (w.TotalWithVat, _t.Amount(s.TaxInclusiveAmount, currency), _regular),
            (w.Paid, _t.Amount(s.PrepaidAmount, currency), _regular),
            (w.Rounding, _t.Amount(s.RoundingAmount, currency), _regular),
            (w.AmountDue, _t.Amount(s.PayableAmount, currency), _bold),
        };
        foreach (var (label, value, font) in totals.Where(x => x.Item2.Length > 0))
            Total(label, value, font);
        _y += 8;

        if (invoice.PaymentMeans.Count > 0 || invoice.RemittanceInformation is not null || invoice.MandateReference is not null)
        {
            Section(w.Payment);
            foreach (var means in invoice.PaymentMeans)
            {
                var parts = new[]
                {
                    _t.PaymentMeansName(means.TypeCode), means.TypeText,
                    means.CreditTransfer?.AccountIdentifier is { } iban ? _t.LabelValue(w.Account, iban) : null,
                    means.CreditTransfer?.ServiceProviderIdentifier is { } bic ? _t.LabelValue(w.Bank, bic) : null,
                    means.CreditTransfer?.AccountName is { } holder ? _t.LabelValue(w.AccountName, holder) : null,
                    means.DebitedAccountIdentifier is { } debited ? _t.LabelValue(w.DebitedAccount, debited) : null,
                };
                Paragraph(_t.LabelValue(w.PaymentMeans, string.Join(" — ", parts.Where(p => !string.IsNullOrWhiteSpace(p)))), _regular, 0, _width);
            }
            if (invoice.RemittanceInformation is { } remittance)
                Paragraph(_t.LabelValue(w.Remittance, remittance), _regular, 0, _width);
            if (invoice.MandateReference is { } mandate)
                Paragraph(_t.LabelValue(w.Mandate, mandate), _regular, 0, _width);
            _y += 6;
        }
        if (!string.IsNullOrWhiteSpace(invoice.PaymentTerms))
            Paragraph(_t.LabelValue(w.PaymentTerms, invoice.PaymentTerms), _regular, 0, _width);
        if (invoice.Notes.Count > 0)
        {
            Section(w.Notes);
            foreach (var note in invoice.Notes)
                Paragraph(string.IsNullOrWhiteSpace(note.SubjectCode) ? note.Text ?? "" : $"{note.SubjectCode} {note.Text}", _regular, 0, _width);
        }
    }

    /// <summary>Seller and buyer side by side, then payee and tax representative; each block wraps within its half of the page.</summary>
    private void Parties(Invoice invoice)
    {
        var w = _t.Words;
        var blocks = new List<(string Role, Party Party)> { (w.Seller, invoice.Seller), (w.Buyer, invoice.Buyer) };
        if (invoice.Payee is { } payee)
            blocks.Add((w.Payee, payee));
        if (invoice.SellerTaxRepresentative is { } representative)
            blocks.Add((w.TaxRepresentative, representative));
        var half = _width / 2;
        for (var i = 0; i < blocks.Count; i += 2)
        {
            var left = PartyLines(blocks[i].Role, blocks[i].Party, half - CellPadding);
            var right = i + 1 < blocks.Count ? PartyLines(blocks[i + 1].Role, blocks[i + 1].Party, half - CellPadding) : [];
            for (var n = 0; n < Math.Max(left.Count, right.Count); n++)
            {
                EnsureRoom(LineHeight);
                if (n < left.Count)
                    _graphics.DrawString(left[n].Text, left[n].Font, XBrushes.Black, Margin, _y);
                if (n < right.Count)
                    _graphics.DrawString(right[n].Text, right[n].Font, XBrushes.Black, Margin + half, _y);
                _y += LineHeight;
            }
            _y += 4;
        }
    }

    private List<(string Text, XFont Font)> PartyLines(string role, Party party, double width)
    {
        var lines = new List<(string, XFont)> { (role, _heading) };
        lines.AddRange(Wrap(party.Name ?? "", _bold, width).Select(l => (l, _bold)));
        foreach (var line in _t.PartyLines(party))
            lines.AddRange(Wrap(line, _regular, width).Select(l => (l, _regular)));
        return lines;
    }

    private void LinesTable(Invoice invoice)
    {
        var w = _t.Words;
        Section(w.Lines);
        var columns = new Column[] { new(0.05, false), new(0.36, false), new(0.09, true), new(0.11, false), new(0.12, true), new(0.14, false), new(0.13, true) };
        var rows = new List<Row>();
        foreach (var line in invoice.Lines)
        {
            var item = new List<(string, XFont)> { (line.Item.Name ?? "", _regular) };
            item.AddRange(_t.LineDetails(line).Select(d => (d, _small)));
            rows.Add(new Row([[(line.Id ?? "", _regular)], item, [(_t.Number(line.Quantity), _regular)], [(_t.Unit(line.QuantityUnitCode), _regular)],
                [(_t.Amount(line.Price.NetPrice), _regular)], [(_t.VatWithRate(line.VatCategoryCode, line.VatRate), _regular)],
                [(_t.Amount(line.NetAmount), _regular)]]));
            // Line allowances and charges: their own row under the line, the signed amount in the amount column.
            foreach (var a in line.AllowanceCharges.Select(InvoiceText.Of))
            {
                var basis = _t.AllowanceBasis(a);
                rows.Add(new Row([[], [(basis.Length == 0 ? _t.AllowanceCharge(a) : $"{_t.AllowanceCharge(a)} ({basis})", _small)], [], [], [], [],
                    [(_t.SignedAmount(a, null), _small)]]));
            }
        }
        Table(columns, [w.LineNumber, w.Item, w.Quantity, w.UnitOfMeasure, w.NetPrice, w.Vat, w.NetAmount], rows);
    }

    private readonly record struct Column(double Share, bool RightAligned);

    /// <summary>A table row: per column, the texts stacked in the cell (the item's name, then its details in a smaller font).</summary>
    private sealed record Row(List<(string Text, XFont Font)>[] Cells);

    private Row Cells(params string[] texts) => new([.. texts.Select(t => new List<(string, XFont)> { (t, _regular) })]);

    private void Table(Column[] columns, string[] headings, IEnumerable<Row> rows)
    {
        var lefts = new double[columns.Length];
        for (var i = 1; i < columns.Length; i++)
            lefts[i] = lefts[i - 1] + columns[i - 1].Share * _width;
        double WidthOf(int i) => columns[i].Share * _width - CellPadding;

        void Header()
        {
            var header = new Row([.. headings.Select(h => new List<(string, XFont)> { (h, _bold) })]);
            DrawRow(header, columns, lefts, WidthOf, keepTogether: true);
            _graphics.DrawLine(XPens.Gray, Margin, _y - LineHeight + 3, Margin + _width, _y - LineHeight + 3);
            _y += 2;
        }

        EnsureRoom(LineHeight * 3);
        Header();
        _continueTable = Header;
        foreach (var row in rows)
            DrawRow(row, columns, lefts, WidthOf, keepTogether: false);
        _continueTable = null;
        _graphics.DrawLine(XPens.Gray, Margin, _y - LineHeight + 3, Margin + _width, _y - LineHeight + 3);
        _y += 2;
    }

    /// <summary>
    /// Draws a row band by band: every cell wrapped to its column. A row that fits on a page is kept on one page; a row taller
    /// than a page goes on over the next, under the table's repeated header.
    /// </summary>
    private void DrawRow(Row row, Column[] columns, double[] lefts, Func<int, double> widthOf, bool keepTogether)
    {
        var cells = row.Cells.Select((cell, i) => cell.SelectMany(part => Wrap(part.Text, part.Font, widthOf(i)).Select(l => (Text: l, part.Font))).ToList()).ToList();
        var height = Math.Max(1, cells.Max(c => c.Count)) * LineHeight;
        if (_y + height > _bottom && height <= _bottom - Margin - 4 * LineHeight)
        {
            NewPage();
            if (!keepTogether)
                _continueTable?.Invoke();
        }
        for (var band = 0; band < Math.Max(1, cells.Max(c => c.Count)); band++)
        {
            if (!keepTogether)
                EnsureRoom(LineHeight);
            for (var i = 0; i < cells.Count; i++)
            {
                if (band >= cells[i].Count)
                    continue;
                var (text, font) = cells[i][band];
                var x = columns[i].RightAligned ? lefts[i] + widthOf(i) - _graphics.MeasureString(text, font).Width : lefts[i];
                _graphics.DrawString(text, font, XBrushes.Black, Margin + x, _y);
            }
            _y += LineHeight;
        }
    }

    private void Section(string title)
    {
        EnsureRoom(LineHeight * 3);
        _graphics.DrawString(title, _heading, XBrushes.Black, Margin, _y);
        _y += LineHeight + 3;
    }

    private void Total(string label, string value, XFont font)
    {
        var labelWidth = _width * 0.27;
        var lines = Wrap(label, font, labelWidth).ToList();
        EnsureRoom(LineHeight * lines.Count);
        var size = _graphics.MeasureString(value, font);
        _graphics.DrawString(value, font, XBrushes.Black, Margin + _width - size.Width, _y);
        foreach (var line in lines)
        {
            _graphics.DrawString(line, font, XBrushes.Black, Margin + _width * 0.55, _y);
            _y += LineHeight;
        }
    }

    /// <summary>Long texts are wrapped on word boundaries within the width given.</summary>
    private void Paragraph(string text, XFont font, double x, double width)
    {
        var height = font.Size > 10 ? font.Size + 4 : LineHeight;
        foreach (var line in Wrap(text, font, width - CellPadding))
        {
            EnsureRoom(height);
            _graphics.DrawString(line, font, XBrushes.Black, Margin + x, _y);
            _y += height;
        }
    }

    /// <summary>Words wrapped to the width; a word wider than the width (an IBAN, a URL) is broken, never cut.</summary>
    private List<string> Wrap(string text, XFont font, double width)
    {
        var lines = new List<string>();
        foreach (var paragraph in text.Replace("\r", "", StringComparison.Ordinal).Split('\n'))
        {
            var current = "";
            foreach (var word in paragraph.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                var candidate = current.Length == 0 ? word : $"{current} {word}";
                if (Fits(candidate, font, width))
                {
                    current = candidate;
                    continue;
                }
                if (current.Length > 0)
                    lines.Add(current);
                current = word;
                while (!Fits(current, font, width) && current.Length > 1)
                {
                    var take = current.Length - 1;
                    while (take > 1 && !Fits(current[..take], font, width))
                        take--;
                    lines.Add(current[..take]);
                    current = current[take..];
                }
            }
            if (current.Length > 0)
                lines.Add(current);
        }
        return lines;
    }

    private bool Fits(string text, XFont font, double width) => _graphics.MeasureString(text, font).Width <= width;

    private void EnsureRoom(double height)
    {
        if (_y + height <= _bottom)
            return;
        NewPage();
        _continueTable?.Invoke();
    }

    private void NewPage()
    {
        _graphics?.Dispose();
        var page = _document.AddPage();
        page.Size = PdfSharp.PageSize.A4;
        _graphics = XGraphics.FromPdfPage(page);
        _width = page.Width.Point - 2 * Margin;
        // The last line above the margin is kept for the page number.
        _bottom = page.Height.Point - Margin - LineHeight;
        _y = Margin + 12;
    }

    /// <summary>« Page 2 / 3 » at the foot of every page, drawn once the number of pages is known.</summary>
    private void NumberPages()
    {
        var count = _document.PageCount;
        for (var i = 0; i < count; i++)
        {
            var page = _document.Pages[i];
            using var graphics = XGraphics.FromPdfPage(page, XGraphicsPdfPageOptions.Append);
            var text = $"{_t.Words.Page} {i + 1} / {count}";
            var size = graphics.MeasureString(text, _small);
            graphics.DrawString(text, _small, XBrushes.Gray, page.Width.Point - Margin - size.Width, page.Height.Point - Margin + 6);
        }
    }
}
