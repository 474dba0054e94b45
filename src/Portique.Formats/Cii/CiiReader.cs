using Portique.Formats.Model;
using Portique.Formats.Xml;

namespace Portique.Formats.Cii;

/// <summary>
/// Maps a UN/CEFACT CII D16B CrossIndustryInvoice to the EN 16931 model in one streaming pass, following the EN 16931 CII syntax binding.
/// Factur-X / ZUGFeRD XML is CII too. Elements outside the binding are skipped.
/// </summary>
internal sealed class CiiReader
{
    private readonly XmlCursor _c;
    private readonly Invoice _inv = new() { SourceSyntax = InvoiceSyntax.Cii };

    private CiiReader(XmlCursor cursor) => _c = cursor;

    public static Invoice Read(XmlCursor cursor)
    {
        var reader = new CiiReader(cursor);
        reader.ReadRoot();
        return reader._inv;
    }

    private void ReadRoot()
    {
        var d = _c.Enter();
        while (_c.NextChild(d))
        {
            switch (_c.LocalName)
            {
                case "ExchangedDocumentContext": ReadContext(); break;
                case "ExchangedDocument": ReadDocument(); break;
                case "SupplyChainTradeTransaction": ReadTransaction(); break;
                default: _c.Skip(); break;
            }
        }
    }

    private void ReadContext()
    {
        var d = _c.Enter();
        while (_c.NextChild(d))
        {
            switch (_c.LocalName)
            {
                case "BusinessProcessSpecifiedDocumentContextParameter": _inv.BusinessProcessType = _c.ChildText("ID"); break;
                case "GuidelineSpecifiedDocumentContextParameter": _inv.SpecificationIdentifier = _c.ChildText("ID"); break;
                default: _c.Skip(); break;
            }
        }
    }

    private void ReadDocument()
    {
        var d = _c.Enter();
        while (_c.NextChild(d))
        {
            switch (_c.LocalName)
            {
                case "ID": _inv.Number = _c.Text(); break;
                case "TypeCode": _inv.TypeCode = _c.Text(); break;
                case "IssueDateTime": _inv.IssueDate = _c.CiiDate("BT-2"); break;
                case "IncludedNote": _inv.Notes.Add(ReadNote()); break;
                default: _c.Skip(); break;
            }
        }
    }

    private Note ReadNote()
    {
        var note = new Note();
        var d = _c.Enter();
        while (_c.NextChild(d))
        {
            switch (_c.LocalName)
            {
                case "Content": note.Text = note.Text is null ? _c.Text() : note.Text + "\n" + _c.Text(); break;
                case "SubjectCode": note.SubjectCode = _c.Text(); break;
                default: _c.Skip(); break;
            }
        }
        return note;
    }

    private void ReadTransaction()
    {
        var d = _c.Enter();
        while (_c.NextChild(d))
        {
            switch (_c.LocalName)
            {
                case "IncludedSupplyChainTradeLineItem": ReadLine(); break;
                case "ApplicableHeaderTradeAgreement": ReadAgreement(); break;
                case "ApplicableHeaderTradeDelivery": ReadDelivery(); break;
                case "ApplicableHeaderTradeSettlement": ReadSettlement(); break;
                default: _c.Skip(); break;
            }
        }
    }

    private void ReadAgreement()
    {
        var d = _c.Enter();
        while (_c.NextChild(d))
        {
            switch (_c.LocalName)
            {
                case "BuyerReference": _inv.BuyerReference = _c.Text(); break;
                case "SellerTradeParty": _inv.Seller = ReadParty(); break;
                case "BuyerTradeParty": _inv.Buyer = ReadParty(); break;
                case "SellerTaxRepresentativeTradeParty": _inv.SellerTaxRepresentative = ReadParty(); break;
                case "SellerOrderReferencedDocument": _inv.SalesOrderReference = _c.ChildText("IssuerAssignedID"); break;
                case "BuyerOrderReferencedDocument": _inv.PurchaseOrderReference = _c.ChildText("IssuerAssignedID"); break;
                case "ContractReferencedDocument": _inv.ContractReference = _c.ChildText("IssuerAssignedID"); break;
                case "AdditionalReferencedDocument": ReadAdditionalDocument(); break;
                case "SpecifiedProcuringProject": _inv.ProjectReference = _c.ChildText("ID"); break;
                default: _c.Skip(); break;
            }
        }
    }

