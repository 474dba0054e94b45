using System.Globalization;
using System.Text;
using System.Xml;

namespace Portique.Formats.EReporting;

/// <summary>
/// Writes an <see cref="EReport"/> as the DGFiP e-reporting XML (no namespace, elements in the XSD's order): UTF-8, indented,
/// a null value left out and an empty one written empty, amounts in their own scale, so that read → write → read is lossless.
/// </summary>
public static class EReportingWriter
{
    private static readonly XmlWriterSettings Settings = new() { Encoding = new UTF8Encoding(false), Indent = true, IndentChars = "  " };

    public static byte[] Write(EReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        using var buffer = new MemoryStream();
        using (var w = XmlWriter.Create(buffer, Settings))
            new Out(w).Report(report);
        return buffer.ToArray();
    }

    private sealed class Out(XmlWriter w)
    {
        public void Report(EReport r)
        {
            w.WriteStartDocument();
            w.WriteStartElement("Report");
            w.WriteStartElement("ReportDocument");
            Text("Id", r.Id);
            Text("Name", r.Name);
            w.WriteStartElement("IssueDateTime");
            Text("DateTimeString", r.IssueDateTime);
            w.WriteEndElement();
            Text("TypeCode", r.TypeCode);
            Party("Sender", r.Sender);
            Party("Issuer", r.Issuer);
            w.WriteEndElement();
            if (r.Transactions is { } t)
                Transactions(t);
            if (r.Payments is { } p)
                Payments(p);
            w.WriteEndElement();
        }

        private void Party(string name, EReportParty p)
        {
            w.WriteStartElement(name);
            Id("Id", p.Id, "schemeId", p.SchemeId);
            Text("Name", p.Name);
            Text("RoleCode", p.RoleCode);
            if (p.Uri is not null)
            {
                w.WriteStartElement("URIUniversalCommunication");
                Text("URIID", p.Uri);
                w.WriteEndElement();
            }
            w.WriteEndElement();
        }

        private void Period(ReportPeriod p, string name = "ReportPeriod")
        {
            w.WriteStartElement(name);
            Text("StartDate", p.StartDate);
            Text("EndDate", p.EndDate);
            w.WriteEndElement();
        }

        private void Transactions(TransactionsReport t)
        {
            w.WriteStartElement("TransactionsReport");
            Period(t.Period);
            foreach (var i in t.Invoices)
                Invoice(i);
            foreach (var d in t.Days)
            {
                w.WriteStartElement("Transactions");
                Text("Date", d.Date);
                Text("TransactionsCurrency", d.Currency);
                Text("TaxDueDateTypeCode", d.TaxDueDateTypeCode);
                Text("CategoryCode", d.CategoryCode);
                Number("TaxExclusiveAmount", d.TaxExclusiveAmount);
                Number("TaxTotal", d.TaxTotal);
                if (d.TransactionsCount is { } count)
                    w.WriteElementString("TransactionsCount", count.ToString(CultureInfo.InvariantCulture));
                foreach (var s in d.SubTotals)
                {
                    w.WriteStartElement("TaxSubtotal");
                    Number("TaxPercent", s.TaxPercent);
                    Number("TaxableAmount", s.TaxableAmount);
                    Number("TaxTotal", s.TaxTotal);
                    w.WriteEndElement();
                }
                w.WriteEndElement();
            }
            w.WriteEndElement();
        }

