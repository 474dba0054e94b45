using Portique.Formats.Model;
using Portique.Formats.Xml;

namespace Portique.Formats.Cii;

/// <summary>Writes the model as a CII D16B CrossIndustryInvoice following the EN 16931 CII syntax binding, in schema order.</summary>
internal sealed class CiiWriter
{
    private const string Rsm = "rsm";
    private const string Ram = "ram";
    private const string Udt = "udt";
    private const string Qdt = "qdt";

    private readonly Invoice _inv;
    private readonly XmlOut _x;

    private CiiWriter(Invoice invoice, XmlOut output)
    {
        _inv = invoice;
        _x = output;
    }

    public static byte[] Write(Invoice invoice)
    {
        using var output = new XmlOut(new Dictionary<string, string>
        {
            [Rsm] = InvoiceXml.CiiNamespace,
            [Qdt] = "urn:un:unece:uncefact:data:standard:QualifiedDataType:100",
            [Ram] = "urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100",
            [Udt] = "urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100",
        });
        new CiiWriter(invoice, output).WriteDocument();
        return output.ToArray();
    }

    private void WriteDocument()
    {
        var inv = _inv;
        _x.Root(Rsm, "CrossIndustryInvoice");
        _x.Start(Rsm, "ExchangedDocumentContext");
        ContextParameter("BusinessProcessSpecifiedDocumentContextParameter", inv.BusinessProcessType);
        ContextParameter("GuidelineSpecifiedDocumentContextParameter", inv.SpecificationIdentifier);
        _x.End();

        _x.Start(Rsm, "ExchangedDocument");
        _x.Leaf(Ram, "ID", inv.Number ?? "");
        _x.Leaf(Ram, "TypeCode", inv.TypeCode);
        DateTime(Ram, "IssueDateTime", inv.IssueDate, always: true);
        foreach (var note in inv.Notes)
        {
            _x.Start(Ram, "IncludedNote");
            _x.Leaf(Ram, "Content", note.Text ?? "");
            _x.Leaf(Ram, "SubjectCode", note.SubjectCode);
            _x.End();
        }
        _x.End();

        _x.Start(Rsm, "SupplyChainTradeTransaction");
        foreach (var line in inv.Lines)
        {
            WriteLine(line);
        }
        WriteAgreement();
        WriteDelivery();
        WriteSettlement();
        _x.End();
        _x.End();
    }

    private void ContextParameter(string element, string? id)
    {
        if (id is null)
        {
            return;
        }
        _x.Start(Ram, element);
        _x.Leaf(Ram, "ID", id);
        _x.End();
    }

    /// <summary>A date as element / udt:DateTimeString format 102.</summary>
    private void DateTime(string prefix, string element, DateOnly? date, bool always = false, string stringPrefix = Udt)
    {
        if (date is null && !always)
        {
            return;
        }
        _x.Start(prefix, element);
        _x.Leaf(stringPrefix, "DateTimeString", XmlOut.Date102(date) ?? "", "format", "102");
        _x.End();
    }

    private void ReferencedDocument(string element, string? id)
    {
        if (id is null)
        {
            return;
        }
        _x.Start(Ram, element);
        _x.Leaf(Ram, "IssuerAssignedID", id);
        _x.End();
    }

