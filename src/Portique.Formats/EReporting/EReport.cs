namespace Portique.Formats.EReporting;

// The e-reporting transmission (Flux 10, DGFiP XSD v3.2 "ereporting.xsd", instances without namespace). Terms TT-xx / TG-xx
// are the XSD's. Dates stay as the wire's strings (AAAAMMJJ, AAAAMMJJHHMMSS) so that a malformed date survives reading and
// is judged by its rule (G1.09, G7.53) instead of vanishing; amounts are decimals, whose scale keeps the written decimals.

/// <summary>TB-0 Report: the transmission header (TB-1) and exactly one of the transactions (TB-2) or payments (TB-3) reports.</summary>
public sealed class EReport
{
    public string? Id { get; set; }                 // TT-1 transmission identifier
    public string? Name { get; set; }               // TT-2
    public string? IssueDateTime { get; set; }      // TT-3, AAAAMMJJHHMMSS (G7.53)
    public string? TypeCode { get; set; }           // TT-4: IN initial, RE corrective (G8.01)
    public EReportParty Sender { get; set; } = new();   // TG-3: the platform (0238, WK)
    public EReportParty Issuer { get; set; } = new();   // TG-5: the declarant (SIREN 0002, SE or BY)
    public TransactionsReport? Transactions { get; set; } // TB-2: 10.1 and 10.3
    public PaymentsReport? Payments { get; set; }         // TB-3: 10.2 and 10.4
}

/// <summary>Sender (TG-3) or declarant (TG-5).</summary>
public sealed class EReportParty
{
    public string? Id { get; set; }          // TT-8 / TT-13
    public string? SchemeId { get; set; }    // TT-7 / TT-12
    public string? Name { get; set; }        // TT-9 / TT-14
    public string? RoleCode { get; set; }    // TT-10 / TT-15
    public string? Uri { get; set; }         // TT-11 / TT-16
}

/// <summary>TG-7 / TG-33 transmission period.</summary>
public sealed class ReportPeriod
{
    public string? StartDate { get; set; }
    public string? EndDate { get; set; }
}

/// <summary>TB-2: per-invoice transactions (10.1) and daily aggregates (10.3).</summary>
public sealed class TransactionsReport
{
    public ReportPeriod Period { get; set; } = new();
    public List<ReportedInvoice> Invoices { get; set; } = [];
    public List<DailyTransactions> Days { get; set; } = [];
}

/// <summary>10.1: one invoice (TG-8).</summary>
public sealed class ReportedInvoice
{
    public string? Id { get; set; }                    // TT-19
    public string? IssueDate { get; set; }             // TT-20
    public string? TypeCode { get; set; }              // TT-21
    public string? CurrencyCode { get; set; }          // TT-22
    public string? DueDate { get; set; }               // TT-201
    public string? TaxDueDateTypeCode { get; set; }    // TT-24
    public List<ReportNote> Notes { get; set; } = [];  // TT-26, TT-27
    public string? BusinessProcessId { get; set; }     // TT-28 cadre de facturation
    public string? BusinessProcessTypeId { get; set; } // TT-29 profile, urn.cpro.gouv.fr:1p0:ereporting (S1.12)
    public List<ReferencedInvoice> References { get; set; } = []; // TT-30, TT-31
    public ReportCompany Seller { get; set; } = new();
    public ReportCompany? Buyer { get; set; }
    public ReportIdentifier? SellerTaxRepresentative { get; set; } // TT-122, TT-40
    public List<ReportDelivery> Deliveries { get; set; } = [];
    public ReportPeriod? InvoicePeriod { get; set; }   // TT-42, TT-43
    public List<ReportAllowanceCharge> AllowanceCharges { get; set; } = [];
    public decimal? TaxExclusiveAmount { get; set; }   // TT-51
    public decimal? TaxAmount { get; set; }            // TT-52
    public string? TaxCurrencyCode { get; set; }       // TT-202 (G6.23: EUR)
    public List<InvoiceTaxSubTotal> TaxSubTotals { get; set; } = [];
}

