using System.Net;
using System.Text;
using Portique.Formats.Model;

namespace Portique.Formats.Rendering;

/// <summary>
/// A self-contained, human-readable HTML view of an invoice (inline CSS, no script, no external resource), in French or English.
/// Every value from the invoice goes through <see cref="WebUtility.HtmlEncode(string)"/>: invoices come from outside.
/// </summary>
internal static class InvoiceHtml
{
    private const string Style = """
        body{font-family:system-ui,sans-serif;margin:2rem;color:#222;max-width:70rem}
        h1{margin-bottom:.2rem}h2{font-size:1.1rem;border-bottom:1px solid #ccc;padding-bottom:.2rem;margin-top:1.6rem}
        .parties{display:flex;flex-wrap:wrap;gap:1.5rem}.party{flex:1 1 16rem;border:1px solid #ddd;border-radius:4px;padding:.6rem 1rem}
        .party h3{margin:.2rem 0 .4rem;font-size:1rem}.party p{margin:.1rem 0}.scroll{overflow-x:auto}
        table{border-collapse:collapse;width:100%}th,td{border:1px solid #ddd;padding:.3rem .5rem;text-align:left;vertical-align:top}
        th{background:#f4f4f4}td.n{text-align:right;white-space:nowrap}dl{display:grid;grid-template-columns:max-content auto;gap:.2rem 1rem}
        dt{font-weight:600}dd{margin:0}.sub{color:#555;font-size:.9em}tr.payable td{font-weight:700}
        tr.line-allowance td{color:#555;font-size:.9em;border-top:none}
        @media (max-width:40rem){body{margin:.6rem}dl{grid-template-columns:auto}}
        """;

