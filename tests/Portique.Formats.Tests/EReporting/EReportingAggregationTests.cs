using Portique.Formats.EReporting;
using Portique.Formats.Model;
using static Portique.Formats.Tests.EReporting.EReportingTestData;

namespace Portique.Formats.Tests.EReporting;

/// <summary>
/// A month of mixed sales (B2C, international B2B, domestic B2B, credit notes, other sellers, other months) goes through the
/// aggregation; the totals per day, category and rate are computed here from the generation log, not from the report.
/// </summary>
public sealed class EReportingAggregationTests
{
    private const string Siren = "100000009";
    private static readonly decimal[] Rates = [20m, 10m, 5.5m, 2.1m, 0m];
    private static readonly EReportingDeclarant Declarant = new(Siren, "VENDEUR SA", VatRegime.RealNormalQuarterly);
    private static readonly EReportingTransmission Transmission = new("ER-2026-11", new DateTime(2026, 12, 3, 8, 30, 0), false, "0431", "PLATEFORME TEST");

    /// <summary>What the generator put in each B2C VAT breakdown, signed (credit notes negative): the test's independent truth.</summary>
    private sealed record Expected(DateOnly Day, string Category, decimal Rate, decimal Base, decimal Tax, string Invoice);

    private static (List<Invoice> Invoices, List<Expected> B2c, List<string> International, int Domestic) Month()
    {
        var random = new Random(20261130);
        var invoices = new List<Invoice>();
        var b2c = new List<Expected>();
        var international = new List<string>();
        var domestic = 0;
        for (var n = 1; n <= 72; n++)
        {
            var day = new DateOnly(2026, 11, 1 + random.Next(0, 30));
            var kind = n % 6; // 0-2 B2C, 3 international, 4 domestic B2B, 5 B2C credit note
            var services = random.Next(2) == 0;
            var invoice = new Invoice
            {
                Number = $"F2026-{n:0000}",
                IssueDate = day,
                TypeCode = kind == 5 ? "381" : "380",
                CurrencyCode = "EUR",
                BusinessProcessType = services ? "S1" : "B1",
                Seller = new Party { Name = "VENDEUR SA", LegalRegistrationId = new Identifier(Siren, "0002"), VatIdentifier = "FR88100000009", Address = new Address { CountryCode = "FR" } },
                Buyer = kind switch
                {
                    3 => new Party { Name = "KUNDE GMBH", VatIdentifier = "DE123456789", Address = new Address { CountryCode = "DE" } },
                    4 => new Party { Name = "CLIENT SAS", LegalRegistrationId = new Identifier("200000008", "0002"), Address = new Address { CountryCode = "FR" } },
                    _ => new Party { Name = "Particulier", Address = new Address { CountryCode = "FR" } },
                },
            };
            if (kind == 5)
                invoice.PrecedingInvoices.Add(new PrecedingInvoice { Number = "F2026-0001", IssueDate = new DateOnly(2026, 10, 30) });
            // Some sales carry a second-hand goods margin-scheme part (exempt, VATEX-EU-F) besides their rates.
            var margin = n % 7 == 1;
            foreach (var rate in Rates.OrderBy(_ => random.Next()).Take(1 + random.Next(3)).Concat(margin ? [0m] : []))
            {
                var amount = Math.Round((decimal)(random.NextDouble() * 900 + 5), 2);
                var vat = new VatBreakdown { TaxableAmount = amount, Rate = rate, TaxAmount = Math.Round(amount * rate / 100m, 2, MidpointRounding.AwayFromZero), CategoryCode = rate == 0m ? (n % 4 == 0 ? "O" : "Z") : "S" };
                if (margin && invoice.VatBreakdown.Count > 0 && rate == 0m && vat.CategoryCode != "O")
                    (vat.CategoryCode, vat.ExemptionReasonCode, vat.ExemptionReason) = ("E", "VATEX-EU-F", "Régime de la marge - biens d'occasion");
                invoice.VatBreakdown.Add(vat);
                if (kind is 0 or 1 or 2 or 5)
                {
                    // Category by the spec's list: margin schemes, then not taxable in France, then goods or services by the cadre.
                    var category = vat.ExemptionReasonCode == "VATEX-EU-F" ? "TMA1" : vat.CategoryCode == "O" ? "TNT1" : services ? "TPS1" : "TLB1";
                    var sign = kind == 5 ? -1m : 1m;
                    b2c.Add(new Expected(day, category, rate, sign * amount, sign * vat.TaxAmount!.Value, invoice.Number));
                }
            }
            invoice.Totals.TaxExclusiveAmount = invoice.VatBreakdown.Sum(v => v.TaxableAmount);
            invoice.Totals.VatTotal = invoice.VatBreakdown.Sum(v => v.TaxAmount);
            if (kind == 3)
                international.Add(invoice.Number);
            if (kind == 4)
                domestic++;
            invoices.Add(invoice);
        }
        // Not the declarant's sale, and a sale of another month: both left out.
        invoices.Add(new Invoice { Number = "AUTRE-1", IssueDate = new DateOnly(2026, 11, 5), Seller = new Party { LegalRegistrationId = new Identifier("300000007", "0002") } });
        invoices.Add(new Invoice
        {
            Number = "INCOMPLET-1", IssueDate = new DateOnly(2026, 11, 6), TypeCode = "380", CurrencyCode = "EUR", BusinessProcessType = "B1",
            Seller = new Party { LegalRegistrationId = new Identifier(Siren, "0002"), Address = new Address { CountryCode = "FR" } },
            Buyer = new Party { Name = "Particulier", Address = new Address { CountryCode = "FR" } },
            VatBreakdown = [new VatBreakdown { TaxableAmount = 10m, TaxAmount = 2m }],
        });
        invoices.Add(new Invoice { Number = "DEC-1", IssueDate = new DateOnly(2026, 12, 1), Seller = new Party { LegalRegistrationId = new Identifier(Siren, "0002") } });
        return (invoices, b2c, international, domestic);
    }

