using Portique.Formats.Model;
using Portique.Formats.Xml;

namespace Portique.Formats.Ubl;

/// <summary>Writes the model as a UBL 2.1 Invoice or CreditNote following the EN 16931 UBL syntax binding, in schema order.</summary>
internal sealed class UblWriter
{
    private const string Cac = "cac";
    private const string Cbc = "cbc";

    private readonly Invoice _inv;
    private readonly bool _creditNote;
    private readonly XmlOut _x;
    private readonly string _currency;

    private enum Role { Seller, Buyer, Payee, TaxRepresentative }

    private UblWriter(Invoice invoice, bool creditNote, XmlOut output)
    {
        _inv = invoice;
        _creditNote = creditNote;
        _x = output;
        // currencyID is mandatory on every UBL amount; an absent BT-5 leaves it empty so that the schema reports it.
        _currency = invoice.CurrencyCode ?? "";
    }

    public static byte[] Write(Invoice invoice, bool creditNote)
    {
        using var output = new XmlOut(new Dictionary<string, string>
        {
            [""] = creditNote ? InvoiceXml.UblCreditNoteNamespace : InvoiceXml.UblInvoiceNamespace,
            [Cac] = "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2",
            [Cbc] = "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2",
        });
        new UblWriter(invoice, creditNote, output).WriteDocument();
        return output.ToArray();
    }

    private void WriteDocument()
    {
        var inv = _inv;
        _x.Root("", _creditNote ? "CreditNote" : "Invoice");
        _x.Leaf(Cbc, "CustomizationID", inv.SpecificationIdentifier);
        _x.Leaf(Cbc, "ProfileID", inv.BusinessProcessType);
        _x.Leaf(Cbc, "ID", inv.Number);
        _x.Leaf(Cbc, "IssueDate", XmlOut.IsoDate(inv.IssueDate));
        if (_creditNote)
        {
            _x.Leaf(Cbc, "TaxPointDate", XmlOut.IsoDate(inv.VatPointDate));
            _x.Leaf(Cbc, "CreditNoteTypeCode", inv.TypeCode);
        }
        else
        {
            _x.Leaf(Cbc, "DueDate", XmlOut.IsoDate(inv.PaymentDueDate));
            _x.Leaf(Cbc, "InvoiceTypeCode", inv.TypeCode);
        }
        foreach (var note in inv.Notes)
        {
            _x.Leaf(Cbc, "Note", note.SubjectCode is null ? note.Text ?? "" : $"#{note.SubjectCode}#{note.Text}");
        }
        if (!_creditNote)
        {
            _x.Leaf(Cbc, "TaxPointDate", XmlOut.IsoDate(inv.VatPointDate));
        }
        _x.Leaf(Cbc, "DocumentCurrencyCode", inv.CurrencyCode);
        _x.Leaf(Cbc, "TaxCurrencyCode", inv.VatAccountingCurrencyCode);
        _x.Leaf(Cbc, "AccountingCost", inv.BuyerAccountingReference);
        _x.Leaf(Cbc, "BuyerReference", inv.BuyerReference);
        if (inv.InvoicingPeriod is not null || inv.VatPointDateCode is not null)
        {
            _x.Start(Cac, "InvoicePeriod");
            _x.Leaf(Cbc, "StartDate", XmlOut.IsoDate(inv.InvoicingPeriod?.StartDate));
            _x.Leaf(Cbc, "EndDate", XmlOut.IsoDate(inv.InvoicingPeriod?.EndDate));
            _x.Leaf(Cbc, "DescriptionCode", inv.VatPointDateCode);
            _x.End();
        }
        if (inv.PurchaseOrderReference is not null || inv.SalesOrderReference is not null)
        {
            _x.Start(Cac, "OrderReference");
            // cbc:ID is mandatory in UBL: the binding writes "NA" when only the sales order reference is known.
            _x.Leaf(Cbc, "ID", inv.PurchaseOrderReference ?? "NA");
            _x.Leaf(Cbc, "SalesOrderID", inv.SalesOrderReference);
            _x.End();
        }
        foreach (var preceding in inv.PrecedingInvoices)
        {
            _x.Start(Cac, "BillingReference");
            _x.Start(Cac, "InvoiceDocumentReference");
            _x.Leaf(Cbc, "ID", preceding.Number ?? "");
            _x.Leaf(Cbc, "IssueDate", XmlOut.IsoDate(preceding.IssueDate));
            _x.End();
            _x.End();
        }
        DocumentReference("DespatchDocumentReference", inv.DespatchAdviceReference);
        DocumentReference("ReceiptDocumentReference", inv.ReceivingAdviceReference);
        if (_creditNote)
        {
            DocumentReference("ContractDocumentReference", inv.ContractReference);
            AdditionalDocuments();
            DocumentReference("OriginatorDocumentReference", inv.TenderOrLotReference);
        }
        else
        {
            DocumentReference("OriginatorDocumentReference", inv.TenderOrLotReference);
            DocumentReference("ContractDocumentReference", inv.ContractReference);
            AdditionalDocuments();
            DocumentReference("ProjectReference", inv.ProjectReference);
        }
        _x.Start(Cac, "AccountingSupplierParty");
        WriteParty(inv.Seller, Role.Seller);
        _x.End();
        _x.Start(Cac, "AccountingCustomerParty");
        WriteParty(inv.Buyer, Role.Buyer);
        _x.End();
        if (inv.Payee is not null)
        {
            WriteParty(inv.Payee, Role.Payee);
        }
        if (inv.SellerTaxRepresentative is not null)
        {
            WriteParty(inv.SellerTaxRepresentative, Role.TaxRepresentative);
        }
        WriteDelivery();
        WritePaymentMeans();
        if (inv.PaymentTerms is not null)
        {
            _x.Start(Cac, "PaymentTerms");
            _x.Leaf(Cbc, "Note", inv.PaymentTerms);
            _x.End();
        }
        foreach (var ac in inv.AllowanceCharges)
        {
            WriteAllowanceCharge(ac.IsCharge, ac.ReasonCode, ac.Reason, ac.Percentage, ac.Amount, ac.BaseAmount);
            _x.Start(Cac, "TaxCategory");
            _x.Leaf(Cbc, "ID", ac.VatCategoryCode);
            _x.Leaf(Cbc, "Percent", ac.VatRate);
            VatScheme();
            _x.End();
            _x.End();
        }
        WriteTaxTotals();
        WriteMonetaryTotal();
        foreach (var line in inv.Lines)
        {
            WriteLine(line);
        }
        _x.End();
    }

