using System.Xml;

namespace Portique.Formats.Rules.En16931;

/// <summary>
/// The fatal CII-SR and CII-DT rules of the CEN artefacts (EN16931-CII-syntax.sch, release 1.3.16), checked in the same
/// streaming pass as the rest of <see cref="CiiSyntaxRules"/>. Each rule keeps the artefacts' context and test: an
/// existence test is met by an empty element, a count is of elements (not values) unless the test says distinct-values,
/// a general comparison holds when any of the compared nodes matches, and a node is judged only by the first rule of the
/// syntax pattern whose context matches it (so the wildcard ID rule, CII-DT-101 to 104, never sees the four identifiers
/// that CII-DT-001 to 007 claim, and CII-DT-010 to 012 can never fire). docs/conformance.md lists them all.
/// </summary>
internal static partial class CiiSyntaxRules
{
    private const string RamNs = "urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100";
    private const string UdtNs = "urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100";

    private enum Kind
    {
        Product, Characteristic, PriceAllowance, AllowanceCharge, HeaderAgreement, HeaderSettlement, PaymentMeans,
        Summation, ReferencedDocument, TradeTax, Period, Address, EndpointParty, PayerAccount,
    }

    /// <summary>The rules this pass judges on the source for CII, in place of the model rules of the same id.</summary>
    private static readonly string[] CiiJudgedOnSource = ["BR-49", "BR-50", "BR-61", "BR-52", "BR-CL-16", "BR-CL-19", "BR-CL-20", "BR-CL-24", "BR-CL-25"];

    /// <summary>What a binding context counts among its children (which counter means what depends on the kind).</summary>
    private sealed class Binding(Kind kind, string path)
    {
        public Kind Kind { get; } = kind;
        public string Path { get; } = path;
        public int A, B, C, D;
        public int[]? Counts;
        public long Present;
        public List<string>? TypeCodes;
        public string? FirstScheme;
    }

    // The children the CII-DT "shall not be used" rules forbid, each with its rule id (bit = position).
    private static readonly (string Child, string Rule)[] ReferencedDocumentChildren =
    [
        ("URIID", "CII-DT-015"), ("StatusCode", "CII-DT-016"), ("CopyIndicator", "CII-DT-017"), ("GlobalID", "CII-DT-019"),
        ("RevisionID", "CII-DT-020"), ("AttachmentBinaryObject", "CII-DT-022"), ("Information", "CII-DT-023"),
        ("ReferenceTypeCode", "CII-DT-024"), ("SectionName", "CII-DT-025"), ("PreviousRevisionID", "CII-DT-026"),
        ("EffectiveSpecifiedPeriod", "CII-DT-028"), ("IssuerTradeParty", "CII-DT-029"), ("AttachedSpecifiedBinaryFile", "CII-DT-030"),
    ];

    private static readonly (string Child, string Rule)[] PeriodChildren =
    [
        ("DurationMeasure", "CII-DT-069"), ("InclusiveIndicator", "CII-DT-070"), ("Description", "CII-DT-071"),
        ("CompleteDateTime", "CII-DT-073"), ("OpenIndicator", "CII-DT-074"), ("SeasonCode", "CII-DT-075"), ("ID", "CII-DT-076"),
        ("Name", "CII-DT-077"), ("SequenceNumeric", "CII-DT-078"), ("StartDateFlexibilityCode", "CII-DT-079"),
        ("ContinuousIndicator", "CII-DT-080"), ("PurposeCode", "CII-DT-081"),
    ];

    private static readonly (string Child, string Rule)[] AddressChildren =
    [
        ("ID", "CII-DT-082"), ("PostOfficeBox", "CII-DT-083"), ("BuildingName", "CII-DT-084"), ("LineFour", "CII-DT-086"),
        ("LineFive", "CII-DT-087"), ("StreetName", "CII-DT-088"), ("CitySubDivisionName", "CII-DT-089"), ("CountryName", "CII-DT-090"),
        ("CountrySubDivisionID", "CII-DT-091"), ("AttentionOf", "CII-DT-092"), ("CareOf", "CII-DT-093"), ("BuildingNumber", "CII-DT-094"),
        ("DepartmentName", "CII-DT-095"), ("AdditionalStreetName", "CII-DT-096"),
    ];

