using System.Globalization;
using Portique.Formats.Flux1;
using Portique.Formats.Model;

namespace Portique.Formats.EReporting;

/// <summary>The company that declares: its SIREN, name and VAT regime (the regime sets the periods).</summary>
public sealed record EReportingDeclarant(string Siren, string Name, VatRegime Regime);

/// <summary>
/// The transmission's header: a base identifier (the two reports get "-T" and "-P" appended), the creation time, whether it
/// corrects an earlier one (RE) and the sending platform (4-digit matricule, ICD 0238).
/// </summary>
public sealed record EReportingTransmission(string Id, DateTime IssuedAt, bool Corrective, string PlatformId, string PlatformName);

/// <summary>
/// A collection (payment received) at one VAT rate. With an invoice number it is reported per invoice (10.2); without one
/// (a till, a daily B2C total) it is aggregated per day and rate (10.4).
/// </summary>
public sealed record EReportingPayment(DateOnly Date, decimal Rate, decimal Amount, string? InvoiceNumber = null, DateOnly? InvoiceIssueDate = null);

/// <summary>An invoice the reports leave out, with a stable code and a French reason.</summary>
public sealed record EReportingSkip(string? InvoiceNumber, string Code, string Message);

/// <summary>The two transmissions of one period (a transmission holds one report only, G6.29) and what was left out.</summary>
public sealed record EReportingResult(EReport Transactions, EReport Payments, ReportingPeriod TransactionsPeriod, ReportingPeriod PaymentsPeriod, IReadOnlyList<EReportingSkip> Skipped);

/// <summary>
/// Builds the e-reporting of one company for one period from its invoices and collections, as a pure function. Invoices
/// issued by the declarant inside the transactions period are sorted with <see cref="Flux1Scope"/>: international B2B ones are
/// reported one by one (10.1, which requires the buyer's identifier, G6.28), B2C ones are summed per day, category and VAT rate
/// (10.3), domestic B2B ones are left out (their data goes through Flux 1). Payments inside the payments period go to 10.2 or
/// 10.4. Credit notes count negatively in the daily sums.
/// </summary>
public static class EReportingAggregator
{
    public const string SkipDomestic = "EREPORTING-DOMESTIC-B2B";
    public const string SkipOutOfScope = "EREPORTING-OUT-OF-SCOPE";
    public const string SkipNotDeclarant = "EREPORTING-NOT-DECLARANT";
    public const string SkipOutOfPeriod = "EREPORTING-OUT-OF-PERIOD";
    public const string SkipCurrency = "EREPORTING-CURRENCY";
    public const string SkipIncomplete = "EREPORTING-INCOMPLETE";

    /// <summary>The category of a B2C amount (G1.68): margin schemes, not taxable in France, else goods or services by the cadre's letter.</summary>
    public static string Category(Invoice invoice, VatBreakdown vat)
    {
        // VATEX-EU-D/F/I/J are the EN 16931 exemption reasons of the margin schemes (travel agents, second-hand goods, art, antiques).
        if (vat.ExemptionReasonCode?.Trim().ToUpperInvariant() is "VATEX-EU-D" or "VATEX-EU-F" or "VATEX-EU-I" or "VATEX-EU-J")
            return "TMA1";
        if (vat.CategoryCode?.Trim() is "O" or "K" or "G" or "E")
            return "TNT1";
        // B = goods; S = services; M (mixed) has no split in the invoice model's VAT breakdown and is counted as goods.
        return invoice.BusinessProcessType?.Trim().StartsWith('S') == true ? "TPS1" : "TLB1";
    }

