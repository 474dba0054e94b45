using static Portique.Formats.Rules.Amounts;

namespace Portique.Formats.Rules.En16931;

/// <summary>BR-DEC-nn: at most two decimals on the amounts the norm lists (counted on the value as written).</summary>
internal static class DecimalRules
{
    public static void Check(RuleContext c)
    {
        var inv = c.Invoice;
        int allowance = 0, charge = 0, position = 0;
        foreach (var ac in inv.AllowanceCharges)
        {
            // An allowance or charge without a usable indicator is neither to the artefacts.
            if (c.Unflagged(0, ++position)) continue;
            var at = c.DocumentAllowanceCharge(ac.IsCharge, ac.IsCharge ? ++charge : ++allowance);
            if (ac.IsCharge)
            {
                Dec(c, "BR-DEC-05", ac.Amount, at, "BT-99", "document level charge amount");
                Dec(c, "BR-DEC-06", ac.BaseAmount, at, "BT-100", "document level charge base amount");
            }
            else
            {
                Dec(c, "BR-DEC-01", ac.Amount, at, "BT-92", "document level allowance amount");
                Dec(c, "BR-DEC-02", ac.BaseAmount, at, "BT-93", "document level allowance base amount");
            }
        }

        var t = inv.Totals;
        var totals = c.Totals;
        Dec(c, "BR-DEC-09", t.LineNetTotal, totals, "BT-106", "sum of invoice line net amounts");
        Dec(c, "BR-DEC-10", t.AllowanceTotal, totals, "BT-107", "sum of allowances on document level");
        Dec(c, "BR-DEC-11", t.ChargeTotal, totals, "BT-108", "sum of charges on document level");
        Dec(c, "BR-DEC-12", t.TaxExclusiveAmount, totals, "BT-109", "invoice total amount without VAT");
        if (!(c.IsCii && c.Facts is not null) && VatTotalDecimalsApply(c, inv.CurrencyCode)) Dec(c, "BR-DEC-13", t.VatTotal, c.Root, "BT-110", "invoice total VAT amount");
        Dec(c, "BR-DEC-14", t.TaxInclusiveAmount, totals, "BT-112", "invoice total amount with VAT");
        if (c.IsCii && c.Facts is { } facts)
        {
            CiiVatTotalDecimals(c, facts);
        }
        else if (VatTotalDecimalsApply(c, inv.VatAccountingCurrencyCode))
        {
            Dec(c, "BR-DEC-15", t.VatTotalInAccountingCurrency, c.Root, "BT-111", "invoice total VAT amount in accounting currency");
        }
        Dec(c, "BR-DEC-16", t.PrepaidAmount, totals, "BT-113", "paid amount");
        Dec(c, "BR-DEC-17", t.RoundingAmount, totals, "BT-114", "rounding amount");
        Dec(c, "BR-DEC-18", t.PayableAmount, totals, "BT-115", "amount due for payment");

        for (var i = 0; i < inv.VatBreakdown.Count; i++)
        {
            var vat = inv.VatBreakdown[i];
            Dec(c, "BR-DEC-19", vat.TaxableAmount, c.VatBreakdown(i + 1), "BT-116", "VAT category taxable amount");
            Dec(c, "BR-DEC-20", vat.TaxAmount, c.VatBreakdown(i + 1), "BT-117", "VAT category tax amount");
        }

        for (var i = 0; i < inv.Lines.Count; i++)
        {
            var line = inv.Lines[i];
            var index = line.Index > 0 ? line.Index : i + 1;
            Dec(c, "BR-DEC-23", line.NetAmount, c.Line(index), "BT-131", "invoice line net amount");
            int lineAllowance = 0, lineCharge = 0, linePosition = 0;
            foreach (var ac in line.AllowanceCharges)
            {
                if (c.Unflagged(index, ++linePosition)) continue;
                var at = c.LineAllowanceCharge(index, ac.IsCharge, ac.IsCharge ? ++lineCharge : ++lineAllowance);
                if (ac.IsCharge)
                {
                    Dec(c, "BR-DEC-27", ac.Amount, at, "BT-141", "invoice line charge amount");
                    Dec(c, "BR-DEC-28", ac.BaseAmount, at, "BT-142", "invoice line charge base amount");
                }
                else
                {
                    Dec(c, "BR-DEC-24", ac.Amount, at, "BT-136", "invoice line allowance amount");
                    Dec(c, "BR-DEC-25", ac.BaseAmount, at, "BT-137", "invoice line allowance base amount");
                }
            }
        }
    }

    /// <summary>UBL: BR-DEC-13/15 are bound to the cac:TaxTotal whose amount is in that currency; none, no rule.</summary>
    private static bool VatTotalDecimalsApply(RuleContext c, string? currency) =>
        c.IsCii || c.Facts is not { } facts || currency is not null && facts.TaxTotalCurrencies.Contains(currency.Trim());

    /// <summary>
    /// CII: BR-DEC-13 and BR-DEC-15 test the set of ram:TaxTotalAmount as the artefacts write it: the rule holds when any one
    /// of them is in another currency (or has none) or is in the currency and equal to itself rounded to two decimals.
    /// BR-DEC-13 is judged here too: the model keeps one total per currency.
    /// </summary>
    private static void CiiVatTotalDecimals(RuleContext c, SourceFacts facts)
    {
        var amounts = facts.TaxTotalAmounts;
        if (amounts.Count == 0)
        {
            return;
        }
        var invoiceCurrency = c.Invoice.CurrencyCode;
        if (!amounts.Exists(a => a.Currency != invoiceCurrency || invoiceCurrency is not null && TwoDecimals(a.Value)))
        {
            c.Fatal("BR-DEC-13", c.Totals, "BT-110", "The invoice total VAT amount (BT-110) has more than two decimals.");
        }
        if (facts.TaxCurrencyWritten is { } taxCurrency && !amounts.Exists(a => a.Currency == taxCurrency && TwoDecimals(a.Value)))
        {
            c.Fatal("BR-DEC-15", c.Totals, "BT-111", "The invoice total VAT amount in accounting currency (BT-111) is missing or has more than two decimals.");
        }
    }

    private static bool TwoDecimals(string value) =>
        decimal.TryParse(value.Trim(), System.Globalization.NumberStyles.Number, System.Globalization.CultureInfo.InvariantCulture, out var d)
        && d == decimal.Round(d, 2);

    private static void Dec(RuleContext c, string rule, decimal? value, string at, string term, string what)
    {
        if (HasMoreThanTwoDecimals(value))
        {
            c.Fatal(rule, at, term, $"The {what} ({term} = {value}) has more than two decimals.");
        }
    }
}
