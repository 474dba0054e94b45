using System.Net;
using System.Text;
using Portique.Formats.Model;
using static Portique.Formats.Rendering.InvoiceText;

namespace Portique.Formats.Rendering;

/// <summary>
/// A self-contained, human-readable HTML view of an invoice (inline CSS, no script, no external resource).
/// Every value from the invoice goes through <see cref="WebUtility.HtmlEncode(string)"/>: invoices come from outside.
/// </summary>
internal static class InvoiceHtml
{
    private const string Style = """
        body{font-family:system-ui,sans-serif;margin:2rem;color:#222;max-width:70rem}
        h1{margin-bottom:.2rem}h2{font-size:1.1rem;border-bottom:1px solid #ccc;padding-bottom:.2rem;margin-top:1.6rem}
        .parties{display:flex;flex-wrap:wrap;gap:1.5rem}.party{flex:1 1 16rem;border:1px solid #ddd;border-radius:4px;padding:.6rem 1rem}
        .party h3{margin:.2rem 0 .4rem;font-size:1rem}.party p{margin:.1rem 0}
        table{border-collapse:collapse;width:100%}th,td{border:1px solid #ddd;padding:.3rem .5rem;text-align:left;vertical-align:top}
        th{background:#f4f4f4}td.n{text-align:right;white-space:nowrap}dl{display:grid;grid-template-columns:max-content auto;gap:.2rem 1rem}
        dt{font-weight:600}dd{margin:0}.sub{color:#555;font-size:.9em}tr.payable td{font-weight:700}
        """;

    public static string Render(Invoice invoice)
    {
        ArgumentNullException.ThrowIfNull(invoice);
        var html = new Html(new StringBuilder(8192 + invoice.Lines.Count * 400));
        var title = $"{DocumentTitle(invoice.TypeCode)} {invoice.Number}".Trim();
        html.Raw("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>").Text(title)
            .Raw("</title>\n<style>").Raw(Style).Raw("</style>\n</head>\n<body>\n");

        html.Raw("<h1>").Text(title).Raw("</h1>\n");
        Header(html, invoice);
        Parties(html, invoice);
        Notes(html, invoice);
        Lines(html, invoice);
        DocumentAllowanceCharges(html, invoice);
        VatBreakdown(html, invoice);
        Totals(html, invoice);
        Payment(html, invoice);
        SupportingDocuments(html, invoice);
        html.Raw("</body>\n</html>\n");
        return html.ToString();
    }

    private static void Header(Html html, Invoice invoice)
    {
        html.Raw("<dl>\n");
        html.Term("Number", invoice.Number).Term("Issue date", Date(invoice.IssueDate)).Term("Type code", invoice.TypeCode)
            .Term("Currency", invoice.CurrencyCode).Term("VAT accounting currency", invoice.VatAccountingCurrencyCode)
            .Term("Due date", Date(invoice.PaymentDueDate)).Term("VAT point date", Date(invoice.VatPointDate))
            .Term("VAT point date code", invoice.VatPointDateCode)
            .Term("Invoicing period", Period(invoice.InvoicingPeriod)).Term("Buyer reference", invoice.BuyerReference)
            .Term("Project", invoice.ProjectReference).Term("Contract", invoice.ContractReference)
            .Term("Purchase order", invoice.PurchaseOrderReference).Term("Sales order", invoice.SalesOrderReference)
            .Term("Receiving advice", invoice.ReceivingAdviceReference).Term("Despatch advice", invoice.DespatchAdviceReference)
            .Term("Tender or lot", invoice.TenderOrLotReference).Term("Invoiced object", invoice.InvoicedObjectIdentifier?.ToString())
            .Term("Buyer accounting reference", invoice.BuyerAccountingReference)
            .Term("Business process (cadre de facturation)", invoice.BusinessProcessType)
            .Term("Specification", invoice.SpecificationIdentifier);
        foreach (var preceding in invoice.PrecedingInvoices)
            html.Term("Preceding invoice", $"{preceding.Number} {Date(preceding.IssueDate)}".Trim());
        html.Raw("</dl>\n");
    }

    private static void Parties(Html html, Invoice invoice)
    {
        html.Raw("<h2>Parties</h2>\n<div class=\"parties\">\n");
        Party(html, "Seller", invoice.Seller);
        Party(html, "Buyer", invoice.Buyer);
        if (invoice.Payee is { } payee)
            Party(html, "Payee", payee);
        if (invoice.SellerTaxRepresentative is { } representative)
            Party(html, "Seller's tax representative", representative);
        if (invoice.Delivery is { } delivery)
        {
            html.Raw("<section class=\"party\"><h3>Delivery</h3>\n");
            foreach (var line in new[] { delivery.PartyName, delivery.LocationIdentifier?.Value is null ? null : $"Location: {delivery.LocationIdentifier}",
                         delivery.ActualDeliveryDate is null ? null : $"Delivered on {Date(delivery.ActualDeliveryDate)}" }
                         .Concat(AddressLines(delivery.Address)))
            {
                if (!string.IsNullOrWhiteSpace(line))
                    html.Raw("<p>").Text(line).Raw("</p>\n");
            }
            html.Raw("</section>\n");
        }
        html.Raw("</div>\n");
    }

