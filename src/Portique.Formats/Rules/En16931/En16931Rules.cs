using Portique.Formats.Model;
using static Portique.Formats.Rules.Amounts;

namespace Portique.Formats.Rules.En16931;

/// <summary>
/// The EN 16931 business rules BR-01..BR-67 (presence and cardinality of business terms), then the other families.
/// Each check mirrors the assert of the CEN/TC 434 artefacts 1.3.16 (UBL and CII bindings), including its context:
/// a rule whose context group is absent does not fire, as in the schematron.
/// </summary>
internal static class En16931Rules
{
    public static void Check(RuleContext c)
    {
        Document(c);
        Parties(c);
        Lines(c);
        DocumentAllowancesCharges(c);
        Breakdown(c);
        Payments(c);
        Others(c);
        CalculationRules.Check(c);
        DecimalRules.Check(c);
        VatCategoryRules.Check(c);
    }

    private static void Document(RuleContext c)
    {
        var inv = c.Invoice;
        var root = c.Root;
        if (IsBlank(inv.SpecificationIdentifier)) c.Fatal("BR-01", root, "BT-24", "The invoice has no specification identifier (BT-24).");
        if (IsBlank(inv.Number)) c.Fatal("BR-02", root, "BT-1", "The invoice has no invoice number (BT-1).");
        if (!(c.Facts?.IssueDatePresent ?? inv.IssueDate is not null)) c.Fatal("BR-03", root, "BT-2", "The invoice has no issue date (BT-2).");
        if (IsBlank(inv.TypeCode)) c.Fatal("BR-04", root, "BT-3", "The invoice has no invoice type code (BT-3).");
        if (IsBlank(inv.CurrencyCode)) c.Fatal("BR-05", root, "BT-5", "The invoice has no invoice currency code (BT-5).");
        if (IsBlank(inv.Seller.Name)) c.Fatal("BR-06", root, "BT-27", "The invoice has no seller name (BT-27).");
        if (IsBlank(inv.Buyer.Name)) c.Fatal("BR-07", root, "BT-44", "The invoice has no buyer name (BT-44).");
        if (inv.Seller.Address is null) c.Fatal("BR-08", root, "BG-5", "The invoice has no seller postal address (BG-5).");
        if (inv.Buyer.Address is null) c.Fatal("BR-10", root, "BG-8", "The invoice has no buyer postal address (BG-8).");
        if (inv.Lines.Count == 0) c.Fatal("BR-16", root, "BG-25", "The invoice has no invoice line (BG-25).");

        // UBL accepts a VAT accounting currency equal to the invoice currency; the CII binding requires them to differ.
        // In CII the rule sits on the document totals: without them it is not asked.
        if (inv.VatAccountingCurrencyCode is { } taxCurrency && !IsBlank(taxCurrency) && !c.OnSource("BR-53")
            && !(c.IsCii && c.Facts is { TotalsPresent: false })
            && (c.IsCii
                ? inv.Totals.VatTotalInAccountingCurrency is null || taxCurrency == inv.CurrencyCode
                : inv.Totals.VatTotalInAccountingCurrency is null && !(taxCurrency == inv.CurrencyCode && inv.Totals.VatTotal is not null)))
        {
            c.Fatal("BR-53", root, "BT-111", "A VAT accounting currency (BT-6) is given but not the total VAT amount in that currency (BT-111).");
        }

        var cards = 0;
        foreach (var means in inv.PaymentMeans)
        {
            if (means.Card is not null) cards++;
        }
        // The UBL artefacts judge it as UBL-SR-54 on the source (UblSyntaxRules), not under this id.
        if (cards > 1 && !c.OnSource("BR-66")) c.Fatal("BR-66", root, "BG-18", "The invoice carries more than one payment card (BG-18).");

        if (inv.VatPointDate is not null && !IsBlank(inv.VatPointDateCode))
        {
            c.Fatal("BR-CO-03", root, "BT-7", "The VAT point date (BT-7) and the VAT point date code (BT-8) cannot both be given.");
        }
        // The CII binding asserts BR-CO-18 from each invoice line, so a document without lines does not raise it.
        if (inv.VatBreakdown.Count == 0 && !(c.IsCii && inv.Lines.Count == 0)) c.Fatal("BR-CO-18", root, "BG-23", "The invoice has no VAT breakdown (BG-23).");

        if (inv.InvoicingPeriod is { } period)
        {
            if (period.StartDate is { } start && period.EndDate is { } end && end < start)
            {
                c.Fatal("BR-29", c.InvoicePeriod, "BT-74", "The invoicing period ends (BT-74) before it starts (BT-73).");
            }
            // In UBL the VAT point date code (BT-8) sits in the invoice period, which then may carry no dates.
            // An invoice read from XML has its empty periods reported by the syntax pass, which sees them.
            if (period.StartDate is null && period.EndDate is null && (c.IsCii || IsBlank(inv.VatPointDateCode)) && inv.SourceSyntax is null)
            {
                c.Fatal("BR-CO-19", c.InvoicePeriod, "BG-14", "The invoicing period (BG-14) has neither a start date (BT-73) nor an end date (BT-74).");
            }
        }
    }