    // CII-SR-477 to 494: each amount of the document totals at most once.
    private static readonly (string Child, string Rule)[] SummationAmounts =
    [
        ("LineTotalAmount", "CII-SR-477"),
        ("ChargeTotalAmount", "CII-SR-478"),
        ("AllowanceTotalAmount", "CII-SR-479"),
        ("TaxBasisTotalAmount", "CII-SR-480"),
        ("RoundingAmount", "CII-SR-481"),
        ("GrandTotalAmount", "CII-SR-482"),
        ("InformationAmount", "CII-SR-483"),
        ("TotalPrepaidAmount", "CII-SR-484"),
        ("TotalDiscountAmount", "CII-SR-485"),
        ("TotalAllowanceChargeAmount", "CII-SR-486"),
        ("DuePayableAmount", "CII-SR-487"),
        ("RetailValueExcludingTaxInformationAmount", "CII-SR-488"),
        ("TotalDepositFeeInformationAmount", "CII-SR-489"),
        ("ProductValueExcludingTobaccoTaxInformationAmount", "CII-SR-490"),
        ("TotalRetailValueInformationAmount", "CII-SR-491"),
        ("GrossLineTotalAmount", "CII-SR-492"),
        ("NetLineTotalAmount", "CII-SR-493"),
        ("NetIncludingTaxesLineTotalAmount", "CII-SR-494"),
    ];

    private static readonly (string Attribute, string Rule)[] ScopedIdAttributes =
    [
        ("schemeName", "CII-DT-001"), ("schemeAgencyName", "CII-DT-002"), ("schemeDataURI", "CII-DT-003"), ("schemeURI", "CII-DT-004"),
        ("schemeID", "CII-DT-005"), ("schemeAgencyID", "CII-DT-006"), ("schemeVersionID", "CII-DT-007"),
    ];

    private static readonly (string Attribute, string Rule)[] OtherIdAttributes =
    [
        ("schemeName", "CII-DT-101"), ("schemeAgencyName", "CII-DT-102"), ("schemeDataURI", "CII-DT-103"), ("schemeURI", "CII-DT-104"),
    ];

    private static readonly (string Attribute, string Rule)[] QuantityAttributes =
    [
        ("unitCodeListID", "CII-DT-034"), ("unitCodeListAgencyID", "CII-DT-035"), ("unitCodeListAgencyName", "CII-DT-036"),
    ];