    public static EReportingResult Build(EReportingDeclarant declarant, EReportingTransmission transmission, DateOnly periodDay,
        IEnumerable<Invoice> invoices, IEnumerable<EReportingPayment> payments)
    {
        ArgumentNullException.ThrowIfNull(declarant);
        ArgumentNullException.ThrowIfNull(transmission);
        var txPeriod = EReportingPeriods.Transactions(declarant.Regime, periodDay);
        var payPeriod = EReportingPeriods.Payments(declarant.Regime, periodDay);
        var skipped = new List<EReportingSkip>();
        var unitary = new List<ReportedInvoice>();
        var b2c = new List<Invoice>();

        foreach (var invoice in invoices)
        {
            if (Flux1Scope.Siren(invoice.Seller) != declarant.Siren)
            {
                skipped.Add(new(invoice.Number, SkipNotDeclarant, $"La facture n'est pas émise par le déclarant (SIREN {declarant.Siren}) : seules ses ventes sont déclarées."));
                continue;
            }
            if (invoice.IssueDate is not { } issued || !txPeriod.Contains(issued))
            {
                skipped.Add(new(invoice.Number, SkipOutOfPeriod, $"La facture est datée hors de la période {txPeriod.StartText}–{txPeriod.EndText}."));
                continue;
            }
            var exclusion = Flux1Scope.Exclusion(invoice);
            switch (exclusion?.Code)
            {
                case null:
                    skipped.Add(new(invoice.Number, SkipDomestic, "Facture B2B domestique : ses données partent au PPF par le Flux 1, pas par l'e-reporting."));
                    break;
                case Flux1Scope.OutOfScope:
                    skipped.Add(new(invoice.Number, SkipOutOfScope, "Facture hors du champ de la réforme (note BAR OUTOFSCOPE) : rien à déclarer."));
                    break;
                case Flux1Scope.B2c when invoice.CurrencyCode?.Trim() != "EUR":
                    skipped.Add(new(invoice.Number, SkipCurrency, $"Facture B2C en {invoice.CurrencyCode} : les totaux journaliers sont en euros et la facture ne donne pas sa contre-valeur par taux."));
                    break;
                case Flux1Scope.B2c when invoice.VatBreakdown.Count == 0 || invoice.VatBreakdown.Exists(v => v.Rate is null || v.TaxableAmount is null || v.TaxAmount is null):
                    // A missing rate or amount is never read as zero: the day's totals would be silently wrong.
                    skipped.Add(new(invoice.Number, SkipIncomplete, "Facture B2C sans ventilation de TVA complète (taux, base et montant de TVA par taux) : elle ne peut pas entrer dans les totaux journaliers."));
                    break;
                case Flux1Scope.B2c:
                    b2c.Add(invoice);
                    break;
                default:
                    if (Unitary(invoice, out var reason) is { } reported)
                        unitary.Add(reported);
                    else
                        skipped.Add(new(invoice.Number, SkipIncomplete, reason!));
                    break;
            }
        }

        var header = Header(declarant, transmission);
        header.Id = transmission.Id + "-T";
        header.Transactions = new TransactionsReport
        {
            Period = new ReportPeriod { StartDate = txPeriod.StartText, EndDate = txPeriod.EndText },
            Invoices = unitary,
            Days = Daily(b2c),
        };
        var paymentsReport = Header(declarant, transmission);
        paymentsReport.Id = transmission.Id + "-P";
        paymentsReport.Payments = Payments(payments.Where(p => payPeriod.Contains(p.Date)), payPeriod);
        return new EReportingResult(header, paymentsReport, txPeriod, payPeriod, skipped);
    }

