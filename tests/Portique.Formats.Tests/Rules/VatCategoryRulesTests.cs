using Portique.Formats.Model;

namespace Portique.Formats.Tests.Rules;

public sealed class VatCategoryRulesTests
{
    /// <summary>The sample invoice moved entirely to one VAT category, with what that category requires.</summary>
    private static Invoice In(string category, string family)
    {
        var invoice = SampleInvoice.Create();
        var rate = category is "S" or "L" or "M" ? 20m : category == "O" ? (decimal?)null : 0m;
        foreach (var line in invoice.Lines)
        {
            line.VatCategoryCode = category;
            line.VatRate = rate;
        }
        foreach (var ac in invoice.AllowanceCharges)
        {
            ac.VatCategoryCode = category;
            ac.VatRate = rate;
        }
        var vat = invoice.VatBreakdown[0];
        vat.CategoryCode = category;
        vat.Rate = rate;
        if (rate is not 20m)
        {
            vat.TaxAmount = 0m;
            invoice.Totals.VatTotal = 0m;
            invoice.Totals.TaxInclusiveAmount = 55.00m;
            invoice.Totals.PayableAmount = 55.00m;
            vat.ExemptionReason = family is "BR-Z" or "BR-AF" or "BR-AG" ? null : "Exonération";
        }
        switch (category)
        {
            case "AE":
            case "K":
                invoice.Buyer.VatIdentifier = "DE123456789";
                invoice.Delivery = new Delivery { ActualDeliveryDate = new DateOnly(2026, 11, 1), Address = new Address { CountryCode = "DE" } };
                break;
            case "O":
                invoice.Seller.VatIdentifier = null;
                break;
        }
        return invoice;
    }

    public static TheoryData<string, string> Families() => new()
    {
        { "S", "BR-S" }, { "Z", "BR-Z" }, { "E", "BR-E" }, { "AE", "BR-AE" }, { "K", "BR-IC" },
        { "G", "BR-G" }, { "O", "BR-O" }, { "L", "BR-AF" }, { "M", "BR-AG" },
    };

    [Theory]
    [MemberData(nameof(Families))]
    public void Invoice_in_one_category_passes(string category, string family)
    {
        Assert.Empty(SampleInvoice.En16931(In(category, family)));
    }

    [Theory]
    [MemberData(nameof(Families))]
    public void Invoice_in_one_category_passes_the_cii_binding_too(string category, string family)
    {
        Assert.Empty(SampleInvoice.En16931(In(category, family), InvoiceSyntax.Cii));
    }

    [Fact]
    public void Standard_rate_taxable_amount_is_exact_in_cii_but_tolerant_in_ubl()
    {
        var invoice = SampleInvoice.Create();
        invoice.VatBreakdown[0].TaxableAmount = 55.50m;
        invoice.VatBreakdown[0].TaxAmount = 11.10m;
        Assert.DoesNotContain("BR-S-08", SampleInvoice.En16931(invoice).Ids());
        Assert.Contains("BR-S-08", SampleInvoice.En16931(invoice, InvoiceSyntax.Cii).Ids());
    }

    [Fact]
    public void Zero_rated_breakdown_without_zero_rated_items_is_refused_by_cii_only()
    {
        var invoice = SampleInvoice.Create();
        invoice.VatBreakdown.Add(new VatBreakdown { CategoryCode = "Z", Rate = 0m, TaxableAmount = 0m, TaxAmount = 0m });
        Assert.DoesNotContain("BR-Z-01", SampleInvoice.En16931(invoice).Ids());
        Assert.Contains("BR-Z-01", SampleInvoice.En16931(invoice, InvoiceSyntax.Cii).Ids());
    }

    [Theory]
    [MemberData(nameof(Families))]
    public void Missing_breakdown_fires_01(string category, string family)
    {
        var invoice = In(category, family);
        invoice.VatBreakdown[0].CategoryCode = category == "S" ? "Z" : "S";
        Assert.Contains(family + "-01", SampleInvoice.En16931(invoice).Ids());
    }