    [Fact]
    public void A_month_of_mixed_sales_gives_the_right_totals_per_day_rate_and_category()
    {
        var (invoices, expected, international, domestic) = Month();
        Assert.True(invoices.Count >= 50);
        Assert.True(expected.Select(e => e.Day).Distinct().Count() >= 10);
        Assert.Equal(Rates.Order(), expected.Select(e => e.Rate).Distinct().Order());

        var result = EReportingAggregator.Build(Declarant, Transmission, new DateOnly(2026, 11, 15), invoices, []);

        var days = result.Transactions.Transactions!.Days;
        var actual = days.SelectMany(d => d.SubTotals.Select(s => (d.Date, d.CategoryCode, Rate: s.TaxPercent!.Value, s.TaxableAmount, s.TaxTotal))).ToList();
        var truth = expected.GroupBy(e => (Date: e.Day.ToString("yyyyMMdd"), e.Category, e.Rate))
            .Select(g => ((string?)g.Key.Date, (string?)g.Key.Category, g.Key.Rate, (decimal?)g.Sum(e => e.Base), (decimal?)g.Sum(e => e.Tax))).ToList();
        Assert.Equal(truth.Order(), actual.Order());
        foreach (var d in days)
        {
            Assert.Equal(d.SubTotals.Sum(s => s.TaxableAmount), d.TaxExclusiveAmount);
            Assert.Equal(d.SubTotals.Sum(s => s.TaxTotal), d.TaxTotal);
            Assert.Equal(expected.Where(e => e.Day.ToString("yyyyMMdd") == d.Date && e.Category == d.CategoryCode).Select(e => e.Invoice).Distinct().Count(), d.TransactionsCount);
        }
        Assert.Contains(days, d => d.CategoryCode == "TMA1");
        Assert.Contains(days, d => d.CategoryCode == "TNT1");

        Assert.Equal(international, result.Transactions.Transactions.Invoices.Select(i => i.Id!));
        Assert.All(result.Transactions.Transactions.Invoices, i => Assert.Equal(new ReportIdentifier("DE123456789", "0223").Value, i.Buyer!.CompanyId!.Value));
        Assert.Equal(domestic, result.Skipped.Count(s => s.Code == EReportingAggregator.SkipDomestic));
        Assert.Contains(result.Skipped, s => s.InvoiceNumber == "AUTRE-1" && s.Code == EReportingAggregator.SkipNotDeclarant);
        Assert.Contains(result.Skipped, s => s.InvoiceNumber == "DEC-1" && s.Code == EReportingAggregator.SkipOutOfPeriod);
        Assert.Contains(result.Skipped, s => s.InvoiceNumber == "INCOMPLET-1" && s.Code == EReportingAggregator.SkipIncomplete);

        // The report the aggregation gives is a transmission the PPF accepts: XSD, native rules and the published rules.
        var xml = EReportingEngine.Write(result.Transactions);
        Assert.Equal([], XsdErrors(xml));
        Assert.Equal([], PublishedFatalRules(xml));
        Assert.Equal("20261101", result.Transactions.Transactions.Period.StartDate);
        Assert.Equal("20261130", result.Transactions.Transactions.Period.EndDate);
    }

