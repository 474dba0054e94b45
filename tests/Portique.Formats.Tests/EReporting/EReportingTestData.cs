using System.Xml;
using System.Xml.Linq;
using System.Xml.Schema;
using Portique.Formats.EReporting;
using Portique.Formats.Schematron;

namespace Portique.Formats.Tests.EReporting;

/// <summary>
/// Test transmissions built with the model (the repository holds no redistributable e-reporting example), and the published
/// DGFiP XSD and AIFE schematron of tests/data as oracles, loaded apart from the engine's embedded copies.
/// </summary>
internal static class EReportingTestData
{
    public static EReport Header(string id) => new()
    {
        Id = id,
        Name = "Transmission de test",
        IssueDateTime = "20261207120000",
        TypeCode = "IN",
        Sender = new EReportParty { Id = "0431", SchemeId = "0238", Name = "PLATEFORME TEST", RoleCode = "WK" },
        Issuer = new EReportParty { Id = "100000009", SchemeId = "0002", Name = "VENDEUR SA", RoleCode = "SE", Uri = "100000009_STATUTS" },
    };

    /// <summary>10.1 and 10.3: one international invoice (with every modelled group) and two daily aggregates.</summary>
    public static EReport Transactions()
    {
        var r = Header("TX-2026-11-001");
        r.Transactions = new TransactionsReport
        {
            Period = new ReportPeriod { StartDate = "20261101", EndDate = "20261130" },
            Invoices =
            [
                new ReportedInvoice
                {
                    Id = "F2026-0042", IssueDate = "20261105", TypeCode = "380", CurrencyCode = "EUR", DueDate = "20261205", TaxDueDateTypeCode = "5",
                    Notes = [new ReportNote { Subject = "BAR", Content = "B2BINT" }],
                    BusinessProcessId = "S1", BusinessProcessTypeId = EReportingRules.Profile,
                    Seller = new ReportCompany { CompanyId = new("100000009", "0002"), TaxRegistrationId = new("FR88100000009", "VAT"), CountryId = "FR" },
                    Buyer = new ReportCompany { CompanyId = new("DE123456789", "0223"), TaxRegistrationId = new("DE123456789", "VAT"), CountryId = "DE" },
                    Deliveries = [new ReportDelivery { Date = "20261104", Location = new ReportLocation { LineOne = "1 Hauptstraße", CityName = "Berlin", PostalZone = "10115", CountryId = "DE" } }],
                    InvoicePeriod = new ReportPeriod { StartDate = "20261101", EndDate = "20261104" },
                    AllowanceCharges = [new ReportAllowanceCharge { ChargeIndicator = true, Amount = 10.00m, TaxCategoryCode = "S", TaxPercent = 20m }],
                    TaxExclusiveAmount = 1010.00m, TaxAmount = 202.00m, TaxCurrencyCode = "EUR",
                    TaxSubTotals = [new InvoiceTaxSubTotal { TaxableAmount = 1010.00m, TaxAmount = 202.00m, CategoryCode = "S", Percent = 20m }],
                },
            ],
            Days =
            [
                new DailyTransactions
                {
                    Date = "20261102", Currency = "EUR", TaxDueDateTypeCode = "72", CategoryCode = "TLB1", TaxExclusiveAmount = 150.00m, TaxTotal = 25.50m, TransactionsCount = 3,
                    SubTotals = [new DailyTaxSubtotal { TaxPercent = 20m, TaxableAmount = 100.00m, TaxTotal = 20.00m }, new DailyTaxSubtotal { TaxPercent = 5.5m, TaxableAmount = 50.00m, TaxTotal = 2.75m }, new DailyTaxSubtotal { TaxPercent = 10m, TaxableAmount = 0.00m, TaxTotal = 2.75m }],
                },
                new DailyTransactions
                {
                    Date = "20261103", Currency = "EUR", CategoryCode = "TPS1", TaxExclusiveAmount = 80.00m, TaxTotal = 16.00m, TransactionsCount = 1,
                    SubTotals = [new DailyTaxSubtotal { TaxPercent = 20m, TaxableAmount = 80.00m, TaxTotal = 16.00m }],
                },
            ],
        };
        return r;
    }

    /// <summary>10.2 and 10.4: payments per invoice and aggregated.</summary>
    public static EReport Payments()
    {
        var r = Header("PA-2026-11-001");
        r.Payments = new PaymentsReport
        {
            Period = new ReportPeriod { StartDate = "20261101", EndDate = "20261130" },
            Invoices = [new InvoicePayment { InvoiceId = "F2026-0042", IssueDate = "20261105", Payment = new ReportPayment { Date = "20261120", SubTotals = [new PaymentSubTotal { TaxPercent = 20m, CurrencyCode = "EUR", Amount = 1212.00m }] } }],
            Aggregated = [new ReportPayment { Date = "20261121", SubTotals = [new PaymentSubTotal { TaxPercent = 20m, CurrencyCode = "EUR", Amount = 300.00m }, new PaymentSubTotal { TaxPercent = 10m, Amount = 55.5m }] }],
        };
        return r;
    }

    /// <summary>The XSD errors of the published schema (tests/data/b2b/flux10/xsd), compiled apart from the engine.</summary>
    public static List<string> XsdErrors(byte[] xml)
    {
        var errors = new List<string>();
        var settings = new XmlReaderSettings { ValidationType = ValidationType.Schema, Schemas = Schema.Value, DtdProcessing = DtdProcessing.Prohibit };
        settings.ValidationEventHandler += (_, e) => errors.Add(e.Message);
        using var reader = XmlReader.Create(new MemoryStream(xml), settings);
        while (reader.Read())
        {
        }
        return errors;
    }

    private static readonly Lazy<XmlSchemaSet> Schema = new(() =>
    {
        var set = new XmlSchemaSet { XmlResolver = new XmlUrlResolver() };
        set.Add(null, TestData.PathOf("b2b/flux10/xsd/ereporting.xsd"));
        set.Compile();
        return set;
    });

    /// <summary>The fatal rule ids of the published AIFE schematron on a document: the "[G1.05]" prefix of each failed assert.</summary>
    public static List<string> PublishedFatalRules(byte[] xml)
    {
        var findings = new List<Finding>();
        Published.Value.Run(XmlTree.Parse(xml), findings);
        return Rules(findings);
    }

    private static readonly Lazy<SchematronSet> Published = new(() =>
        SchematronSet.Load("PPF_Flux10_v1.0.sch", XDocument.Load(TestData.PathOf("b2b/flux10/schematron/PPF_Flux10_v1.0.sch")), _ => null));

    /// <summary>The distinct fatal rule ids, read from the "[G1.05] …" message when the finding has only the generic id.</summary>
    public static List<string> Rules(IEnumerable<Finding> findings) =>
        findings.Where(f => f.Severity == Severity.Fatal)
            .Select(f => f.Rule == "SCH-ASSERT" && f.Message.StartsWith('[') ? f.Message[1..f.Message.IndexOf(']', StringComparison.Ordinal)] : f.Rule)
            .Distinct().Order(StringComparer.Ordinal).ToList();
}