    private static void Parties(RuleContext c)
    {
        var inv = c.Invoice;
        // The CII binding tests the country codes from the invoice root: they are due even when the address is missing.
        if ((inv.Seller.Address is not null || c.IsCii) && IsBlank(inv.Seller.Address?.CountryCode))
        {
            c.Fatal("BR-09", c.Seller + (c.IsCii ? "/ram:PostalTradeAddress" : "/cac:PostalAddress"), "BT-40", "The seller postal address has no country code (BT-40).");
        }
        if ((inv.Buyer.Address is not null || c.IsCii) && IsBlank(inv.Buyer.Address?.CountryCode))
        {
            c.Fatal("BR-11", c.Buyer + (c.IsCii ? "/ram:PostalTradeAddress" : "/cac:PostalAddress"), "BT-55", "The buyer postal address has no country code (BT-55).");
        }
        // In CII the syntax pass judges BR-62/63 on the source (an empty URIUniversalCommunication counts there).
        var endpointsFromSource = c.IsCii && c.Facts is not null;
        if (!endpointsFromSource && inv.Seller.ElectronicAddress is { } sellerEndpoint && IsBlank(sellerEndpoint.SchemeId))
        {
            c.Fatal("BR-62", c.Seller, "BT-34-1", "The seller electronic address (BT-34) has no scheme identifier.");
        }
        if (!endpointsFromSource && inv.Buyer.ElectronicAddress is { } buyerEndpoint && IsBlank(buyerEndpoint.SchemeId))
        {
            c.Fatal("BR-63", c.Buyer, "BT-49-1", "The buyer electronic address (BT-49) has no scheme identifier.");
        }
        if ((c.Facts?.SellerPresent ?? SellerPresent(inv.Seller)) && c.Facts?.SellerIdentifierWritten != true && IsBlank(inv.Seller.VatIdentifier) && inv.Seller.Identifiers.Count == 0
            && inv.Seller.LegalRegistrationId?.Value is null)
        {
            c.Fatal("BR-CO-26", c.Seller, "BT-29", "The seller has neither an identifier (BT-29), a legal registration identifier (BT-30) nor a VAT identifier (BT-31).");
        }

        if (inv.Payee is { } payee)
        {
            // UBL compares the payee with the seller's trading name, CII with the seller name and legal identifier.
            var sellerName = c.IsCii ? inv.Seller.Name : inv.Seller.TradingName;
            var sameAsSeller = payee.Name is not null && payee.Name == sellerName;
            if (c.IsCii && payee.LegalRegistrationId?.Value is { } payeeLegal)
            {
                sameAsSeller |= payeeLegal == inv.Seller.LegalRegistrationId?.Value;
            }
            foreach (var id in payee.Identifiers)
            {
                foreach (var sellerId in inv.Seller.Identifiers)
                {
                    sameAsSeller |= id.Value is not null && id.Value == sellerId.Value;
                }
            }
            if (payee.Name is null || sameAsSeller)
            {
                c.Fatal("BR-17", c.Payee, "BT-59", "A payee (BG-10) different from the seller must have a payee name (BT-59).");
            }
        }

        if (inv.SellerTaxRepresentative is { } rep)
        {
            if (IsBlank(rep.Name)) c.Fatal("BR-18", c.TaxRepresentative, "BT-62", "The seller tax representative (BG-11) has no name (BT-62).");
            if (rep.Address is null)
            {
                c.Fatal("BR-19", c.TaxRepresentative, "BG-12", "The seller tax representative (BG-11) has no postal address (BG-12).");
                // CII binds BR-20 to the representative itself, so a missing address fails it too.
                if (c.IsCii) c.Fatal("BR-20", c.TaxRepresentative, "BT-69", "The seller tax representative postal address has no country code (BT-69).");
            }
            else if (IsBlank(rep.Address.CountryCode)) c.Fatal("BR-20", c.TaxRepresentative, "BT-69", "The seller tax representative postal address has no country code (BT-69).");
            if (IsBlank(rep.VatIdentifier)) c.Fatal("BR-56", c.TaxRepresentative, "BT-63", "The seller tax representative (BG-11) has no VAT identifier (BT-63).");
        }

        CheckVatPrefix(c, inv.Seller.VatIdentifier, c.Seller, "BT-31");
        CheckVatPrefix(c, inv.Buyer.VatIdentifier, c.Buyer, "BT-48");
        CheckVatPrefix(c, inv.SellerTaxRepresentative?.VatIdentifier, c.TaxRepresentative, "BT-63");

        if (inv.Delivery?.Address is { } deliverTo && deliverTo.CountryCode is null && c.Facts?.DeliverToCountryWritten != true)
        {
            c.Fatal("BR-57", c.DeliverToAddress, "BT-80", "The deliver-to address (BG-15) has no country code (BT-80).");
        }
    }