    private void DocumentReference(string element, string? id)
    {
        if (id is null)
        {
            return;
        }
        _x.Start(Cac, element);
        _x.Leaf(Cbc, "ID", id);
        _x.End();
    }

    private void AdditionalDocuments()
    {
        foreach (var doc in _inv.SupportingDocuments)
        {
            _x.Start(Cac, "AdditionalDocumentReference");
            _x.Leaf(Cbc, "ID", doc.Reference ?? "");
            _x.Leaf(Cbc, "DocumentDescription", doc.Description);
            var embedded = doc.AttachmentBase64 is not null || doc.AttachmentMimeCode is not null || doc.AttachmentFilename is not null;
            if (embedded || doc.ExternalLocation is not null)
            {
                _x.Start(Cac, "Attachment");
                if (embedded)
                {
                    _x.Start(Cbc, "EmbeddedDocumentBinaryObject");
                    _x.Attr("mimeCode", doc.AttachmentMimeCode ?? "");
                    _x.Attr("filename", doc.AttachmentFilename);
                    _x.Text(doc.AttachmentBase64);
                    _x.End();
                }
                if (doc.ExternalLocation is not null)
                {
                    _x.Start(Cac, "ExternalReference");
                    _x.Leaf(Cbc, "URI", doc.ExternalLocation);
                    _x.End();
                }
                _x.End();
            }
            _x.End();
        }
        if (_inv.InvoicedObjectIdentifier is { } objectId)
        {
            _x.Start(Cac, "AdditionalDocumentReference");
            _x.Id(Cbc, "ID", objectId);
            _x.Leaf(Cbc, "DocumentTypeCode", "130");
            _x.End();
        }
        if (_creditNote && _inv.ProjectReference is not null)
        {
            // A UBL credit note has no cac:ProjectReference: the binding uses a document reference of type 50.
            _x.Start(Cac, "AdditionalDocumentReference");
            _x.Leaf(Cbc, "ID", _inv.ProjectReference);
            _x.Leaf(Cbc, "DocumentTypeCode", "50");
            _x.End();
        }
    }