    private static void Party(Html html, string role, Party party)
    {
        html.Raw("<section class=\"party\"><h3>").Text(role).Raw("</h3>\n");
        if (!string.IsNullOrWhiteSpace(party.Name))
            html.Raw("<p><strong>").Text(party.Name).Raw("</strong></p>\n");
        foreach (var line in PartyLines(party))
            html.Raw("<p>").Text(line).Raw("</p>\n");
        html.Raw("</section>\n");
    }

    private static void Notes(Html html, Invoice invoice)
    {
        if (invoice.Notes.Count == 0 && string.IsNullOrWhiteSpace(invoice.PaymentTerms))
            return;
        html.Raw("<h2>Notes</h2>\n<ul>\n");
        foreach (var note in invoice.Notes)
        {
            html.Raw("<li>");
            if (!string.IsNullOrWhiteSpace(note.SubjectCode))
                html.Raw("<strong>").Text(note.SubjectCode).Raw("</strong>: ");
            html.Text(note.Text).Raw("</li>\n");
        }
        if (!string.IsNullOrWhiteSpace(invoice.PaymentTerms))
            html.Raw("<li><strong>Payment terms</strong>: ").Text(invoice.PaymentTerms).Raw("</li>\n");
        html.Raw("</ul>\n");
    }

    private static void Lines(Html html, Invoice invoice)
    {
        html.Raw("<h2>Lines</h2>\n<table>\n<thead><tr><th>#</th><th>Item</th><th>Quantity</th><th>Net price</th>")
            .Raw("<th>VAT</th><th>Net amount</th></tr></thead>\n<tbody>\n");
        foreach (var line in invoice.Lines)
        {
            html.Raw("<tr><td>").Text(line.Id).Raw("</td><td>").Text(line.Item.Name);
            var details = new List<string?>
            {
                line.Item.Description,
                line.ParentLineId is null ? null : $"Sub-line of {line.ParentLineId}",
                line.Item.SellerId is null ? null : $"Seller's id: {line.Item.SellerId}",
                line.Item.BuyerId is null ? null : $"Buyer's id: {line.Item.BuyerId}",
                line.Item.StandardId?.Value is null ? null : $"Standard id: {line.Item.StandardId}",
                line.Item.OriginCountryCode is null ? null : $"Origin: {line.Item.OriginCountryCode}",
                line.Note,
                line.Period is null ? null : $"Period: {Period(line.Period)}",
                line.OrderLineReference is null ? null : $"Order line: {line.OrderLineReference}",
                line.ObjectIdentifier?.Value is null ? null : $"Object: {line.ObjectIdentifier}",
                line.BuyerAccountingReference is null ? null : $"Buyer accounting: {line.BuyerAccountingReference}",
                line.Price.GrossPrice is null ? null : $"Gross price {Amount(line.Price.GrossPrice)}, discount {Amount(line.Price.Discount)}",
                line.Price.BaseQuantity is null ? null : $"Price per {Number(line.Price.BaseQuantity)} {line.Price.BaseQuantityUnitCode}",
            };
            details.AddRange(line.Item.Classifications.Select(c =>
                $"Classification {string.Join(" ", new[] { c.SchemeId, c.SchemeVersion }.Where(s => !string.IsNullOrWhiteSpace(s)))}: {c.Code}"));
            details.AddRange(line.Item.Attributes.Select(a => $"{a.Name}: {a.Value}"));
            details.AddRange(line.AllowanceCharges.Select(a =>
                $"{(a.IsCharge ? "Charge" : "Allowance")} {Amount(a.Amount)} {a.Reason} {a.ReasonCode}".TrimEnd()));
            foreach (var detail in details.Where(d => !string.IsNullOrWhiteSpace(d)))
                html.Raw("<div class=\"sub\">").Text(detail).Raw("</div>");
            html.Raw("</td><td class=\"n\">").Text($"{Number(line.Quantity)} {line.QuantityUnitCode}".Trim())
                .Raw("</td><td class=\"n\">").Text(Amount(line.Price.NetPrice))
                .Raw("</td><td>").Text($"{line.VatCategoryCode} {Percent(line.VatRate)}".Trim())
                .Raw("</td><td class=\"n\">").Text(Amount(line.NetAmount)).Raw("</td></tr>\n");
        }
        html.Raw("</tbody>\n</table>\n");
    }