    private void ReadAdditionalDocument()
    {
        var doc = new SupportingDocument();
        string? typeCode = null;
        string? referenceType = null;
        var d = _c.Enter();
        while (_c.NextChild(d))
        {
            switch (_c.LocalName)
            {
                case "IssuerAssignedID": doc.Reference = _c.Text(); break;
                case "URIID": doc.ExternalLocation = _c.Text(); break;
                case "TypeCode": typeCode = _c.Text(); break;
                case "Name": doc.Description = _c.Text(); break;
                case "AttachmentBinaryObject":
                    doc.AttachmentMimeCode = _c.Attribute("mimeCode");
                    doc.AttachmentFilename = _c.Attribute("filename");
                    doc.AttachmentBase64 = _c.Text();
                    break;
                case "ReferenceTypeCode": referenceType = _c.Text(); break;
                default: _c.Skip(); break;
            }
        }
        // TypeCode 50 is the tender or lot reference (BT-17), 130 the invoiced object identifier (BT-18); 916 and others are BG-24.
        switch (typeCode)
        {
            case "50": _inv.TenderOrLotReference = doc.Reference; break;
            case "130": _inv.InvoicedObjectIdentifier = new Identifier(doc.Reference, referenceType); break;
            default: _inv.SupportingDocuments.Add(doc); break;
        }
    }

    private Party ReadParty()
    {
        var party = new Party();
        var d = _c.Enter();
        while (_c.NextChild(d))
        {
            switch (_c.LocalName)
            {
                case "ID" or "GlobalID":
                    if (_c.Identifier() is { } id)
                    {
                        party.Identifiers.Add(id);
                    }
                    break;
                case "Name": party.Name = _c.Text(); break;
                case "Description": party.AdditionalLegalInformation = _c.Text(); break;
                case "SpecifiedLegalOrganization":
                    var d2 = _c.Enter();
                    while (_c.NextChild(d2))
                    {
                        switch (_c.LocalName)
                        {
                            case "ID": party.LegalRegistrationId = _c.Identifier(); break;
                            case "TradingBusinessName": party.TradingName = _c.Text(); break;
                            default: _c.Skip(); break;
                        }
                    }
                    break;
                case "DefinedTradeContact": party.Contact = XmlCursor.KeepFirst(party.Contact, ReadContact()); break;
                case "PostalTradeAddress": party.Address = ReadAddress(); break;
                case "URIUniversalCommunication": party.ElectronicAddress = _c.ChildIdentifier("URIID"); break;
                case "SpecifiedTaxRegistration":
                    var tax = _c.ChildIdentifier("ID");
                    if (tax?.SchemeId == "VA")
                    {
                        party.VatIdentifier = tax.Value;
                    }
                    else if (tax is not null)
                    {
                        party.TaxRegistrationIdentifier = tax.Value;
                    }
                    break;
                default: _c.Skip(); break;
            }
        }
        return party;
    }

    private Contact ReadContact()
    {
        var contact = new Contact();
        string? department = null;
        var d = _c.Enter();
        while (_c.NextChild(d))
        {
            switch (_c.LocalName)
            {
                case "PersonName": contact.Name = _c.Text(); break;
                case "DepartmentName": department = _c.Text(); break;
                case "TelephoneUniversalCommunication": contact.Telephone = _c.ChildText("CompleteNumber"); break;
                case "EmailURIUniversalCommunication": contact.Email = _c.ChildText("URIID"); break;
                default: _c.Skip(); break;
            }
        }
        // BT-41 is the person name, or the department when no person is named.
        contact.Name ??= department;
        return contact;
    }