    private void WriteParty(Party party, Role role)
    {
        _x.Start(Cac, role switch { Role.Payee => "PayeeParty", Role.TaxRepresentative => "TaxRepresentativeParty", _ => "Party" });
        _x.Id(Cbc, "EndpointID", party.ElectronicAddress);
        foreach (var id in party.Identifiers)
        {
            _x.Start(Cac, "PartyIdentification");
            _x.Id(Cbc, "ID", id);
            _x.End();
        }
        // BT-90 goes with the payee when there is one, else with the seller.
        if (_inv.BankAssignedCreditorIdentifier is { } creditor
            && ((role == Role.Payee) || (role == Role.Seller && _inv.Payee is null)))
        {
            _x.Start(Cac, "PartyIdentification");
            _x.Leaf(Cbc, "ID", creditor, "schemeID", "SEPA");
            _x.End();
        }
        var partyName = role is Role.Payee or Role.TaxRepresentative ? party.Name : party.TradingName;
        if (partyName is not null)
        {
            _x.Start(Cac, "PartyName");
            _x.Leaf(Cbc, "Name", partyName);
            _x.End();
        }
        if (party.Address is not null)
        {
            WriteAddress("PostalAddress", party.Address);
        }
        TaxScheme(party.VatIdentifier, "VAT");
        TaxScheme(party.TaxRegistrationIdentifier, "FC");
        var legalName = role is Role.Seller or Role.Buyer ? party.Name : null;
        var legalInfo = role == Role.Seller ? party.AdditionalLegalInformation : null;
        if (role != Role.TaxRepresentative && (legalName is not null || party.LegalRegistrationId is not null || legalInfo is not null))
        {
            _x.Start(Cac, "PartyLegalEntity");
            _x.Leaf(Cbc, "RegistrationName", legalName);
            _x.Id(Cbc, "CompanyID", party.LegalRegistrationId);
            _x.Leaf(Cbc, "CompanyLegalForm", legalInfo);
            _x.End();
        }
        if (party.Contact is { } contact)
        {
            _x.Start(Cac, "Contact");
            _x.Leaf(Cbc, "Name", contact.Name);
            _x.Leaf(Cbc, "Telephone", contact.Telephone);
            _x.Leaf(Cbc, "ElectronicMail", contact.Email);
            _x.End();
        }
        _x.End();
    }

    private void TaxScheme(string? companyId, string scheme)
    {
        if (companyId is null)
        {
            return;
        }
        _x.Start(Cac, "PartyTaxScheme");
        _x.Leaf(Cbc, "CompanyID", companyId);
        _x.Start(Cac, "TaxScheme");
        _x.Leaf(Cbc, "ID", scheme);
        _x.End();
        _x.End();
    }

    private void VatScheme()
    {
        _x.Start(Cac, "TaxScheme");
        _x.Leaf(Cbc, "ID", "VAT");
        _x.End();
    }

    private void WriteAddress(string element, Address address)
    {
        _x.Start(Cac, element);
        _x.Leaf(Cbc, "StreetName", address.Line1);
        _x.Leaf(Cbc, "AdditionalStreetName", address.Line2);
        _x.Leaf(Cbc, "CityName", address.City);
        _x.Leaf(Cbc, "PostalZone", address.PostCode);
        _x.Leaf(Cbc, "CountrySubentity", address.Subdivision);
        if (address.Line3 is not null)
        {
            _x.Start(Cac, "AddressLine");
            _x.Leaf(Cbc, "Line", address.Line3);
            _x.End();
        }
        if (address.CountryCode is not null)
        {
            _x.Start(Cac, "Country");
            _x.Leaf(Cbc, "IdentificationCode", address.CountryCode);
            _x.End();
        }
        _x.End();
    }

