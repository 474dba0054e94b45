using System.Globalization;
using System.Xml;
using System.Xml.Linq;
using System.Xml.Schema;
using Portique.Formats.Xml;

namespace Portique.Formats.EReporting;

/// <summary>What reading an e-reporting transmission gave: the model (null when unreadable) and the XML and XSD findings.</summary>
public sealed record EReportingReadResult(EReport? Report, IReadOnlyList<Finding> Findings);

/// <summary>
/// Reads a DGFiP e-reporting transmission (Flux 10) into <see cref="EReport"/>, validating it against the embedded XSD v3.2 in the
/// same pass. Untrusted input: no DTD, no external entity, size and depth bounds (<see cref="FormatLimits"/>); never throws on
/// bad input. Invoice lines (TG-25 "Line") are not modelled: each is reported as a warning, so that a rewrite is never silently
/// poorer than its input.
/// </summary>
public static class EReportingReader
{
    /// <summary>Rule id of the warning for an element the model does not hold (it would not survive a rewrite).</summary>
    public const string Unmodelled = "EREPORTING-MODEL-01";

    private const string EntryPoint = "flux10-3.2/ereporting.xsd";
    private const int MaxSchemaFindings = 50;

    /// <summary>The compiled e-reporting schema set (embedded copies, Schemas/NOTICE.md), compiled once.</summary>
    public static XmlSchemaSet Schemas() => SchemaFiles.Compile(null, EntryPoint);

    public static EReportingReadResult Read(ReadOnlyMemory<byte> xml, FormatLimits? limits = null, bool validateSchema = true)
    {
        limits ??= FormatLimits.Default;
        var findings = new List<Finding>();
        if (xml.Length > limits.MaxXmlBytes)
            return Fail(findings, "/", $"la transmission fait {xml.Length} octets, au-delà de la limite de {limits.MaxXmlBytes}");
        if (xml.IsEmpty)
            return Fail(findings, "/", "la transmission est vide");

        var settings = SecureXml.Settings(ignoreWhitespace: false);
        var path = new List<string>();
        var schemaErrors = 0;
        if (validateSchema)
        {
            try
            {
                settings.CheckAgainst(Schemas(), (_, e) =>
                {
                    if (++schemaErrors <= MaxSchemaFindings)
                        findings.Add(new Finding("XSD", Severity.Fatal, "/" + string.Join('/', path), null, e.Message));
                });
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                // Fail closed: without its schema the transmission cannot be declared schema-valid.
                findings.Add(new Finding("XSD", Severity.Fatal, "/", null, "schéma e-reporting indisponible : " + ex.Message));
                settings.ValidationType = ValidationType.None;
            }
        }

        XElement? root = null;
        try
        {
            using var reader = XmlReader.Create(InvoiceXml.AsStream(xml), settings);
            root = Load(reader, path, limits.MaxDepth);
        }
        catch (XmlException ex)
        {
            return Fail(findings, "/" + string.Join('/', path), $"XML mal formé (ligne {ex.LineNumber}, position {ex.LinePosition}) : {ex.Message}");
        }
        catch (XmlDepthException ex)
        {
            return Fail(findings, "/" + string.Join('/', path), $"éléments imbriqués sur {ex.Depth} niveaux, au-delà de la limite de {limits.MaxDepth}");
        }
        if (schemaErrors > MaxSchemaFindings)
            findings.Add(new Finding("XSD", Severity.Fatal, "/", null, $"{schemaErrors - MaxSchemaFindings} autres erreurs de schéma non listées"));
        if (root is null)
            return Fail(findings, "/", "le document n'a pas d'élément racine");
        if (root.Name != "Report")
            return Fail(findings, "/" + root.Name.LocalName, $"l'élément racine {root.Name} n'est pas une transmission e-reporting (Report, sans espace de noms)");
        return new EReportingReadResult(new Walker(findings).Report(root), findings);
    }

    private static EReportingReadResult Fail(List<Finding> findings, string location, string message)
    {
        findings.Add(new Finding("XML", Severity.Fatal, location, null, message));
        return new EReportingReadResult(null, findings);
    }

