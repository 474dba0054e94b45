using Portique.Formats.Model;
using static Portique.Formats.Rules.Amounts;

namespace Portique.Formats.Rules.En16931;

/// <summary>
/// The VAT category families BR-S, BR-Z, BR-E, BR-AE, BR-IC, BR-G, BR-O, BR-AF (IGIC), BR-AG (IPSI) and BR-B (split payment).
/// Every family has the same ten-rule shape; what differs is captured in <see cref="Category"/>.
/// </summary>
internal static class VatCategoryRules
{
    private enum RateRule { Positive, Zero, Absent, ZeroOrPositive }

    private enum PartyRule { SellerVatOrTaxRegistration, ReverseCharge, IntraCommunity, Export, NotSubject }

    private sealed record Category(string Code, string Family, string Label, RateRule Rate, PartyRule Parties, bool Exempt, bool PerRate);

    private static readonly Category[] Categories =
    [
        new("S", "BR-S", "Standard rated", RateRule.Positive, PartyRule.SellerVatOrTaxRegistration, Exempt: false, PerRate: true),
        new("Z", "BR-Z", "Zero rated", RateRule.Zero, PartyRule.SellerVatOrTaxRegistration, Exempt: false, PerRate: false),
        new("E", "BR-E", "Exempt from VAT", RateRule.Zero, PartyRule.SellerVatOrTaxRegistration, Exempt: true, PerRate: false),
        new("AE", "BR-AE", "Reverse charge", RateRule.Zero, PartyRule.ReverseCharge, Exempt: true, PerRate: false),
        new("K", "BR-IC", "Intra-community supply", RateRule.Zero, PartyRule.IntraCommunity, Exempt: true, PerRate: false),
        new("G", "BR-G", "Export outside the EU", RateRule.Zero, PartyRule.Export, Exempt: true, PerRate: false),
        new("O", "BR-O", "Not subject to VAT", RateRule.Absent, PartyRule.NotSubject, Exempt: true, PerRate: false),
        new("L", "BR-AF", "IGIC", RateRule.ZeroOrPositive, PartyRule.SellerVatOrTaxRegistration, Exempt: false, PerRate: true),
        new("M", "BR-AG", "IPSI", RateRule.ZeroOrPositive, PartyRule.SellerVatOrTaxRegistration, Exempt: false, PerRate: true),
    ];

    public static void Check(RuleContext c)
    {
        foreach (var category in Categories)
        {
            CheckCategory(c, category);
        }
        IntraCommunityExtras(c);
        NotSubjectExclusivity(c);
        SplitPayment(c);
    }