    private Address ReadAddress()
    {
        var address = new Address();
        var d = _c.Enter();
        while (_c.NextChild(d))
        {
            switch (_c.LocalName)
            {
                case "PostcodeCode": address.PostCode = _c.Text(); break;
                case "LineOne": address.Line1 = _c.Text(); break;
                case "LineTwo": address.Line2 = _c.Text(); break;
                case "LineThree": address.Line3 = _c.Text(); break;
                case "CityName": address.City = _c.Text(); break;
                case "CountryID": address.CountryCode = _c.Text(); break;
                case "CountrySubDivisionName": address.Subdivision = XmlCursor.KeepFirst(address.Subdivision, _c.Text()); break;
                default: _c.Skip(); break;
            }
        }
        return address;
    }

    private void ReadDelivery()
    {
        var delivery = new Delivery();
        var d = _c.Enter();
        while (_c.NextChild(d))
        {
            switch (_c.LocalName)
            {
                case "ShipToTradeParty":
                    var d2 = _c.Enter();
                    while (_c.NextChild(d2))
                    {
                        switch (_c.LocalName)
                        {
                            case "ID" or "GlobalID": delivery.LocationIdentifier = XmlCursor.KeepFirst(delivery.LocationIdentifier, _c.Identifier()); break;
                            case "Name": delivery.PartyName = _c.Text(); break;
                            case "PostalTradeAddress": delivery.Address = ReadAddress(); break;
                            default: _c.Skip(); break;
                        }
                    }
                    break;
                case "ActualDeliverySupplyChainEvent":
                    var d3 = _c.Enter();
                    while (_c.NextChild(d3))
                    {
                        if (_c.LocalName == "OccurrenceDateTime")
                        {
                            delivery.ActualDeliveryDate = _c.CiiDate("BT-72");
                        }
                        else
                        {
                            _c.Skip();
                        }
                    }
                    break;
                case "DespatchAdviceReferencedDocument": _inv.DespatchAdviceReference = _c.ChildText("IssuerAssignedID"); break;
                case "ReceivingAdviceReferencedDocument": _inv.ReceivingAdviceReference = _c.ChildText("IssuerAssignedID"); break;
                default: _c.Skip(); break;
            }
        }
        if (delivery.PartyName is not null || delivery.LocationIdentifier is not null || delivery.ActualDeliveryDate is not null || delivery.Address is not null)
        {
            _inv.Delivery = delivery;
        }
    }

    private void ReadSettlement()
    {
        var d = _c.Enter();
        while (_c.NextChild(d))
        {
            switch (_c.LocalName)
            {
                case "CreditorReferenceID": _inv.BankAssignedCreditorIdentifier = _c.Text(); break;
                case "PaymentReference": _inv.RemittanceInformation = XmlCursor.KeepFirst(_inv.RemittanceInformation, _c.Text()); break;
                case "TaxCurrencyCode": _inv.VatAccountingCurrencyCode = _c.Text(); break;
                case "InvoiceCurrencyCode": _inv.CurrencyCode = _c.Text(); break;
                case "PayeeTradeParty": _inv.Payee = ReadParty(); break;
                case "SpecifiedTradeSettlementPaymentMeans": _inv.PaymentMeans.Add(ReadPaymentMeans()); break;
                case "ApplicableTradeTax": _inv.VatBreakdown.Add(ReadTradeTax()); break;
                case "BillingSpecifiedPeriod": _inv.InvoicingPeriod = ReadPeriod("BT-73", "BT-74"); break;
                case "SpecifiedTradeAllowanceCharge": _inv.AllowanceCharges.Add(ReadAllowanceCharge()); break;
                case "SpecifiedTradePaymentTerms": ReadPaymentTerms(); break;
                case "SpecifiedTradeSettlementHeaderMonetarySummation": ReadTotals(); break;
                case "InvoiceReferencedDocument":
                    var preceding = new PrecedingInvoice();
                    var d2 = _c.Enter();
                    while (_c.NextChild(d2))
                    {
                        switch (_c.LocalName)
                        {
                            case "IssuerAssignedID": preceding.Number = _c.Text(); break;
                            case "FormattedIssueDateTime": preceding.IssueDate = _c.CiiDate("BT-26"); break;
                            default: _c.Skip(); break;
                        }
                    }
                    _inv.PrecedingInvoices.Add(preceding);
                    break;
                case "ReceivableSpecifiedTradeAccountingAccount": _inv.BuyerAccountingReference = XmlCursor.KeepFirst(_inv.BuyerAccountingReference, _c.ChildText("ID")); break;
                default: _c.Skip(); break;
            }
        }
    }

