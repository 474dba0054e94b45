using Portique.Formats.EReporting;
using static Portique.Formats.Tests.EReporting.EReportingTestData;

namespace Portique.Formats.Tests.EReporting;

/// <summary>
/// Each PPF_Flux10 rule fires on a transmission broken for it, passes on the unbroken one, and the native rules report exactly
/// what the published AIFE schematron (run by the engine's schematron interpreter from tests/data) reports on each.
/// </summary>
public sealed class EReportingRulesTests
{
    private static ReportedInvoice Inv(EReport r) => r.Transactions!.Invoices[0];
    private static DailyTransactions Day(EReport r) => r.Transactions!.Days[0];
    private static PaymentSubTotal Paid(EReport r) => r.Payments!.Invoices[0].Payment.SubTotals[0];

    /// <summary>(rule expected among the fatal findings, base transmission: T transactions or P payments, mutation).</summary>
    private static readonly Dictionary<string, (string Rule, char Base, Action<EReport> Break)> Cases = new()
    {
        ["id-accent"] = ("G1.104", 'T', r => r.Id = "Transmission-é"),
        ["id-length"] = ("G1.104", 'T', r => r.Id = new string('A', 51)),
        ["id-leading-space"] = ("G1.104", 'T', r => r.Id = " TX1"),
        ["id-double-space"] = ("G1.104", 'T', r => r.Id = "TX  1"),
        ["timestamp-12-digits"] = ("G7.53", 'T', r => r.IssueDateTime = "202612071200"),
        ["timestamp-year"] = ("G1.36", 'T', r => r.IssueDateTime = "19991207120000"),
        ["type"] = ("G8.01", 'T', r => r.TypeCode = "CO"),
        ["two-reports"] = ("G6.29", 'T', r => r.Payments = Payments().Payments),
        ["no-report"] = ("G6.29", 'T', r => r.Transactions = null),
        ["sender-scheme"] = ("G6.22", 'T', r => r.Sender.SchemeId = "0002"),
        ["sender-length"] = ("G6.22", 'T', r => r.Sender.Id = "431"),
        ["sender-role"] = ("G7.51", 'T', r => r.Sender.RoleCode = "SE"),
        ["declarant-scheme"] = ("G6.26", 'T', r => r.Issuer.SchemeId = "0009"),
        ["declarant-siren"] = ("G6.26", 'P', r => r.Issuer.Id = "10000000A"),
        ["declarant-role"] = ("G7.52", 'T', r => r.Issuer.RoleCode = "WK"),
        ["period-format"] = ("G1.09", 'T', r => r.Transactions!.Period.StartDate = "2026-11-01"),
        ["period-year"] = ("G1.36", 'P', r => r.Payments!.Period.EndDate = "21001130"),
        ["period-order"] = ("G6.25", 'T', r => r.Transactions!.Period.EndDate = "20261101"),
        ["payments-period-order"] = ("G6.25", 'P', r => r.Payments!.Period.EndDate = "20261001"),
        ["invoice-period-order"] = ("G6.25", 'T', r => Inv(r).InvoicePeriod!.EndDate = "20261001"),
        ["invoice-type"] = ("G1.01", 'T', r => Inv(r).TypeCode = "325"),
        ["frame"] = ("G1.02", 'T', r => Inv(r).BusinessProcessId = "B8"),
        ["down-payment-in-final-frame"] = ("G1.60", 'T', r => { Inv(r).BusinessProcessId = "B4"; Inv(r).TypeCode = "386"; }),
        ["profile"] = ("S1.12", 'T', r => Inv(r).BusinessProcessTypeId = "urn.cpro.gouv.fr:1p0:einvoicing"),
        ["invoice-id"] = ("G1.05", 'T', r => Inv(r).Id = "F2026#42"),
        ["invoice-id-length"] = ("G1.05", 'T', r => Inv(r).Id = new string('9', 36)),
        ["paid-invoice-id"] = ("G1.05", 'P', r => r.Payments!.Invoices[0].InvoiceId = "F2026 "),
        ["reference-id"] = ("G1.05", 'T', r => { Inv(r).TypeCode = "381"; Inv(r).References = [new ReferencedInvoice { Id = "F2026 0041 ", IssueDate = "20261001" }]; }),
        ["due-date"] = ("G1.09", 'T', r => Inv(r).DueDate = "05/12/2026"),
        ["delivery-date"] = ("G1.09", 'T', r => Inv(r).Deliveries[0].Date = "2026115"),
        ["issue-date-year"] = ("G1.36", 'T', r => Inv(r).IssueDate = "19991105"),
        ["payment-date"] = ("G1.09", 'P', r => r.Payments!.Aggregated[0].Date = "21/11/2026"),
        ["tax-due-code"] = ("P1.11", 'T', r => Inv(r).TaxDueDateTypeCode = "1"),
        ["daily-tax-due-code"] = ("P1.11", 'T', r => Day(r).TaxDueDateTypeCode = "432x"),
        ["cnwvat-on-invoice"] = ("G6.21", 'T', r => { Inv(r).TaxSubTotals[0].ExemptionReasonCode = "VATEX-FR-CNWVAT"; Inv(r).TaxSubTotals[0].ExemptionReason = "Avoir"; }),
        ["corrective-without-reference"] = ("G1.32", 'T', r => Inv(r).TypeCode = "384"),
        ["credit-note-reference-without-date"] = ("G1.32", 'T', r => { Inv(r).TypeCode = "381"; Inv(r).References = [new ReferencedInvoice { Id = "F2026-0041" }]; }),
        ["no-buyer-id"] = ("G6.28", 'T', r => Inv(r).Buyer!.CompanyId = null),
        ["seller-scheme"] = ("G2.19", 'T', r => Inv(r).Seller.CompanyId!.Scheme = "0009"),
        ["buyer-siren"] = ("G2.19", 'T', r => Inv(r).Buyer!.CompanyId = new("12345", "0002")),
        ["buyer-ridet"] = ("G2.19", 'T', r => Inv(r).Buyer!.CompanyId = new("12", "0228")),
        ["buyer-eu-length"] = ("G2.19", 'T', r => Inv(r).Buyer!.CompanyId = new("DE1234567890123456789", "0223")),
        ["seller-without-vat"] = ("G2.33", 'T', r => Inv(r).Seller.TaxRegistrationId = null),
        ["buyer-vat-qualifier"] = ("G2.33", 'T', r => Inv(r).Buyer!.TaxRegistrationId!.Scheme = "VA"),
        ["exempt-without-vat-number"] = ("G1.102", 'T', r =>
        {
            Inv(r).Seller = new ReportCompany { CompanyId = new("US-778899", "0227"), CountryId = "US" };
            Inv(r).TaxSubTotals[0] = new InvoiceTaxSubTotal { TaxableAmount = 1010.00m, TaxAmount = 202.00m, CategoryCode = "E", Percent = 0m, ExemptionReason = "Exonération", ExemptionReasonCode = "VATEX-EU-132" };
        }),
        ["exempt-without-reason"] = ("G1.40", 'T', r => { Inv(r).TaxSubTotals[0].CategoryCode = "E"; Inv(r).TaxSubTotals[0].ExemptionReasonCode = "VATEX-EU-132"; }),
        ["buyer-country"] = ("G2.01", 'T', r => Inv(r).Buyer!.CountryId = "Deu"),
        ["delivery-country"] = ("G2.01", 'T', r => Inv(r).Deliveries[0].Location!.CountryId = "D"),
        ["vat-category"] = ("G2.31", 'T', r => Inv(r).TaxSubTotals[0].CategoryCode = "L"),
        ["allowance-category"] = ("G2.31", 'T', r => Inv(r).AllowanceCharges[0].TaxCategoryCode = "X"),
        ["rate"] = ("G1.24", 'T', r => Inv(r).TaxSubTotals[0].Percent = 19m),
        ["allowance-rate"] = ("G1.24", 'T', r => Inv(r).AllowanceCharges[0].TaxPercent = 21m),
        ["daily-rate"] = ("G1.24", 'T', r => Day(r).SubTotals[1].TaxPercent = 3m),
        ["payment-rate"] = ("G1.24", 'P', r => Paid(r).TaxPercent = 4m),
        ["aggregated-payment-rate"] = ("G1.24", 'P', r => r.Payments!.Aggregated[0].SubTotals[1].TaxPercent = 6m),
        ["amount-decimals"] = ("G1.14", 'T', r => Inv(r).TaxSubTotals[0].TaxableAmount = 1010.001m),
        ["allowance-decimals"] = ("G1.14", 'T', r => Inv(r).AllowanceCharges[0].Amount = 10.000m),
        ["daily-amount-digits"] = ("G1.14", 'T', r => Day(r).TaxTotal = 123456789012345678.90m),
        ["tax-currency"] = ("G6.23", 'T', r => Inv(r).TaxCurrencyCode = "USD"),
        ["invoice-total"] = ("G1.53", 'T', r => Inv(r).TaxExclusiveAmount = 1010.02m),
        ["invoice-tax-total"] = ("G1.53", 'T', r => Inv(r).TaxAmount = 200.00m),
        ["daily-total"] = ("G1.53", 'T', r => Day(r).TaxExclusiveAmount = 150.04m),
        ["daily-tax-total"] = ("G1.53", 'T', r => Day(r).TaxTotal = 25.54m),
        ["category"] = ("G1.68", 'T', r => Day(r).CategoryCode = "TLB2"),
        ["invoice-currency"] = ("G1.10", 'T', r => Inv(r).CurrencyCode = "eur"),
        ["daily-currency"] = ("G1.10", 'T', r => Day(r).Currency = "EURO"),
        ["payment-currency-form"] = ("G1.10", 'P', r => Paid(r).CurrencyCode = "E"),
        ["payment-currency"] = ("G6.27", 'P', r => Paid(r).CurrencyCode = "USD"),
        ["aggregated-payment-currency"] = ("G6.27", 'P', r => r.Payments!.Aggregated[0].SubTotals[0].CurrencyCode = "CHF"),
        ["payment-negative"] = ("G1.16", 'P', r => Paid(r).Amount = -5m),
        ["payment-decimals"] = ("G1.16", 'P', r => r.Payments!.Aggregated[0].SubTotals[0].Amount = 1.1234567m),
    };

