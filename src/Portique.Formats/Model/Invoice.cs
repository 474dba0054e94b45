namespace Portique.Formats.Model;

/// <summary>
/// An EN 16931 invoice or credit note, independent of syntax. Properties carry the business term they hold (BT-n, BG-n).
/// Decimals keep the scale as written (BR-DEC rules count decimals); codes are kept as written.
/// </summary>
public sealed class Invoice
{
    /// <summary>The syntax the invoice was read from, or null when built in code.</summary>
    public InvoiceSyntax? SourceSyntax { get; set; }

    public string? Number { get; set; }                       // BT-1
    public DateOnly? IssueDate { get; set; }                  // BT-2
    public string? TypeCode { get; set; }                     // BT-3
    public string? CurrencyCode { get; set; }                 // BT-5
    public string? VatAccountingCurrencyCode { get; set; }    // BT-6
    public DateOnly? VatPointDate { get; set; }               // BT-7
    public string? VatPointDateCode { get; set; }             // BT-8
    public DateOnly? PaymentDueDate { get; set; }             // BT-9
    public string? BuyerReference { get; set; }               // BT-10
    public string? ProjectReference { get; set; }             // BT-11
    public string? ContractReference { get; set; }            // BT-12
    public string? PurchaseOrderReference { get; set; }       // BT-13
    public string? SalesOrderReference { get; set; }          // BT-14
    public string? ReceivingAdviceReference { get; set; }     // BT-15
    public string? DespatchAdviceReference { get; set; }      // BT-16
    public string? TenderOrLotReference { get; set; }         // BT-17
    public Identifier? InvoicedObjectIdentifier { get; set; } // BT-18, scheme BT-18-1
    public string? BuyerAccountingReference { get; set; }     // BT-19
    public string? PaymentTerms { get; set; }                 // BT-20

    /// <summary>BG-1 invoice notes (BT-21 subject code, BT-22 text); French subject codes BAR, PMT, PMD, AAB, TXD.</summary>
    public List<Note> Notes { get; set; } = [];

    // BG-2 process control
    public string? BusinessProcessType { get; set; }          // BT-23 (French "cadre de facturation", e.g. S1, B1, M1)
    public string? SpecificationIdentifier { get; set; }      // BT-24

    /// <summary>BG-3 preceding invoice references.</summary>
    public List<PrecedingInvoice> PrecedingInvoices { get; set; } = [];

    public Party Seller { get; set; } = new();                // BG-4 (address BG-5, contact BG-6)
    public Party Buyer { get; set; } = new();                 // BG-7 (address BG-8, contact BG-9)
    public Party? Payee { get; set; }                         // BG-10
    public Party? SellerTaxRepresentative { get; set; }       // BG-11 (address BG-12)
    public Delivery? Delivery { get; set; }                   // BG-13 (address BG-15)
    public Period? InvoicingPeriod { get; set; }              // BG-14 (BT-73, BT-74)

    /// <summary>BG-16 payment instructions, one per payment means as written (UBL cac:PaymentMeans, CII ram:SpecifiedTradeSettlementPaymentMeans).</summary>
    public List<PaymentMeans> PaymentMeans { get; set; } = [];
    public string? RemittanceInformation { get; set; }        // BT-83 (UBL: cbc:PaymentID of each payment means)
    public string? MandateReference { get; set; }             // BT-89 (BG-19)
    public string? BankAssignedCreditorIdentifier { get; set; } // BT-90 (BG-19)

    /// <summary>BG-20 document level allowances and BG-21 document level charges.</summary>
    public List<AllowanceCharge> AllowanceCharges { get; set; } = [];

    public DocumentTotals Totals { get; set; } = new();       // BG-22

    /// <summary>BG-23 VAT breakdown.</summary>
    public List<VatBreakdown> VatBreakdown { get; set; } = [];

    /// <summary>BG-24 additional supporting documents.</summary>
    public List<SupportingDocument> SupportingDocuments { get; set; } = [];

    /// <summary>BG-25 invoice lines, in document order.</summary>
    public List<InvoiceLine> Lines { get; set; } = [];

    /// <summary>Document level allowances (BG-20) only.</summary>
    public IEnumerable<AllowanceCharge> Allowances => AllowanceCharges.Where(a => !a.IsCharge);

    /// <summary>Document level charges (BG-21) only.</summary>
    public IEnumerable<AllowanceCharge> Charges => AllowanceCharges.Where(a => a.IsCharge);
}