    private PaymentMeans ReadPaymentMeans()
    {
        var means = new PaymentMeans();
        var d = _c.Enter();
        while (_c.NextChild(d))
        {
            switch (_c.LocalName)
            {
                case "TypeCode": means.TypeCode = _c.Text(); break;
                case "Information": means.TypeText = XmlCursor.KeepFirst(means.TypeText, _c.Text()); break;
                case "ApplicableTradeSettlementFinancialCard":
                    var card = new PaymentCard();
                    var d2 = _c.Enter();
                    while (_c.NextChild(d2))
                    {
                        switch (_c.LocalName)
                        {
                            case "ID": card.PrimaryAccountNumber = _c.Text(); break;
                            case "CardholderName": card.HolderName = _c.Text(); break;
                            default: _c.Skip(); break;
                        }
                    }
                    means.Card = card;
                    break;
                case "PayerPartyDebtorFinancialAccount": means.DebitedAccountIdentifier = _c.ChildText("IBANID"); break;
                case "PayeePartyCreditorFinancialAccount":
                    var transfer = means.CreditTransfer ??= new CreditTransfer();
                    var d3 = _c.Enter();
                    while (_c.NextChild(d3))
                    {
                        switch (_c.LocalName)
                        {
                            case "IBANID" or "ProprietaryID": transfer.AccountIdentifier = XmlCursor.KeepFirst(transfer.AccountIdentifier, _c.Text()); break;
                            case "AccountName": transfer.AccountName = _c.Text(); break;
                            default: _c.Skip(); break;
                        }
                    }
                    break;
                case "PayeeSpecifiedCreditorFinancialInstitution":
                    (means.CreditTransfer ??= new CreditTransfer()).ServiceProviderIdentifier = _c.ChildText("BICID");
                    break;
                default: _c.Skip(); break;
            }
        }
        return means;
    }

    private VatBreakdown ReadTradeTax()
    {
        var vat = new VatBreakdown();
        var d = _c.Enter();
        while (_c.NextChild(d))
        {
            switch (_c.LocalName)
            {
                case "CalculatedAmount": vat.TaxAmount = _c.Decimal("BT-117"); break;
                case "ExemptionReason": vat.ExemptionReason = _c.Text(); break;
                case "BasisAmount": vat.TaxableAmount = _c.Decimal("BT-116"); break;
                case "CategoryCode": vat.CategoryCode = _c.Text(); break;
                case "ExemptionReasonCode": vat.ExemptionReasonCode = _c.Text(); break;
                // BT-7 and BT-8 are carried by the VAT breakdown in CII.
                case "TaxPointDate": _inv.VatPointDate = XmlCursor.KeepFirst(_inv.VatPointDate, _c.CiiDate("BT-7")); break;
                case "DueDateTypeCode": _inv.VatPointDateCode = XmlCursor.KeepFirst(_inv.VatPointDateCode, _c.Text()); break;
                case "RateApplicablePercent": vat.Rate = _c.Decimal("BT-119"); break;
                default: _c.Skip(); break;
            }
        }
        return vat;
    }

    private Period ReadPeriod(string startTerm, string endTerm)
    {
        var period = new Period();
        var d = _c.Enter();
        while (_c.NextChild(d))
        {
            switch (_c.LocalName)
            {
                case "StartDateTime": period.StartDate = _c.CiiDate(startTerm); break;
                case "EndDateTime": period.EndDate = _c.CiiDate(endTerm); break;
                default: _c.Skip(); break;
            }
        }
        return period;
    }