    private void WriteAgreement()
    {
        var inv = _inv;
        _x.Start(Ram, "ApplicableHeaderTradeAgreement");
        _x.Leaf(Ram, "BuyerReference", inv.BuyerReference);
        WriteParty("SellerTradeParty", inv.Seller);
        WriteParty("BuyerTradeParty", inv.Buyer);
        if (inv.SellerTaxRepresentative is not null)
        {
            WriteParty("SellerTaxRepresentativeTradeParty", inv.SellerTaxRepresentative);
        }
        ReferencedDocument("SellerOrderReferencedDocument", inv.SalesOrderReference);
        ReferencedDocument("BuyerOrderReferencedDocument", inv.PurchaseOrderReference);
        ReferencedDocument("ContractReferencedDocument", inv.ContractReference);
        foreach (var doc in inv.SupportingDocuments)
        {
            _x.Start(Ram, "AdditionalReferencedDocument");
            _x.Leaf(Ram, "IssuerAssignedID", doc.Reference ?? "");
            _x.Leaf(Ram, "URIID", doc.ExternalLocation);
            _x.Leaf(Ram, "TypeCode", "916");
            _x.Leaf(Ram, "Name", doc.Description);
            if (doc.AttachmentBase64 is not null || doc.AttachmentMimeCode is not null || doc.AttachmentFilename is not null)
            {
                _x.Start(Ram, "AttachmentBinaryObject");
                _x.Attr("mimeCode", doc.AttachmentMimeCode ?? "");
                _x.Attr("filename", doc.AttachmentFilename ?? "");
                _x.Text(doc.AttachmentBase64);
                _x.End();
            }
            _x.End();
        }
        if (inv.TenderOrLotReference is not null)
        {
            _x.Start(Ram, "AdditionalReferencedDocument");
            _x.Leaf(Ram, "IssuerAssignedID", inv.TenderOrLotReference);
            _x.Leaf(Ram, "TypeCode", "50");
            _x.End();
        }
        if (inv.InvoicedObjectIdentifier is { } objectId)
        {
            _x.Start(Ram, "AdditionalReferencedDocument");
            _x.Leaf(Ram, "IssuerAssignedID", objectId.Value ?? "");
            _x.Leaf(Ram, "TypeCode", "130");
            _x.Leaf(Ram, "ReferenceTypeCode", objectId.SchemeId);
            _x.End();
        }
        if (inv.ProjectReference is not null)
        {
            _x.Start(Ram, "SpecifiedProcuringProject");
            _x.Leaf(Ram, "ID", inv.ProjectReference);
            // ram:Name is mandatory in CII; the binding's examples use this label.
            _x.Leaf(Ram, "Name", "Project reference");
            _x.End();
        }
        _x.End();
    }

    private void WriteParty(string element, Party party)
    {
        _x.Start(Ram, element);
        // The schema wants every ram:ID before the ram:GlobalID (identifiers with a scheme).
        foreach (var id in party.Identifiers)
        {
            if (id.SchemeId is null)
            {
                _x.Leaf(Ram, "ID", id.Value);
            }
        }
        foreach (var id in party.Identifiers)
        {
            if (id.SchemeId is not null)
            {
                _x.Id(Ram, "GlobalID", id);
            }
        }
        _x.Leaf(Ram, "Name", party.Name);
        _x.Leaf(Ram, "Description", party.AdditionalLegalInformation);
        if (party.LegalRegistrationId is not null || party.TradingName is not null)
        {
            _x.Start(Ram, "SpecifiedLegalOrganization");
            _x.Id(Ram, "ID", party.LegalRegistrationId);
            _x.Leaf(Ram, "TradingBusinessName", party.TradingName);
            _x.End();
        }
        if (party.Contact is { } contact)
        {
            _x.Start(Ram, "DefinedTradeContact");
            _x.Leaf(Ram, "PersonName", contact.Name);
            if (contact.Telephone is not null)
            {
                _x.Start(Ram, "TelephoneUniversalCommunication");
                _x.Leaf(Ram, "CompleteNumber", contact.Telephone);
                _x.End();
            }
            if (contact.Email is not null)
            {
                _x.Start(Ram, "EmailURIUniversalCommunication");
                _x.Leaf(Ram, "URIID", contact.Email);
                _x.End();
            }
            _x.End();
        }
        if (party.Address is not null)
        {
            WriteAddress(party.Address);
        }
        if (party.ElectronicAddress is not null)
        {
            _x.Start(Ram, "URIUniversalCommunication");
            _x.Id(Ram, "URIID", party.ElectronicAddress);
            _x.End();
        }
        TaxRegistration(party.VatIdentifier, "VA");
        TaxRegistration(party.TaxRegistrationIdentifier, "FC");
        _x.End();
    }

