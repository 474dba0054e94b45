using System.Xml;

namespace Portique.Formats.Rules.En16931;

/// <summary>
/// The syntax-binding rules of the CII artefacts that decide validity, in one streaming pass over the source (with
/// CiiSyntaxRules.Bindings.cs, which holds most of them), and the attribute-level code list BR-CL-03. The many CII-SR
/// "should not be used" rules are warnings in the artefacts and are not reported.
/// </summary>
internal static partial class CiiSyntaxRules
{
    private static readonly XmlReaderSettings Settings = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        IgnoreWhitespace = true,
        MaxCharactersFromEntities = 0,
    };

    public static void Check(RuleContext c, ReadOnlyMemory<byte> xml)
    {
        using var stream = new MemoryAsStream(xml);
        using var reader = XmlReader.Create(stream, Settings);
        var scan = new Scan(c);
        c.Facts = scan.Facts;
        scan.Run(reader);
    }

    private sealed class Frame
    {
        public string Name = "";
        public int A, B;
        public bool HasName, HasIssueDate;
        public string? TypeCode, Reference;
        public int Line, Position;
    }

    private sealed partial class Scan(RuleContext c)
    {
        public SourceFacts Facts { get; } = new();
        private readonly List<string> names = new(32);
        private readonly List<Frame?> frames = new(32);
        private readonly Dictionary<string, int> siblings = new(StringComparer.Ordinal);
        private int lines, documentAllowanceCharges, lineAllowanceCharges;
        private bool dateFormat102;

        public void Run(XmlReader reader)
        {
            while (reader.Read())
            {
                switch (reader.NodeType)
                {
                    case XmlNodeType.Element:
                        var empty = reader.IsEmptyElement;
                        Open(reader);
                        if (empty) Close();
                        break;
                    case XmlNodeType.Text:
                    case XmlNodeType.CDATA:
                        if (dateFormat102 || At(Depth) is "TypeCode" or "IssuerAssignedID")
                        {
                            Text(reader.Value);
                        }
                        if (captureDepth == Depth)
                        {
                            captured += reader.Value;
                        }
                        break;
                    case XmlNodeType.EndElement:
                        Close();
                        break;
                }
            }
        }

        private int Depth => names.Count - 1;
        private string At(int depth) => depth >= 0 && depth < names.Count ? names[depth] : "";

        private string PathHere()
        {
            var sb = new System.Text.StringBuilder();
            for (var i = 0; i <= Depth; i++)
            {
                sb.Append('/').Append(i <= 1 ? "rsm:" : "ram:").Append(names[i]);
                if (i == 2 && names[i] == "IncludedSupplyChainTradeLineItem")
                {
                    sb.Append('[').Append(lines).Append(']');
                }
            }
            return sb.ToString();
        }

        private void Open(XmlReader r)
        {
            var name = r.LocalName;
            names.Add(name);
            frames.Add(null);
            bindings.Add(null);
            var d = Depth;
            OpenBinding(r, name, d);
            if (d == 2 && name == "IncludedSupplyChainTradeLineItem")
            {
                lines++;
                lineAllowanceCharges = 0;
            }
            if (name == "ID" && At(d - 1) == "SpecifiedTaxRegistration" && At(d - 2) == "SellerTradeParty" && r.GetAttribute("schemeID") == "FC")
            {
                Facts.SellerHasFcRegistration = true;
            }
            if (d == 3 && At(2) == "ApplicableHeaderTradeSettlement" && name == "SpecifiedTradeSettlementHeaderMonetarySummation")
            {
                Facts.TotalsPresent = true;
            }
            if (d == 3 && At(2) == "ApplicableHeaderTradeAgreement" && name == "SellerTradeParty")
            {
                Facts.SellerPresent = true;
            }

            if (name == "TaxTotalAmount" && At(d - 1) == "SpecifiedTradeSettlementHeaderMonetarySummation")
            {
                Facts.TaxTotalCurrencies.Add(r.GetAttribute("currencyID")?.Trim() ?? "");
            }
            if (r.GetAttribute("currencyID") is { } currency)
            {
                if (name.EndsWith("Amount", StringComparison.Ordinal) && name != "TaxTotalAmount")
                {
                    c.Fatal("CII-DT-031", PathHere(), null, "Only the total VAT amount may carry a currencyID attribute.");
                }
                if (!CodeLists.Currencies.Contains(currency.Trim()))
                {
                    c.Fatal("BR-CL-03", PathHere(), null, $"The currencyID '{currency}' is not an ISO 4217 alpha-3 code.");
                }
            }
            dateFormat102 = name == "DateTimeString" && r.GetAttribute("format") == "102" && r.NamespaceURI == UdtNs;
            if (dateFormat102 && r.IsEmptyElement)
            {
                c.Fatal("CII-DT-097", PathHere(), null, "A date with format 102 must be written YYYYMMDD.");
            }

            var parentFrame = d >= 1 ? frames[d - 1] : null;
            var grandFrame = d >= 2 ? frames[d - 2] : null;
            if (parentFrame is not null)
            {
                switch (parentFrame.Name, name)
                {
                    case ("ExchangedDocumentContext", "GuidelineSpecifiedDocumentContextParameter"): parentFrame.A++; break;
                    case ("ExchangedDocument", "TypeCode"): parentFrame.A++; break;
                    case ("SpecifiedTradeAllowanceCharge", "ChargeIndicator"): parentFrame.A++; break;
                    case ("BillingSpecifiedPeriod", "StartDateTime" or "EndDateTime"): parentFrame.A++; break;
                    case (_, "Name") when parentFrame.Name.EndsWith("ReferencedDocument", StringComparison.Ordinal): parentFrame.HasName = true; break;
                    case (_, "FormattedIssueDateTime") when parentFrame.Name.EndsWith("ReferencedDocument", StringComparison.Ordinal): parentFrame.HasIssueDate = true; break;
                }
            }
            if (grandFrame is not null)
            {
                switch (grandFrame.Name, At(d - 1), name)
                {
                    case ("ExchangedDocumentContext", "GuidelineSpecifiedDocumentContextParameter", "ID"): grandFrame.B++; break;
                    case ("SpecifiedLineTradeAgreement", "NetPriceProductTradePrice", "ChargeAmount"): grandFrame.A++; break;
                }
            }

            var isContext = d == 1 && name is "ExchangedDocumentContext" or "ExchangedDocument"
                || d == 3 && name == "SpecifiedLineTradeAgreement" && At(2) == "IncludedSupplyChainTradeLineItem"
                || name == "SpecifiedTradeAllowanceCharge"
                || name == "BillingSpecifiedPeriod" && At(d - 1) is "ApplicableHeaderTradeSettlement" or "SpecifiedLineTradeSettlement"
                || d >= 2 && name.EndsWith("ReferencedDocument", StringComparison.Ordinal);
            if (isContext)
            {
                var frame = new Frame { Name = name, Line = -1 };
                if (name == "SpecifiedTradeAllowanceCharge")
                {
                    if (At(d - 1) == "ApplicableHeaderTradeSettlement") (frame.Line, frame.Position) = (0, ++documentAllowanceCharges);
                    else if (At(d - 1) == "SpecifiedLineTradeSettlement") (frame.Line, frame.Position) = (lines, ++lineAllowanceCharges);
                }
                frames[d] = frame;
            }
        }

        private void Text(string value)
        {
            var d = Depth;
            if (d < 1)
            {
                return;
            }
            if (frames[d - 1] is { } f && f.Name.EndsWith("ReferencedDocument", StringComparison.Ordinal))
            {
                if (names[d] == "TypeCode") f.TypeCode = value.Trim();
                else if (names[d] == "IssuerAssignedID") f.Reference = value.Trim();
            }
            if (dateFormat102 && d == 3 && At(1) == "ExchangedDocument" && At(2) == "IssueDateTime" && value.Trim().Length > 0)
            {
                Facts.IssueDatePresent = true;
            }
            if (dateFormat102 && names[d] == "DateTimeString" && !IsDate102(value.Trim()))
            {
                c.Fatal("CII-DT-097", PathHere(), null, $"The date '{value.Trim()}' is not a valid YYYYMMDD date (format 102).");
            }
        }

        private void Close()
        {
            var d = Depth;
            if (frames[d] is { } f)
            {
                Evaluate(f);
            }
            CloseBinding(d);
            dateFormat102 = false;
            names.RemoveAt(d);
            frames.RemoveAt(d);
            bindings.RemoveAt(d);
        }

        private void Evaluate(Frame f)
        {
            switch (f.Name)
            {
                case "ExchangedDocumentContext":
                    if (f.A != 1) c.Fatal("CII-SR-009", PathHere(), "BT-24", "The document context must hold exactly one guideline parameter (specification identifier).");
                    if (f.B != 1) c.Fatal("CII-SR-010", PathHere(), "BT-24", "The guideline parameter must hold exactly one identifier (BT-24).");
                    break;
                case "ExchangedDocument":
                    if (f.A != 1) c.Fatal("CII-SR-014", PathHere(), "BT-3", "The exchanged document must hold exactly one type code (BT-3).");
                    break;
                case "SpecifiedLineTradeAgreement":
                    if (f.A != 1) c.Fatal("CII-SR-439", PathHere(), "BT-146", "The line must give exactly one net price amount (BT-146).");
                    if (f.A > 1) c.Fatal("CII-SR-441", PathHere(), "BT-146", "The net price amount (BT-146) may occur only once.");
                    break;
                case "BillingSpecifiedPeriod" when f.A == 0:
                    // The reader folds an empty period away, so the model rules cannot see it.
                    if (PathHere().Contains("IncludedSupplyChainTradeLineItem", StringComparison.Ordinal))
                        c.Fatal("BR-CO-20", PathHere(), "BG-26", "The invoice line period (BG-26) has neither a start date (BT-134) nor an end date (BT-135).");
                    else
                        c.Fatal("BR-CO-19", PathHere(), "BG-14", "The invoicing period (BG-14) has neither a start date (BT-73) nor an end date (BT-74).");
                    break;
                case "BillingSpecifiedPeriod":
                    break;
                case "SpecifiedTradeAllowanceCharge":
                    if (f.A == 0)
                    {
                        c.Fatal("CII-SR-463", PathHere(), null, "An allowance or charge must carry its charge indicator.");
                        if (f.Line >= 0) Facts.UnflaggedAllowanceCharges.Add((f.Line, f.Position));
                    }
                    break;
                default:
                    var additional = f.Name == "AdditionalReferencedDocument";
                    if (additional && string.IsNullOrEmpty(f.Reference))
                    {
                        // Every additional referenced document, whatever the reader makes of it (BT-17, BT-18, BG-24).
                        c.Fatal("BR-52", PathHere(), "BT-122", "The additional supporting document (BG-24) has no reference (BT-122).");
                    }
                    if (f.TypeCode is not null && !(additional && f.TypeCode is "50" or "130" or "916"))
                    {
                        c.Fatal("CII-DT-018", PathHere(), null, "A type code is allowed only on an additional referenced document with code 50, 130 or 916.");
                    }
                    if (f.HasName && !(additional && f.TypeCode == "916"))
                    {
                        c.Fatal("CII-DT-021", PathHere(), null, "A document name is allowed only on an additional supporting document (type code 916).");
                    }
                    if (f.HasIssueDate && f.Name != "InvoiceReferencedDocument")
                    {
                        c.Fatal("CII-DT-027", PathHere(), null, "An issue date is allowed only on the preceding invoice reference.");
                    }
                    break;
            }
        }

        private static bool IsDate102(string s)
        {
            if (s.Length != 8)
            {
                return false;
            }
            foreach (var ch in s)
            {
                if (ch is < '0' or > '9') return false;
            }
            var month = (s[4] - '0') * 10 + (s[5] - '0');
            var day = (s[6] - '0') * 10 + (s[7] - '0');
            return month is >= 1 and <= 12 && day is >= 1 and <= 31;
        }
    }
}