    private static void CheckCategory(RuleContext c, Category cat)
    {
        var inv = c.Invoice;
        var x = cat.Code;
        bool inLines = false, inAllowances = false, inCharges = false;
        for (var i = 0; i < inv.Lines.Count; i++)
        {
            var line = inv.Lines[i];
            if (!Is(line.VatCategoryCode, x))
            {
                continue;
            }
            inLines = true;
            if (!RateOk(RateRuleFor(c, cat), line.VatRate))
            {
                c.Fatal(cat.Family + "-05", c.Line(line.Index > 0 ? line.Index : i + 1), "BT-152", $"An invoice line in category \"{cat.Label}\" has an invoiced item VAT rate (BT-152) {RateText(cat.Rate)}.");
            }
        }
        int allowance = 0, charge = 0;
        foreach (var ac in inv.AllowanceCharges)
        {
            var position = ac.IsCharge ? ++charge : ++allowance;
            if (!Is(ac.VatCategoryCode, x))
            {
                continue;
            }
            if (ac.IsCharge) inCharges = true; else inAllowances = true;
            if (!RateOk(RateRuleFor(c, cat), ac.VatRate))
            {
                c.Fatal(cat.Family + (ac.IsCharge ? "-07" : "-06"), c.DocumentAllowanceCharge(ac.IsCharge, position), ac.IsCharge ? "BT-103" : "BT-96",
                    $"A document level {(ac.IsCharge ? "charge" : "allowance")} in category \"{cat.Label}\" has a VAT rate {RateText(cat.Rate)}.");
            }
        }

        var breakdownCount = 0;
        foreach (var vat in inv.VatBreakdown)
        {
            if (Is(vat.CategoryCode, x)) breakdownCount++;
        }

        var used = inLines || inAllowances || inCharges;
        var atLeastOne = cat.PerRate;
        bool violates01;
        if (!c.IsCii && atLeastOne)
        {
            // BR-S/AF/AG-01 count categories by code alone, whatever their tax scheme: they read the invoice as written.
            var src = c.Source;
            var usedAsWritten = CountLines(src, x) + CountAllowanceCharges(src, x) > 0;
            var breakdownAsWritten = 0;
            // ...except that BR-AF-01 and BR-AG-01 count a breakdown only in the VAT scheme (a TaxSubtotal category
            // without cac:TaxScheme is not one), where BR-S-01 counts it whatever its scheme.
            foreach (var v in x is "L" or "M" ? inv.VatBreakdown : src.VatBreakdown)
            {
                if (Is(v.CategoryCode, x)) breakdownAsWritten++;
            }
            violates01 = usedAsWritten != breakdownAsWritten > 0;
        }
        else if (!c.IsCii)
        {
            violates01 = (used && breakdownCount != 1) || breakdownCount > 1;
        }
        else if (atLeastOne)
        {
            // The CII binding counts line and allowance/charge taxes together with the breakdown (at least two of them).
            var lineCount = CountLines(inv, x);
            var acCount = CountAllowanceCharges(inv, x);
            violates01 = !((lineCount + breakdownCount >= 2 || lineCount == 0) && (acCount + breakdownCount >= 2 || acCount == 0));
        }
        else if (x == "O")
        {
            violates01 = breakdownCount > 0 && !(breakdownCount == 1 && used);
        }
        else
        {
            violates01 = !(breakdownCount == 0 && !used || breakdownCount == 1 && used);
        }
        if (violates01)
        {
            c.Fatal(cat.Family + "-01", c.Root, "BG-23", atLeastOne
                ? $"Lines, allowances or charges in category \"{cat.Label}\" need at least one VAT breakdown (BG-23) of that category, and such a breakdown needs them."
                : $"Lines, allowances or charges in category \"{cat.Label}\" need exactly one VAT breakdown (BG-23) of that category.");
        }

        if (!PartiesOk(c, cat.Parties))
        {
            var parties = PartiesText(cat.Parties);
            // BR-S-02 is waived only when no line of code S exists at all, whatever its tax scheme.
            var linesForRule02 = inLines || x == "S" && !c.IsCii && CountLines(c.Source, x) > 0;
            if (linesForRule02) c.Fatal(cat.Family + "-02", c.Root, "BT-31", $"An invoice line in category \"{cat.Label}\" {parties}.");
            if (inAllowances) c.Fatal(cat.Family + "-03", c.Root, "BT-31", $"A document level allowance in category \"{cat.Label}\" {parties}.");
            if (inCharges) c.Fatal(cat.Family + "-04", c.Root, "BT-31", $"A document level charge in category \"{cat.Label}\" {parties}.");
        }

        for (var i = 0; i < inv.VatBreakdown.Count; i++)
        {
            var vat = inv.VatBreakdown[i];
            if (!Is(vat.CategoryCode, x))
            {
                continue;
            }
            var at = c.VatBreakdown(i + 1);
            if (c.IsCii)
            {
                CiiBreakdownAmounts(c, cat, vat, at);
            }
            else if (cat.PerRate)
            {
                // The -08 sums select by category code alone, whatever the tax scheme: they read the invoice as written.
                if (vat.Rate is { } rate && !TaxableMatchesPerRate(c.Source, x, rate, vat.TaxableAmount))
                {
                    c.Fatal(cat.Family + "-08", at, "BT-116", $"The taxable amount (BT-116 = {vat.TaxableAmount}) for category \"{cat.Label}\" at {rate} % does not match the lines, allowances and charges at that rate.");
                }
                if (!TaxWithinOne(vat.TaxableAmount, vat.TaxAmount, vat.Rate))
                {
                    c.Fatal(cat.Family + "-09", at, "BT-117", $"The VAT amount (BT-117 = {vat.TaxAmount}) for category \"{cat.Label}\" is not the taxable amount times the rate.");
                }
            }
            else
            {
                if (inv.Lines.Count == 0 || vat.TaxableAmount != Sum(c.Source, x, rate: null))
                {
                    c.Fatal(cat.Family + "-08", at, "BT-116", $"The taxable amount (BT-116 = {vat.TaxableAmount}) for category \"{cat.Label}\" must equal the line net amounts minus allowances plus charges of that category.");
                }
                if (vat.TaxAmount != 0m)
                {
                    c.Fatal(cat.Family + "-09", at, "BT-117", $"The VAT amount (BT-117) for category \"{cat.Label}\" must be 0.");
                }
            }
            var hasExemption = vat.ExemptionReason is not null || vat.ExemptionReasonCode is not null;
            if (cat.Exempt && !hasExemption)
            {
                c.Fatal(cat.Family + "-10", at, "BT-120", $"A VAT breakdown in category \"{cat.Label}\" needs an exemption reason (BT-120) or reason code (BT-121).");
            }
            else if (!cat.Exempt && hasExemption)
            {
                c.Fatal(cat.Family + "-10", at, "BT-120", $"A VAT breakdown in category \"{cat.Label}\" must not carry an exemption reason (BT-120) or reason code (BT-121).");
            }
        }
    }