    private static string NormalizeSpace(string value) => string.Join(' ', value.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    private sealed partial class Scan
    {
        private readonly List<Binding?> bindings = new(32);
        private int captureDepth = -1;
        private string captured = "";
        private Binding? captureFor;
        private string captureName = "";

        // Document-wide populations of the rules whose test reaches out of their context with a // step.
        private readonly List<string> dueDateTypeCodes = [];
        private readonly List<string> paymentMeansCodes = [];
        private readonly List<string> paymentMeansTexts = [];
        private int paymentReferences;
        private bool billedQuantityUnitCode;
        private List<string>? quantitiesWithUnitCode;
        private string? headerSettlement;
        private string? taxTotalCurrency;

        private Binding? BindingAt(int depth) => depth >= 0 && depth < bindings.Count ? bindings[depth] : null;

        private void OpenBinding(XmlReader r, string name, int d)
        {
            var ram = r.NamespaceURI == RamNs;
            var parent = BindingAt(d - 1);
            var grand = BindingAt(d - 2);
            if (parent is not null) Child(parent, r, name);
            if (grand is not null) Grandchild(grand, At(d - 1), name, r);

            if (d == 0 && r.HasAttributes)
            {
                if (r.GetAttribute("languageID") is not null) c.Fatal("CII-DT-013", "/rsm:CrossIndustryInvoice", null, "The document element shall not carry a languageID attribute.");
                if (r.GetAttribute("languageLocaleID") is not null) c.Fatal("CII-DT-014", "/rsm:CrossIndustryInvoice", null, "The document element shall not carry a languageLocaleID attribute.");
            }

            if (d == 0)
            {
                foreach (var rule in CiiJudgedOnSource) Facts.JudgedOnSource.Add(rule);
            }
            // Values that rules compare, captured whole (an empty element has the value "").
            if (name == "TaxTotalAmount" && At(d - 1) == "SpecifiedTradeSettlementHeaderMonetarySummation") taxTotalCurrency = r.GetAttribute("currencyID");
            if (name is "TypeCode" or "Information" or "DueDateTypeCode" or "TaxTotalAmount" || name == "ReasonCode" && parent is { Kind: Kind.AllowanceCharge } || name == "TaxCurrencyCode" && d == 3 && At(2) == "ApplicableHeaderTradeSettlement"
                || name == "Indicator" && At(d - 1) == "ChargeIndicator")
            {
                captureDepth = d;
                captured = "";
                captureFor = name == "Indicator" ? grand : parent;
                captureName = name;
            }
            if (name == "URIID" && At(d - 1) == "URIUniversalCommunication" && r.GetAttribute("schemeID") is { } eas
                && !CodeLists.ElectronicAddressSchemes.Contains(NormalizeSpace(eas)))
            {
                c.Fatal("BR-CL-25", PathHere(), null, $"The electronic address scheme '{eas}' is not in the CEF EAS list.");
            }
            if (name == "AttachmentBinaryObject" && r.GetAttribute("mimeCode") is { } mime && !CodeLists.MimeCodes.Contains(mime))
            {
                c.Fatal("BR-CL-24", PathHere(), "BT-125-1", $"The attachment MIME code '{mime}' (BT-125-1) is not one EN 16931 allows.");
            }
            if (name == "PaymentReference" && At(d - 1) == "ApplicableHeaderTradeSettlement") paymentReferences++;
            if (name == "BilledQuantity" && d == 4 && At(3) == "SpecifiedLineTradeDelivery" && At(2) == "IncludedSupplyChainTradeLineItem"
                && r.GetAttribute("unitCode") is not null)
            {
                billedQuantityUnitCode = true;
            }

            if (ram) RamElement(r, name, d);

            var kind = name switch
            {
                "SpecifiedTradeProduct" when d == 3 && At(2) == "IncludedSupplyChainTradeLineItem" => Kind.Product,
                "ApplicableProductCharacteristic" when d == 4 && At(3) == "SpecifiedTradeProduct" && At(2) == "IncludedSupplyChainTradeLineItem" => Kind.Characteristic,
                "AppliedTradeAllowanceCharge" when At(d - 1) == "GrossPriceProductTradePrice" => Kind.PriceAllowance,
                "SpecifiedTradeAllowanceCharge" when ram => Kind.AllowanceCharge,
                "ApplicableHeaderTradeAgreement" when d == 2 && At(1) == "SupplyChainTradeTransaction" => Kind.HeaderAgreement,
                "ApplicableHeaderTradeSettlement" when d == 2 && At(1) == "SupplyChainTradeTransaction" => Kind.HeaderSettlement,
                "SpecifiedTradeSettlementPaymentMeans" => Kind.PaymentMeans,
                "PayerPartyDebtorFinancialAccount" when At(d - 1) == "SpecifiedTradeSettlementPaymentMeans" => Kind.PayerAccount,
                "SpecifiedTradeSettlementHeaderMonetarySummation" when d == 3 && At(2) == "ApplicableHeaderTradeSettlement" => Kind.Summation,
                "SellerTradeParty" or "BuyerTradeParty" when d == 3 && At(2) == "ApplicableHeaderTradeAgreement" => Kind.EndpointParty,
                "BillingSpecifiedPeriod" when ram => Kind.Period,
                "PostalTradeAddress" when ram => Kind.Address,
                _ when ram && name.EndsWith("ReferencedDocument", StringComparison.Ordinal) => Kind.ReferencedDocument,
                _ when ram && name.EndsWith("TradeTax", StringComparison.Ordinal) => Kind.TradeTax,
                _ => (Kind?)null,
            };
            if (kind is { } k)
            {
                bindings[d] = new Binding(k, PathHere()) { Counts = k == Kind.Summation ? new int[SummationAmounts.Length] : null };
            }
        }

        /// <summary>The attribute rules of the ram:* element families (CII-DT-001 to 009, 031 to 036, 101 to 104).</summary>
        private void RamElement(XmlReader r, string name, int d)
        {
            if (name.EndsWith("ID", StringComparison.Ordinal))
            {
                if (!r.HasAttributes) return;
                var scoped = name == "ID" && d == 3 && At(2) == "GuidelineSpecifiedDocumentContextParameter" && At(1) == "ExchangedDocumentContext"
                    || name == "ID" && d == 2 && At(1) == "ExchangedDocument"
                    || name == "LineID" && d == 4 && At(3) == "AssociatedDocumentLineDocument" && At(2) == "IncludedSupplyChainTradeLineItem"
                    || name == "SellerAssignedID" && d == 4 && At(3) == "SpecifiedTradeProduct" && At(2) == "IncludedSupplyChainTradeLineItem";
                foreach (var (attribute, rule) in scoped ? ScopedIdAttributes : OtherIdAttributes)
                {
                    if (r.GetAttribute(attribute) is not null) c.Fatal(rule, PathHere(), null, $"The identifier shall not carry a {attribute} attribute.");
                }
            }
            else if (name == "TypeCode")
            {
                if (!r.HasAttributes) return;
                if (r.GetAttribute("name") is not null) c.Fatal("CII-DT-008", PathHere(), null, "A type code shall not carry a name attribute.");
                if (r.GetAttribute("listURI") is not null) c.Fatal("CII-DT-009", PathHere(), null, "A type code shall not carry a listURI attribute.");
            }
            else if (name.EndsWith("Amount", StringComparison.Ordinal) && name != "TaxTotalAmount")
            {
                if (r.HasAttributes && r.GetAttribute("currencyCodeListVersionID") is not null)
                    c.Fatal("CII-DT-032", PathHere(), null, "An amount shall not carry a currencyCodeListVersionID attribute.");
            }
            else if (name.EndsWith("Quantity", StringComparison.Ordinal) && r.HasAttributes)
            {
                if (r.GetAttribute("unitCode") is not null) (quantitiesWithUnitCode ??= []).Add(PathHere());
                foreach (var (attribute, rule) in QuantityAttributes)
                {
                    if (r.GetAttribute(attribute) is not null) c.Fatal(rule, PathHere(), null, $"A quantity shall not carry a {attribute} attribute.");
                }
            }
        }

        private void Child(Binding b, XmlReader r, string name)
        {
            switch (b.Kind, name)
            {
                case (Kind.Product, "GlobalID"):
                    b.A++;
                    if (r.GetAttribute("schemeID") is not null) b.B++;
                    break;
                case (Kind.Product, "OriginTradeCountry"): b.C++; break;
                case (Kind.Characteristic, "Description"): b.A++; break;
                case (Kind.Characteristic, "Value"): b.B++; break;
                case (Kind.PriceAllowance, "ActualAmount"): b.A++; break;
                case (Kind.AllowanceCharge, "RateApplicablePercent"): b.A++; break;
                case (Kind.AllowanceCharge, "CategoryTradeTax"): b.B++; break;
                case (Kind.AllowanceCharge, "ActualAmount"): b.C++; break;
                case (Kind.EndpointParty, "URIUniversalCommunication"): b.A++; break;
                case (Kind.Summation, _):
                    for (var i = 0; i < SummationAmounts.Length; i++)
                    {
                        if (SummationAmounts[i].Child == name) b.Counts![i]++;
                    }
                    break;
                case (Kind.ReferencedDocument, _): b.Present |= Bit(ReferencedDocumentChildren, name); break;
                case (Kind.Period, _): b.Present |= Bit(PeriodChildren, name); break;
                case (Kind.Address, _): b.Present |= Bit(AddressChildren, name); break;
                case (Kind.TradeTax, "TypeCode"): b.A++; break;
                case (Kind.PaymentMeans, "TypeCode"): b.C++; break;
                case (Kind.PayerAccount, "IBANID" or "ProprietaryID"): b.A++; break;
            }
        }

        private void Grandchild(Binding b, string parentName, string name, XmlReader r)
        {
            switch (b.Kind, parentName, name)
            {
                case (Kind.Product, "OriginTradeCountry", "ID"): b.D++; break;
                case (Kind.HeaderAgreement, "SellerTradeParty", "DefinedTradeContact"): b.A++; break;
                case (Kind.HeaderAgreement, "BuyerTradeParty", "DefinedTradeContact"): b.B++; break;
                case (Kind.HeaderAgreement, "SellerTradeParty", "URIUniversalCommunication"): b.C++; break;
                case (Kind.HeaderAgreement, "BuyerTradeParty", "URIUniversalCommunication"): b.D++; break;
                case (Kind.HeaderSettlement, "ApplicableTradeTax", "TaxPointDate"): b.A++; break;
                case (Kind.PaymentMeans, "PayeePartyCreditorFinancialAccount", "IBANID" or "ProprietaryID"): b.B++; break;
                case (Kind.Period, "StartDateTime" or "EndDateTime", "DateTime"):
                    c.Fatal(parentName == "StartDateTime" ? "CII-DT-068" : "CII-DT-072", b.Path, null, "A period date shall be a DateTimeString, not a DateTime.");
                    break;
                case (Kind.EndpointParty, "URIUniversalCommunication", "URIID") when b.A == 1 && b.FirstScheme is null:
                    // BR-62/63 read the scheme of the first electronic address only.
                    b.FirstScheme = r.GetAttribute("schemeID") ?? "";
                    break;
            }
        }

        private static long Bit((string Child, string Rule)[] children, string name)
        {
            for (var i = 0; i < children.Length; i++)
            {
                if (children[i].Child == name) return 1L << i;
            }
            return 0;
        }

        /// <summary>Called with the text of a captured value (TypeCode, Information, DueDateTypeCode, Indicator, ReasonCode, TaxTotalAmount, TaxCurrencyCode) when its element closes.</summary>
        private void Captured(Binding? parent, string name, string value)
        {
            switch (name)
            {
                case "DueDateTypeCode" when At(Depth - 1) == "ApplicableTradeTax":
                    dueDateTypeCodes.Add(NormalizeSpace(value));
                    break;
                case "TypeCode" when At(Depth - 1) == "SpecifiedTradeSettlementPaymentMeans":
                    var code = NormalizeSpace(value);
                    paymentMeansCodes.Add(code);
                    if (parent is { Kind: Kind.PaymentMeans })
                    {
                        if (code is "30" or "58") parent.A++;
                        (parent.TypeCodes ??= []).Add(value);
                    }
                    if (!CodeLists.PaymentMeans.Contains(code))
                        c.Fatal("BR-CL-16", PathHere(), "BT-81", $"The payment means code '{value}' (BT-81) is not in UNCL 4461.");
                    break;
                case "TaxTotalAmount" when At(Depth - 1) == "SpecifiedTradeSettlementHeaderMonetarySummation":
                    Facts.TaxTotalAmounts.Add((taxTotalCurrency, value));
                    break;
                case "TaxCurrencyCode":
                    Facts.TaxCurrencyWritten ??= value;
                    break;
                case "Indicator" when parent is { Kind: Kind.AllowanceCharge }:
                    // The document level rules select allowances by the strings 'false' and 'true', not by a boolean cast.
                    if (value is "true" or "false") parent.D = 1;
                    parent.FirstScheme ??= value;
                    break;
                case "ReasonCode" when parent is { Kind: Kind.AllowanceCharge }:
                    (parent.TypeCodes ??= []).Add(NormalizeSpace(value));
                    break;
                case "Information" when At(Depth - 1) == "SpecifiedTradeSettlementPaymentMeans":
                    paymentMeansTexts.Add(NormalizeSpace(value));
                    break;
                case "TypeCode" when parent is { Kind: Kind.ReferencedDocument or Kind.TradeTax }:
                    (parent.TypeCodes ??= []).Add(value);
                    break;
            }
        }

        private void CloseBinding(int d)
        {
            if (captureDepth == d)
            {
                Captured(captureFor, captureName, captured);
                captureDepth = -1;
                captureFor = null;
            }
            if (bindings[d] is { } b)
            {
                Judge(b);
            }
            if (d == 0)
            {
                EndOfDocument();
            }
        }

        private void Judge(Binding b)
        {
            var at = b.Path;
            switch (b.Kind)
            {
                case Kind.Product:
                    if (b.A > 0 && b.B == 0) c.Fatal("CII-SR-046", at, "BT-157-1", "The item standard identifier (BT-157) shall carry a scheme identifier.");
                    if (b.C > 0 && b.D != 1) c.Fatal("CII-SR-090", at, "BT-159", $"The item country of origin (BT-159) shall occur exactly once, not {b.D} times.");
                    break;
                case Kind.Characteristic:
                    if (b.A != 1) c.Fatal("CII-SR-069", at, "BT-160", $"An item attribute (BG-32) shall have exactly one name (BT-160), not {b.A}.");
                    if (b.B != 1) c.Fatal("CII-SR-072", at, "BT-161", $"An item attribute (BG-32) shall have exactly one value (BT-161), not {b.B}.");
                    break;
                case Kind.PriceAllowance:
                    if (b.A > 1) c.Fatal("CII-SR-440", at, "BT-147", "The item price discount (BT-147) shall occur at most once.");
                    break;
                case Kind.AllowanceCharge:
                    // BR-CL-19/20 select by a boolean comparison (xs:boolean: true, 1, false, 0), at every level.
                    if (b.TypeCodes is { } reasons && (b.FirstScheme?.Trim() switch { "true" or "1" => true, "false" or "0" => false, _ => (bool?)null }) is { } isCharge)
                    {
                        foreach (var reason in reasons)
                        {
                            if (isCharge && !CodeLists.ChargeReasons.Contains(reason))
                                c.Fatal("BR-CL-20", at, "BT-105", $"The charge reason code '{reason}' (BT-105) is not in UNCL 7161.");
                            else if (!isCharge && !CodeLists.AllowanceReasons.Contains(reason))
                                c.Fatal("BR-CL-19", at, "BT-98", $"The allowance reason code '{reason}' (BT-98) is not in UNCL 5189.");
                        }
                    }
                    if (b.D == 0 && At(Depth - 1) == "ApplicableHeaderTradeSettlement") Facts.UnflaggedAllowanceCharges.Add((0, documentAllowanceCharges));
                    if (b.A > 1) c.Fatal("CII-SR-471", at, null, "An allowance or charge shall carry at most one rate percentage.");
                    if (b.B > 1) c.Fatal("CII-SR-472", at, null, "An allowance or charge shall carry at most one VAT category.");
                    if (b.C > 1) c.Fatal("CII-SR-473", at, null, "An allowance or charge shall carry at most one amount.");
                    break;
                case Kind.HeaderAgreement:
                    if (b.A > 1) c.Fatal("CII-SR-455", at, "BG-6", "The seller contact (BG-6) shall occur at most once.");
                    if (b.B > 1) c.Fatal("CII-SR-456", at, "BG-9", "The buyer contact (BG-9) shall occur at most once.");
                    if (b.C > 1) c.Fatal("CII-SR-459", at, "BT-34", "The seller electronic address (BT-34) shall occur at most once.");
                    if (b.D > 1) c.Fatal("CII-SR-460", at, "BT-49", "The buyer electronic address (BT-49) shall occur at most once.");
                    break;
                case Kind.HeaderSettlement:
                    if (b.A > 1) c.Fatal("CII-SR-461", at, "BT-7", $"The value added tax point date (BT-7) shall occur at most once, not {b.A} times.");
                    headerSettlement ??= at;
                    if (b.C > 0) c.Fatal("CII-SR-470", at, "BT-84", "A credit transfer (BT-81 = 30 or 58) shall give the payment account identifier (BT-84) as an IBAN or a proprietary identifier.");
                    break;
                case Kind.PaymentMeans:
                    if (b.A > 0 && b.B == 0 && BindingAt(Depth - 1) is { Kind: Kind.HeaderSettlement } settlement) settlement.C++;
                    if (b.C == 0) c.Fatal("BR-49", at, "BT-81", "The payment instruction has no payment means type code (BT-81).");
                    if (b.D > 0 && b.TypeCodes is { } means && (means.Contains("30") || means.Contains("58")))
                    {
                        // Bound in CII to the debited account of a credit transfer, as the artefacts write them.
                        c.Fatal("BR-50", at, "BT-84", "The account of the credit transfer has no payment account identifier (BT-84).");
                        c.Fatal("BR-61", at, "BT-84", "A credit transfer payment (BT-81 = 30 or 58) needs the payment account identifier (BT-84).");
                    }
                    break;
                case Kind.PayerAccount:
                    if (b.A == 0 && BindingAt(Depth - 1) is { Kind: Kind.PaymentMeans } owner) owner.D++;
                    break;
                case Kind.EndpointParty when b.A > 0:
                    // normalize-space(URIUniversalCommunication[1]/URIID/@schemeID) != '' or no electronic address at all.
                    if (string.IsNullOrWhiteSpace(b.FirstScheme))
                    {
                        var seller = At(Depth) == "SellerTradeParty";
                        c.Fatal(seller ? "BR-62" : "BR-63", at, seller ? "BT-34-1" : "BT-49-1",
                            $"The {(seller ? "seller" : "buyer")} electronic address ({(seller ? "BT-34" : "BT-49")}) has no scheme identifier.");
                    }
                    break;
                case Kind.Summation:
                    for (var i = 0; i < SummationAmounts.Length; i++)
                    {
                        if (b.Counts![i] > 1) c.Fatal(SummationAmounts[i].Rule, at, null, $"The document totals shall carry {SummationAmounts[i].Child} at most once.");
                    }
                    break;
                case Kind.ReferencedDocument:
                    Forbidden(b, ReferencedDocumentChildren, at, name => At(Depth) == "AdditionalReferencedDocument" && b.TypeCodes is { } codes && name switch
                    {
                        "URIID" or "AttachmentBinaryObject" => codes.Contains("916"),
                        "ReferenceTypeCode" => codes.Contains("130"),
                        _ => false,
                    });
                    break;
                case Kind.TradeTax:
                    if (b.A > 0 && b.TypeCodes?.Contains("VAT") != true) c.Fatal("CII-DT-037", at, null, "The tax type code shall be 'VAT'.");
                    break;
                case Kind.Period:
                    Forbidden(b, PeriodChildren, at, static _ => false);
                    break;
                case Kind.Address:
                    Forbidden(b, AddressChildren, at, static _ => false);
                    break;
            }
        }

        private void Forbidden(Binding b, (string Child, string Rule)[] children, string at, Func<string, bool> allowed)
        {
            if (b.Present == 0) return;
            for (var i = 0; i < children.Length; i++)
            {
                if ((b.Present & (1L << i)) != 0 && !allowed(children[i].Child))
                {
                    c.Fatal(children[i].Rule, at, null, $"{children[i].Child} shall not be used here.");
                }
            }
        }

        /// <summary>The rules whose test reads the whole document.</summary>
        private void EndOfDocument()
        {
            const string root = "/rsm:CrossIndustryInvoice";
            if (paymentMeansCodes.Count > 1 && paymentMeansCodes.Exists(code => code != paymentMeansCodes[0]))
                c.Fatal("CII-SR-467", root, "BT-81", "Every payment means type code (BT-81) shall have the same value.");
            if (paymentMeansTexts.Count > 1 && paymentMeansTexts.Exists(text => text != paymentMeansTexts[0]))
                c.Fatal("CII-SR-468", root, "BT-82", "Every payment means text (BT-82) shall have the same value.");
            // CII-SR-462 sits on the header settlement but counts the codes of the whole document.
            if (headerSettlement is not null && dueDateTypeCodes.Count > 0 && dueDateTypeCodes.Distinct(StringComparer.Ordinal).Count() > 1)
                c.Fatal("CII-SR-462", headerSettlement, "BT-8", "Every value added tax point date code (BT-8) shall have the same value.");
            if (paymentReferences > 1)
                c.Fatal("CII-SR-469", root, "BT-83", "The remittance information (BT-83) shall occur at most once.");
            if (quantitiesWithUnitCode is { } quantities && !billedQuantityUnitCode)
            {
                foreach (var path in quantities)
                {
                    c.Fatal("CII-DT-033", path, null, "A quantity shall not carry a unitCode attribute.");
                }
            }
        }
    }
}