public sealed class ReportNote
{
    public string? Subject { get; set; }
    public string? Content { get; set; }
}

public sealed class ReferencedInvoice
{
    public string? Id { get; set; }
    public string? IssueDate { get; set; }
}

/// <summary>An identifier with its scheme or qualifier attribute.</summary>
public sealed class ReportIdentifier
{
    public ReportIdentifier() { }
    public ReportIdentifier(string? value, string? scheme) { Value = value; Scheme = scheme; }
    public string? Value { get; set; }
    public string? Scheme { get; set; }   // @schemeId, or @qualifyingId for a VAT number
}

/// <summary>Seller or buyer of a reported invoice.</summary>
public sealed class ReportCompany
{
    public ReportIdentifier? CompanyId { get; set; }          // TT-33 / TT-36 with scheme (0002, 0223, 0227, 0228, 0229)
    public ReportIdentifier? TaxRegistrationId { get; set; }  // TT-34 / TT-38 with qualifier VAT
    public string? CountryId { get; set; }                    // TT-35 / TT-39
}

public sealed class ReportDelivery
{
    public string? Date { get; set; }    // TT-41
    public ReportLocation? Location { get; set; }
}

public sealed class ReportLocation
{
    public string? LineOne { get; set; }
    public string? LineTwo { get; set; }
    public string? LineThree { get; set; }
    public string? CityName { get; set; }
    public string? PostalZone { get; set; }
    public string? CountrySubentity { get; set; }
    public string? CountryId { get; set; }
}

/// <summary>Document-level allowance (ChargeIndicator false) or charge.</summary>
public sealed class ReportAllowanceCharge
{
    public bool ChargeIndicator { get; set; }
    public decimal? Amount { get; set; }
    public string? TaxCategoryCode { get; set; }
    public decimal? TaxPercent { get; set; }
}

/// <summary>VAT breakdown of a reported invoice (TT-54 … TT-59).</summary>
public sealed class InvoiceTaxSubTotal
{
    public decimal? TaxableAmount { get; set; }
    public decimal? TaxAmount { get; set; }
    public string? CategoryCode { get; set; }
    public decimal? Percent { get; set; }
    public string? ExemptionReason { get; set; }
    public string? ExemptionReasonCode { get; set; }
}

/// <summary>10.3: the B2C transactions of one day and one category (TT-77 … TT-88).</summary>
public sealed class DailyTransactions
{
    public string? Date { get; set; }
    public string? Currency { get; set; }
    public string? TaxDueDateTypeCode { get; set; }
    public string? CategoryCode { get; set; }   // TLB1, TPS1, TNT1, TMA1 (G1.68)
    public decimal? TaxExclusiveAmount { get; set; }
    public decimal? TaxTotal { get; set; }
    public long? TransactionsCount { get; set; }
    public List<DailyTaxSubtotal> SubTotals { get; set; } = [];
}

public sealed class DailyTaxSubtotal
{
    public decimal? TaxPercent { get; set; }
    public decimal? TaxableAmount { get; set; }
    public decimal? TaxTotal { get; set; }
}

/// <summary>TB-3: payments per invoice (10.2) and aggregated payments (10.4).</summary>
public sealed class PaymentsReport
{
    public ReportPeriod Period { get; set; } = new();
    public List<InvoicePayment> Invoices { get; set; } = [];
    public List<ReportPayment> Aggregated { get; set; } = [];
}

/// <summary>10.2: what was collected on one invoice.</summary>
public sealed class InvoicePayment
{
    public string? InvoiceId { get; set; }   // TT-91
    public string? IssueDate { get; set; }   // TT-102
    public ReportPayment Payment { get; set; } = new();
}

/// <summary>A collection date and its amounts per VAT rate (TG-35 / TG-38).</summary>
public sealed class ReportPayment
{
    public string? Date { get; set; }
    public List<PaymentSubTotal> SubTotals { get; set; } = [];
}

public sealed class PaymentSubTotal
{
    public decimal? TaxPercent { get; set; }
    public string? CurrencyCode { get; set; }
    public decimal? Amount { get; set; }
}