    /// <summary>Builds the tree node by node so that depth is bounded before anything deeper is kept; text is kept as written.</summary>
    private static XElement? Load(XmlReader reader, List<string> path, int maxDepth)
    {
        XElement? root = null;
        var open = new Stack<XElement>();
        while (reader.Read())
        {
            switch (reader.NodeType)
            {
                case XmlNodeType.Element:
                    if (reader.Depth >= maxDepth)
                        throw new XmlDepthException(reader.Depth + 1);
                    var element = new XElement(XName.Get(reader.LocalName, reader.NamespaceURI));
                    if (reader.HasAttributes)
                    {
                        while (reader.MoveToNextAttribute())
                        {
                            if (reader.NamespaceURI != "http://www.w3.org/2000/xmlns/")
                                element.SetAttributeValue(XName.Get(reader.LocalName, reader.NamespaceURI), reader.Value);
                        }
                        reader.MoveToElement();
                    }
                    if (open.TryPeek(out var parent))
                        parent.Add(element);
                    else
                        root = element;
                    if (!reader.IsEmptyElement)
                    {
                        open.Push(element);
                        path.Add(reader.LocalName);
                    }
                    break;
                case XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.Whitespace or XmlNodeType.SignificantWhitespace:
                    if (open.TryPeek(out var holder))
                        holder.Add(new XText(reader.Value));
                    break;
                case XmlNodeType.EndElement:
                    open.Pop();
                    path.RemoveAt(path.Count - 1);
                    break;
            }
        }
        return root;
    }

    /// <summary>Maps the tree to the model; a missing element stays null, an empty one stays "".</summary>
    private sealed class Walker(List<Finding> findings)
    {
        private int _unmodelled;

        public EReport Report(XElement root)
        {
            var r = new EReport();
            if (root.Element("ReportDocument") is { } d)
            {
                r.Id = S(d, "Id");
                r.Name = S(d, "Name");
                r.IssueDateTime = S(d.Element("IssueDateTime"), "DateTimeString");
                r.TypeCode = S(d, "TypeCode");
                r.Sender = Party(d.Element("Sender"));
                r.Issuer = Party(d.Element("Issuer"));
            }
            if (root.Element("TransactionsReport") is { } t)
            {
                r.Transactions = new TransactionsReport
                {
                    Period = Period(t.Element("ReportPeriod")) ?? new(),
                    Invoices = t.Elements("Invoice").Select(Invoice).ToList(),
                    Days = t.Elements("Transactions").Select(Day).ToList(),
                };
            }
            if (root.Element("PaymentsReport") is { } p)
            {
                r.Payments = new PaymentsReport
                {
                    Period = Period(p.Element("ReportPeriod")) ?? new(),
                    Invoices = p.Elements("Invoice").Select(i => new InvoicePayment
                    {
                        InvoiceId = S(i, "InvoiceID"),
                        IssueDate = S(i, "IssueDate"),
                        Payment = Payment(i.Element("Payment")),
                    }).ToList(),
                    Aggregated = p.Elements("Transactions").Select(a => Payment(a.Element("Payment"))).ToList(),
                };
            }
            return r;
        }

        private static EReportParty Party(XElement? e) => e is null ? new() : new()
        {
            Id = S(e, "Id"),
            SchemeId = e.Element("Id")?.Attribute("schemeId")?.Value,
            Name = S(e, "Name"),
            RoleCode = S(e, "RoleCode"),
            Uri = S(e.Element("URIUniversalCommunication"), "URIID"),
        };

        private static ReportPeriod? Period(XElement? e) => e is null ? null : new() { StartDate = S(e, "StartDate"), EndDate = S(e, "EndDate") };

