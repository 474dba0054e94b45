namespace Portique.Formats.Model;

/// <summary>BG-25 invoice line.</summary>
public sealed class InvoiceLine
{
    /// <summary>1-based position among the lines of the source document, for XPath locations (e.g. cac:InvoiceLine[3]).</summary>
    public int Index { get; set; }

    public string? Id { get; set; }                          // BT-126
    /// <summary>EXTENDED-CTC-FR: the parent line of a sub-line (CII ram:ParentLineID; UBL has no place for it).</summary>
    public string? ParentLineId { get; set; }
    /// <summary>EXTENDED-CTC-FR: the role of a line in a group (DETAIL, GROUP, INFORMATION; CII ram:LineStatusReasonCode; not in UBL).</summary>
    public string? LineStatusReasonCode { get; set; }
    public string? Note { get; set; }                        // BT-127
    public Identifier? ObjectIdentifier { get; set; }        // BT-128, scheme BT-128-1
    public decimal? Quantity { get; set; }                   // BT-129
    public string? QuantityUnitCode { get; set; }            // BT-130
    public decimal? NetAmount { get; set; }                  // BT-131
    public string? OrderLineReference { get; set; }          // BT-132
    public string? BuyerAccountingReference { get; set; }    // BT-133
    public Period? Period { get; set; }                      // BG-26 (BT-134, BT-135)

    /// <summary>BG-27 line allowances and BG-28 line charges.</summary>
    public List<LineAllowanceCharge> AllowanceCharges { get; set; } = [];

    public PriceDetails Price { get; set; } = new();         // BG-29
    public string? VatCategoryCode { get; set; }             // BT-151 (BG-30)
    public decimal? VatRate { get; set; }                    // BT-152 (BG-30)
    public Item Item { get; set; } = new();                  // BG-31

    public IEnumerable<LineAllowanceCharge> Allowances => AllowanceCharges.Where(a => !a.IsCharge);
    public IEnumerable<LineAllowanceCharge> Charges => AllowanceCharges.Where(a => a.IsCharge);
}

/// <summary>A line allowance (BG-27) or charge (BG-28).</summary>
public sealed class LineAllowanceCharge
{
    public bool IsCharge { get; set; }
    public decimal? Amount { get; set; }       // BT-136 / BT-141
    public decimal? BaseAmount { get; set; }   // BT-137 / BT-142
    public decimal? Percentage { get; set; }   // BT-138 / BT-143
    public string? Reason { get; set; }        // BT-139 / BT-144
    public string? ReasonCode { get; set; }    // BT-140 / BT-145
}

/// <summary>BG-29 price details.</summary>
public sealed class PriceDetails
{
    public decimal? NetPrice { get; set; }          // BT-146
    public decimal? Discount { get; set; }          // BT-147
    public decimal? GrossPrice { get; set; }        // BT-148
    public decimal? BaseQuantity { get; set; }      // BT-149
    public string? BaseQuantityUnitCode { get; set; } // BT-150
}

/// <summary>BG-31 item information.</summary>
public sealed class Item
{
    public string? Name { get; set; }                    // BT-153
    public string? Description { get; set; }             // BT-154
    public string? SellerId { get; set; }                // BT-155
    public string? BuyerId { get; set; }                 // BT-156
    public Identifier? StandardId { get; set; }          // BT-157, scheme BT-157-1
    public List<Classification> Classifications { get; set; } = []; // BT-158
    public string? OriginCountryCode { get; set; }       // BT-159
    public List<ItemProperty> Attributes { get; set; } = []; // BG-32
}

/// <summary>BT-158 item classification identifier with scheme (BT-158-1) and scheme version (BT-158-2).</summary>
public sealed class Classification
{
    public string? Code { get; set; }
    public string? SchemeId { get; set; }
    public string? SchemeVersion { get; set; }
}

/// <summary>BG-32 item attribute (UBL cac:AdditionalItemProperty, CII ram:ApplicableProductCharacteristic).</summary>
public sealed class ItemProperty
{
    public string? Name { get; set; }    // BT-160
    public string? Value { get; set; }   // BT-161
}