    private AllowanceCharge ReadAllowanceCharge()
    {
        var ac = new AllowanceCharge();
        var d = _c.Enter();
        while (_c.NextChild(d))
        {
            switch (_c.LocalName)
            {
                case "ChargeIndicator": ac.IsCharge = _c.Indicator() ?? false; break;
                case "CalculationPercent": ac.Percentage = _c.Decimal(ac.IsCharge ? "BT-101" : "BT-94"); break;
                case "BasisAmount": ac.BaseAmount = _c.Decimal(ac.IsCharge ? "BT-100" : "BT-93"); break;
                case "ActualAmount": ac.Amount = XmlCursor.KeepFirst(ac.Amount, _c.Decimal(ac.IsCharge ? "BT-99" : "BT-92")); break;
                case "ReasonCode": ac.ReasonCode = _c.Text(); break;
                case "Reason": ac.Reason = _c.Text(); break;
                case "CategoryTradeTax":
                    var d2 = _c.Enter();
                    while (_c.NextChild(d2))
                    {
                        switch (_c.LocalName)
                        {
                            case "CategoryCode": ac.VatCategoryCode = _c.Text(); break;
                            case "RateApplicablePercent": ac.VatRate = _c.Decimal(ac.IsCharge ? "BT-103" : "BT-96"); break;
                            default: _c.Skip(); break;
                        }
                    }
                    break;
                default: _c.Skip(); break;
            }
        }
        return ac;
    }

    private void ReadPaymentTerms()
    {
        var d = _c.Enter();
        while (_c.NextChild(d))
        {
            switch (_c.LocalName)
            {
                case "Description":
                    var text = _c.Text();
                    _inv.PaymentTerms = _inv.PaymentTerms is null ? text : text is null ? _inv.PaymentTerms : _inv.PaymentTerms + "\n" + text;
                    break;
                case "DueDateDateTime": _inv.PaymentDueDate = XmlCursor.KeepFirst(_inv.PaymentDueDate, _c.CiiDate("BT-9")); break;
                case "DirectDebitMandateID": _inv.MandateReference = XmlCursor.KeepFirst(_inv.MandateReference, _c.Text()); break;
                default: _c.Skip(); break;
            }
        }
    }

    private void ReadTotals()
    {
        var t = _inv.Totals;
        var d = _c.Enter();
        while (_c.NextChild(d))
        {
            switch (_c.LocalName)
            {
                case "LineTotalAmount": t.LineNetTotal = _c.Decimal("BT-106"); break;
                case "ChargeTotalAmount": t.ChargeTotal = _c.Decimal("BT-108"); break;
                case "AllowanceTotalAmount": t.AllowanceTotal = _c.Decimal("BT-107"); break;
                case "TaxBasisTotalAmount": t.TaxExclusiveAmount = _c.Decimal("BT-109"); break;
                case "TaxTotalAmount":
                    // Two TaxTotalAmount may appear: the one in the VAT accounting currency (BT-6) is BT-111.
                    var currency = _c.Attribute("currencyID");
                    var amount = _c.Decimal("BT-110");
                    if (currency is not null && currency == _inv.VatAccountingCurrencyCode && currency != _inv.CurrencyCode)
                    {
                        t.VatTotalInAccountingCurrency = amount;
                    }
                    else if (t.VatTotal is null)
                    {
                        t.VatTotal = amount;
                    }
                    else
                    {
                        t.VatTotalInAccountingCurrency ??= amount;
                    }
                    break;
                case "RoundingAmount": t.RoundingAmount = _c.Decimal("BT-114"); break;
                case "GrandTotalAmount": t.TaxInclusiveAmount = _c.Decimal("BT-112"); break;
                case "TotalPrepaidAmount": t.PrepaidAmount = _c.Decimal("BT-113"); break;
                case "DuePayableAmount": t.PayableAmount = _c.Decimal("BT-115"); break;
                default: _c.Skip(); break;
            }
        }
    }