    private static EReport Header(EReportingDeclarant declarant, EReportingTransmission t) => new()
    {
        IssueDateTime = t.IssuedAt.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture),
        TypeCode = t.Corrective ? "RE" : "IN",
        Sender = new EReportParty { Id = t.PlatformId, SchemeId = "0238", Name = t.PlatformName, RoleCode = "WK" },
        Issuer = new EReportParty { Id = declarant.Siren, SchemeId = "0002", Name = declarant.Name, RoleCode = "SE" },
    };

    /// <summary>10.3: per day and category, sums per VAT rate; the totals are the sums of the rates' amounts (G1.53 holds by construction).</summary>
    private static List<DailyTransactions> Daily(List<Invoice> invoices)
    {
        var rows = invoices.SelectMany(i => i.VatBreakdown.Select(v => (Invoice: i, Vat: v, Sign: IsCredit(i.TypeCode) ? -1m : 1m)));
        return rows
            .GroupBy(r => (Day: r.Invoice.IssueDate!.Value, Category: Category(r.Invoice, r.Vat)))
            .OrderBy(g => g.Key.Day).ThenBy(g => g.Key.Category, StringComparer.Ordinal)
            .Select(g =>
            {
                var subs = g.GroupBy(r => r.Vat.Rate ?? 0m).OrderBy(s => s.Key).Select(s => new DailyTaxSubtotal
                {
                    TaxPercent = s.Key,
                    TaxableAmount = Round(s.Sum(r => r.Sign * (r.Vat.TaxableAmount ?? 0m))),
                    TaxTotal = Round(s.Sum(r => r.Sign * (r.Vat.TaxAmount ?? 0m))),
                }).ToList();
                return new DailyTransactions
                {
                    Date = Day(g.Key.Day),
                    Currency = "EUR",
                    CategoryCode = g.Key.Category,
                    TaxExclusiveAmount = Round(subs.Sum(s => s.TaxableAmount!.Value)),
                    TaxTotal = Round(subs.Sum(s => s.TaxTotal!.Value)),
                    TransactionsCount = g.Select(r => r.Invoice).Distinct().Count(),
                    SubTotals = subs,
                };
            }).ToList();
    }

    /// <summary>10.1: one international B2B invoice, or null with the reason when it lacks what the report requires.</summary>
    private static ReportedInvoice? Unitary(Invoice i, out string? reason)
    {
        reason = null;
        var frame = i.BusinessProcessType?.Trim();
        if (string.IsNullOrEmpty(frame))
        {
            reason = "La facture n'a pas de cadre de facturation (BT-23) : la déclaration individuelle l'exige (TT-28).";
            return null;
        }
        if (BuyerId(i.Buyer) is not { } buyerId)
        {
            reason = "L'acheteur n'a aucun identifiant (SIREN, numéro de TVA, identifiant légal) : la déclaration individuelle l'exige (G6.28).";
            return null;
        }
        var euro = i.CurrencyCode?.Trim() == "EUR";
        var tax = euro ? i.Totals.VatTotal : i.Totals.VatTotalInAccountingCurrency;
        if (tax is null || i.IssueDate is null || string.IsNullOrEmpty(i.Number) || i.VatBreakdown.Count == 0)
        {
            reason = euro || tax is not null
                ? "La facture n'a pas de numéro, de date, de total de TVA ou de ventilation de TVA."
                : "La facture n'est pas en euros et ne donne pas son total de TVA en euros (BT-111).";
            return null;
        }
        var sellerSiren = Flux1Scope.Siren(i.Seller)!;
        return new ReportedInvoice
        {
            Id = i.Number,
            IssueDate = Day(i.IssueDate.Value),
            TypeCode = i.TypeCode,
            CurrencyCode = i.CurrencyCode?.Trim(),
            DueDate = i.PaymentDueDate is { } due ? Day(due) : null,
            TaxDueDateTypeCode = i.VatPointDateCode,
            BusinessProcessId = frame,
            BusinessProcessTypeId = EReportingRules.Profile,
            References = i.PrecedingInvoices.Select(p => new ReferencedInvoice { Id = p.Number, IssueDate = p.IssueDate is { } d ? Day(d) : null }).ToList(),
            Seller = new ReportCompany
            {
                CompanyId = new(sellerSiren, "0002"),
                TaxRegistrationId = i.Seller.VatIdentifier is { } sv ? new(sv, "VAT") : null,
                CountryId = Flux1Scope.Country(i.Seller),
            },
            Buyer = new ReportCompany
            {
                CompanyId = buyerId,
                TaxRegistrationId = i.Buyer.VatIdentifier is { } bv ? new(bv, "VAT") : null,
                CountryId = Flux1Scope.Country(i.Buyer),
            },
            TaxExclusiveAmount = i.Totals.TaxExclusiveAmount,
            TaxAmount = tax,
            TaxCurrencyCode = "EUR",
            TaxSubTotals = i.VatBreakdown.Select(v => new InvoiceTaxSubTotal
            {
                TaxableAmount = v.TaxableAmount,
                TaxAmount = v.TaxAmount,
                CategoryCode = v.CategoryCode,
                Percent = v.Rate ?? 0m,
                ExemptionReason = v.ExemptionReason,
                ExemptionReasonCode = v.ExemptionReasonCode,
            }).ToList(),
        };
    }

    /// <summary>The buyer's identifier for 10.1: a SIREN (0002), an EU VAT number (0223), else another legal identifier outside the EU (0227).</summary>
    private static ReportIdentifier? BuyerId(Party buyer)
    {
        if (Flux1Scope.Siren(buyer) is { } siren)
            return new(siren, "0002");
        var country = Flux1Scope.Country(buyer);
        if (buyer.VatIdentifier?.Trim() is { Length: > 0 and <= 18 } vat && country is not null && EuCountries.Contains(country))
            return new(vat, "0223");
        var other = new[] { buyer.LegalRegistrationId }.Concat(buyer.Identifiers).Select(x => x?.Value?.Trim()).FirstOrDefault(v => !string.IsNullOrEmpty(v))
            ?? buyer.VatIdentifier?.Trim();
        return other is { Length: > 0 and <= 18 } ? new(other, "0227") : null;
    }

    private static PaymentsReport Payments(IEnumerable<EReportingPayment> payments, ReportingPeriod period)
    {
        var list = payments.ToList();
        return new PaymentsReport
        {
            Period = new ReportPeriod { StartDate = period.StartText, EndDate = period.EndText },
            Invoices = list.Where(p => p.InvoiceNumber is not null)
                .GroupBy(p => (p.InvoiceNumber!, p.InvoiceIssueDate, p.Date))
                .OrderBy(g => g.Key.Date).ThenBy(g => g.Key.Item1, StringComparer.Ordinal)
                .Select(g => new InvoicePayment
                {
                    InvoiceId = g.Key.Item1,
                    IssueDate = g.Key.InvoiceIssueDate is { } d ? Day(d) : null,
                    Payment = Collected(g.Key.Date, g),
                }).ToList(),
            Aggregated = list.Where(p => p.InvoiceNumber is null).GroupBy(p => p.Date).OrderBy(g => g.Key).Select(g => Collected(g.Key, g)).ToList(),
        };
    }

    private static ReportPayment Collected(DateOnly date, IEnumerable<EReportingPayment> payments) => new()
    {
        Date = Day(date),
        SubTotals = payments.GroupBy(p => p.Rate).OrderBy(g => g.Key)
            .Select(g => new PaymentSubTotal { TaxPercent = g.Key, CurrencyCode = "EUR", Amount = Round(g.Sum(p => p.Amount)) }).ToList(),
    };

    private static bool IsCredit(string? type) => type?.Trim() is "381" or "261" or "396" or "502" or "503";

    private static decimal Round(decimal v) => Math.Round(v, 2, MidpointRounding.AwayFromZero);

    private static string Day(DateOnly d) => d.ToString("yyyyMMdd", CultureInfo.InvariantCulture);

    private static readonly HashSet<string> EuCountries =
    [
        "AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "EL", "GR", "ES", "FI", "FR", "HR", "HU", "IE", "IT", "LT", "LU", "LV", "MT", "NL", "PL", "PT", "RO", "SE", "SI", "SK",
    ];
}
