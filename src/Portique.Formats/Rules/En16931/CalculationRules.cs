using static Portique.Formats.Rules.Amounts;

namespace Portique.Formats.Rules.En16931;

/// <summary>
/// BR-CO-10..17: the totals and VAT arithmetic, with the artefacts' rounding (round half up to two decimals) and their
/// tolerances (BR-CO-17: strictly less than one unit either side in UBL, bounds included in CII).
/// BR-CO-25 (payment due date or terms when an amount is due) is in the norm's text but not in the 1.3.16 artefacts,
/// which this layer follows, so it is not asserted (ConnectingEurope/eInvoicing-EN16931 issue #500).
/// </summary>
internal static class CalculationRules
{
    public static void Check(RuleContext c)
    {
        var inv = c.Invoice;
        var t = inv.Totals;
        var totalsPresent = c.Facts?.TotalsPresent ?? t.LineNetTotal is not null || t.AllowanceTotal is not null || t.ChargeTotal is not null
            || t.TaxExclusiveAmount is not null || t.TaxInclusiveAmount is not null || t.PrepaidAmount is not null
            || t.RoundingAmount is not null || t.PayableAmount is not null;
        var at = c.Totals;

        decimal lineSum = 0, allowanceSum = 0, chargeSum = 0;
        bool anyAllowance = false, anyCharge = false;
        foreach (var line in inv.Lines)
        {
            lineSum += line.NetAmount ?? 0;
        }
        foreach (var ac in inv.AllowanceCharges)
        {
            if (ac.IsCharge)
            {
                anyCharge = true;
                chargeSum += ac.Amount ?? 0;
            }
            else
            {
                anyAllowance = true;
                allowanceSum += ac.Amount ?? 0;
            }
        }

        if (totalsPresent)
        {
            if (t.LineNetTotal is null) c.Fatal("BR-12", at, "BT-106", "The invoice has no sum of invoice line net amounts (BT-106).");
            if (t.TaxExclusiveAmount is null) c.Fatal("BR-13", at, "BT-109", "The invoice has no total amount without VAT (BT-109).");
            if (t.TaxInclusiveAmount is null) c.Fatal("BR-14", at, "BT-112", "The invoice has no total amount with VAT (BT-112).");
            if (t.PayableAmount is null) c.Fatal("BR-15", at, "BT-115", "The invoice has no amount due for payment (BT-115).");

            if (t.LineNetTotal != Round2(lineSum))
            {
                c.Fatal("BR-CO-10", at, "BT-106", $"The sum of line net amounts (BT-106 = {t.LineNetTotal}) differs from the total of the invoice lines ({Round2(lineSum)}).");
            }
            if (t.AllowanceTotal is { } allowanceTotal ? allowanceTotal != Round2(allowanceSum) : anyAllowance)
            {
                c.Fatal("BR-CO-11", at, "BT-107", $"The sum of document allowances (BT-107 = {t.AllowanceTotal}) differs from the total of the allowances ({Round2(allowanceSum)}).");
            }
            if (t.ChargeTotal is { } chargeTotal ? chargeTotal != Round2(chargeSum) : anyCharge)
            {
                c.Fatal("BR-CO-12", at, "BT-108", $"The sum of document charges (BT-108 = {t.ChargeTotal}) differs from the total of the charges ({Round2(chargeSum)}).");
            }

            // UBL compares BT-109 with BT-106 exactly when there are no document allowances or charges; CII rounds it.
            decimal? expectedExclusive = t.LineNetTotal is not { } net ? null
                : t.ChargeTotal is null && t.AllowanceTotal is null && !c.IsCii ? net
                : Round2(net + (t.ChargeTotal ?? 0) - (t.AllowanceTotal ?? 0));
            if (expectedExclusive is null || t.TaxExclusiveAmount != expectedExclusive)
            {
                c.Fatal("BR-CO-13", at, "BT-109", $"The total without VAT (BT-109 = {t.TaxExclusiveAmount}) must equal line net total minus allowances plus charges ({expectedExclusive}).");
            }

            if (!(c.IsCii ? CiiPayableMatches(t) : PayableMatches(t)))
            {
                c.Fatal("BR-CO-16", at, "BT-115", $"The amount due (BT-115 = {t.PayableAmount}) must equal the total with VAT minus the paid amount plus the rounding amount.");
            }

        }

        // BR-CO-14 is bound, in UBL, to the VAT total that carries the breakdown; in CII, to the total VAT amount itself,
        // which then must equal the (possibly empty) sum of the breakdown.
        if (c.IsCii ? t.VatTotal is not null : inv.VatBreakdown.Count > 0 && !c.OnSource("BR-CO-14"))
        {
            decimal vatSum = 0;
            foreach (var vat in inv.VatBreakdown)
            {
                vatSum += vat.TaxAmount ?? 0;
            }
            if (t.VatTotal != Round2(vatSum))
            {
                c.Fatal("BR-CO-14", c.IsCii ? at : c.Root + "/cac:TaxTotal", "BT-110", $"The total VAT amount (BT-110 = {t.VatTotal}) differs from the sum of the VAT breakdown amounts ({Round2(vatSum)}).");
            }
        }

        // BR-CO-15: checked whenever the invoice currency is known (the artefacts iterate over BT-5).
        if (!IsBlank(inv.CurrencyCode))
        {
            // The artefacts want exactly one total VAT amount in the invoice currency.
            var single = true;
            if (c.Facts is { } facts)
            {
                var n = 0;
                foreach (var currency in facts.TaxTotalCurrencies)
                {
                    if (currency == inv.CurrencyCode?.Trim()) n++;
                }
                single = n == 1;
            }
            var ok = single && t.VatTotal is { } vatTotal && t.TaxInclusiveAmount is { } inclusive && t.TaxExclusiveAmount is { } exclusive
                && inclusive == Round2(exclusive + vatTotal);
            // The CII binding also accepts a total with VAT equal to the total without VAT.
            ok |= c.IsCii && t.TaxInclusiveAmount is not null && t.TaxInclusiveAmount == t.TaxExclusiveAmount;
            if (!ok)
            {
                c.Fatal("BR-CO-15", c.Root, "BT-112", $"The total with VAT (BT-112 = {t.TaxInclusiveAmount}) must equal the total without VAT (BT-109) plus the total VAT (BT-110).");
            }
        }

        for (var i = 0; i < inv.VatBreakdown.Count; i++)
        {
            var vat = inv.VatBreakdown[i];
            if (!VatAmountMatches(vat.TaxableAmount, vat.TaxAmount, vat.Rate, inclusive: c.IsCii))
            {
                c.Fatal("BR-CO-17", c.VatBreakdown(i + 1), "BT-117", $"The VAT amount (BT-117 = {vat.TaxAmount}) does not match the taxable amount (BT-116 = {vat.TaxableAmount}) times the rate (BT-119 = {vat.Rate}).");
            }
        }
    }

