using BenchmarkDotNet.Attributes;
using Portique.Formats;
using Portique.Formats.EReporting;

namespace Portique.Benchmarks;

/// <summary>
/// E-reporting (Flux 10) validation: XML, XSD DGFiP v3.2 and the PPF_Flux10 rules, per transmission, on the two kinds a company
/// sends for a month: a transactions report (10 international invoices, 60 daily B2C aggregates with 3 rates each, 59 KB) and
/// a payments report (10 invoices paid, 30 days of aggregated collections, 16 KB). Built with the model: no example is redistributable.
/// </summary>
public class EReportingValidationBenchmarks
{
    private const int PerRound = 2;
    private byte[][] _corpus = [];
    private EReport[] _reports = [];

    [GlobalSetup]
    public void Setup()
    {
        _reports = [Transactions(), Payments()];
        _corpus = [.. _reports.Select(EReportingEngine.Write)];
    }

    [Benchmark(OperationsPerInvoke = PerRound, Description = "E-reporting validation (XSD + PPF_Flux10), per transmission")]
    public int FullValidation()
    {
        var valid = 0;
        foreach (var xml in _corpus)
            valid += EReportingEngine.Validate(xml).IsValid ? 1 : 0;
        if (valid != PerRound)
            throw new InvalidOperationException("a benchmark transmission is invalid");
        return valid;
    }

    [Benchmark(OperationsPerInvoke = PerRound, Description = "PPF_Flux10 rules alone on the model, per transmission")]
    public int RulesOnly()
    {
        var findings = new List<Finding>();
        foreach (var report in _reports)
            EReportingRules.Check(report, findings);
        return findings.Count;
    }

    /// <summary>Size of the transmissions, for the figures' context.</summary>
    public int[] Sizes => [.. _corpus.Select(x => x.Length)];

    private static EReport Header(string id) => new()
    {
        Id = id,
        IssueDateTime = "20261203083000",
        TypeCode = "IN",
        Sender = new EReportParty { Id = "0431", SchemeId = "0238", Name = "PLATEFORME", RoleCode = "WK" },
        Issuer = new EReportParty { Id = "100000009", SchemeId = "0002", Name = "VENDEUR SA", RoleCode = "SE" },
    };

    private static EReport Transactions()
    {
        var r = Header("BENCH-T");
        r.Transactions = new TransactionsReport { Period = new ReportPeriod { StartDate = "20261101", EndDate = "20261130" } };
        for (var i = 1; i <= 10; i++)
        {
            r.Transactions.Invoices.Add(new ReportedInvoice
            {
                Id = $"F2026-{i:0000}", IssueDate = $"202611{i:00}", TypeCode = "380", CurrencyCode = "EUR", BusinessProcessId = "S1", BusinessProcessTypeId = EReportingRules.Profile,
                Seller = new ReportCompany { CompanyId = new("100000009", "0002"), TaxRegistrationId = new("FR88100000009", "VAT"), CountryId = "FR" },
                Buyer = new ReportCompany { CompanyId = new("DE123456789", "0223"), TaxRegistrationId = new("DE123456789", "VAT"), CountryId = "DE" },
                TaxExclusiveAmount = 1000.00m, TaxAmount = 200.00m, TaxCurrencyCode = "EUR",
                TaxSubTotals = [new InvoiceTaxSubTotal { TaxableAmount = 1000.00m, TaxAmount = 200.00m, CategoryCode = "S", Percent = 20m }],
            });
        }
        for (var d = 1; d <= 30; d++)
        {
            foreach (var category in new[] { "TLB1", "TPS1" })
            {
                r.Transactions.Days.Add(new DailyTransactions
                {
                    Date = $"202611{d:00}", Currency = "EUR", CategoryCode = category, TaxExclusiveAmount = 600.00m, TaxTotal = 85.50m, TransactionsCount = 12,
                    SubTotals =
                    [
                        new DailyTaxSubtotal { TaxPercent = 20m, TaxableAmount = 300.00m, TaxTotal = 60.00m },
                        new DailyTaxSubtotal { TaxPercent = 10m, TaxableAmount = 200.00m, TaxTotal = 20.00m },
                        new DailyTaxSubtotal { TaxPercent = 5.5m, TaxableAmount = 100.00m, TaxTotal = 5.50m },
                    ],
                });
            }
        }
        return r;
    }

    private static EReport Payments()
    {
        var r = Header("BENCH-P");
        r.Payments = new PaymentsReport { Period = new ReportPeriod { StartDate = "20261101", EndDate = "20261130" } };
        for (var i = 1; i <= 10; i++)
        {
            r.Payments.Invoices.Add(new InvoicePayment
            {
                InvoiceId = $"F2026-{i:0000}", IssueDate = "20261015",
                Payment = new ReportPayment { Date = $"202611{i:00}", SubTotals = [new PaymentSubTotal { TaxPercent = 20m, CurrencyCode = "EUR", Amount = 1200.00m }] },
            });
        }
        for (var d = 1; d <= 30; d++)
        {
            r.Payments.Aggregated.Add(new ReportPayment
            {
                Date = $"202611{d:00}",
                SubTotals = [new PaymentSubTotal { TaxPercent = 20m, CurrencyCode = "EUR", Amount = 360.00m }, new PaymentSubTotal { TaxPercent = 10m, CurrencyCode = "EUR", Amount = 220.00m }],
            });
        }
        return r;
    }
}