    /// <summary>The CII binding asks IGIC rates to be strictly positive where the UBL one accepts zero.</summary>
    private static RateRule RateRuleFor(RuleContext c, Category cat) =>
        c.IsCii && cat.Code == "L" ? RateRule.Positive : cat.Rate;

    private static int CountLines(Invoice inv, string category)
    {
        var n = 0;
        foreach (var line in inv.Lines)
        {
            if (Is(line.VatCategoryCode, category)) n++;
        }
        return n;
    }

    private static int CountAllowanceCharges(Invoice inv, string category)
    {
        var n = 0;
        foreach (var ac in inv.AllowanceCharges)
        {
            if (Is(ac.VatCategoryCode, category)) n++;
        }
        return n;
    }

    /// <summary>
    /// -08 and -09 as the CII binding writes them: each of the three sums is rounded to cents first; the per-rate
    /// families and O compare exactly, the others within one unit; IGIC and IPSI leave -09 to BR-CO-17.
    /// </summary>
    private static void CiiBreakdownAmounts(RuleContext c, Category cat, VatBreakdown vat, string at)
    {
        var inv = c.Invoice;
        var x = cat.Code;
        if (!cat.PerRate || vat.Rate is not null)
        {
            decimal lines = 0, charges = 0, allowances = 0;
            foreach (var line in inv.Lines)
            {
                if (Is(line.VatCategoryCode, x) && (!cat.PerRate || line.VatRate == vat.Rate)) lines += line.NetAmount ?? 0;
            }
            foreach (var ac in inv.AllowanceCharges)
            {
                if (!Is(ac.VatCategoryCode, x) || cat.PerRate && ac.VatRate != vat.Rate) continue;
                if (ac.IsCharge) charges += ac.Amount ?? 0; else allowances += ac.Amount ?? 0;
            }
            var expected = Round2(lines) + Round2(charges) - Round2(allowances);
            var exact = cat.PerRate || x == "O";
            var ok = vat.TaxableAmount is { } basis && (exact ? basis == expected : basis - 1 < expected && basis + 1 > expected);
            if (!ok)
            {
                c.Fatal(cat.Family + "-08", at, "BT-116", $"The taxable amount (BT-116 = {vat.TaxableAmount}) for category \"{cat.Label}\" must equal the line net amounts minus allowances plus charges of that category{(cat.PerRate ? " and rate" : "")} ({expected}).");
            }
        }
        if (x == "S")
        {
            if (!TaxWithinOne(vat.TaxableAmount, vat.TaxAmount, vat.Rate))
            {
                c.Fatal("BR-S-09", at, "BT-117", $"The VAT amount (BT-117 = {vat.TaxAmount}) for category \"{cat.Label}\" is not the taxable amount times the rate.");
            }
        }
        else if (!cat.PerRate && vat.TaxAmount != 0m)
        {
            c.Fatal(cat.Family + "-09", at, "BT-117", $"The VAT amount (BT-117) for category \"{cat.Label}\" must be 0.");
        }
    }

    private static bool RateOk(RateRule rule, decimal? rate) => rule switch
    {
        RateRule.Positive => rate > 0,
        RateRule.Zero => rate == 0,
        RateRule.Absent => rate is null,
        _ => rate >= 0,
    };