    public static string Render(Invoice invoice, RenderLanguage language = RenderLanguage.French)
    {
        ArgumentNullException.ThrowIfNull(invoice);
        var t = InvoiceText.For(language);
        var html = new Html(new StringBuilder(8192 + invoice.Lines.Count * 400));
        var title = $"{t.DocumentTitle(invoice.TypeCode)} {invoice.Number}".Trim();
        html.Raw("<!DOCTYPE html>\n<html lang=\"").Raw(language.Tag()).Raw("\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Raw("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>").Text(title)
            .Raw("</title>\n<style>").Raw(Style).Raw("</style>\n</head>\n<body>\n<main>\n");

        html.Raw("<h1>").Text(title).Raw("</h1>\n");
        Header(html, invoice, t);
        Parties(html, invoice, t);
        Notes(html, invoice, t);
        Lines(html, invoice, t);
        DocumentAllowanceCharges(html, invoice, t);
        VatBreakdown(html, invoice, t);
        Totals(html, invoice, t);
        Payment(html, invoice, t);
        SupportingDocuments(html, invoice, t);
        html.Raw("</main>\n</body>\n</html>\n");
        return html.ToString();
    }

    private static void Header(Html html, Invoice invoice, InvoiceText t)
    {
        var w = t.Words;
        var currency = invoice.CurrencyCode is null ? null : invoice.CurrencyCode == "EUR" ? "EUR (€)" : invoice.CurrencyCode;
        html.Raw("<dl id=\"header\">\n");
        html.Term(w.Number, invoice.Number).Term(w.IssueDate, InvoiceText.Date(invoice.IssueDate))
            .Term(w.DocumentType, invoice.TypeCode is null ? null : $"{t.DocumentTitle(invoice.TypeCode)} ({invoice.TypeCode})")
            .Term(w.Currency, currency).Term(w.VatAccountingCurrency, invoice.VatAccountingCurrencyCode)
            .Term(w.DueDate, InvoiceText.Date(invoice.PaymentDueDate)).Term(w.VatPointDate, InvoiceText.Date(invoice.VatPointDate))
            .Term(w.VatPointDateCode, invoice.VatPointDateCode)
            .Term(w.InvoicingPeriod, InvoiceText.Period(invoice.InvoicingPeriod)).Term(w.BuyerReference, invoice.BuyerReference)
            .Term(w.Project, invoice.ProjectReference).Term(w.Contract, invoice.ContractReference)
            .Term(w.PurchaseOrder, invoice.PurchaseOrderReference).Term(w.SalesOrder, invoice.SalesOrderReference)
            .Term(w.ReceivingAdvice, invoice.ReceivingAdviceReference).Term(w.DespatchAdvice, invoice.DespatchAdviceReference)
            .Term(w.TenderOrLot, invoice.TenderOrLotReference).Term(w.InvoicedObject, invoice.InvoicedObjectIdentifier?.ToString())
            .Term(w.BuyerAccountingReference, invoice.BuyerAccountingReference)
            .Term(w.BusinessProcess, invoice.BusinessProcessType)
            .Term(w.Specification, invoice.SpecificationIdentifier);
        foreach (var preceding in invoice.PrecedingInvoices)
            html.Term(w.PrecedingInvoice, preceding.IssueDate is null ? preceding.Number : $"{preceding.Number} {w.Of} {InvoiceText.Date(preceding.IssueDate)}");
        html.Raw("</dl>\n");
    }

    private static void Parties(Html html, Invoice invoice, InvoiceText t)
    {
        var w = t.Words;
        html.Raw("<h2>").Text(w.Parties).Raw("</h2>\n<div class=\"parties\">\n");
        Party(html, w.Seller, invoice.Seller, t, "seller");
        Party(html, w.Buyer, invoice.Buyer, t, "buyer");
        if (invoice.Payee is { } payee)
            Party(html, w.Payee, payee, t, "payee");
        if (invoice.SellerTaxRepresentative is { } representative)
            Party(html, w.TaxRepresentative, representative, t, "tax-representative");
        if (invoice.Delivery is { } delivery)
        {
            html.Raw("<section class=\"party\" id=\"delivery\"><h3>").Text(w.Delivery).Raw("</h3>\n");
            foreach (var line in new[] { delivery.PartyName, delivery.LocationIdentifier?.Value is null ? null : t.LabelValue(w.Location, delivery.LocationIdentifier.ToString()),
                         delivery.ActualDeliveryDate is null ? null : $"{w.DeliveredOn} {InvoiceText.Date(delivery.ActualDeliveryDate)}" }
                         .Concat(InvoiceText.AddressLines(delivery.Address)))
            {
                if (!string.IsNullOrWhiteSpace(line))
                    html.Raw("<p>").Text(line).Raw("</p>\n");
            }
            html.Raw("</section>\n");
        }
        html.Raw("</div>\n");
    }

    private static void Party(Html html, string role, Party party, InvoiceText t, string id)
    {
        html.Raw("<section class=\"party\" id=\"").Raw(id).Raw("\"><h3>").Text(role).Raw("</h3>\n");
        if (!string.IsNullOrWhiteSpace(party.Name))
            html.Raw("<p><strong>").Text(party.Name).Raw("</strong></p>\n");
        foreach (var line in t.PartyLines(party))
            html.Raw("<p>").Text(line).Raw("</p>\n");
        html.Raw("</section>\n");
    }

    private static void Notes(Html html, Invoice invoice, InvoiceText t)
    {
        if (invoice.Notes.Count == 0 && string.IsNullOrWhiteSpace(invoice.PaymentTerms))
            return;
        html.Raw("<h2>").Text(t.Words.Notes).Raw("</h2>\n<ul>\n");
        foreach (var note in invoice.Notes)
        {
            html.Raw("<li>");
            if (!string.IsNullOrWhiteSpace(note.SubjectCode))
                html.Raw("<strong>").Text(note.SubjectCode).Raw("</strong> ");
            html.Text(note.Text).Raw("</li>\n");
        }
        if (!string.IsNullOrWhiteSpace(invoice.PaymentTerms))
            html.Raw("<li><strong>").Text(t.Words.PaymentTerms).Raw("</strong> ").Text(invoice.PaymentTerms).Raw("</li>\n");
        html.Raw("</ul>\n");
    }

    private static void Lines(Html html, Invoice invoice, InvoiceText t)
    {
        var w = t.Words;
        html.Raw("<h2>").Text(w.Lines).Raw("</h2>\n<div class=\"scroll\"><table id=\"lines\">\n<thead><tr>");
        foreach (var heading in new[] { w.LineNumber, w.Item, w.Quantity, w.UnitOfMeasure, w.NetPrice, w.Vat, w.NetAmount })
            html.Raw("<th scope=\"col\">").Text(heading).Raw("</th>");
        html.Raw("</tr></thead>\n<tbody>\n");
        foreach (var line in invoice.Lines)
        {
            html.Raw("<tr><td>").Text(line.Id).Raw("</td><td>").Text(line.Item.Name);
            // Line allowances and charges get their own rows below; the other details stay under the item's name.
            foreach (var detail in t.LineDetails(line))
                html.Raw("<div class=\"sub\">").Text(detail).Raw("</div>");
            html.Raw("</td><td class=\"n\">").Text(t.Number(line.Quantity)).Raw("</td><td>").Text(t.Unit(line.QuantityUnitCode))
                .Raw("</td><td class=\"n\">").Text(t.Amount(line.Price.NetPrice))
                .Raw("</td><td>").Text(t.VatWithRate(line.VatCategoryCode, line.VatRate))
                .Raw("</td><td class=\"n\">").Text(t.Amount(line.NetAmount)).Raw("</td></tr>\n");
            foreach (var item in line.AllowanceCharges.Select(InvoiceText.Of))
            {
                html.Raw("<tr class=\"line-allowance\"><td></td><td colspan=\"5\">").Text(t.AllowanceCharge(item));
                if (t.AllowanceBasis(item) is { Length: > 0 } basis)
                    html.Text($" ({basis})");
                html.Raw("</td><td class=\"n\">").Text(t.SignedAmount(item, null)).Raw("</td></tr>\n");
            }
        }
        html.Raw("</tbody>\n</table></div>\n");
    }

    private static void DocumentAllowanceCharges(Html html, Invoice invoice, InvoiceText t)
    {
        if (invoice.AllowanceCharges.Count == 0)
            return;
        var w = t.Words;
        html.Raw("<h2>").Text(w.AllowancesAndCharges).Raw("</h2>\n<div class=\"scroll\"><table id=\"allowances\">\n<thead><tr>");
        foreach (var heading in new[] { w.Kind, w.Base, w.Percentage, w.Vat, w.Amount })
            html.Raw("<th scope=\"col\">").Text(heading).Raw("</th>");
        html.Raw("</tr></thead>\n<tbody>\n");
        foreach (var item in invoice.AllowanceCharges)
        {
            html.Raw("<tr><td>").Text(t.AllowanceCharge(item)).Raw("</td><td class=\"n\">").Text(t.Amount(item.BaseAmount))
                .Raw("</td><td class=\"n\">").Text(t.Percent(item.Percentage)).Raw("</td><td>")
                .Text(t.VatWithRate(item.VatCategoryCode, item.VatRate)).Raw("</td><td class=\"n\">")
                .Text(t.SignedAmount(item, null)).Raw("</td></tr>\n");
        }
        html.Raw("</tbody>\n</table></div>\n");
    }

    private static void VatBreakdown(Html html, Invoice invoice, InvoiceText t)
    {
        var w = t.Words;
        html.Raw("<h2>").Text(w.VatBreakdown).Raw("</h2>\n<div class=\"scroll\"><table id=\"vat\">\n<thead><tr>");
        foreach (var heading in new[] { w.Category, w.Rate, w.TaxableAmount, w.VatAmount, w.Exemption })
            html.Raw("<th scope=\"col\">").Text(heading).Raw("</th>");
        html.Raw("</tr></thead>\n<tbody>\n");
        foreach (var vat in invoice.VatBreakdown)
        {
            html.Raw("<tr><td>").Text(t.VatCategory(vat.CategoryCode)).Raw("</td><td class=\"n\">").Text(t.Percent(vat.Rate))
                .Raw("</td><td class=\"n\">").Text(t.Amount(vat.TaxableAmount)).Raw("</td><td class=\"n\">").Text(t.Amount(vat.TaxAmount))
                .Raw("</td><td>").Text($"{vat.ExemptionReasonCode} {vat.ExemptionReason}".Trim()).Raw("</td></tr>\n");
        }
        html.Raw("</tbody>\n</table></div>\n");
    }

    private static void Totals(Html html, Invoice invoice, InvoiceText t)
    {
        var w = t.Words;
        var s = invoice.Totals;
        var currency = invoice.CurrencyCode;
        html.Raw("<h2>").Text(w.Totals).Raw("</h2>\n<table id=\"totals\">\n<tbody>\n");
        html.Row(w.LineNetTotal, t.Amount(s.LineNetTotal, currency))
            .Row(w.Allowances, t.Amount(s.AllowanceTotal, currency))
            .Row(w.Charges, t.Amount(s.ChargeTotal, currency))
            .Row(w.TotalWithoutVat, t.Amount(s.TaxExclusiveAmount, currency))
            .Row(w.VatTotal, t.Amount(s.VatTotal, currency))
            .Row(w.VatInAccountingCurrency, t.Amount(s.VatTotalInAccountingCurrency, invoice.VatAccountingCurrencyCode))
            .Row(w.TotalWithVat, t.Amount(s.TaxInclusiveAmount, currency))
            .Row(w.Paid, t.Amount(s.PrepaidAmount, currency))
            .Row(w.Rounding, t.Amount(s.RoundingAmount, currency));
        html.Raw("<tr class=\"payable\"><th scope=\"row\">").Text(w.AmountDue).Raw("</th><td class=\"n\" id=\"amount-due\">")
            .Text(t.Amount(s.PayableAmount, currency)).Raw("</td></tr>\n");
        html.Raw("</tbody>\n</table>\n");
    }

    private static void Payment(Html html, Invoice invoice, InvoiceText t)
    {
        if (invoice.PaymentMeans.Count == 0 && invoice.MandateReference is null && invoice.RemittanceInformation is null)
            return;
        var w = t.Words;
        html.Raw("<h2>").Text(w.Payment).Raw("</h2>\n<dl id=\"payment\">\n");
        foreach (var means in invoice.PaymentMeans)
        {
            html.Term(w.PaymentMeans, string.Join(" — ", new[] { t.PaymentMeansName(means.TypeCode), means.TypeText }.Where(s => !string.IsNullOrWhiteSpace(s))));
            if (means.CreditTransfer is { } transfer)
                html.Term(w.Account, transfer.AccountIdentifier).Term(w.AccountName, transfer.AccountName).Term(w.Bank, transfer.ServiceProviderIdentifier);
            if (means.Card is { } card)
                html.Term(w.Card, card.PrimaryAccountNumber).Term(w.CardHolder, card.HolderName);
            html.Term(w.DebitedAccount, means.DebitedAccountIdentifier);
        }
        html.Term(w.Remittance, invoice.RemittanceInformation).Term(w.Mandate, invoice.MandateReference)
            .Term(w.CreditorId, invoice.BankAssignedCreditorIdentifier);
        html.Raw("</dl>\n");
    }

    private static void SupportingDocuments(Html html, Invoice invoice, InvoiceText t)
    {
        if (invoice.SupportingDocuments.Count == 0)
            return;
        html.Raw("<h2>").Text(t.Words.SupportingDocuments).Raw("</h2>\n<ul>\n");
        foreach (var document in invoice.SupportingDocuments)
        {
            // Attachments are named, never inlined: the view stays small and an attached file cannot inject content.
            var parts = new[]
            {
                document.Reference, document.Description, document.ExternalLocation,
                document.AttachmentFilename is null ? null : $"{t.Words.AttachedFile} {document.AttachmentFilename} ({document.AttachmentMimeCode})",
            };
            html.Raw("<li>").Text(string.Join(" — ", parts.Where(p => !string.IsNullOrWhiteSpace(p)))).Raw("</li>\n");
        }
        html.Raw("</ul>\n");
    }

    /// <summary>A tiny writer that keeps the two kinds of output apart: markup written by us, text encoded from the invoice.</summary>
    private readonly struct Html(StringBuilder builder)
    {
        public Html Raw(string markup)
        {
            builder.Append(markup);
            return this;
        }

        public Html Text(string? text)
        {
            if (!string.IsNullOrEmpty(text))
                builder.Append(WebUtility.HtmlEncode(text));
            return this;
        }

        public Html Term(string term, string? value) =>
            string.IsNullOrWhiteSpace(value) ? this : Raw("<dt>").Text(term).Raw("</dt><dd>").Text(value).Raw("</dd>\n");

        public Html Row(string label, string value) =>
            value.Length == 0 ? this : Raw("<tr><th scope=\"row\">").Text(label).Raw("</th><td class=\"n\">").Text(value).Raw("</td></tr>\n");

        public override string ToString() => builder.ToString();
    }
}
