using Portique.Formats.Rules;
using Portique.Formats.Rules.En16931;

namespace Portique.Formats.Tests.Rules;

public sealed class CalculationRulesTests
{
    [Theory]
    [InlineData(2.345, 2.35)]
    [InlineData(2.344, 2.34)]
    [InlineData(-2.345, -2.34)] // XPath round: halves go towards positive infinity
    [InlineData(-2.346, -2.35)]
    public void Round2_follows_xpath_round(decimal value, decimal expected) => Assert.Equal(expected, Amounts.Round2(value));

    [Fact]
    public void Line_total_is_compared_after_rounding_the_sum()
    {
        var invoice = SampleInvoice.Create();
        invoice.Lines[0].NetAmount = 24.995m; // 49.995 rounds half up to 50.00; the third decimal is BR-DEC-23's business
        var ids = SampleInvoice.En16931(invoice).Ids().ToList();
        Assert.DoesNotContain("BR-CO-10", ids);
        Assert.Contains("BR-DEC-23", ids);

        invoice.Lines[0].NetAmount = 24.99m;
        Assert.Contains("BR-CO-10", SampleInvoice.En16931(invoice).Ids());
    }

    [Theory]
    [InlineData(11.00, true)]
    [InlineData(11.99, true)]   // within one unit: accepted, as in the artefacts
    [InlineData(12.00, false)]  // the bound itself is excluded
    [InlineData(10.01, true)]
    [InlineData(10.00, false)]
    public void Vat_amount_tolerance_is_strictly_within_one(decimal tax, bool accepted)
    {
        Assert.Equal(accepted, CalculationRules.VatAmountMatches(55.00m, tax, 20m));
    }

    [Fact]
    public void Zero_rate_needs_zero_vat_after_rounding()
    {
        Assert.True(CalculationRules.VatAmountMatches(100m, 0.4m, 0m));
        Assert.False(CalculationRules.VatAmountMatches(100m, 0.5m, 0m));
        Assert.False(CalculationRules.VatAmountMatches(100m, null, 20m));
    }

    [Theory]
    [InlineData("BR-CO-11", 4.99)]
    [InlineData("BR-CO-12", 9.99)]
    public void Allowance_and_charge_totals_must_match(string rule, decimal total)
    {
        var invoice = SampleInvoice.Create();
        if (rule == "BR-CO-11") invoice.Totals.AllowanceTotal = total; else invoice.Totals.ChargeTotal = total;
        Assert.Contains(rule, SampleInvoice.En16931(invoice).Ids());
    }

    [Fact]
    public void Missing_allowance_total_with_allowances_breaks_BR_CO_11()
    {
        var invoice = SampleInvoice.Create();
        invoice.Totals.AllowanceTotal = null;
        var ids = SampleInvoice.En16931(invoice).Ids().ToList();
        Assert.Contains("BR-CO-11", ids);
        Assert.Contains("BR-CO-13", ids);
    }

    [Fact]
    public void Totals_chain_BR_CO_13_15_16()
    {
        var invoice = SampleInvoice.Create();
        invoice.Totals.TaxExclusiveAmount = 55.01m;
        Assert.Contains("BR-CO-13", SampleInvoice.En16931(invoice).Ids());

        invoice = SampleInvoice.Create();
        invoice.Totals.TaxInclusiveAmount = 66.01m;
        var ids = SampleInvoice.En16931(invoice).Ids().ToList();
        Assert.Contains("BR-CO-15", ids);
        Assert.Contains("BR-CO-16", ids);

        invoice = SampleInvoice.Create();
        invoice.Totals.PrepaidAmount = 16.00m;
        invoice.Totals.RoundingAmount = 0.01m;
        invoice.Totals.PayableAmount = 50.01m;
        Assert.DoesNotContain("BR-CO-16", SampleInvoice.En16931(invoice).Ids());
        invoice.Totals.PayableAmount = 50.00m;
        Assert.Contains("BR-CO-16", SampleInvoice.En16931(invoice).Ids());
    }

    [Fact]
    public void Vat_total_must_be_the_sum_of_the_breakdown()
    {
        var invoice = SampleInvoice.Create();
        invoice.Totals.VatTotal = 11.01m;
        invoice.Totals.TaxInclusiveAmount = 66.01m;
        invoice.Totals.PayableAmount = 66.01m;
        var ids = SampleInvoice.En16931(invoice).Ids().ToList();
        Assert.Contains("BR-CO-14", ids);
        Assert.DoesNotContain("BR-CO-15", ids);
    }

    [Fact]
    public void Decimals_are_counted_as_written()
    {
        var invoice = SampleInvoice.Create();
        invoice.Totals.PayableAmount = 66.000m; // same value, three decimals written
        var ids = SampleInvoice.En16931(invoice).Ids().ToList();
        Assert.Equal(new[] { "BR-DEC-18" }, ids);
    }
}