    private static bool PayableMatches(Model.DocumentTotals t)
    {
        if (t.PayableAmount is not { } payable || t.TaxInclusiveAmount is not { } inclusive)
        {
            return false;
        }
        return (t.PrepaidAmount, t.RoundingAmount) switch
        {
            ({ } paid, null) => payable == Round2(inclusive - paid),
            (null, null) => payable == inclusive,
            ({ } paid, { } rounding) => Round2(payable - rounding) == Round2(inclusive - paid),
            (null, { } rounding) => Round2(payable - rounding) == inclusive,
        };
    }

    /// <summary>
    /// BR-CO-16 as the CII binding writes it: no rounding, and a zero paid or rounding amount counts as absent.
    /// </summary>
    private static bool CiiPayableMatches(Model.DocumentTotals t)
    {
        if (t.PayableAmount is not { } payable || t.TaxInclusiveAmount is not { } grand)
        {
            return false;
        }
        bool noPaid = t.PrepaidAmount is null or 0m, noRounding = t.RoundingAmount is null or 0m;
        return t.PrepaidAmount is { } paid && t.RoundingAmount is { } rounding && payable == grand - paid + rounding
            || t.RoundingAmount is { } r && noPaid && payable == grand + r
            || t.PrepaidAmount is { } p && noRounding && payable == grand - p
            || noPaid && noRounding && payable == grand;
    }

    /// <summary>
    /// BR-CO-17 as in the artefacts: zero rate (after rounding) means zero VAT, otherwise within one unit
    /// (strictly in the UBL binding, bounds included in the CII one).
    /// </summary>
    internal static bool VatAmountMatches(decimal? taxable, decimal? tax, decimal? rate, bool inclusive = false)
    {
        if (tax is not { } amount)
        {
            return false;
        }
        if (rate is not { } r)
        {
            return Round(amount) == 0;
        }
        if (Round(r) == 0)
        {
            return Round(amount) == 0;
        }
        if (taxable is not { } basis)
        {
            return false;
        }
        var expected = Round2(Math.Abs(basis) * (r / 100m));
        var abs = Math.Abs(amount);
        return inclusive ? abs - 1 <= expected && abs + 1 >= expected : abs - 1 < expected && abs + 1 > expected;
    }
}