    private void WriteDelivery()
    {
        if (_inv.Delivery is not { } delivery)
        {
            return;
        }
        _x.Start(Cac, "Delivery");
        _x.Leaf(Cbc, "ActualDeliveryDate", XmlOut.IsoDate(delivery.ActualDeliveryDate));
        if (delivery.LocationIdentifier is not null || delivery.Address is not null)
        {
            _x.Start(Cac, "DeliveryLocation");
            _x.Id(Cbc, "ID", delivery.LocationIdentifier);
            if (delivery.Address is not null)
            {
                WriteAddress("Address", delivery.Address);
            }
            _x.End();
        }
        if (delivery.PartyName is not null)
        {
            _x.Start(Cac, "DeliveryParty");
            _x.Start(Cac, "PartyName");
            _x.Leaf(Cbc, "Name", delivery.PartyName);
            _x.End();
            _x.End();
        }
        _x.End();
    }

    private void WritePaymentMeans()
    {
        // BT-89 sits in one payment mandate: the direct debit means (49, 59), else the one naming a debited account, else the first.
        var mandateHolder = _inv.MandateReference is null ? null
            : _inv.PaymentMeans.FirstOrDefault(m => m.TypeCode is "49" or "59")
              ?? _inv.PaymentMeans.FirstOrDefault(m => m.DebitedAccountIdentifier is not null)
              ?? _inv.PaymentMeans.FirstOrDefault();
        foreach (var means in _inv.PaymentMeans)
        {
            _x.Start(Cac, "PaymentMeans");
            _x.Leaf(Cbc, "PaymentMeansCode", means.TypeCode ?? "", "name", means.TypeText);
            if (_creditNote)
            {
                _x.Leaf(Cbc, "PaymentDueDate", XmlOut.IsoDate(_inv.PaymentDueDate));
            }
            _x.Leaf(Cbc, "PaymentID", _inv.RemittanceInformation);
            if (means.Card is { } card)
            {
                _x.Start(Cac, "CardAccount");
                _x.Leaf(Cbc, "PrimaryAccountNumberID", card.PrimaryAccountNumber ?? "");
                // cbc:NetworkID is mandatory in UBL but not an EN 16931 term; "NA" is the conventional filler.
                _x.Leaf(Cbc, "NetworkID", "NA");
                _x.Leaf(Cbc, "HolderName", card.HolderName);
                _x.End();
            }
            if (means.CreditTransfer is { } transfer)
            {
                _x.Start(Cac, "PayeeFinancialAccount");
                _x.Leaf(Cbc, "ID", transfer.AccountIdentifier ?? "");
                _x.Leaf(Cbc, "Name", transfer.AccountName);
                if (transfer.ServiceProviderIdentifier is not null)
                {
                    _x.Start(Cac, "FinancialInstitutionBranch");
                    _x.Leaf(Cbc, "ID", transfer.ServiceProviderIdentifier);
                    _x.End();
                }
                _x.End();
            }
            var mandate = ReferenceEquals(means, mandateHolder) ? _inv.MandateReference : null;
            if (mandate is not null || means.DebitedAccountIdentifier is not null)
            {
                _x.Start(Cac, "PaymentMandate");
                _x.Leaf(Cbc, "ID", mandate);
                if (means.DebitedAccountIdentifier is not null)
                {
                    _x.Start(Cac, "PayerFinancialAccount");
                    _x.Leaf(Cbc, "ID", means.DebitedAccountIdentifier);
                    _x.End();
                }
                _x.End();
            }
            _x.End();
        }
    }