    private void TaxRegistration(string? id, string scheme)
    {
        if (id is null)
        {
            return;
        }
        _x.Start(Ram, "SpecifiedTaxRegistration");
        _x.Leaf(Ram, "ID", id, "schemeID", scheme);
        _x.End();
    }

    private void WriteAddress(Address address)
    {
        _x.Start(Ram, "PostalTradeAddress");
        _x.Leaf(Ram, "PostcodeCode", address.PostCode);
        _x.Leaf(Ram, "LineOne", address.Line1);
        _x.Leaf(Ram, "LineTwo", address.Line2);
        _x.Leaf(Ram, "LineThree", address.Line3);
        _x.Leaf(Ram, "CityName", address.City);
        _x.Leaf(Ram, "CountryID", address.CountryCode);
        _x.Leaf(Ram, "CountrySubDivisionName", address.Subdivision);
        _x.End();
    }

    private void WriteDelivery()
    {
        var inv = _inv;
        _x.Start(Ram, "ApplicableHeaderTradeDelivery");
        if (inv.Delivery is { } delivery)
        {
            if (delivery.PartyName is not null || delivery.LocationIdentifier is not null || delivery.Address is not null)
            {
                _x.Start(Ram, "ShipToTradeParty");
                if (delivery.LocationIdentifier is { } location)
                {
                    _x.Id(Ram, location.SchemeId is null ? "ID" : "GlobalID", location);
                }
                _x.Leaf(Ram, "Name", delivery.PartyName);
                if (delivery.Address is not null)
                {
                    WriteAddress(delivery.Address);
                }
                _x.End();
            }
            if (delivery.ActualDeliveryDate is not null)
            {
                _x.Start(Ram, "ActualDeliverySupplyChainEvent");
                DateTime(Ram, "OccurrenceDateTime", delivery.ActualDeliveryDate);
                _x.End();
            }
        }
        ReferencedDocument("DespatchAdviceReferencedDocument", inv.DespatchAdviceReference);
        ReferencedDocument("ReceivingAdviceReferencedDocument", inv.ReceivingAdviceReference);
        _x.End();
    }