        private ReportedInvoice Invoice(XElement e, int index)
        {
            var lines = e.Elements("Line").Count();
            if (lines > 0 && _unmodelled++ < 20)
            {
                findings.Add(new Finding(Unmodelled, Severity.Warning, $"/Report/TransactionsReport/Invoice[{index + 1}]/Line", "TG-25",
                    $"{lines} ligne(s) de facture ne sont pas reprises par le modèle : elles ne survivraient pas à une réécriture, et les règles de ligne (G1.15, G1.16, G1.55…) ne sont pas contrôlées."));
            }
            var total = e.Element("MonetaryTotal");
            return new ReportedInvoice
            {
                Id = S(e, "ID"),
                IssueDate = S(e, "IssueDate"),
                TypeCode = S(e, "TypeCode"),
                CurrencyCode = S(e, "CurrencyCode"),
                DueDate = S(e, "DueDate"),
                TaxDueDateTypeCode = S(e, "TaxDueDateTypeCode"),
                Notes = e.Elements("IncludedNote").Select(n => new ReportNote { Subject = S(n, "Subject"), Content = S(n, "Content") }).ToList(),
                BusinessProcessId = S(e.Element("BusinessProcess"), "ID"),
                BusinessProcessTypeId = S(e.Element("BusinessProcess"), "TypeID"),
                References = e.Elements("ReferencedDocument").Select(r => new ReferencedInvoice { Id = S(r, "ID"), IssueDate = S(r, "IssueDate") }).ToList(),
                Seller = Company(e.Element("Seller")) ?? new(),
                Buyer = Company(e.Element("Buyer")),
                SellerTaxRepresentative = Id(e.Element("SellerTaxRepresentative")?.Element("TaxRegistrationId"), "schemeId"),
                Deliveries = e.Elements("Delivery").Select(d => new ReportDelivery { Date = S(d, "Date"), Location = Location(d.Element("Location")) }).ToList(),
                InvoicePeriod = Period(e.Element("InvoicePeriod")),
                AllowanceCharges = e.Elements("AllowanceCharge").Select(a => new ReportAllowanceCharge
                {
                    ChargeIndicator = (string?)a.Attribute("ChargeIndicator") is { } c && (c.Trim() == "true" || c.Trim() == "1"),
                    Amount = D(a, "Amount"),
                    TaxCategoryCode = S(a, "TaxCategoryCode"),
                    TaxPercent = D(a, "TaxPercent"),
                }).ToList(),
                TaxExclusiveAmount = D(total, "TaxExclusiveAmount"),
                TaxAmount = D(total, "TaxAmount"),
                TaxCurrencyCode = total?.Element("TaxAmount")?.Attribute("CurrencyCode")?.Value,
                TaxSubTotals = e.Elements("TaxSubTotal").Select(s =>
                {
                    var c = s.Element("TaxCategory");
                    return new InvoiceTaxSubTotal
                    {
                        TaxableAmount = D(s, "TaxableAmount"),
                        TaxAmount = D(s, "TaxAmount"),
                        CategoryCode = S(c, "Code"),
                        Percent = D(c, "Percent"),
                        ExemptionReason = S(c, "TaxExemptionReason"),
                        ExemptionReasonCode = S(c, "TaxExemptionReasonCode"),
                    };
                }).ToList(),
            };
        }

        private static ReportCompany? Company(XElement? e) => e is null ? null : new()
        {
            CompanyId = Id(e.Element("CompanyId"), "schemeId"),
            TaxRegistrationId = Id(e.Element("TaxRegistrationId"), "qualifyingId"),
            CountryId = S(e.Element("PostalAddress"), "CountryId"),
        };

        private static ReportIdentifier? Id(XElement? e, string attribute) => e is null ? null : new(e.Value, e.Attribute(attribute)?.Value);

        private static ReportLocation? Location(XElement? e) => e is null ? null : new()
        {
            LineOne = S(e, "LineOne"),
            LineTwo = S(e, "LineTwo"),
            LineThree = S(e, "LineThree"),
            CityName = S(e, "CityName"),
            PostalZone = S(e, "PostalZone"),
            CountrySubentity = S(e, "CountrySubentity"),
            CountryId = S(e, "CountryId"),
        };

        private static DailyTransactions Day(XElement e) => new()
        {
            Date = S(e, "Date"),
            Currency = S(e, "TransactionsCurrency"),
            TaxDueDateTypeCode = S(e, "TaxDueDateTypeCode"),
            CategoryCode = S(e, "CategoryCode"),
            TaxExclusiveAmount = D(e, "TaxExclusiveAmount"),
            TaxTotal = D(e, "TaxTotal"),
            TransactionsCount = long.TryParse(S(e, "TransactionsCount")?.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) ? n : null,
            SubTotals = e.Elements("TaxSubtotal").Select(s => new DailyTaxSubtotal
            {
                TaxPercent = D(s, "TaxPercent"),
                TaxableAmount = D(s, "TaxableAmount"),
                TaxTotal = D(s, "TaxTotal"),
            }).ToList(),
        };

        private static ReportPayment Payment(XElement? e) => e is null ? new() : new()
        {
            Date = S(e, "Date"),
            SubTotals = e.Elements("SubTotals").Select(s => new PaymentSubTotal
            {
                TaxPercent = D(s, "TaxPercent"),
                CurrencyCode = S(s, "CurrencyCode"),
                Amount = D(s, "Amount"),
            }).ToList(),
        };

        private static string? S(XElement? parent, string name) => parent?.Element(name)?.Value;

        /// <summary>An xs:decimal as a decimal with its written scale; null when absent or not a number (the XSD says why).</summary>
        private static decimal? D(XElement? parent, string name) =>
            decimal.TryParse(S(parent, name)?.Trim(), NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var v) ? v : null;
    }
}