    /// <summary>Opens a cac:AllowanceCharge and writes its common part; the caller adds what follows cbc:BaseAmount and closes it.</summary>
    private void WriteAllowanceCharge(bool isCharge, string? reasonCode, string? reason, decimal? percentage, decimal? amount, decimal? baseAmount)
    {
        _x.Start(Cac, "AllowanceCharge");
        _x.Leaf(Cbc, "ChargeIndicator", isCharge ? "true" : "false");
        _x.Leaf(Cbc, "AllowanceChargeReasonCode", reasonCode);
        _x.Leaf(Cbc, "AllowanceChargeReason", reason);
        _x.Leaf(Cbc, "MultiplierFactorNumeric", percentage);
        _x.Leaf(Cbc, "Amount", XmlOut.Format(amount) ?? "", "currencyID", _currency);
        _x.Leaf(Cbc, "BaseAmount", baseAmount, "currencyID", _currency);
    }

    private void WriteTaxTotals()
    {
        var t = _inv.Totals;
        if (t.VatTotal is not null || _inv.VatBreakdown.Count > 0)
        {
            _x.Start(Cac, "TaxTotal");
            // cbc:TaxAmount is mandatory in cac:TaxTotal; without BT-110 it is the sum of the breakdown's BT-117, as BR-CO-14 demands.
            var vatTotal = t.VatTotal ?? _inv.VatBreakdown.Sum(v => v.TaxAmount ?? 0m);
            _x.Leaf(Cbc, "TaxAmount", vatTotal, "currencyID", _currency);
            foreach (var vat in _inv.VatBreakdown)
            {
                _x.Start(Cac, "TaxSubtotal");
                _x.Leaf(Cbc, "TaxableAmount", vat.TaxableAmount, "currencyID", _currency);
                _x.Leaf(Cbc, "TaxAmount", XmlOut.Format(vat.TaxAmount) ?? "", "currencyID", _currency);
                _x.Start(Cac, "TaxCategory");
                _x.Leaf(Cbc, "ID", vat.CategoryCode);
                _x.Leaf(Cbc, "Percent", vat.Rate);
                _x.Leaf(Cbc, "TaxExemptionReasonCode", vat.ExemptionReasonCode);
                _x.Leaf(Cbc, "TaxExemptionReason", vat.ExemptionReason);
                VatScheme();
                _x.End();
                _x.End();
            }
            _x.End();
        }
        if (t.VatTotalInAccountingCurrency is not null)
        {
            _x.Start(Cac, "TaxTotal");
            _x.Leaf(Cbc, "TaxAmount", t.VatTotalInAccountingCurrency, "currencyID", _inv.VatAccountingCurrencyCode ?? "");
            _x.End();
        }
    }

    private void WriteMonetaryTotal()
    {
        var t = _inv.Totals;
        _x.Start(Cac, "LegalMonetaryTotal");
        _x.Leaf(Cbc, "LineExtensionAmount", t.LineNetTotal, "currencyID", _currency);
        _x.Leaf(Cbc, "TaxExclusiveAmount", t.TaxExclusiveAmount, "currencyID", _currency);
        _x.Leaf(Cbc, "TaxInclusiveAmount", t.TaxInclusiveAmount, "currencyID", _currency);
        _x.Leaf(Cbc, "AllowanceTotalAmount", t.AllowanceTotal, "currencyID", _currency);
        _x.Leaf(Cbc, "ChargeTotalAmount", t.ChargeTotal, "currencyID", _currency);
        _x.Leaf(Cbc, "PrepaidAmount", t.PrepaidAmount, "currencyID", _currency);
        _x.Leaf(Cbc, "PayableRoundingAmount", t.RoundingAmount, "currencyID", _currency);
        _x.Leaf(Cbc, "PayableAmount", XmlOut.Format(t.PayableAmount) ?? "", "currencyID", _currency);
        _x.End();
    }