    [Theory]
    [MemberData(nameof(Families))]
    public void Seller_identifiers_are_checked_02_to_04(string category, string family)
    {
        var invoice = In(category, family);
        if (category == "O")
        {
            invoice.Buyer.VatIdentifier = "FR11999999999";
        }
        else
        {
            invoice.Seller.VatIdentifier = null;
        }
        var ids = SampleInvoice.En16931(invoice).Ids().ToList();
        Assert.Contains(family + "-02", ids);
        Assert.Contains(family + "-03", ids);
        Assert.Contains(family + "-04", ids);
    }

    [Theory]
    [MemberData(nameof(Families))]
    public void Rates_are_checked_05_to_07(string category, string family)
    {
        var invoice = In(category, family);
        decimal? wrong = category switch { "S" => 0m, "O" => 5m, "L" or "M" => -1m, _ => 5m };
        invoice.Lines[0].VatRate = wrong;
        invoice.AllowanceCharges[0].VatRate = wrong;
        invoice.AllowanceCharges[1].VatRate = wrong;
        var ids = SampleInvoice.En16931(invoice).Ids().ToList();
        Assert.Contains(family + "-05", ids);
        Assert.Contains(family + "-06", ids);
        Assert.Contains(family + "-07", ids);
    }

    [Theory]
    [MemberData(nameof(Families))]
    public void Taxable_amount_must_match_08(string category, string family)
    {
        var invoice = In(category, family);
        invoice.VatBreakdown[0].TaxableAmount = 57.00m; // two units off: beyond the tolerance of the per-rate families
        Assert.Contains(family + "-08", SampleInvoice.En16931(invoice).Ids());
    }

    [Theory]
    [MemberData(nameof(Families))]
    public void Vat_amount_is_checked_09(string category, string family)
    {
        var invoice = In(category, family);
        invoice.VatBreakdown[0].TaxAmount = category is "S" or "L" or "M" ? 13.00m : 0.01m;
        Assert.Contains(family + "-09", SampleInvoice.En16931(invoice).Ids());
    }

    [Theory]
    [MemberData(nameof(Families))]
    public void Exemption_reason_is_checked_10(string category, string family)
    {
        var invoice = In(category, family);
        var vat = invoice.VatBreakdown[0];
        vat.ExemptionReason = vat.ExemptionReason is null ? "Raison" : null;
        Assert.Contains(family + "-10", SampleInvoice.En16931(invoice).Ids());
    }

    [Fact]
    public void Intra_community_supply_needs_delivery_data()
    {
        var invoice = In("K", "BR-IC");
        invoice.Delivery = null;
        var ids = SampleInvoice.En16931(invoice).Ids().ToList();
        Assert.Contains("BR-IC-11", ids);
        Assert.Contains("BR-IC-12", ids);
    }

    [Fact]
    public void Not_subject_to_vat_excludes_other_categories()
    {
        var invoice = In("O", "BR-O");
        invoice.Lines[1].VatCategoryCode = "E";
        invoice.AllowanceCharges[0].VatCategoryCode = "E";
        invoice.AllowanceCharges[1].VatCategoryCode = "E";
        invoice.VatBreakdown.Add(new VatBreakdown { CategoryCode = "E", Rate = 0m, TaxableAmount = 30m, TaxAmount = 0m, ExemptionReason = "x" });
        var ids = SampleInvoice.En16931(invoice).Ids().ToList();
        Assert.Contains("BR-O-11", ids);
        Assert.Contains("BR-O-12", ids);
        Assert.Contains("BR-O-13", ids);
        Assert.Contains("BR-O-14", ids);
    }

    [Fact]
    public void Per_rate_breakdown_needs_matching_lines()
    {
        var invoice = SampleInvoice.Create();
        invoice.VatBreakdown[0].Rate = 10m;
        invoice.VatBreakdown[0].TaxAmount = 5.50m;
        Assert.Contains("BR-S-08", SampleInvoice.En16931(invoice).Ids());
    }
}