    private void WriteSettlement()
    {
        var inv = _inv;
        var t = inv.Totals;
        _x.Start(Ram, "ApplicableHeaderTradeSettlement");
        _x.Leaf(Ram, "CreditorReferenceID", inv.BankAssignedCreditorIdentifier);
        _x.Leaf(Ram, "PaymentReference", inv.RemittanceInformation);
        _x.Leaf(Ram, "TaxCurrencyCode", inv.VatAccountingCurrencyCode);
        _x.Leaf(Ram, "InvoiceCurrencyCode", inv.CurrencyCode);
        if (inv.Payee is not null)
        {
            WriteParty("PayeeTradeParty", inv.Payee);
        }
        foreach (var means in inv.PaymentMeans)
        {
            WritePaymentMeans(means);
        }
        var taxPointWritten = false;
        foreach (var vat in inv.VatBreakdown)
        {
            _x.Start(Ram, "ApplicableTradeTax");
            _x.Leaf(Ram, "CalculatedAmount", vat.TaxAmount);
            _x.Leaf(Ram, "TypeCode", "VAT");
            _x.Leaf(Ram, "ExemptionReason", vat.ExemptionReason);
            _x.Leaf(Ram, "BasisAmount", vat.TaxableAmount);
            _x.Leaf(Ram, "CategoryCode", vat.CategoryCode);
            _x.Leaf(Ram, "ExemptionReasonCode", vat.ExemptionReasonCode);
            // BT-7 is one date for the document: CII carries it in the first VAT breakdown only (CII-SR-461).
            if (inv.VatPointDate is not null && !taxPointWritten)
            {
                taxPointWritten = true;
                _x.Start(Ram, "TaxPointDate");
                _x.Leaf(Udt, "DateString", XmlOut.Date102(inv.VatPointDate), "format", "102");
                _x.End();
            }
            _x.Leaf(Ram, "DueDateTypeCode", inv.VatPointDateCode);
            _x.Leaf(Ram, "RateApplicablePercent", vat.Rate);
            _x.End();
        }
        if (inv.InvoicingPeriod is { } period)
        {
            WritePeriod(period);
        }
        foreach (var ac in inv.AllowanceCharges)
        {
            AllowanceChargeStart(ac.IsCharge, ac.Percentage, ac.BaseAmount, ac.Amount, ac.ReasonCode, ac.Reason);
            _x.Start(Ram, "CategoryTradeTax");
            _x.Leaf(Ram, "TypeCode", "VAT");
            _x.Leaf(Ram, "CategoryCode", ac.VatCategoryCode);
            _x.Leaf(Ram, "RateApplicablePercent", ac.VatRate);
            _x.End();
            _x.End();
        }
        if (inv.PaymentTerms is not null || inv.PaymentDueDate is not null || inv.MandateReference is not null)
        {
            _x.Start(Ram, "SpecifiedTradePaymentTerms");
            _x.Leaf(Ram, "Description", inv.PaymentTerms);
            DateTime(Ram, "DueDateDateTime", inv.PaymentDueDate);
            _x.Leaf(Ram, "DirectDebitMandateID", inv.MandateReference);
            _x.End();
        }
        _x.Start(Ram, "SpecifiedTradeSettlementHeaderMonetarySummation");
        _x.Leaf(Ram, "LineTotalAmount", t.LineNetTotal);
        _x.Leaf(Ram, "ChargeTotalAmount", t.ChargeTotal);
        _x.Leaf(Ram, "AllowanceTotalAmount", t.AllowanceTotal);
        _x.Leaf(Ram, "TaxBasisTotalAmount", t.TaxExclusiveAmount);
        _x.Leaf(Ram, "TaxTotalAmount", t.VatTotal, "currencyID", inv.CurrencyCode);
        _x.Leaf(Ram, "TaxTotalAmount", t.VatTotalInAccountingCurrency, "currencyID", inv.VatAccountingCurrencyCode);
        _x.Leaf(Ram, "RoundingAmount", t.RoundingAmount);
        _x.Leaf(Ram, "GrandTotalAmount", t.TaxInclusiveAmount);
        _x.Leaf(Ram, "TotalPrepaidAmount", t.PrepaidAmount);
        _x.Leaf(Ram, "DuePayableAmount", t.PayableAmount);
        _x.End();
        // CII D16B allows one preceding invoice reference only; further BG-3 entries have no place in this syntax.
        if (inv.PrecedingInvoices.Count > 0)
        {
            var preceding = inv.PrecedingInvoices[0];
            _x.Start(Ram, "InvoiceReferencedDocument");
            _x.Leaf(Ram, "IssuerAssignedID", preceding.Number ?? "");
            DateTime(Ram, "FormattedIssueDateTime", preceding.IssueDate, stringPrefix: Qdt);
            _x.End();
        }
        if (inv.BuyerAccountingReference is not null)
        {
            _x.Start(Ram, "ReceivableSpecifiedTradeAccountingAccount");
            _x.Leaf(Ram, "ID", inv.BuyerAccountingReference);
            _x.End();
        }
        _x.End();
    }