    private static string RateText(RateRule rule) => rule switch
    {
        RateRule.Positive => "that is missing or not greater than zero",
        RateRule.Zero => "that is missing or not zero",
        RateRule.Absent => "although this category takes no rate",
        _ => "that is missing or negative",
    };

    private static bool PartiesOk(RuleContext c, PartyRule rule)
    {
        var inv = c.Invoice;
        var sellerVat = inv.Seller.VatIdentifier is not null;
        // The CII binding accepts a tax registration only under scheme FC.
        var sellerAnyTax = sellerVat || (c.IsCii && c.Facts is { } facts ? facts.SellerHasFcRegistration : inv.Seller.TaxRegistrationIdentifier is not null);
        var repVat = inv.SellerTaxRepresentative?.VatIdentifier is not null;
        var buyerVat = inv.Buyer.VatIdentifier is not null;
        return rule switch
        {
            PartyRule.SellerVatOrTaxRegistration => sellerAnyTax || repVat,
            PartyRule.ReverseCharge => (sellerAnyTax || repVat) && (buyerVat || inv.Buyer.LegalRegistrationId?.Value is not null),
            PartyRule.IntraCommunity => (sellerVat || repVat) && buyerVat,
            PartyRule.Export => sellerVat || repVat,
            _ => !sellerVat && !repVat && !buyerVat,
        };
    }

    private static string PartiesText(PartyRule rule) => rule switch
    {
        PartyRule.SellerVatOrTaxRegistration => "needs the seller VAT identifier (BT-31), the seller tax registration identifier (BT-32) or the tax representative VAT identifier (BT-63)",
        PartyRule.ReverseCharge => "needs a seller VAT or tax registration identifier (BT-31, BT-32, BT-63) and the buyer VAT identifier (BT-48) or legal registration identifier (BT-47)",
        PartyRule.IntraCommunity => "needs the seller (BT-31) or tax representative (BT-63) VAT identifier and the buyer VAT identifier (BT-48)",
        PartyRule.Export => "needs the seller VAT identifier (BT-31) or the tax representative VAT identifier (BT-63)",
        _ => "must not carry the seller (BT-31), tax representative (BT-63) or buyer (BT-48) VAT identifier",
    };

    /// <summary>Line net amounts plus charges minus allowances of a category (and rate, when given).</summary>
    private static decimal Sum(Invoice inv, string category, decimal? rate)
    {
        decimal sum = 0;
        foreach (var line in inv.Lines)
        {
            if (Is(line.VatCategoryCode, category) && (rate is null || line.VatRate == rate))
            {
                sum += line.NetAmount ?? 0;
            }
        }
        foreach (var ac in inv.AllowanceCharges)
        {
            if (Is(ac.VatCategoryCode, category) && (rate is null || ac.VatRate == rate))
            {
                sum += ac.IsCharge ? ac.Amount ?? 0 : -(ac.Amount ?? 0);
            }
        }
        return sum;
    }

    /// <summary>BR-S/AF/AG-08: some line, allowance or charge at that rate, and a sum strictly within one unit.</summary>
    private static bool TaxableMatchesPerRate(Invoice inv, string category, decimal rate, decimal? taxable)
    {
        var any = false;
        foreach (var line in inv.Lines)
        {
            any |= Is(line.VatCategoryCode, category) && line.VatRate == rate;
        }
        foreach (var ac in inv.AllowanceCharges)
        {
            any |= Is(ac.VatCategoryCode, category) && ac.VatRate == rate;
        }
        if (!any || taxable is not { } basis)
        {
            return false;
        }
        var sum = Sum(inv, category, rate);
        return basis - 1 < sum && basis + 1 > sum;
    }

    private static bool TaxWithinOne(decimal? taxable, decimal? tax, decimal? rate)
    {
        if (taxable is not { } basis || tax is not { } amount || rate is not { } r)
        {
            return false;
        }
        var expected = Round2(Math.Abs(basis) * (r / 100m));
        var abs = Math.Abs(amount);
        return abs - 1 < expected && abs + 1 > expected;
    }