    private void ReadLine()
    {
        var line = new InvoiceLine { Index = _inv.Lines.Count + 1 };
        var d = _c.Enter();
        while (_c.NextChild(d))
        {
            switch (_c.LocalName)
            {
                case "AssociatedDocumentLineDocument":
                    var d2 = _c.Enter();
                    while (_c.NextChild(d2))
                    {
                        switch (_c.LocalName)
                        {
                            case "LineID": line.Id = _c.Text(); break;
                            case "ParentLineID": line.ParentLineId = _c.Text(); break;
                            case "LineStatusReasonCode": line.LineStatusReasonCode = _c.Text(); break;
                            case "IncludedNote": line.Note = XmlCursor.KeepFirst(line.Note, ReadNote().Text); break;
                            default: _c.Skip(); break;
                        }
                    }
                    break;
                case "SpecifiedTradeProduct": ReadProduct(line.Item); break;
                case "SpecifiedLineTradeAgreement": ReadLineAgreement(line); break;
                case "SpecifiedLineTradeDelivery":
                    var d3 = _c.Enter();
                    while (_c.NextChild(d3))
                    {
                        if (_c.LocalName == "BilledQuantity")
                        {
                            line.QuantityUnitCode = _c.Attribute("unitCode");
                            line.Quantity = _c.Decimal("BT-129");
                        }
                        else
                        {
                            _c.Skip();
                        }
                    }
                    break;
                case "SpecifiedLineTradeSettlement": ReadLineSettlement(line); break;
                default: _c.Skip(); break;
            }
        }
        _inv.Lines.Add(line);
    }

    private void ReadProduct(Item item)
    {
        var d = _c.Enter();
        while (_c.NextChild(d))
        {
            switch (_c.LocalName)
            {
                case "GlobalID": item.StandardId = _c.Identifier(); break;
                case "SellerAssignedID": item.SellerId = _c.Text(); break;
                case "BuyerAssignedID": item.BuyerId = _c.Text(); break;
                case "Name": item.Name = XmlCursor.KeepFirst(item.Name, _c.Text()); break;
                case "Description": item.Description = _c.Text(); break;
                case "ApplicableProductCharacteristic":
                    var property = new ItemProperty();
                    var d2 = _c.Enter();
                    while (_c.NextChild(d2))
                    {
                        switch (_c.LocalName)
                        {
                            case "Description": property.Name = XmlCursor.KeepFirst(property.Name, _c.Text()); break;
                            case "Value": property.Value = XmlCursor.KeepFirst(property.Value, _c.Text()); break;
                            default: _c.Skip(); break;
                        }
                    }
                    item.Attributes.Add(property);
                    break;
                case "DesignatedProductClassification":
                    var d3 = _c.Enter();
                    while (_c.NextChild(d3))
                    {
                        if (_c.LocalName == "ClassCode")
                        {
                            var classification = new Classification { SchemeId = _c.Attribute("listID"), SchemeVersion = _c.Attribute("listVersionID") };
                            classification.Code = _c.Text();
                            item.Classifications.Add(classification);
                        }
                        else
                        {
                            _c.Skip();
                        }
                    }
                    break;
                case "OriginTradeCountry": item.OriginCountryCode = _c.ChildText("ID"); break;
                default: _c.Skip(); break;
            }
        }
    }