    private void WritePaymentMeans(PaymentMeans means)
    {
        _x.Start(Ram, "SpecifiedTradeSettlementPaymentMeans");
        _x.Leaf(Ram, "TypeCode", means.TypeCode ?? "");
        _x.Leaf(Ram, "Information", means.TypeText);
        if (means.Card is { } card)
        {
            _x.Start(Ram, "ApplicableTradeSettlementFinancialCard");
            _x.Leaf(Ram, "ID", card.PrimaryAccountNumber ?? "");
            _x.Leaf(Ram, "CardholderName", card.HolderName);
            _x.End();
        }
        if (means.DebitedAccountIdentifier is not null)
        {
            _x.Start(Ram, "PayerPartyDebtorFinancialAccount");
            _x.Leaf(Ram, "IBANID", means.DebitedAccountIdentifier);
            _x.End();
        }
        if (means.CreditTransfer is { } transfer)
        {
            if (transfer.AccountIdentifier is not null || transfer.AccountName is not null)
            {
                _x.Start(Ram, "PayeePartyCreditorFinancialAccount");
                // The binding puts an IBAN in ram:IBANID and any other account number in ram:ProprietaryID.
                var isIban = transfer.AccountIdentifier is { } account && LooksLikeIban(account);
                _x.Leaf(Ram, "IBANID", isIban ? transfer.AccountIdentifier : null);
                _x.Leaf(Ram, "AccountName", transfer.AccountName);
                _x.Leaf(Ram, "ProprietaryID", isIban ? null : transfer.AccountIdentifier);
                _x.End();
            }
            if (transfer.ServiceProviderIdentifier is not null)
            {
                _x.Start(Ram, "PayeeSpecifiedCreditorFinancialInstitution");
                _x.Leaf(Ram, "BICID", transfer.ServiceProviderIdentifier);
                _x.End();
            }
        }
        _x.End();
    }

    /// <summary>Two letters, two check digits, then letters and digits: the shape of an IBAN (no checksum test: the value is kept as written).</summary>
    internal static bool LooksLikeIban(string account)
    {
        var s = account.Replace(" ", "", StringComparison.Ordinal);
        if (s.Length < 15 || s.Length > 34 || !char.IsAsciiLetterUpper(s[0]) || !char.IsAsciiLetterUpper(s[1])
            || !char.IsAsciiDigit(s[2]) || !char.IsAsciiDigit(s[3]))
        {
            return false;
        }
        foreach (var ch in s)
        {
            if (!char.IsAsciiLetterOrDigit(ch))
            {
                return false;
            }
        }
        return true;
    }

    private void WritePeriod(Period period)
    {
        _x.Start(Ram, "BillingSpecifiedPeriod");
        DateTime(Ram, "StartDateTime", period.StartDate);
        DateTime(Ram, "EndDateTime", period.EndDate);
        _x.End();
    }

    /// <summary>Opens a ram:SpecifiedTradeAllowanceCharge and writes its common part; the caller closes it.</summary>
    private void AllowanceChargeStart(bool isCharge, decimal? percentage, decimal? baseAmount, decimal? amount, string? reasonCode, string? reason)
    {
        _x.Start(Ram, "SpecifiedTradeAllowanceCharge");
        _x.Start(Ram, "ChargeIndicator");
        _x.Leaf(Udt, "Indicator", isCharge ? "true" : "false");
        _x.End();
        _x.Leaf(Ram, "CalculationPercent", percentage);
        _x.Leaf(Ram, "BasisAmount", baseAmount);
        _x.Leaf(Ram, "ActualAmount", amount);
        _x.Leaf(Ram, "ReasonCode", reasonCode);
        _x.Leaf(Ram, "Reason", reason);
    }