    private static void DocumentAllowanceCharges(Html html, Invoice invoice)
    {
        if (invoice.AllowanceCharges.Count == 0)
            return;
        html.Raw("<h2>Document allowances and charges</h2>\n<table>\n<thead><tr><th>Kind</th><th>Reason</th><th>Base</th>")
            .Raw("<th>Percentage</th><th>VAT</th><th>Amount</th></tr></thead>\n<tbody>\n");
        foreach (var item in invoice.AllowanceCharges)
        {
            html.Raw("<tr><td>").Text(item.IsCharge ? "Charge" : "Allowance").Raw("</td><td>")
                .Text($"{item.Reason} {item.ReasonCode}".Trim()).Raw("</td><td class=\"n\">").Text(Amount(item.BaseAmount))
                .Raw("</td><td class=\"n\">").Text(Percent(item.Percentage)).Raw("</td><td>")
                .Text($"{item.VatCategoryCode} {Percent(item.VatRate)}".Trim()).Raw("</td><td class=\"n\">")
                .Text(Amount(item.Amount)).Raw("</td></tr>\n");
        }
        html.Raw("</tbody>\n</table>\n");
    }

    private static void VatBreakdown(Html html, Invoice invoice)
    {
        html.Raw("<h2>VAT breakdown</h2>\n<table>\n<thead><tr><th>Category</th><th>Rate</th><th>Taxable amount</th>")
            .Raw("<th>VAT amount</th><th>Exemption</th></tr></thead>\n<tbody>\n");
        foreach (var vat in invoice.VatBreakdown)
        {
            html.Raw("<tr><td>").Text(vat.CategoryCode).Raw("</td><td class=\"n\">").Text(Percent(vat.Rate))
                .Raw("</td><td class=\"n\">").Text(Amount(vat.TaxableAmount)).Raw("</td><td class=\"n\">").Text(Amount(vat.TaxAmount))
                .Raw("</td><td>").Text($"{vat.ExemptionReasonCode} {vat.ExemptionReason}".Trim()).Raw("</td></tr>\n");
        }
        html.Raw("</tbody>\n</table>\n");
    }

    private static void Totals(Html html, Invoice invoice)
    {
        var t = invoice.Totals;
        var currency = invoice.CurrencyCode;
        html.Raw("<h2>Totals</h2>\n<table>\n<tbody>\n");
        html.Row("Sum of line net amounts", Amount(t.LineNetTotal, currency))
            .Row("Allowances", Amount(t.AllowanceTotal, currency))
            .Row("Charges", Amount(t.ChargeTotal, currency))
            .Row("Total without VAT", Amount(t.TaxExclusiveAmount, currency))
            .Row("VAT", Amount(t.VatTotal, currency))
            .Row("VAT in accounting currency", Amount(t.VatTotalInAccountingCurrency, invoice.VatAccountingCurrencyCode))
            .Row("Total with VAT", Amount(t.TaxInclusiveAmount, currency))
            .Row("Paid", Amount(t.PrepaidAmount, currency))
            .Row("Rounding", Amount(t.RoundingAmount, currency));
        html.Raw("<tr class=\"payable\"><td>Amount due</td><td class=\"n\">").Text(Amount(t.PayableAmount, currency)).Raw("</td></tr>\n");
        html.Raw("</tbody>\n</table>\n");
    }

    private static void Payment(Html html, Invoice invoice)
    {
        if (invoice.PaymentMeans.Count == 0 && invoice.MandateReference is null && invoice.RemittanceInformation is null)
            return;
        html.Raw("<h2>Payment</h2>\n<dl>\n");
        foreach (var means in invoice.PaymentMeans)
        {
            html.Term("Payment means", $"{PaymentMeansName(means.TypeCode)} {means.TypeText}".Trim());
            if (means.CreditTransfer is { } transfer)
            {
                html.Term("Account", transfer.AccountIdentifier).Term("Account name", transfer.AccountName)
                    .Term("Bank (BIC)", transfer.ServiceProviderIdentifier);
            }
            if (means.Card is { } card)
                html.Term("Card", card.PrimaryAccountNumber).Term("Card holder", card.HolderName);
            html.Term("Debited account", means.DebitedAccountIdentifier);
        }
        html.Term("Remittance information", invoice.RemittanceInformation).Term("Mandate reference", invoice.MandateReference)
            .Term("Creditor identifier", invoice.BankAssignedCreditorIdentifier);
        html.Raw("</dl>\n");
    }

    private static void SupportingDocuments(Html html, Invoice invoice)
    {
        if (invoice.SupportingDocuments.Count == 0)
            return;
        html.Raw("<h2>Supporting documents</h2>\n<ul>\n");
        foreach (var document in invoice.SupportingDocuments)
        {
            // Attachments are named, never inlined: the view stays small and an attached file cannot inject content.
            var parts = new[]
            {
                document.Reference, document.Description, document.ExternalLocation,
                document.AttachmentFilename is null ? null : $"attached file {document.AttachmentFilename} ({document.AttachmentMimeCode})",
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
            value.Length == 0 ? this : Raw("<tr><td>").Text(label).Raw("</td><td class=\"n\">").Text(value).Raw("</td></tr>\n");

        public override string ToString() => builder.ToString();
    }
}