    /// <summary>The seller group exists in the source when anything of it was read.</summary>
    private static bool SellerPresent(Party p) =>
        p.Name is not null || p.TradingName is not null || p.Identifiers.Count > 0 || p.LegalRegistrationId is not null
        || p.VatIdentifier is not null || p.TaxRegistrationIdentifier is not null || p.ElectronicAddress is not null
        || p.Address is not null || p.Contact is not null || p.AdditionalLegalInformation is not null;

    private static void CheckVatPrefix(RuleContext c, string? vatId, string location, string term)
    {
        if (vatId is null)
        {
            return;
        }
        var prefix = vatId.Length >= 2 ? vatId[..2] : vatId;
        if (!CodeLists.VatPrefixes.Contains(prefix))
        {
            c.Fatal("BR-CO-09", location, term, $"The VAT identifier '{vatId}' ({term}) does not start with an ISO 3166-1 alpha-2 country code (or EL for Greece).");
        }
    }

    private static void Lines(RuleContext c)
    {
        var lines = c.Invoice.Lines;
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            var at = c.Line(line.Index > 0 ? line.Index : i + 1);
            if (IsBlank(line.Id)) c.Fatal("BR-21", at, "BT-126", "The invoice line has no line identifier (BT-126).");
            if (line.Quantity is null && !(c.Facts?.LinesWithQuantity.Contains(line.Index > 0 ? line.Index : i + 1) ?? false)) c.Fatal("BR-22", at, "BT-129", "The invoice line has no invoiced quantity (BT-129).");
            if (line.QuantityUnitCode is null) c.Fatal("BR-23", at, "BT-130", "The invoiced quantity has no unit of measure code (BT-130).");
            if (line.NetAmount is null) c.Fatal("BR-24", at, "BT-131", "The invoice line has no net amount (BT-131).");
            if (IsBlank(line.Item.Name)) c.Fatal("BR-25", at, "BT-153", "The invoice line has no item name (BT-153).");
            if (line.Price.NetPrice is null) c.Fatal("BR-26", at, "BT-146", "The invoice line has no item net price (BT-146).");
            if (!(line.Price.NetPrice >= 0)) c.Fatal("BR-27", at, "BT-146", "The item net price (BT-146) is missing or negative.");
            if (line.Price.GrossPrice < 0) c.Fatal("BR-28", at, "BT-148", "The item gross price (BT-148) is negative.");
            if (IsBlank(line.VatCategoryCode)) c.Fatal("BR-CO-04", at, "BT-151", "The invoice line has no VAT category code (BT-151).");

            if (line.Period is { } period)
            {
                if (period.StartDate is { } start && period.EndDate is { } end && end < start)
                {
                    c.Fatal("BR-30", at, "BT-135", "The invoice line period ends (BT-135) before it starts (BT-134).");
                }
                if (period.StartDate is null && period.EndDate is null && c.Invoice.SourceSyntax is null)
                {
                    c.Fatal("BR-CO-20", at, "BG-26", "The invoice line period (BG-26) has neither a start date (BT-134) nor an end date (BT-135).");
                }
            }

            int allowance = 0, charge = 0, position = 0;
            foreach (var ac in line.AllowanceCharges)
            {
                if (c.Unflagged(line.Index > 0 ? line.Index : i + 1, ++position)) continue;
                var where = c.LineAllowanceCharge(line.Index > 0 ? line.Index : i + 1, ac.IsCharge, ac.IsCharge ? ++charge : ++allowance);
                var noReason = ac.Reason is null && ac.ReasonCode is null;
                if (ac.IsCharge)
                {
                    if (ac.Amount is null) c.Fatal("BR-43", where, "BT-141", "The invoice line charge has no amount (BT-141).");
                    if (noReason)
                    {
                        c.Fatal("BR-44", where, "BT-144", "The invoice line charge has neither a reason (BT-144) nor a reason code (BT-145).");
                        c.Fatal("BR-CO-24", where, "BT-144", "The invoice line charge needs a reason (BT-144), a reason code (BT-145) or both.");
                    }
                }
                else
                {
                    if (ac.Amount is null) c.Fatal("BR-41", where, "BT-136", "The invoice line allowance has no amount (BT-136).");
                    if (noReason)
                    {
                        c.Fatal("BR-42", where, "BT-139", "The invoice line allowance has neither a reason (BT-139) nor a reason code (BT-140).");
                        c.Fatal("BR-CO-23", where, "BT-139", "The invoice line allowance needs a reason (BT-139), a reason code (BT-140) or both.");
                    }
                }
            }

            var item = line.Item;
            if (item.StandardId is { } standard && IsBlank(standard.SchemeId))
            {
                c.Fatal("BR-64", at, "BT-157-1", "The item standard identifier (BT-157) has no scheme identifier.");
            }
            foreach (var cls in item.Classifications)
            {
                if (IsBlank(cls.SchemeId)) c.Fatal("BR-65", at, "BT-158-1", "The item classification identifier (BT-158) has no scheme identifier.");
            }
            foreach (var attribute in item.Attributes)
            {
                if (attribute.Name is null || attribute.Value is null)
                {
                    c.Fatal("BR-54", at, "BG-32", "An item attribute (BG-32) needs both a name (BT-160) and a value (BT-161).");
                }
            }
        }
    }

    private static void DocumentAllowancesCharges(RuleContext c)
    {
        int allowance = 0, charge = 0, position = 0;
        foreach (var ac in c.Invoice.AllowanceCharges)
        {
            if (c.Unflagged(0, ++position)) continue;
            var where = c.DocumentAllowanceCharge(ac.IsCharge, ac.IsCharge ? ++charge : ++allowance);
            var noReason = ac.Reason is null && ac.ReasonCode is null;
            if (ac.IsCharge)
            {
                if (ac.Amount is null) c.Fatal("BR-36", where, "BT-99", "The document level charge has no amount (BT-99).");
                if (ac.VatCategoryCode is null) c.Fatal("BR-37", where, "BT-102", "The document level charge has no VAT category code (BT-102).");
                if (noReason)
                {
                    c.Fatal("BR-38", where, "BT-104", "The document level charge has neither a reason (BT-104) nor a reason code (BT-105).");
                    c.Fatal("BR-CO-22", where, "BT-104", "The document level charge needs a reason (BT-104), a reason code (BT-105) or both.");
                }
            }
            else
            {
                if (ac.Amount is null) c.Fatal("BR-31", where, "BT-92", "The document level allowance has no amount (BT-92).");
                if (ac.VatCategoryCode is null) c.Fatal("BR-32", where, "BT-95", "The document level allowance has no VAT category code (BT-95).");
                if (noReason)
                {
                    c.Fatal("BR-33", where, "BT-97", "The document level allowance has neither a reason (BT-97) nor a reason code (BT-98).");
                    c.Fatal("BR-CO-21", where, "BT-97", "The document level allowance needs a reason (BT-97), a reason code (BT-98) or both.");
                }
            }
        }
    }

    private static void Breakdown(RuleContext c)
    {
        var breakdown = c.Invoice.VatBreakdown;
        for (var i = 0; i < breakdown.Count; i++)
        {
            var vat = breakdown[i];
            var at = c.VatBreakdown(i + 1);
            if (vat.TaxableAmount is null) c.Fatal("BR-45", at, "BT-116", "The VAT breakdown has no taxable amount (BT-116).");
            if (vat.TaxAmount is null) c.Fatal("BR-46", at, "BT-117", "The VAT breakdown has no VAT amount (BT-117).");
            if (vat.CategoryCode is null) c.Fatal("BR-47", at, "BT-118", "The VAT breakdown has no VAT category code (BT-118).");
            if (vat.Rate is null && !Is(vat.CategoryCode, "O")) c.Fatal("BR-48", at, "BT-119", "The VAT breakdown has no VAT rate (BT-119), which only category O may omit.");
        }
    }

    private static void Payments(RuleContext c)
    {
        var means = c.Invoice.PaymentMeans;
        for (var i = 0; i < means.Count; i++)
        {
            var pm = means[i];
            var at = c.PaymentMeans(i + 1);
            if (pm.TypeCode is null && !c.OnSource("BR-49")) c.Fatal("BR-49", at, "BT-81", "The payment instruction has no payment means type code (BT-81).");
            var transfer = Is(pm.TypeCode, "30") || Is(pm.TypeCode, "58");
            if (transfer && pm.CreditTransfer is { } account && IsBlank(account.AccountIdentifier) && !c.OnSource("BR-50"))
            {
                c.Fatal("BR-50", at, "BT-84", "The credit transfer (BG-17) has no payment account identifier (BT-84).");
            }
            if (transfer && pm.CreditTransfer?.AccountIdentifier is null && !c.OnSource("BR-61"))
            {
                c.Fatal("BR-61", at, "BT-84", "A credit transfer payment (BT-81 = 30 or 58) needs the payment account identifier (BT-84).");
            }
            if (pm.Card?.PrimaryAccountNumber is { } pan && pan.Trim().Length > 10)
            {
                c.Warning("BR-51", at, "BT-87", "The payment card number (BT-87) should show at most the last digits, never the full card number.");
            }
        }
    }

    private static void Others(RuleContext c)
    {
        var inv = c.Invoice;
        for (var i = 0; i < inv.PrecedingInvoices.Count; i++)
        {
            if (inv.PrecedingInvoices[i].Number is null && !c.OnSource("BR-55"))
            {
                c.Fatal("BR-55", c.PrecedingInvoice(i + 1), "BT-25", "The preceding invoice reference (BG-3) has no invoice number (BT-25).");
            }
        }
        for (var i = 0; i < inv.SupportingDocuments.Count; i++)
        {
            if (IsBlank(inv.SupportingDocuments[i].Reference) && !c.OnSource("BR-52"))
            {
                c.Fatal("BR-52", c.Attachment(i + 1), "BT-122", "The additional supporting document (BG-24) has no reference (BT-122).");
            }
        }
    }
}