    private void WriteLine(InvoiceLine line)
    {
        _x.Start(Cac, _creditNote ? "CreditNoteLine" : "InvoiceLine");
        _x.Leaf(Cbc, "ID", line.Id ?? "");
        _x.Leaf(Cbc, "Note", line.Note);
        _x.Quantity(Cbc, _creditNote ? "CreditedQuantity" : "InvoicedQuantity", line.Quantity, line.QuantityUnitCode);
        _x.Leaf(Cbc, "LineExtensionAmount", XmlOut.Format(line.NetAmount) ?? "", "currencyID", _currency);
        _x.Leaf(Cbc, "AccountingCost", line.BuyerAccountingReference);
        if (line.Period is { } period)
        {
            _x.Start(Cac, "InvoicePeriod");
            _x.Leaf(Cbc, "StartDate", XmlOut.IsoDate(period.StartDate));
            _x.Leaf(Cbc, "EndDate", XmlOut.IsoDate(period.EndDate));
            _x.End();
        }
        if (line.OrderLineReference is not null)
        {
            _x.Start(Cac, "OrderLineReference");
            _x.Leaf(Cbc, "LineID", line.OrderLineReference);
            _x.End();
        }
        if (line.ObjectIdentifier is { } objectId)
        {
            _x.Start(Cac, "DocumentReference");
            _x.Id(Cbc, "ID", objectId);
            _x.Leaf(Cbc, "DocumentTypeCode", "130");
            _x.End();
        }
        foreach (var ac in line.AllowanceCharges)
        {
            WriteAllowanceCharge(ac.IsCharge, ac.ReasonCode, ac.Reason, ac.Percentage, ac.Amount, ac.BaseAmount);
            _x.End();
        }
        WriteItem(line);
        WritePrice(line.Price);
        _x.End();
    }

    private void WriteItem(InvoiceLine line)
    {
        var item = line.Item;
        _x.Start(Cac, "Item");
        _x.Leaf(Cbc, "Description", item.Description);
        _x.Leaf(Cbc, "Name", item.Name);
        ItemIdentification("BuyersItemIdentification", item.BuyerId is null ? null : new Identifier(item.BuyerId));
        ItemIdentification("SellersItemIdentification", item.SellerId is null ? null : new Identifier(item.SellerId));
        ItemIdentification("StandardItemIdentification", item.StandardId);
        if (item.OriginCountryCode is not null)
        {
            _x.Start(Cac, "OriginCountry");
            _x.Leaf(Cbc, "IdentificationCode", item.OriginCountryCode);
            _x.End();
        }
        foreach (var classification in item.Classifications)
        {
            _x.Start(Cac, "CommodityClassification");
            _x.Start(Cbc, "ItemClassificationCode");
            _x.Attr("listID", classification.SchemeId);
            _x.Attr("listVersionID", classification.SchemeVersion);
            _x.Text(classification.Code);
            _x.End();
            _x.End();
        }
        _x.Start(Cac, "ClassifiedTaxCategory");
        _x.Leaf(Cbc, "ID", line.VatCategoryCode);
        _x.Leaf(Cbc, "Percent", line.VatRate);
        VatScheme();
        _x.End();
        foreach (var attribute in item.Attributes)
        {
            _x.Start(Cac, "AdditionalItemProperty");
            _x.Leaf(Cbc, "Name", attribute.Name ?? "");
            _x.Leaf(Cbc, "Value", attribute.Value);
            _x.End();
        }
        _x.End();
    }

    private void ItemIdentification(string element, Identifier? id)
    {
        if (id?.Value is null && id?.SchemeId is null)
        {
            return;
        }
        _x.Start(Cac, element);
        _x.Id(Cbc, "ID", id);
        _x.End();
    }

    private void WritePrice(PriceDetails price)
    {
        _x.Start(Cac, "Price");
        _x.Leaf(Cbc, "PriceAmount", XmlOut.Format(price.NetPrice) ?? "", "currencyID", _currency);
        _x.Quantity(Cbc, "BaseQuantity", price.BaseQuantity, price.BaseQuantityUnitCode);
        if (price.Discount is not null || price.GrossPrice is not null)
        {
            _x.Start(Cac, "AllowanceCharge");
            _x.Leaf(Cbc, "ChargeIndicator", "false");
            // cbc:Amount is mandatory in UBL; without BT-147 the discount is the one implied by BT-148 - BT-146.
            var discount = price.Discount ?? (price.GrossPrice - price.NetPrice) ?? 0m;
            _x.Leaf(Cbc, "Amount", discount, "currencyID", _currency);
            _x.Leaf(Cbc, "BaseAmount", price.GrossPrice, "currencyID", _currency);
            _x.End();
        }
        _x.End();
    }
}
