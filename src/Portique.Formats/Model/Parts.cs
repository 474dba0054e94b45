namespace Portique.Formats.Model;

/// <summary>An identifier with its optional scheme (e.g. BT-29/BT-29-1, BT-34/BT-34-1 with 0225, 0009, 0002...).</summary>
public sealed class Identifier
{
    public Identifier() { }
    public Identifier(string? value, string? schemeId = null) { Value = value; SchemeId = schemeId; }
    public string? Value { get; set; }
    public string? SchemeId { get; set; }
    public override string ToString() => SchemeId is null ? Value ?? "" : $"{SchemeId}:{Value}";
}

/// <summary>BG-1 invoice note.</summary>
public sealed class Note
{
    public string? SubjectCode { get; set; }  // BT-21 (French: BAR, PMT, PMD, AAB, TXD...)
    public string? Text { get; set; }         // BT-22
}

/// <summary>BG-3 preceding invoice reference.</summary>
public sealed class PrecedingInvoice
{
    public string? Number { get; set; }       // BT-25
    public DateOnly? IssueDate { get; set; }  // BT-26
}

/// <summary>
/// A trading party. One shape serves every role; the term numbers are, by role:
/// seller BG-4, buyer BG-7, payee BG-10, seller tax representative BG-11.
/// </summary>
public sealed class Party
{
    public string? Name { get; set; }                      // BT-27 seller, BT-44 buyer, BT-59 payee, BT-62 tax representative
    public string? TradingName { get; set; }               // BT-28 seller, BT-45 buyer
    public List<Identifier> Identifiers { get; set; } = []; // BT-29 seller (repeatable), BT-46 buyer, BT-60 payee; schemes BT-29-1, BT-46-1, BT-60-1
    public Identifier? LegalRegistrationId { get; set; }   // BT-30 seller, BT-47 buyer, BT-61 payee; schemes BT-30-1, BT-47-1, BT-61-1
    public string? VatIdentifier { get; set; }             // BT-31 seller, BT-48 buyer, BT-63 tax representative
    public string? TaxRegistrationIdentifier { get; set; } // BT-32 seller (local tax number, scheme "FC")
    public string? AdditionalLegalInformation { get; set; } // BT-33 seller
    public Identifier? ElectronicAddress { get; set; }     // BT-34 seller, BT-49 buyer; scheme BT-34-1/BT-49-1 (French 0225, 0009, 0002)
    public Address? Address { get; set; }                  // BG-5 seller, BG-8 buyer, BG-12 tax representative
    public Contact? Contact { get; set; }                  // BG-6 seller, BG-9 buyer
}

/// <summary>A postal address: BG-5 seller, BG-8 buyer, BG-12 tax representative, BG-15 deliver to.</summary>
public sealed class Address
{
    public string? Line1 { get; set; }          // BT-35 / BT-50 / BT-64 / BT-75
    public string? Line2 { get; set; }          // BT-36 / BT-51 / BT-65 / BT-76
    public string? Line3 { get; set; }          // BT-162 / BT-163 / BT-164 / BT-165
    public string? City { get; set; }           // BT-37 / BT-52 / BT-66 / BT-77
    public string? PostCode { get; set; }       // BT-38 / BT-53 / BT-67 / BT-78
    public string? Subdivision { get; set; }    // BT-39 / BT-54 / BT-68 / BT-79
    public string? CountryCode { get; set; }    // BT-40 / BT-55 / BT-69 / BT-80
}

/// <summary>A contact: BG-6 seller, BG-9 buyer.</summary>
public sealed class Contact
{
    public string? Name { get; set; }           // BT-41 / BT-56
    public string? Telephone { get; set; }      // BT-42 / BT-57
    public string? Email { get; set; }          // BT-43 / BT-58
}

/// <summary>BG-13 delivery information.</summary>
public sealed class Delivery
{
    public string? PartyName { get; set; }           // BT-70
    public Identifier? LocationIdentifier { get; set; } // BT-71, scheme BT-71-1
    public DateOnly? ActualDeliveryDate { get; set; } // BT-72
    public Address? Address { get; set; }            // BG-15 (BT-75..BT-80, BT-165)
}

