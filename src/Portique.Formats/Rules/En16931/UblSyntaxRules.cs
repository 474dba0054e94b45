using System.Xml;

namespace Portique.Formats.Rules.En16931;

/// <summary>
/// The fatal syntax-binding rules of the UBL artefacts v1.3.16 (UBL-SR-01 to 56, UBL-DT-01/06/07, UBL-CR-666/673) and the
/// attribute-level code list BR-CL-03, checked in one streaming pass over the source: they count elements the semantic
/// model folds away. tests/data/en16931-rules/ubl-syntax-fatal.tsv lists them; docs/conformance.md says where each lives.
/// </summary>
internal static partial class UblSyntaxRules
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
        var scan = new Scan(c);
        c.Facts = scan.Facts;
        using var stream = new MemoryAsStream(xml);
        using var reader = XmlReader.Create(stream, Settings);
        scan.Run(reader);
    }

    /// <summary>Per-element counters; one instance per open element that is the context of some rule.</summary>
    private sealed class Frame
    {
        public string Name = "";
        public int Depth, Top;
        public int A, B, C, D, E, F, G;
        public bool Flag;
        public string? Text1;
        public string? Text2;

        public void Reset(string name, int depth, int top)
        {
            Name = name;
            Depth = depth;
            Top = top;
            A = B = C = D = E = F = G = 0;
            Flag = false;
            Text1 = Text2 = null;
        }
    }

    private sealed partial class Scan(RuleContext c)
    {
        public SourceFacts Facts { get; } = new();
        private readonly List<string> names = new(32);
        private readonly List<Frame?> frames = new(32);
        private readonly Stack<Frame> pool = new();
        private readonly Dictionary<string, int> topCounts = new(StringComparer.Ordinal);
        private readonly HashSet<string> paymentIds = new(StringComparer.Ordinal);
        private readonly HashSet<string> paymentMeansCodes = new(StringComparer.Ordinal);
        private string root = "";
        private int currentTop;
        private string? sellerRegistrationName;
        private readonly List<(string Path, string? Name, int NameCount, int IdCount, int LegalCount)> payees = [];

        // Document-level counters (context: the Invoice / CreditNote root).
        private int contractIds, receiptIds, despatchIds, originatorIds, cardAccounts, objectIds, termsNotes, periods, sellerNames, sellerTradeNames, sellerLegalIds,
            sellerVatIds, sellerTaxIds, sellerLegalForms, buyerNames, buyerIds, buyerLegalIds, buyerVatIds, deliveries, sepaIds,
            projectIds, buyerTradeNames, dueDates, meansNames, periodCodes, mandates, documentAllowanceCharges, lineAllowanceCharges,
            subtotals;
        private bool objectWithDescription, objectWithAttachment;

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
                        Text(reader);
                        if (captureDepth == Depth) captured += reader.Value;
                        break;
                    case XmlNodeType.EndElement:
                        Close();
                        break;
                }
            }
            Finish();
        }

        private string At(int depth) => names.Count > depth ? names[depth] : "";
        private int Depth => names.Count - 1;

        private void Open(XmlReader r)
        {
            var name = r.LocalName;
            names.Add(name);
            frames.Add(null);
            var d = Depth;
            if (d == 0)
            {
                root = c.UblRoot;
                foreach (var rule in UblJudgedOnSource) Facts.JudgedOnSource.Add(rule);
                OpenWarnings(r, name, d);
                return;
            }
            // The position among same-named top-level siblings first: every location built below names it.
            if (d == 1)
            {
                topCounts.TryGetValue(name, out var top);
                topCounts[name] = currentTop = top + 1;
            }
            OpenWarnings(r, name, d);
            OpenOnSource(r, name, d);
            var parent = At(d - 1);
            string Path() => PathOf(d);

            // Attribute-level rules.
            if (name.EndsWith("BinaryObject", StringComparison.Ordinal))
            {
                var at = Path();
                if (r.GetAttribute("mimeCode") is null) c.Fatal("UBL-DT-06", at, "BT-125-1", "A binary object must carry the mimeCode attribute.");
                if (r.GetAttribute("filename") is null) c.Fatal("UBL-DT-07", at, "BT-125-2", "A binary object must carry the filename attribute.");
            }
            if (d == 2 && name == "TaxAmount" && parent == "TaxTotal")
            {
                Facts.TaxTotalCurrencies.Add(r.GetAttribute("currencyID")?.Trim() ?? "");
            }
            // A missing currencyID fails the code list test just like an unknown one, as in the artefacts.
            if (IsAmountWithCurrency(name) && !CodeLists.Currencies.Contains(r.GetAttribute("currencyID")?.Trim() ?? ""))
            {
                c.Fatal("BR-CL-03", Path(), null, $"The currencyID '{r.GetAttribute("currencyID")}' is not an ISO 4217 alpha-3 code.");
            }

            // An empty endpoint is dropped by the reader, yet the artefacts still want its scheme.
            if (name == "EndpointID" && d == 3 && At(2) == "Party" && string.IsNullOrWhiteSpace(r.GetAttribute("schemeID")))
            {
                if (At(1) == "AccountingSupplierParty" && c.Invoice.Seller.ElectronicAddress is null)
                    c.Fatal("BR-62", Path(), "BT-34-1", "The seller electronic address (BT-34) has no scheme identifier.");
                else if (At(1) == "AccountingCustomerParty" && c.Invoice.Buyer.ElectronicAddress is null)
                    c.Fatal("BR-63", Path(), "BT-49-1", "The buyer electronic address (BT-49) has no scheme identifier.");
            }

            // Document-level counts by path.
            if (d == 2)
            {
                switch (parent, name)
                {
                    case ("PaymentMeans", "PaymentDueDate"): dueDates++; break;
                    case ("PaymentMeans", "PaymentMeansCode") when r.GetAttribute("name") is not null: meansNames++; break;
                    case ("PaymentMeans", "PaymentMandate"): mandates++; break;
                    case ("PaymentMeans", "CardAccount"): cardAccounts++; break;
                    case ("OriginatorDocumentReference", "ID"): originatorIds++; break;
                    case ("InvoicePeriod", "DescriptionCode"): periodCodes++; break;
                    case ("PaymentTerms", "Note"): termsNotes++; break;
                    case ("ContractDocumentReference", "ID"): contractIds++; break;
                    case ("ReceiptDocumentReference", "ID"): receiptIds++; break;
                    case ("DespatchDocumentReference", "ID"): despatchIds++; break;
                    case ("ProjectReference", "ID"): projectIds++; break;
                }
            }
            if (d == 1)
            {
                switch (name)
                {
                    case "InvoicePeriod": periods++; break;
                    case "Delivery": deliveries++; break;
                    case "LegalMonetaryTotal": Facts.TotalsPresent = true; break;
                    case "AccountingSupplierParty": Facts.SellerPresent = true; break;
                }
            }
            if (d == 4 && At(1) is "AccountingSupplierParty" or "AccountingCustomerParty" && At(2) == "Party")
            {
                var seller = At(1) == "AccountingSupplierParty";
                switch (parent, name)
                {
                    case ("PartyLegalEntity", "RegistrationName"): if (seller) sellerNames++; else buyerNames++; break;
                    case ("PartyLegalEntity", "CompanyID"):
                        if (seller) { sellerLegalIds++; Facts.SellerIdentifierWritten = true; } else buyerLegalIds++;
                        break;
                    case ("PartyLegalEntity", "CompanyLegalForm"): if (seller) sellerLegalForms++; break;
                    case ("PartyName", "Name"): if (seller) sellerTradeNames++; else buyerTradeNames++; break;
                    case ("PartyIdentification", "ID"): if (!seller) buyerIds++; else Facts.SellerIdentifierWritten = true; break;
                }
            }
            if (name == "ID" && parent == "PartyIdentification" && r.GetAttribute("schemeID") is { } idScheme)
            {
                var sepa = string.Equals(idScheme.ToUpperInvariant(), "SEPA", StringComparison.Ordinal);
                if (sepa) sepaIds++;
                else if (d >= 2 && frames[d - 2] is { Name: "PayeeParty" } payeeFrame) payeeFrame.B++;
            }
            if (name == "ID" && frames[d - 1] is { Name: "AdditionalDocumentReference" } reference && r.GetAttribute("schemeID") is not null)
            {
                reference.Flag = true;
            }

            // Contexts with their own counters.
            Frame? frame = null;
            switch (name)
            {
                case "InvoiceLine" or "CreditNoteLine":
                case "PayeeParty" when d == 1:
                case "TaxRepresentativeParty" when d == 1:
                case "PaymentMeans":
                case "BillingReference":
                case "TaxSubtotal":
                case "AllowanceCharge":
                case "AdditionalDocumentReference":
                case "Delivery":
                case "PartyTaxScheme":
                case "PostalAddress" or "Address":
                case "InvoicePeriod" when d == 1 || parent is "InvoiceLine" or "CreditNoteLine":
                    frame = Rent(name, d);
                    break;
                case "Party" when d == 2 && parent == "AccountingSupplierParty":
                case "ClassifiedTaxCategory" when d == 3 && parent == "Item" && At(1) is "InvoiceLine" or "CreditNoteLine":
                case "TaxCategory" when d == 2 && parent == "AllowanceCharge" || d == 3 && parent == "TaxSubtotal":
                    frame = Rent(name, d);
                    break;
            }
            frames[d] = frame;
            if (d == 1 && name is "InvoiceLine" or "CreditNoteLine")
            {
                lineAllowanceCharges = 0;
            }
            if (d == 2 && name == "TaxSubtotal" && parent == "TaxTotal")
            {
                subtotals++;
            }
            if (frame is { Name: "AllowanceCharge" })
            {
                // Remember where the allowance sits, in the model's terms, to report one written without indicator.
                if (d == 1) (frame.B, frame.C) = (++documentAllowanceCharges, 0);
                else if (parent is "InvoiceLine" or "CreditNoteLine") (frame.B, frame.C) = (++lineAllowanceCharges, topCounts.GetValueOrDefault(parent));
                else frame.C = -1;
            }
            Count(name, d);
        }

        /// <summary>Adds the new element to the counters of the context frames above it.</summary>
        private void Count(string name, int d)
        {
            var parent = At(d - 1);
            var pf = d >= 1 ? frames[d - 1] : null;
            var gf = d >= 2 ? frames[d - 2] : null;
            var grand = d >= 2 ? At(d - 2) : "";
            var ggf = d >= 3 ? frames[d - 3] : null;

            if (pf is not null)
            {
                switch (pf.Name, name)
                {
                    case ("InvoiceLine" or "CreditNoteLine", "Note"): pf.A++; break;
                    case ("InvoiceLine" or "CreditNoteLine", "InvoicePeriod"): pf.C++; break;
                    case ("InvoiceLine" or "CreditNoteLine", "DocumentReference"): pf.G++; break;
                    case ("PaymentMeans", "PaymentID"): pf.A++; break;
                    case ("PaymentMeans", "PaymentMeansCode"): pf.B++; break;
                    case ("BillingReference", "InvoiceDocumentReference"): pf.A++; break;
                    case ("AllowanceCharge", "AllowanceChargeReason"): pf.A++; break;
                    case ("AdditionalDocumentReference", "DocumentDescription"): pf.A++; break;
                    case ("AdditionalDocumentReference", "Attachment"): pf.B++; break;
                    case ("Party", "PartyTaxScheme"): pf.A++; break;
                    case ("PostalAddress" or "Address", "AddressLine"): pf.A++; break;
                    case ("PartyTaxScheme", "CompanyID"): pf.A++; break;
                    case ("InvoicePeriod", "StartDate" or "EndDate" or "DescriptionCode"): pf.A++; break;
                }
            }
            if (gf is not null)
            {
                switch (gf.Name, parent, name)
                {
                    case ("InvoiceLine" or "CreditNoteLine", "OrderLineReference", "LineID"): gf.B++; break;
                    case ("InvoiceLine" or "CreditNoteLine", "Item", "ClassifiedTaxCategory"): gf.E++; break;
                    case ("InvoiceLine" or "CreditNoteLine", "Item", "Description"): gf.F++; break;
                    case ("PayeeParty", "PartyName", "Name"): gf.A++; break;
                    case ("PayeeParty", "PartyLegalEntity", "CompanyID"): gf.C++; break;
                    case ("TaxRepresentativeParty", "PartyName", "Name"): gf.A++; break;
                    // UBL's tax representative is itself a party: its tax scheme is a child, not under a cac:Party.
                    case ("TaxRepresentativeParty", "PartyTaxScheme", "CompanyID"): gf.B++; break;
                    case ("PaymentMeans", "PaymentMandate", "ID"): gf.C++; break;
                    case ("BillingReference", "InvoiceDocumentReference", "ID"): gf.Flag = true; break;
                    case ("TaxSubtotal", "TaxCategory", "TaxExemptionReason"): gf.A++; break;
                    case ("PartyTaxScheme", "TaxScheme", "ID"): gf.B++; break;
                }
            }
            if (ggf is not null)
            {
                switch (ggf.Name, grand, parent, name)
                {
                    case ("InvoiceLine" or "CreditNoteLine", "Price", "AllowanceCharge", "Amount"): ggf.D++; break;
                    case ("Delivery", "DeliveryParty", "PartyName", "Name"): ggf.A++; break;
                }
            }
        }

        /// <summary>Names whose text some rule reads; the text of other elements is never materialised.</summary>
        private static bool TextMatters(string name) =>
            name.EndsWith("Amount", StringComparison.Ordinal) || name is "IssueDate" or "PaymentID" or "PaymentMeansCode"
                or "RegistrationName" or "ChargeIndicator" or "DocumentTypeCode" or "ID" or "Name" or "UBLVersionID";

        private void Text(XmlReader reader)
        {
            var d = Depth;
            if (d < 1 || !TextMatters(At(d)))
            {
                return;
            }
            var value = reader.Value;
            var name = At(d);
            var parent = At(d - 1);
            var trimmed = value.Trim();

            if (name.EndsWith("Amount", StringComparison.Ordinal) && !name.EndsWith("PriceAmount", StringComparison.Ordinal) && !UnderPriceAllowance())
            {
                var dot = trimmed.IndexOf('.', StringComparison.Ordinal);
                if (dot >= 0 && trimmed.Length - dot - 1 > 2)
                {
                    c.Fatal("UBL-DT-01", ParentPath() + "/cbc:" + name, null, $"The amount '{trimmed}' has more than two decimals.");
                }
            }

            switch (name)
            {
                case "UBLVersionID" when d == 1:
                    ublVersion21 |= value == "2.1";
                    break;
                case "IssueDate" when d == 1 && trimmed.Length > 0:
                    Facts.IssueDatePresent = true;
                    break;
                case "PaymentID" when parent == "PaymentMeans":
                    paymentIds.Add(trimmed);
                    break;
                case "PaymentMeansCode" when parent == "PaymentMeans":
                    paymentMeansCodes.Add(trimmed);
                    break;
                case "RegistrationName" when d == 4 && At(1) == "AccountingSupplierParty" && parent == "PartyLegalEntity":
                    sellerRegistrationName ??= value;
                    break;
                case "ChargeIndicator" when frames[d - 1] is { Name: "AllowanceCharge" } ac:
                    ac.Text1 = trimmed;
                    break;
                case "DocumentTypeCode" when frames[d - 1] is { Name: "AdditionalDocumentReference" } adr:
                    adr.Text1 = trimmed;
                    break;
                case "ID" when frames[d - 1] is { Name: "AdditionalDocumentReference" } adrId:
                    adrId.Text2 = trimmed;
                    break;
                case "ID" when d >= 2 && frames[d - 2] is { Name: "PartyTaxScheme" or "ClassifiedTaxCategory" or "TaxCategory" } pts && parent == "TaxScheme":
                    pts.Text1 = trimmed.ToUpperInvariant();
                    break;
                case "Name" when d >= 2 && frames[d - 2] is { Name: "PayeeParty" } payee && parent == "PartyName":
                    payee.Text1 ??= value;
                    break;
            }
        }

        private bool UnderPriceAllowance()
        {
            for (var i = Depth - 1; i > 0; i--)
            {
                if (names[i] == "AllowanceCharge" && names[i - 1] == "Price")
                {
                    return true;
                }
            }
            return false;
        }

        private string ParentPath() => PathOf(Depth - 1);

        private void Close()
        {
            var d = Depth;
            CloseOnSource(d);
            var frame = frames[d];
            var parent = d >= 1 ? At(d - 1) : "";
            if (frame is not null)
            {
                Evaluate(frame, parent, d);
                pool.Push(frame);
            }
            // A tax category outside the VAT scheme is invisible to the VAT rules of the artefacts.
            if (frame is { Name: "ClassifiedTaxCategory" or "TaxCategory" } && frame.Text1 != "VAT")
            {
                if (frame.Name == "ClassifiedTaxCategory") Facts.NonVatLines.Add(currentTop);
                else if (d == 2 && frames[d - 1] is { C: 0 } owner) Facts.NonVatAllowanceCharges.Add(owner.B);
                else if (d == 3) Facts.NonVatBreakdowns.Add(subtotals);
            }
            // A party tax scheme reports its VAT / non-VAT company identifier to the seller or buyer counters.
            if (frame is { Name: "PartyTaxScheme" } && d == 3 && At(2) == "Party" && frame.A > 0)
            {
                var vat = frame.Text1 == "VAT";
                switch (At(1))
                {
                    case "AccountingSupplierParty" when vat: sellerVatIds += frame.A; break;
                    case "AccountingSupplierParty" when frame.Text1 is not null: sellerTaxIds += frame.A; break;
                    case "AccountingCustomerParty": if (vat) buyerVatIds += frame.A; break;
                }
            }
            names.RemoveAt(d);
            frames.RemoveAt(d);
            CloseWarnings(d);
        }

        private void Evaluate(Frame f, string parent, int depth)
        {
            string P() => PathOf(depth);
            switch (f.Name)
            {
                case "InvoiceLine" or "CreditNoteLine":
                    if (f.A > 1) c.Fatal("UBL-SR-34", P(), "BT-127", "An invoice line note may occur only once.");
                    if (f.B > 1) c.Fatal("UBL-SR-35", P(), "BT-132", "The referenced purchase order line may occur only once.");
                    if (f.C > 1) c.Fatal("UBL-SR-36", P(), "BG-26", "The invoice line period may occur only once.");
                    if (f.D > 1) c.Fatal("UBL-SR-37", P(), "BT-147", "The item price discount may occur only once.");
                    if (f.E != 1) c.Fatal("UBL-SR-48", P(), "BG-30", "An invoice line must have exactly one classified tax category.");
                    if (f.F > 1) c.Fatal("UBL-SR-50", P(), "BT-154", "The item description may occur only once.");
                    if (f.G > 1) c.Fatal("UBL-SR-52", P(), "BT-128", "The line document reference may occur only once.");
                    break;
                case "PayeeParty":
                    payees.Add((P(), f.Text1, f.A, f.B, f.C));
                    break;
                case "TaxRepresentativeParty":
                    if (f.A > 1) c.Fatal("UBL-SR-22", P(), "BT-62", "The seller tax representative name may occur only once.");
                    if (f.B > 1) c.Fatal("UBL-SR-23", P(), "BT-63", "The seller tax representative VAT identifier may occur only once.");
                    break;
                case "PaymentMeans":
                    if (f.A > 1) c.Fatal("UBL-SR-26", P(), "BT-83", "The payment reference may occur only once per payment means.");
                    if (f.B > 1) c.Fatal("UBL-SR-27", P(), "BT-81", "The payment means code may occur only once per payment means.");
                    if (f.C > 1) c.Fatal("UBL-SR-28", P(), "BT-89", "The mandate reference may occur only once.");
                    break;
                case "BillingReference":
                    if (f.A > 1) c.Fatal("UBL-SR-06", P(), "BG-3", "A billing reference may hold only one preceding invoice reference.");
                    if (!f.Flag) c.Fatal("UBL-SR-07", P(), "BT-25", "A preceding invoice reference must give the preceding invoice number.");
                    if (!f.Flag) c.Fatal("BR-55", P(), "BT-25", "The preceding invoice reference (BG-3) has no invoice number (BT-25).");
                    break;
                case "TaxSubtotal":
                    if (f.A > 1) c.Fatal("UBL-SR-32", P(), "BT-120", "The VAT exemption reason text may occur only once.");
                    break;
                case "AllowanceCharge" when f.Text1 is null:
                    if (f.C >= 0) Facts.UnflaggedAllowanceCharges.Add((f.C, f.B));
                    break;
                case "AllowanceCharge" when f.A > 1 && f.Text1 is "false" or "0":
                    c.Fatal("UBL-SR-30", P(), "BT-97", "The allowance reason may occur only once.");
                    break;
                case "AllowanceCharge" when f.A > 1 && f.Text1 is "true" or "1":
                    c.Fatal("UBL-SR-31", P(), "BT-104", "The charge reason may occur only once.");
                    break;
                case "AdditionalDocumentReference":
                    if (f.A > 1) c.Fatal("UBL-SR-33", P(), "BT-123", "The supporting document description may occur only once.");
                    // Every additional document reference, whatever the reader makes of it (BT-17, BT-18, BG-24).
                    if (string.IsNullOrEmpty(f.Text2)) c.Fatal("BR-52", P(), "BT-122", "The additional supporting document (BG-24) has no reference (BT-122).");
                    if (f.Text1 == "130")
                    {
                        if (depth == 1) objectIds++;
                        if (f.A > 0) objectWithDescription = true;
                        if (f.B > 0) objectWithAttachment = true;
                    }
                    if (!(f.Text1 == "130" || c.Syntax == InvoiceSyntax.UblCreditNote && f.Text1 == "50" || f.Text1 is null && !f.Flag))
                    {
                        c.Fatal("UBL-SR-43", P(), "BT-18-1", "A scheme identifier is allowed only on the invoiced object identifier (document type code 130, or 50 in a credit note).");
                    }
                    if (f.Flag && f.Text1 != "130") Warn("UBL-CR-665", "A scheme identifier should be used only on the invoiced object identifier (document type code 130).");
                    break;
                case "Delivery":
                    if (f.A > 1) c.Fatal("UBL-SR-25", P(), "BT-70", "The deliver-to party name may occur only once.");
                    break;
                case "Party" when parent == "AccountingSupplierParty":
                    if (f.A > 2) c.Fatal("UBL-SR-42", P(), "BT-31", "The seller may have at most two party tax schemes.");
                    break;
                case "PostalAddress" or "Address":
                    if (f.A > 1) c.Fatal("UBL-SR-51", P(), "BT-162", "An address may have only one third address line.");
                    break;
                case "InvoicePeriod" when f.A == 0:
                    // The reader folds an empty period away, so the model rules cannot see it.
                    if (depth == 1) c.Fatal("BR-CO-19", P(), "BG-14", "The invoicing period (BG-14) has neither a start date (BT-73) nor an end date (BT-74).");
                    else c.Fatal("BR-CO-20", P(), "BG-26", "The invoice line period (BG-26) has neither a start date (BT-134) nor an end date (BT-135).");
                    break;
                case "PartyTaxScheme":
                    if (f.B == 0 || f.A == 0) c.Fatal("UBL-SR-53", P(), "BT-31", "A party tax scheme must give both the tax scheme identifier and the company identifier.");
                    break;
            }
        }

        private void Finish()
        {
            var r = root;
            FinishOnSource();
            FinishWarnings();
            void Max(int count, string rule, string term, string what)
            {
                if (count > 1) c.Fatal(rule, r, term, $"The {what} may occur only once.");
            }
            Max(contractIds, "UBL-SR-01", "BT-12", "contract identifier");
            Max(receiptIds, "UBL-SR-02", "BT-15", "receiving advice identifier");
            Max(despatchIds, "UBL-SR-03", "BT-16", "despatch advice identifier");
            Max(objectIds, "UBL-SR-04", "BT-18", "invoiced object identifier");
            Max(termsNotes, "UBL-SR-05", "BT-20", "payment terms");
            Max(periods, "UBL-SR-08", "BG-14", "invoicing period");
            Max(sellerNames, "UBL-SR-09", "BT-27", "seller name");
            Max(sellerTradeNames, "UBL-SR-10", "BT-28", "seller trading name");
            Max(sellerLegalIds, "UBL-SR-11", "BT-30", "seller legal registration identifier");
            Max(sellerVatIds, "UBL-SR-12", "BT-31", "seller VAT identifier");
            Max(sellerTaxIds, "UBL-SR-13", "BT-32", "seller tax registration identifier");
            Max(sellerLegalForms, "UBL-SR-14", "BT-33", "seller additional legal information");
            Max(buyerNames, "UBL-SR-15", "BT-44", "buyer name");
            Max(buyerIds, "UBL-SR-16", "BT-46", "buyer identifier");
            Max(buyerLegalIds, "UBL-SR-17", "BT-47", "buyer legal registration identifier");
            Max(buyerVatIds, "UBL-SR-18", "BT-48", "buyer VAT identifier");
            Max(deliveries, "UBL-SR-24", "BG-13", "delivery information");
            Max(sepaIds, "UBL-SR-29", "BT-90", "bank assigned creditor reference");
            Max(projectIds, "UBL-SR-39", "BT-11", "project reference");
            Max(buyerTradeNames, "UBL-SR-40", "BT-45", "buyer trading name");
            Max(paymentIds.Count, "UBL-SR-44", "BT-83", "payment identifier value (it may repeat across payment means)");
            Max(dueDates, "UBL-SR-45", "BT-9", "payment due date");
            Max(meansNames, "UBL-SR-46", "BT-82", "payment means text");
            Max(paymentMeansCodes.Count, "UBL-SR-47", "BT-81", "payment means code value (repeated payment means must share it)");
            Max(periodCodes, "UBL-SR-49", "BT-8", "VAT point date code");
            Max(cardAccounts, "UBL-SR-54", "BG-18", "payment card information");
            Max(mandates, "UBL-SR-55", "BG-19", "direct debit mandate");
            Max(originatorIds, "UBL-SR-56", "BT-17", "tender or lot reference");
            if (objectWithAttachment) c.Fatal("UBL-CR-666", r, "BT-18", "An invoiced object reference (document type code 130) cannot also carry an attachment.");
            if (objectWithDescription) c.Fatal("UBL-CR-673", r, "BT-18", "An invoiced object reference (document type code 130) cannot also carry a document description.");

            foreach (var (path, name, nameCount, idCount, legalCount) in payees)
            {
                // The artefacts compare with XPath general comparisons: a missing name on either side fails the comparison.
                var differs = name is not null && sellerRegistrationName is not null && name != sellerRegistrationName;
                if (!differs)
                {
                    c.Fatal("UBL-SR-19", path, "BT-59", "The payee name may occur only once, and only when the payee differs from the seller.");
                    c.Fatal("UBL-SR-20", path, "BT-60", "The payee identifier may occur only once, and only when the payee differs from the seller.");
                    c.Fatal("UBL-SR-21", path, "BT-61", "The payee legal registration identifier may occur only once, and only when the payee differs from the seller.");
                }
                else
                {
                    if (nameCount > 1) c.Fatal("UBL-SR-19", path, "BT-59", "The payee name may occur only once.");
                    if (idCount > 1) c.Fatal("UBL-SR-20", path, "BT-60", "The payee identifier may occur only once.");
                    if (legalCount > 1) c.Fatal("UBL-SR-21", path, "BT-61", "The payee legal registration identifier may occur only once.");
                }
            }
        }

        private Frame Rent(string name, int depth)
        {
            var f = pool.Count > 0 ? pool.Pop() : new Frame();
            f.Reset(name, depth, currentTop);
            return f;
        }

        /// <summary>The XPath of an open element, built only when a rule fails (the element's ancestors are still on the stack).</summary>
        private string PathOf(int depth)
        {
            var sb = new System.Text.StringBuilder(root);
            for (var j = 1; j <= depth; j++)
            {
                sb.Append('/').Append(Prefix(names[j])).Append(':').Append(names[j]);
                if (j == 1) sb.Append('[').Append(currentTop).Append(']');
            }
            return sb.ToString();
        }

        private static bool IsAmountWithCurrency(string name) => name is "Amount" or "BaseAmount" or "PriceAmount" or "TaxAmount"
            or "TaxableAmount" or "LineExtensionAmount" or "TaxExclusiveAmount" or "TaxInclusiveAmount" or "AllowanceTotalAmount"
            or "ChargeTotalAmount" or "PrepaidAmount" or "PayableRoundingAmount" or "PayableAmount";

        /// <summary>UBL aggregates are cac:, basic components cbc: (aggregates' names start with a capital and hold children).</summary>
        private static string Prefix(string name) => name switch
        {
            "InvoiceLine" or "CreditNoteLine" or "PayeeParty" or "TaxRepresentativeParty" or "PaymentMeans" or "BillingReference"
                or "TaxSubtotal" or "TaxTotal" or "AllowanceCharge" or "AdditionalDocumentReference" or "Delivery" or "PartyTaxScheme"
                or "PostalAddress" or "Address" or "Party" or "AccountingSupplierParty" or "AccountingCustomerParty" or "InvoicePeriod"
                or "PaymentTerms" or "ContractDocumentReference" or "ReceiptDocumentReference" or "DespatchDocumentReference" or "OriginatorDocumentReference"
                or "ProjectReference" or "LegalMonetaryTotal" or "Item" or "Price" or "TaxCategory" or "ClassifiedTaxCategory"
                or "PartyLegalEntity" or "PartyName" or "PartyIdentification" or "TaxScheme" or "Country" or "Contact"
                or "OrderReference" or "InvoiceDocumentReference" or "Attachment" or "PayeeFinancialAccount" or "CardAccount"
                or "PaymentMandate" or "DeliveryLocation" or "DeliveryParty" or "OrderLineReference" or "DocumentReference"
                or "SellersItemIdentification" or "BuyersItemIdentification" or "StandardItemIdentification"
                or "CommodityClassification" or "AdditionalItemProperty" or "OriginCountry" or "FinancialInstitutionBranch"
                or "PayerFinancialAccount" or "ExternalReference" or "AddressLine" => "cac",
            _ => "cbc",
        };
    }
}