    public static TheoryData<string> CaseNames => [.. Cases.Keys];

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void A_broken_transmission_fails_its_rule_exactly_as_the_published_rules_say(string name)
    {
        var (rule, kind, breakIt) = Cases[name];
        var report = kind == 'T' ? Transactions() : Payments();
        breakIt(report);
        var xml = EReportingWriter.Write(report);

        var result = EReportingEngine.Validate(xml);

        Assert.False(result.IsValid);
        Assert.Empty(XsdErrors(xml));
        var native = EReportingTestData.Rules(result.Findings);
        Assert.Contains(rule, native);
        Assert.Equal(PublishedFatalRules(xml), native);
        Assert.All(result.Findings, f => Assert.False(string.IsNullOrWhiteSpace(f.Message)));
    }

    [Fact]
    public void The_unbroken_transmissions_pass_the_native_and_the_published_rules()
    {
        foreach (var report in new[] { Transactions(), Payments() })
        {
            var xml = EReportingWriter.Write(report);
            var result = EReportingEngine.Validate(xml);
            Assert.Equal([], result.Findings);
            Assert.True(result.IsValid);
            Assert.Equal([], PublishedFatalRules(xml));
        }
    }

    /// <summary>Rules whose only contexts are invoice lines, which the model does not hold (docs/ereporting.md says so).</summary>
    private static readonly string[] LineOnlyRules = ["G1.15", "G1.55"];