/// <summary>A period: BG-14 invoicing period (BT-73, BT-74) or BG-26 line period (BT-134, BT-135).</summary>
public sealed class Period
{
    public DateOnly? StartDate { get; set; }
    public DateOnly? EndDate { get; set; }
}

/// <summary>BG-16 payment instructions as carried by one payment means, with BG-17 credit transfer and BG-18 card.</summary>
public sealed class PaymentMeans
{
    public string? TypeCode { get; set; }            // BT-81
    public string? TypeText { get; set; }            // BT-82
    public CreditTransfer? CreditTransfer { get; set; } // BG-17
    public PaymentCard? Card { get; set; }           // BG-18
    public string? DebitedAccountIdentifier { get; set; } // BT-91 (BG-19)
}

/// <summary>BG-17 credit transfer.</summary>
public sealed class CreditTransfer
{
    public string? AccountIdentifier { get; set; }   // BT-84
    public string? AccountName { get; set; }         // BT-85
    public string? ServiceProviderIdentifier { get; set; } // BT-86
}

/// <summary>BG-18 payment card information.</summary>
public sealed class PaymentCard
{
    public string? PrimaryAccountNumber { get; set; } // BT-87
    public string? HolderName { get; set; }           // BT-88
}

/// <summary>A document level allowance (BG-20) or charge (BG-21).</summary>
public sealed class AllowanceCharge
{
    public bool IsCharge { get; set; }
    public decimal? Amount { get; set; }          // BT-92 / BT-99
    public decimal? BaseAmount { get; set; }      // BT-93 / BT-100
    public decimal? Percentage { get; set; }      // BT-94 / BT-101
    public string? VatCategoryCode { get; set; }  // BT-95 / BT-102
    public decimal? VatRate { get; set; }         // BT-96 / BT-103
    public string? Reason { get; set; }           // BT-97 / BT-104
    public string? ReasonCode { get; set; }       // BT-98 / BT-105
}

/// <summary>BG-22 document totals.</summary>
public sealed class DocumentTotals
{
    public decimal? LineNetTotal { get; set; }          // BT-106
    public decimal? AllowanceTotal { get; set; }        // BT-107
    public decimal? ChargeTotal { get; set; }           // BT-108
    public decimal? TaxExclusiveAmount { get; set; }    // BT-109
    public decimal? VatTotal { get; set; }              // BT-110 (in BT-5 currency)
    public decimal? VatTotalInAccountingCurrency { get; set; } // BT-111 (in BT-6 currency)
    public decimal? TaxInclusiveAmount { get; set; }    // BT-112
    public decimal? PrepaidAmount { get; set; }         // BT-113
    public decimal? RoundingAmount { get; set; }        // BT-114
    public decimal? PayableAmount { get; set; }         // BT-115
}

/// <summary>BG-23 VAT breakdown.</summary>
public sealed class VatBreakdown
{
    public decimal? TaxableAmount { get; set; }       // BT-116
    public decimal? TaxAmount { get; set; }           // BT-117
    public string? CategoryCode { get; set; }         // BT-118
    public decimal? Rate { get; set; }                // BT-119
    public string? ExemptionReason { get; set; }      // BT-120
    public string? ExemptionReasonCode { get; set; }  // BT-121
}

/// <summary>BG-24 additional supporting document.</summary>
public sealed class SupportingDocument
{
    public string? Reference { get; set; }            // BT-122
    public string? Description { get; set; }          // BT-123
    public string? ExternalLocation { get; set; }     // BT-124
    /// <summary>BT-125 attached document, kept base64-encoded as written so it round-trips without decoding cost.</summary>
    public string? AttachmentBase64 { get; set; }
    public string? AttachmentMimeCode { get; set; }   // BT-125-1
    public string? AttachmentFilename { get; set; }   // BT-125-2
}