        private void Invoice(ReportedInvoice i)
        {
            w.WriteStartElement("Invoice");
            Text("ID", i.Id);
            Text("IssueDate", i.IssueDate);
            Text("TypeCode", i.TypeCode);
            Text("CurrencyCode", i.CurrencyCode);
            Text("DueDate", i.DueDate);
            Text("TaxDueDateTypeCode", i.TaxDueDateTypeCode);
            foreach (var n in i.Notes)
            {
                w.WriteStartElement("IncludedNote");
                Text("Subject", n.Subject);
                Text("Content", n.Content);
                w.WriteEndElement();
            }
            w.WriteStartElement("BusinessProcess");
            Text("ID", i.BusinessProcessId);
            Text("TypeID", i.BusinessProcessTypeId);
            w.WriteEndElement();
            foreach (var r in i.References)
            {
                w.WriteStartElement("ReferencedDocument");
                Text("ID", r.Id);
                Text("IssueDate", r.IssueDate);
                w.WriteEndElement();
            }
            Company("Seller", i.Seller);
            if (i.Buyer is { } buyer)
                Company("Buyer", buyer);
            if (i.SellerTaxRepresentative is { } rep)
            {
                w.WriteStartElement("SellerTaxRepresentative");
                Id("TaxRegistrationId", rep.Value, "schemeId", rep.Scheme);
                w.WriteEndElement();
            }
            foreach (var d in i.Deliveries)
            {
                w.WriteStartElement("Delivery");
                Text("Date", d.Date);
                if (d.Location is { } l)
                {
                    w.WriteStartElement("Location");
                    Text("LineOne", l.LineOne);
                    Text("LineTwo", l.LineTwo);
                    Text("LineThree", l.LineThree);
                    Text("CityName", l.CityName);
                    Text("PostalZone", l.PostalZone);
                    Text("CountrySubentity", l.CountrySubentity);
                    Text("CountryId", l.CountryId);
                    w.WriteEndElement();
                }
                w.WriteEndElement();
            }
            if (i.InvoicePeriod is { } period)
                Period(period, "InvoicePeriod");
            foreach (var a in i.AllowanceCharges)
            {
                w.WriteStartElement("AllowanceCharge");
                w.WriteAttributeString("ChargeIndicator", a.ChargeIndicator ? "true" : "false");
                Number("Amount", a.Amount);
                Text("TaxCategoryCode", a.TaxCategoryCode);
                Number("TaxPercent", a.TaxPercent);
                w.WriteEndElement();
            }
            w.WriteStartElement("MonetaryTotal");
            Number("TaxExclusiveAmount", i.TaxExclusiveAmount);
            if (i.TaxAmount is { } tax)
            {
                w.WriteStartElement("TaxAmount");
                if (i.TaxCurrencyCode is not null)
                    w.WriteAttributeString("CurrencyCode", i.TaxCurrencyCode);
                w.WriteString(Format(tax));
                w.WriteEndElement();
            }
            w.WriteEndElement();
            foreach (var s in i.TaxSubTotals)
            {
                w.WriteStartElement("TaxSubTotal");
                Number("TaxableAmount", s.TaxableAmount);
                Number("TaxAmount", s.TaxAmount);
                w.WriteStartElement("TaxCategory");
                Text("Code", s.CategoryCode);
                Number("Percent", s.Percent);
                Text("TaxExemptionReason", s.ExemptionReason);
                Text("TaxExemptionReasonCode", s.ExemptionReasonCode);
                w.WriteEndElement();
                w.WriteEndElement();
            }
            w.WriteEndElement();
        }

        private void Company(string name, ReportCompany c)
        {
            w.WriteStartElement(name);
            if (c.CompanyId is { } id)
                Id("CompanyId", id.Value, "schemeId", id.Scheme);
            if (c.TaxRegistrationId is { } vat)
                Id("TaxRegistrationId", vat.Value, "qualifyingId", vat.Scheme);
            if (c.CountryId is not null)
            {
                w.WriteStartElement("PostalAddress");
                Text("CountryId", c.CountryId);
                w.WriteEndElement();
            }
            w.WriteEndElement();
        }

        private void Payments(PaymentsReport p)
        {
            w.WriteStartElement("PaymentsReport");
            Period(p.Period);
            foreach (var i in p.Invoices)
            {
                w.WriteStartElement("Invoice");
                Text("InvoiceID", i.InvoiceId);
                Text("IssueDate", i.IssueDate);
                Payment(i.Payment);
                w.WriteEndElement();
            }
            foreach (var a in p.Aggregated)
            {
                w.WriteStartElement("Transactions");
                Payment(a);
                w.WriteEndElement();
            }
            w.WriteEndElement();
        }

        private void Payment(ReportPayment p)
        {
            w.WriteStartElement("Payment");
            Text("Date", p.Date);
            foreach (var s in p.SubTotals)
            {
                w.WriteStartElement("SubTotals");
                Number("TaxPercent", s.TaxPercent);
                Text("CurrencyCode", s.CurrencyCode);
                Number("Amount", s.Amount);
                w.WriteEndElement();
            }
            w.WriteEndElement();
        }

        private void Id(string name, string? value, string attribute, string? scheme)
        {
            w.WriteStartElement(name);
            if (scheme is not null)
                w.WriteAttributeString(attribute, scheme);
            w.WriteString(value ?? "");
            w.WriteEndElement();
        }

        private void Text(string name, string? value)
        {
            if (value is not null)
                w.WriteElementString(name, value);
        }

        private void Number(string name, decimal? value)
        {
            if (value is { } v)
                w.WriteElementString(name, Format(v));
        }
    }

    /// <summary>Invariant, with the value's own scale: 10.50 stays "10.50" (G1.14 counts the written decimals).</summary>
    internal static string Format(decimal value) => value.ToString(CultureInfo.InvariantCulture);
}