    [Fact]
    public void Every_rule_id_of_the_published_set_but_the_line_only_ones_has_a_failing_case()
    {
        var published = System.Text.RegularExpressions.Regex.Matches(
                File.ReadAllText(TestData.PathOf("b2b/flux10/schematron/PPF_Flux10_v1.0.sch")), @">\[([A-Z]\d\.\d+)\]")
            .Select(m => m.Groups[1].Value).ToHashSet();
        published.ExceptWith(LineOnlyRules);
        var covered = Cases.Values.Select(c => c.Rule).ToHashSet();
        Assert.Equal(published.Order(StringComparer.Ordinal), covered.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_failing_rule_layer_fails_the_transmission_closed()
    {
        var xml = EReportingWriter.Write(Transactions());
        var result = EReportingEngine.Validate(xml, null, (_, _) => throw new InvalidOperationException("panne"));
        Assert.False(result.IsValid);
        Assert.Equal(InvoiceEngine.InternalErrorRule, Assert.Single(result.Findings).Rule);
    }

    [Fact]
    public void Writing_an_invalid_transmission_throws_with_the_rule_ids_and_writes_nothing()
    {
        var report = Transactions();
        report.IssueDateTime = "202612071200";
        var e = Assert.Throws<EReportingFormatException>(() => EReportingEngine.Write(report));
        Assert.Contains("G7.53", e.Message, StringComparison.Ordinal);
        Assert.Contains(e.Findings, f => f.Rule == "G7.53");
    }
}