    [Fact]
    public void Payments_go_per_invoice_when_numbered_and_per_day_and_rate_otherwise()
    {
        EReportingPayment[] payments =
        [
            new(new DateOnly(2026, 11, 20), 20m, 120.00m, "F2026-0003", new DateOnly(2026, 11, 2)),
            new(new DateOnly(2026, 11, 20), 10m, 55.00m, "F2026-0003", new DateOnly(2026, 11, 2)),
            new(new DateOnly(2026, 11, 21), 20m, 30.10m),
            new(new DateOnly(2026, 11, 21), 20m, 19.90m),
            new(new DateOnly(2026, 11, 21), 5.5m, 10.55m),
            new(new DateOnly(2026, 12, 1), 20m, 99m),
        ];
        var result = EReportingAggregator.Build(Declarant with { Regime = VatRegime.RealNormalMonthly }, Transmission with { Corrective = true }, new DateOnly(2026, 11, 25), [], payments);

        var p = result.Payments.Payments!;
        var invoice = Assert.Single(p.Invoices);
        Assert.Equal(("F2026-0003", "20261102", "20261120"), (invoice.InvoiceId, invoice.IssueDate, invoice.Payment.Date));
        Assert.Equal([(10m, 55.00m), (20m, 120.00m)], invoice.Payment.SubTotals.Select(s => (s.TaxPercent!.Value, s.Amount!.Value)));
        var day = Assert.Single(p.Aggregated);
        Assert.Equal([(5.5m, 10.55m), (20m, 50.00m)], day.SubTotals.Select(s => (s.TaxPercent!.Value, s.Amount!.Value)));
        Assert.Equal("RE", result.Payments.TypeCode);
        Assert.Equal("ER-2026-11-P", result.Payments.Id);
        // Réel normal mensuel: payments monthly, transactions per décade (the 21st to the month's end here).
        Assert.Equal(("20261101", "20261130"), (p.Period.StartDate, p.Period.EndDate));
        Assert.Equal(("20261121", "20261130"), (result.Transactions.Transactions!.Period.StartDate, result.Transactions.Transactions.Period.EndDate));
        var xml = EReportingEngine.Write(result.Payments);
        Assert.Equal([], PublishedFatalRules(xml));
        Assert.True(EReportingEngine.Validate(EReportingEngine.Write(result.Transactions)).IsValid, "a nil transactions report is valid too");
    }

    [Theory]
    [InlineData(VatRegime.RealNormalMonthly, "2026-11-05", "2026-11-01", "2026-11-10", null, "2026-11-20")]
    [InlineData(VatRegime.RealNormalMonthly, "2026-11-15", "2026-11-11", "2026-11-20", null, "2026-11-30")]
    [InlineData(VatRegime.RealNormalMonthly, "2026-02-28", "2026-02-21", "2026-02-28", null, "2026-03-10")]
    [InlineData(VatRegime.RealNormalQuarterly, "2026-11-15", "2026-11-01", "2026-11-30", null, "2026-12-10")]
    [InlineData(VatRegime.RealSimplified, "2026-01-31", "2026-01-01", "2026-01-31", "2026-02-25", "2026-02-28")]
    [InlineData(VatRegime.Franchise, "2026-04-02", "2026-03-01", "2026-04-30", "2026-05-25", "2026-05-30")]
    [InlineData(VatRegime.Franchise, "2026-11-30", "2026-11-01", "2026-12-31", "2027-01-25", "2027-01-30")]
    public void Transaction_periods_and_deadlines_follow_the_vat_regime(VatRegime regime, string day, string start, string end, string? from, string deadline)
    {
        var period = EReportingPeriods.Transactions(regime, DateOnly.Parse(day));
        Assert.Equal(new ReportingPeriod(DateOnly.Parse(start), DateOnly.Parse(end), from is null ? null : DateOnly.Parse(from), DateOnly.Parse(deadline)), period);
    }

    [Fact]
    public void Payments_of_the_real_normal_monthly_regime_are_monthly_by_the_10th()
    {
        Assert.Equal(new ReportingPeriod(new(2026, 11, 1), new(2026, 11, 30), null, new(2026, 12, 10)), EReportingPeriods.Payments(VatRegime.RealNormalMonthly, new(2026, 11, 3)));
    }
}