    private static void IntraCommunityExtras(RuleContext c)
    {
        var inv = c.Invoice;
        var hasK = false;
        foreach (var vat in inv.VatBreakdown)
        {
            hasK |= Is(vat.CategoryCode, "K");
        }
        if (!hasK)
        {
            return;
        }
        var period = inv.InvoicingPeriod is { } p && (p.StartDate is not null || p.EndDate is not null)
            || !c.IsCii && inv.VatPointDateCode is not null;
        if (inv.Delivery?.ActualDeliveryDate is null && !period)
        {
            c.Fatal("BR-IC-11", c.Root, "BT-72", "An intra-community supply needs the actual delivery date (BT-72) or the invoicing period (BG-14).");
        }
        if (!(inv.Delivery?.Address?.CountryCode?.Length > 1))
        {
            c.Fatal("BR-IC-12", c.Root, "BT-80", "An intra-community supply needs the deliver-to country code (BT-80).");
        }
    }

    private static void NotSubjectExclusivity(RuleContext c)
    {
        var inv = c.Invoice;
        bool hasO = false, otherBreakdown = false;
        foreach (var vat in inv.VatBreakdown)
        {
            if (Is(vat.CategoryCode, "O")) hasO = true; else otherBreakdown = true;
        }
        if (!hasO)
        {
            return;
        }
        var otherLine = false;
        foreach (var line in inv.Lines)
        {
            otherLine |= line.VatCategoryCode is not null && !Is(line.VatCategoryCode, "O");
        }
        bool otherAllowance = false, otherCharge = false;
        foreach (var ac in inv.AllowanceCharges)
        {
            if (ac.VatCategoryCode is null || Is(ac.VatCategoryCode, "O")) continue;
            if (ac.IsCharge) otherCharge = true; else otherAllowance = true;
        }
        if (c.IsCii)
        {
            // The CII binding tests every trade tax of the document, line taxes included, for -11 and -12 alike,
            // and every allowance/charge tax for -13 and -14 alike.
            otherBreakdown = otherLine = otherBreakdown || otherLine;
            otherAllowance = otherCharge = otherAllowance || otherCharge;
        }
        if (otherBreakdown)
        {
            c.Fatal("BR-O-11", c.Root, "BG-23", "An invoice with a \"Not subject to VAT\" breakdown cannot have breakdowns of other categories.");
        }
        if (otherLine)
        {
            c.Fatal("BR-O-12", c.Root, "BT-151", "An invoice with a \"Not subject to VAT\" breakdown cannot have lines of another VAT category.");
        }
        if (otherAllowance) c.Fatal("BR-O-13", c.Root, "BT-95", "An invoice with a \"Not subject to VAT\" breakdown cannot have allowances of another VAT category.");
        if (otherCharge) c.Fatal("BR-O-14", c.Root, "BT-102", "An invoice with a \"Not subject to VAT\" breakdown cannot have charges of another VAT category.");
    }

    /// <summary>BR-B-01/02: split payment (category B) is Italian-domestic only and excludes standard-rated items.</summary>
    private static void SplitPayment(RuleContext c)
    {
        var inv = c.Invoice;
        bool b = false, s = false;
        foreach (var line in inv.Lines)
        {
            b |= Is(line.VatCategoryCode, "B");
            s |= Is(line.VatCategoryCode, "S");
        }
        foreach (var ac in inv.AllowanceCharges)
        {
            b |= Is(ac.VatCategoryCode, "B");
            s |= Is(ac.VatCategoryCode, "S");
        }
        foreach (var vat in inv.VatBreakdown)
        {
            b |= Is(vat.CategoryCode, "B");
        }
        if (!b)
        {
            return;
        }
        string?[] countries =
        [
            inv.Seller.Address?.CountryCode, inv.Buyer.Address?.CountryCode, inv.SellerTaxRepresentative?.Address?.CountryCode,
            inv.Delivery?.Address?.CountryCode,
        ];
        foreach (var country in countries)
        {
            if (country is not null && country != "IT")
            {
                c.Fatal("BR-B-01", c.Root, "BT-40", "The split payment VAT category (B) is allowed only on domestic Italian invoices.");
                break;
            }
        }
        if (s)
        {
            c.Fatal("BR-B-02", c.Root, "BT-151", "An invoice using split payment (B) cannot also use the standard rated category (S).");
        }
    }
}