    private void ReadLineAgreement(InvoiceLine line)
    {
        var price = line.Price;
        var d = _c.Enter();
        while (_c.NextChild(d))
        {
            switch (_c.LocalName)
            {
                case "BuyerOrderReferencedDocument": line.OrderLineReference = _c.ChildText("LineID"); break;
                case "GrossPriceProductTradePrice" or "NetPriceProductTradePrice":
                    var gross = _c.LocalName == "GrossPriceProductTradePrice";
                    var d2 = _c.Enter();
                    while (_c.NextChild(d2))
                    {
                        switch (_c.LocalName)
                        {
                            case "ChargeAmount" when gross: price.GrossPrice = XmlCursor.KeepFirst(price.GrossPrice, _c.Decimal("BT-148")); break;
                            case "ChargeAmount": price.NetPrice = XmlCursor.KeepFirst(price.NetPrice, _c.Decimal("BT-146")); break;
                            case "BasisQuantity":
                                // BT-149/BT-150 belong to the net price; the gross price's basis is used only when the net one is absent.
                                var unit = _c.Attribute("unitCode");
                                var quantity = _c.Decimal("BT-149");
                                if (!gross || price.BaseQuantity is null)
                                {
                                    price.BaseQuantity = quantity;
                                    price.BaseQuantityUnitCode = unit;
                                }
                                break;
                            case "AppliedTradeAllowanceCharge" when gross:
                                var d3 = _c.Enter();
                                while (_c.NextChild(d3))
                                {
                                    if (_c.LocalName == "ActualAmount")
                                    {
                                        price.Discount = XmlCursor.KeepFirst(price.Discount, _c.Decimal("BT-147"));
                                    }
                                    else
                                    {
                                        _c.Skip();
                                    }
                                }
                                break;
                            default: _c.Skip(); break;
                        }
                    }
                    break;
                default: _c.Skip(); break;
            }
        }
    }

    private void ReadLineSettlement(InvoiceLine line)
    {
        var d = _c.Enter();
        while (_c.NextChild(d))
        {
            switch (_c.LocalName)
            {
                case "ApplicableTradeTax":
                    var d2 = _c.Enter();
                    while (_c.NextChild(d2))
                    {
                        switch (_c.LocalName)
                        {
                            case "CategoryCode": line.VatCategoryCode = _c.Text(); break;
                            case "RateApplicablePercent": line.VatRate = _c.Decimal("BT-152"); break;
                            default: _c.Skip(); break;
                        }
                    }
                    break;
                case "BillingSpecifiedPeriod": line.Period = ReadPeriod("BT-134", "BT-135"); break;
                case "SpecifiedTradeAllowanceCharge":
                    var ac = new LineAllowanceCharge();
                    var d3 = _c.Enter();
                    while (_c.NextChild(d3))
                    {
                        switch (_c.LocalName)
                        {
                            case "ChargeIndicator": ac.IsCharge = _c.Indicator() ?? false; break;
                            case "CalculationPercent": ac.Percentage = _c.Decimal(ac.IsCharge ? "BT-143" : "BT-138"); break;
                            case "BasisAmount": ac.BaseAmount = _c.Decimal(ac.IsCharge ? "BT-142" : "BT-137"); break;
                            case "ActualAmount": ac.Amount = XmlCursor.KeepFirst(ac.Amount, _c.Decimal(ac.IsCharge ? "BT-141" : "BT-136")); break;
                            case "ReasonCode": ac.ReasonCode = _c.Text(); break;
                            case "Reason": ac.Reason = _c.Text(); break;
                            default: _c.Skip(); break;
                        }
                    }
                    line.AllowanceCharges.Add(ac);
                    break;
                case "SpecifiedTradeSettlementLineMonetarySummation": line.NetAmount = ReadLineTotal(); break;
                case "AdditionalReferencedDocument":
                    string? id = null;
                    string? scheme = null;
                    var d4 = _c.Enter();
                    while (_c.NextChild(d4))
                    {
                        switch (_c.LocalName)
                        {
                            case "IssuerAssignedID": id = _c.Text(); break;
                            case "ReferenceTypeCode": scheme = _c.Text(); break;
                            default: _c.Skip(); break;
                        }
                    }
                    line.ObjectIdentifier ??= new Identifier(id, scheme);
                    break;
                case "ReceivableSpecifiedTradeAccountingAccount": line.BuyerAccountingReference = XmlCursor.KeepFirst(line.BuyerAccountingReference, _c.ChildText("ID")); break;
                default: _c.Skip(); break;
            }
        }
    }

    private decimal? ReadLineTotal()
    {
        decimal? total = null;
        var d = _c.Enter();
        while (_c.NextChild(d))
        {
            if (_c.LocalName == "LineTotalAmount")
            {
                total = XmlCursor.KeepFirst(total, _c.Decimal("BT-131"));
            }
            else
            {
                _c.Skip();
            }
        }
        return total;
    }
}