    private void WriteLine(InvoiceLine line)
    {
        _x.Start(Ram, "IncludedSupplyChainTradeLineItem");
        _x.Start(Ram, "AssociatedDocumentLineDocument");
        _x.Leaf(Ram, "LineID", line.Id ?? "");
        _x.Leaf(Ram, "ParentLineID", line.ParentLineId);
        _x.Leaf(Ram, "LineStatusReasonCode", line.LineStatusReasonCode);
        if (line.Note is not null)
        {
            _x.Start(Ram, "IncludedNote");
            _x.Leaf(Ram, "Content", line.Note);
            _x.End();
        }
        _x.End();

        var item = line.Item;
        _x.Start(Ram, "SpecifiedTradeProduct");
        _x.Id(Ram, "GlobalID", item.StandardId);
        _x.Leaf(Ram, "SellerAssignedID", item.SellerId);
        _x.Leaf(Ram, "BuyerAssignedID", item.BuyerId);
        _x.Leaf(Ram, "Name", item.Name);
        _x.Leaf(Ram, "Description", item.Description);
        foreach (var attribute in item.Attributes)
        {
            _x.Start(Ram, "ApplicableProductCharacteristic");
            _x.Leaf(Ram, "Description", attribute.Name ?? "");
            _x.Leaf(Ram, "Value", attribute.Value ?? "");
            _x.End();
        }
        foreach (var classification in item.Classifications)
        {
            _x.Start(Ram, "DesignatedProductClassification");
            _x.Start(Ram, "ClassCode");
            _x.Attr("listID", classification.SchemeId);
            _x.Attr("listVersionID", classification.SchemeVersion);
            _x.Text(classification.Code);
            _x.End();
            _x.End();
        }
        if (item.OriginCountryCode is not null)
        {
            _x.Start(Ram, "OriginTradeCountry");
            _x.Leaf(Ram, "ID", item.OriginCountryCode);
            _x.End();
        }
        _x.End();

        var price = line.Price;
        _x.Start(Ram, "SpecifiedLineTradeAgreement");
        if (line.OrderLineReference is not null)
        {
            _x.Start(Ram, "BuyerOrderReferencedDocument");
            _x.Leaf(Ram, "LineID", line.OrderLineReference);
            _x.End();
        }
        if (price.GrossPrice is not null || price.Discount is not null)
        {
            _x.Start(Ram, "GrossPriceProductTradePrice");
            // ram:ChargeAmount is mandatory; without BT-148 the gross price is the one implied by BT-146 + BT-147.
            _x.Leaf(Ram, "ChargeAmount", price.GrossPrice ?? (price.NetPrice + price.Discount));
            _x.Quantity(Ram, "BasisQuantity", price.BaseQuantity, price.BaseQuantityUnitCode);
            if (price.Discount is not null)
            {
                _x.Start(Ram, "AppliedTradeAllowanceCharge");
                _x.Start(Ram, "ChargeIndicator");
                _x.Leaf(Udt, "Indicator", "false");
                _x.End();
                _x.Leaf(Ram, "ActualAmount", price.Discount);
                _x.End();
            }
            _x.End();
        }
        _x.Start(Ram, "NetPriceProductTradePrice");
        _x.Leaf(Ram, "ChargeAmount", XmlOut.Format(price.NetPrice) ?? "");
        _x.Quantity(Ram, "BasisQuantity", price.BaseQuantity, price.BaseQuantityUnitCode);
        _x.End();
        _x.End();

        _x.Start(Ram, "SpecifiedLineTradeDelivery");
        _x.Quantity(Ram, "BilledQuantity", line.Quantity, line.QuantityUnitCode);
        _x.End();

        _x.Start(Ram, "SpecifiedLineTradeSettlement");
        _x.Start(Ram, "ApplicableTradeTax");
        _x.Leaf(Ram, "TypeCode", "VAT");
        _x.Leaf(Ram, "CategoryCode", line.VatCategoryCode);
        _x.Leaf(Ram, "RateApplicablePercent", line.VatRate);
        _x.End();
        if (line.Period is { } period)
        {
            WritePeriod(period);
        }
        foreach (var ac in line.AllowanceCharges)
        {
            AllowanceChargeStart(ac.IsCharge, ac.Percentage, ac.BaseAmount, ac.Amount, ac.ReasonCode, ac.Reason);
            _x.End();
        }
        _x.Start(Ram, "SpecifiedTradeSettlementLineMonetarySummation");
        _x.Leaf(Ram, "LineTotalAmount", XmlOut.Format(line.NetAmount) ?? "");
        _x.End();
        if (line.ObjectIdentifier is { } objectId)
        {
            _x.Start(Ram, "AdditionalReferencedDocument");
            _x.Leaf(Ram, "IssuerAssignedID", objectId.Value ?? "");
            _x.Leaf(Ram, "TypeCode", "130");
            _x.Leaf(Ram, "ReferenceTypeCode", objectId.SchemeId);
            _x.End();
        }
        if (line.BuyerAccountingReference is not null)
        {
            _x.Start(Ram, "ReceivableSpecifiedTradeAccountingAccount");
            _x.Leaf(Ram, "ID", line.BuyerAccountingReference);
            _x.End();
        }
        _x.End();
        _x.End();
    }
}
