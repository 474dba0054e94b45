using Portique.Formats.Model;
using Portique.Formats.Xml;

namespace Portique.Formats.Ubl;

/// <summary>
/// Maps a UBL 2.1 Invoice or CreditNote to the EN 16931 model in one streaming pass, following the EN 16931 UBL syntax binding
/// (CEN/TC 434 artefacts). Elements outside the binding are skipped.
/// </summary>
internal sealed class UblReader
{
    private readonly XmlCursor _c;
    private readonly Invoice _inv;
    private readonly bool _creditNote;

    private UblReader(XmlCursor cursor, InvoiceSyntax syntax)
    {
        _c = cursor;
        _creditNote = syntax == InvoiceSyntax.UblCreditNote;
        _inv = new Invoice { SourceSyntax = syntax };
    }

    public static Invoice Read(XmlCursor cursor, InvoiceSyntax syntax)
    {
        var reader = new UblReader(cursor, syntax);
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
                case "CustomizationID": _inv.SpecificationIdentifier = _c.Text(); break;
                case "ProfileID": _inv.BusinessProcessType = _c.Text(); break;
                case "ID": _inv.Number = _c.Text(); break;
                case "IssueDate": _inv.IssueDate = _c.IsoDate("BT-2"); break;
                case "DueDate": _inv.PaymentDueDate = _c.IsoDate("BT-9"); break;
                case "InvoiceTypeCode" or "CreditNoteTypeCode": _inv.TypeCode = _c.Text(); break;
                case "Note": _inv.Notes.Add(ParseNote(_c.Text())); break;
                case "TaxPointDate": _inv.VatPointDate = _c.IsoDate("BT-7"); break;
                case "DocumentCurrencyCode": _inv.CurrencyCode = _c.Text(); break;
                case "TaxCurrencyCode": _inv.VatAccountingCurrencyCode = _c.Text(); break;
                case "AccountingCost": _inv.BuyerAccountingReference = _c.Text(); break;
                case "BuyerReference": _inv.BuyerReference = _c.Text(); break;
                case "InvoicePeriod": ReadInvoicePeriod(); break;
                case "OrderReference": ReadOrderReference(); break;
                case "BillingReference": ReadBillingReference(); break;
                case "DespatchDocumentReference": _inv.DespatchAdviceReference = ReadDocumentId(); break;
                case "ReceiptDocumentReference": _inv.ReceivingAdviceReference = ReadDocumentId(); break;
                case "OriginatorDocumentReference": _inv.TenderOrLotReference = ReadDocumentId(); break;
                case "ContractDocumentReference": _inv.ContractReference = ReadDocumentId(); break;
                case "AdditionalDocumentReference": ReadAdditionalDocument(); break;
                case "ProjectReference": _inv.ProjectReference = ReadDocumentId(); break;
                case "AccountingSupplierParty": _inv.Seller = ReadRoleParty(sepaIsCreditor: true); break;
                case "AccountingCustomerParty": _inv.Buyer = ReadRoleParty(sepaIsCreditor: false); break;
                case "PayeeParty": _inv.Payee = NamedByPartyName(ReadParty(sepaIsCreditor: true)); break;
                case "TaxRepresentativeParty": _inv.SellerTaxRepresentative = NamedByPartyName(ReadParty(sepaIsCreditor: false)); break;
                case "Delivery": _inv.Delivery = ReadDelivery(); break;
                case "PaymentMeans": _inv.PaymentMeans.Add(ReadPaymentMeans()); break;
                case "PaymentTerms": ReadPaymentTerms(); break;
                case "AllowanceCharge": _inv.AllowanceCharges.Add(ReadAllowanceCharge()); break;
                case "TaxTotal": ReadTaxTotal(); break;
                case "LegalMonetaryTotal": ReadMonetaryTotal(); break;
                case "InvoiceLine" or "CreditNoteLine": ReadLine(); break;
                default: _c.Skip(); break;
            }
        }
    }

    /// <summary>The UBL binding carries the note subject code (BT-21) as a "#CODE#" prefix of cbc:Note.</summary>
    internal static Note ParseNote(string? text)
    {
        if (text is { Length: > 2 } && text[0] == '#')
        {
            var end = text.IndexOf('#', 1);
            if (end > 1 && end <= 11)
            {
                return new Note { SubjectCode = text[1..end], Text = text[(end + 1)..] };
            }
        }
        return new Note { Text = text };
    }

    private void ReadInvoicePeriod()
    {
        var period = new Period();
        var d = _c.Enter();
        while (_c.NextChild(d))
        {
            switch (_c.LocalName)
            {
                case "StartDate": period.StartDate = _c.IsoDate("BT-73"); break;
                case "EndDate": period.EndDate = _c.IsoDate("BT-74"); break;
                case "DescriptionCode": _inv.VatPointDateCode = _c.Text(); break;
                default: _c.Skip(); break;
            }
        }
        if (period.StartDate is not null || period.EndDate is not null)
        {
            _inv.InvoicingPeriod = period;
        }
    }

    private void ReadOrderReference()
    {
        var d = _c.Enter();
        while (_c.NextChild(d))
        {
            switch (_c.LocalName)
            {
                case "ID": _inv.PurchaseOrderReference = _c.Text(); break;
                case "SalesOrderID": _inv.SalesOrderReference = _c.Text(); break;
                default: _c.Skip(); break;
            }
        }
        // cbc:ID is mandatory: with only a sales order reference the binding fills it with "NA", which is no purchase order.
        if (_inv.PurchaseOrderReference == "NA" && _inv.SalesOrderReference is not null)
        {
            _inv.PurchaseOrderReference = null;
        }
    }

    private void ReadBillingReference()
    {
        var d = _c.Enter();
        while (_c.NextChild(d))
        {
            if (_c.LocalName == "InvoiceDocumentReference")
            {
                var preceding = new PrecedingInvoice();
                var d2 = _c.Enter();
                while (_c.NextChild(d2))
                {
                    switch (_c.LocalName)
                    {
                        case "ID": preceding.Number = _c.Text(); break;
                        case "IssueDate": preceding.IssueDate = _c.IsoDate("BT-26"); break;
                        default: _c.Skip(); break;
                    }
                }
                _inv.PrecedingInvoices.Add(preceding);
            }
            else
            {
                _c.Skip();
            }
        }
    }

    /// <summary>The cbc:ID of a document reference.</summary>
    private string? ReadDocumentId()
    {
        string? id = null;
        var d = _c.Enter();
        while (_c.NextChild(d))
        {
            if (_c.LocalName == "ID")
            {
                id = _c.Text();
            }
            else
            {
                _c.Skip();
            }
        }
        return id;
    }

    private void ReadAdditionalDocument()
    {
        Identifier? id = null;
        string? typeCode = null;
        var doc = new SupportingDocument();
        var d = _c.Enter();
        while (_c.NextChild(d))
        {
            switch (_c.LocalName)
            {
                case "ID": id = _c.Identifier(); break;
                case "DocumentTypeCode": typeCode = _c.Text(); break;
                case "DocumentDescription": doc.Description = _c.Text(); break;
                case "Attachment": ReadAttachment(doc); break;
                default: _c.Skip(); break;
            }
        }
        // DocumentTypeCode 130 is the invoiced object (BT-18); in a credit note, 50 is the project reference (BT-11).
        if (typeCode == "130")
        {
            _inv.InvoicedObjectIdentifier = id;
        }
        else if (typeCode == "50" && _creditNote)
        {
            _inv.ProjectReference = id?.Value;
        }
        else
        {
            doc.Reference = id?.Value;
            _inv.SupportingDocuments.Add(doc);
        }
    }

    private void ReadAttachment(SupportingDocument doc)
    {
        var d = _c.Enter();
        while (_c.NextChild(d))
        {
            switch (_c.LocalName)
            {
                case "EmbeddedDocumentBinaryObject":
                    doc.AttachmentMimeCode = _c.Attribute("mimeCode");
                    doc.AttachmentFilename = _c.Attribute("filename");
                    doc.AttachmentBase64 = _c.Text();
                    break;
                case "ExternalReference":
                    var d2 = _c.Enter();
                    while (_c.NextChild(d2))
                    {
                        if (_c.LocalName == "URI")
                        {
                            doc.ExternalLocation = _c.Text();
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
    }

    /// <summary>cac:AccountingSupplierParty / cac:AccountingCustomerParty wrap the cac:Party.</summary>
    private Party ReadRoleParty(bool sepaIsCreditor)
    {
        var party = new Party();
        var d = _c.Enter();
        while (_c.NextChild(d))
        {
            if (_c.LocalName == "Party")
            {
                party = ReadParty(sepaIsCreditor);
            }
            else
            {
                _c.Skip();
            }
        }
        return party;
    }

    /// <param name="sepaIsCreditor">For the seller and the payee, a SEPA-scheme identifier is the bank assigned creditor identifier (BT-90).</param>
    private Party ReadParty(bool sepaIsCreditor)
    {
        var party = new Party();
        var d = _c.Enter();
        while (_c.NextChild(d))
        {
            switch (_c.LocalName)
            {
                case "EndpointID": party.ElectronicAddress = _c.Identifier(); break;
                case "PartyIdentification": ReadPartyIdentification(party, sepaIsCreditor); break;
                case "PartyName": party.TradingName = XmlCursor.KeepFirst(party.TradingName, _c.ChildText("Name")); break;
                case "PostalAddress": party.Address = ReadAddress(); break;
                case "PartyTaxScheme": ReadPartyTaxScheme(party); break;
                case "PartyLegalEntity": ReadLegalEntity(party); break;
                case "Contact": party.Contact = ReadContact(); break;
                default: _c.Skip(); break;
            }
        }
        return party;
    }

    /// <summary>The payee (BT-59) and the tax representative (BT-62) are named by cac:PartyName, not by a legal entity.</summary>
    private static Party NamedByPartyName(Party party)
    {
        party.Name ??= party.TradingName;
        party.TradingName = null;
        return party;
    }

    private void ReadPartyIdentification(Party party, bool sepaIsCreditor)
    {
        var d = _c.Enter();
        while (_c.NextChild(d))
        {
            if (_c.LocalName != "ID")
            {
                _c.Skip();
                continue;
            }
            var id = _c.Identifier();
            if (sepaIsCreditor && id is { SchemeId: "SEPA" })
            {
                _inv.BankAssignedCreditorIdentifier = id.Value;
            }
            else if (id is not null)
            {
                party.Identifiers.Add(id);
            }
        }
    }

    private void ReadPartyTaxScheme(Party party)
    {
        string? companyId = null;
        string? scheme = null;
        var d = _c.Enter();
        while (_c.NextChild(d))
        {
            switch (_c.LocalName)
            {
                case "CompanyID": companyId = _c.Text(); break;
                case "TaxScheme": scheme = _c.ChildText("ID"); break;
                default: _c.Skip(); break;
            }
        }
        if (scheme == "VAT")
        {
            party.VatIdentifier = companyId;
        }
        else
        {
            party.TaxRegistrationIdentifier = companyId;
        }
    }

    private void ReadLegalEntity(Party party)
    {
        var d = _c.Enter();
        while (_c.NextChild(d))
        {
            switch (_c.LocalName)
            {
                case "RegistrationName": party.Name = _c.Text(); break;
                case "CompanyID": party.LegalRegistrationId = _c.Identifier(); break;
                case "CompanyLegalForm": party.AdditionalLegalInformation = _c.Text(); break;
                default: _c.Skip(); break;
            }
        }
    }

    private Contact ReadContact()
    {
        var contact = new Contact();
        var d = _c.Enter();
        while (_c.NextChild(d))
        {
            switch (_c.LocalName)
            {
                case "Name": contact.Name = _c.Text(); break;
                case "Telephone": contact.Telephone = _c.Text(); break;
                case "ElectronicMail": contact.Email = _c.Text(); break;
                default: _c.Skip(); break;
            }
        }
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
                case "StreetName": address.Line1 = _c.Text(); break;
                case "AdditionalStreetName": address.Line2 = _c.Text(); break;
                case "CityName": address.City = _c.Text(); break;
                case "PostalZone": address.PostCode = _c.Text(); break;
                case "CountrySubentity": address.Subdivision = _c.Text(); break;
                case "AddressLine": address.Line3 = XmlCursor.KeepFirst(address.Line3, _c.ChildText("Line")); break;
                case "Country": address.CountryCode = _c.ChildText("IdentificationCode"); break;
                default: _c.Skip(); break;
            }
        }
        return address;
    }

    private Delivery ReadDelivery()
    {
        var delivery = _inv.Delivery ?? new Delivery();
        var d = _c.Enter();
        while (_c.NextChild(d))
        {
            switch (_c.LocalName)
            {
                case "ActualDeliveryDate": delivery.ActualDeliveryDate = _c.IsoDate("BT-72"); break;
                case "DeliveryLocation":
                    var d2 = _c.Enter();
                    while (_c.NextChild(d2))
                    {
                        switch (_c.LocalName)
                        {
                            case "ID": delivery.LocationIdentifier = _c.Identifier(); break;
                            case "Address": delivery.Address = ReadAddress(); break;
                            default: _c.Skip(); break;
                        }
                    }
                    break;
                case "DeliveryParty":
                    var d3 = _c.Enter();
                    while (_c.NextChild(d3))
                    {
                        if (_c.LocalName == "PartyName")
                        {
                            delivery.PartyName = _c.ChildText("Name");
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
        return delivery;
    }

    private PaymentMeans ReadPaymentMeans()
    {
        var means = new PaymentMeans();
        var d = _c.Enter();
        while (_c.NextChild(d))
        {
            switch (_c.LocalName)
            {
                case "PaymentMeansCode":
                    means.TypeText = _c.Attribute("name");
                    means.TypeCode = _c.Text();
                    break;
                case "PaymentDueDate":
                    // The credit note has no cbc:DueDate: its BT-9 sits in the payment means.
                    var due = _c.IsoDate("BT-9");
                    _inv.PaymentDueDate ??= due;
                    break;
                case "PaymentID": _inv.RemittanceInformation = XmlCursor.KeepFirst(_inv.RemittanceInformation, _c.Text()); break;
                case "CardAccount":
                    var card = new PaymentCard();
                    var d2 = _c.Enter();
                    while (_c.NextChild(d2))
                    {
                        switch (_c.LocalName)
                        {
                            case "PrimaryAccountNumberID": card.PrimaryAccountNumber = _c.Text(); break;
                            case "HolderName": card.HolderName = _c.Text(); break;
                            default: _c.Skip(); break;
                        }
                    }
                    means.Card = card;
                    break;
                case "PayeeFinancialAccount":
                    var transfer = new CreditTransfer();
                    var d3 = _c.Enter();
                    while (_c.NextChild(d3))
                    {
                        switch (_c.LocalName)
                        {
                            case "ID": transfer.AccountIdentifier = _c.Text(); break;
                            case "Name": transfer.AccountName = _c.Text(); break;
                            case "FinancialInstitutionBranch": transfer.ServiceProviderIdentifier = _c.ChildText("ID"); break;
                            default: _c.Skip(); break;
                        }
                    }
                    means.CreditTransfer = transfer;
                    break;
                case "PaymentMandate":
                    var d4 = _c.Enter();
                    while (_c.NextChild(d4))
                    {
                        switch (_c.LocalName)
                        {
                            case "ID": _inv.MandateReference = XmlCursor.KeepFirst(_inv.MandateReference, _c.Text()); break;
                            case "PayerFinancialAccount": means.DebitedAccountIdentifier = _c.ChildText("ID"); break;
                            default: _c.Skip(); break;
                        }
                    }
                    break;
                default: _c.Skip(); break;
            }
        }
        return means;
    }

    private void ReadPaymentTerms()
    {
        var d = _c.Enter();
        while (_c.NextChild(d))
        {
            if (_c.LocalName == "Note")
            {
                var note = _c.Text();
                _inv.PaymentTerms = _inv.PaymentTerms is null ? note : note is null ? _inv.PaymentTerms : _inv.PaymentTerms + "\n" + note;
            }
            else
            {
                _c.Skip();
            }
        }
    }

    private AllowanceCharge ReadAllowanceCharge()
    {
        var ac = new AllowanceCharge();
        var d = _c.Enter();
        while (_c.NextChild(d))
        {
            switch (_c.LocalName)
            {
                case "ChargeIndicator": ac.IsCharge = ParseBool(_c.Text()); break;
                case "AllowanceChargeReasonCode": ac.ReasonCode = _c.Text(); break;
                case "AllowanceChargeReason": ac.Reason = _c.Text(); break;
                case "MultiplierFactorNumeric": ac.Percentage = _c.Decimal(ac.IsCharge ? "BT-101" : "BT-94"); break;
                case "Amount": ac.Amount = _c.Decimal(ac.IsCharge ? "BT-99" : "BT-92"); break;
                case "BaseAmount": ac.BaseAmount = _c.Decimal(ac.IsCharge ? "BT-100" : "BT-93"); break;
                case "TaxCategory":
                    var d2 = _c.Enter();
                    while (_c.NextChild(d2))
                    {
                        switch (_c.LocalName)
                        {
                            case "ID": ac.VatCategoryCode = _c.Text(); break;
                            case "Percent": ac.VatRate = _c.Decimal(ac.IsCharge ? "BT-103" : "BT-96"); break;
                            default: _c.Skip(); break;
                        }
                    }
                    break;
                default: _c.Skip(); break;
            }
        }
        return ac;
    }

    private void ReadTaxTotal()
    {
        // The first cac:TaxTotal whose amount is in the document currency holds BT-110 and the breakdown; one in the VAT accounting currency holds BT-111.
        var d = _c.Enter();
        while (_c.NextChild(d))
        {
            switch (_c.LocalName)
            {
                case "TaxAmount":
                    var currency = _c.Attribute("currencyID");
                    var amount = _c.Decimal("BT-110");
                    if (currency is not null && currency == _inv.VatAccountingCurrencyCode && currency != _inv.CurrencyCode)
                    {
                        _inv.Totals.VatTotalInAccountingCurrency = amount;
                    }
                    else if (_inv.Totals.VatTotal is null)
                    {
                        _inv.Totals.VatTotal = amount;
                    }
                    else
                    {
                        _inv.Totals.VatTotalInAccountingCurrency ??= amount;
                    }
                    break;
                case "TaxSubtotal": _inv.VatBreakdown.Add(ReadTaxSubtotal()); break;
                default: _c.Skip(); break;
            }
        }
    }

    private VatBreakdown ReadTaxSubtotal()
    {
        var vat = new VatBreakdown();
        var d = _c.Enter();
        while (_c.NextChild(d))
        {
            switch (_c.LocalName)
            {
                case "TaxableAmount": vat.TaxableAmount = _c.Decimal("BT-116"); break;
                case "TaxAmount": vat.TaxAmount = _c.Decimal("BT-117"); break;
                case "TaxCategory":
                    var d2 = _c.Enter();
                    while (_c.NextChild(d2))
                    {
                        switch (_c.LocalName)
                        {
                            case "ID": vat.CategoryCode = _c.Text(); break;
                            case "Percent": vat.Rate = _c.Decimal("BT-119"); break;
                            case "TaxExemptionReasonCode": vat.ExemptionReasonCode = _c.Text(); break;
                            case "TaxExemptionReason": vat.ExemptionReason = _c.Text(); break;
                            default: _c.Skip(); break;
                        }
                    }
                    break;
                default: _c.Skip(); break;
            }
        }
        return vat;
    }

    private void ReadMonetaryTotal()
    {
        var t = _inv.Totals;
        var d = _c.Enter();
        while (_c.NextChild(d))
        {
            switch (_c.LocalName)
            {
                case "LineExtensionAmount": t.LineNetTotal = _c.Decimal("BT-106"); break;
                case "TaxExclusiveAmount": t.TaxExclusiveAmount = _c.Decimal("BT-109"); break;
                case "TaxInclusiveAmount": t.TaxInclusiveAmount = _c.Decimal("BT-112"); break;
                case "AllowanceTotalAmount": t.AllowanceTotal = _c.Decimal("BT-107"); break;
                case "ChargeTotalAmount": t.ChargeTotal = _c.Decimal("BT-108"); break;
                case "PrepaidAmount": t.PrepaidAmount = _c.Decimal("BT-113"); break;
                case "PayableRoundingAmount": t.RoundingAmount = _c.Decimal("BT-114"); break;
                case "PayableAmount": t.PayableAmount = _c.Decimal("BT-115"); break;
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
                case "ID": line.Id = _c.Text(); break;
                case "Note": line.Note = _c.Text(); break;
                case "InvoicedQuantity" or "CreditedQuantity":
                    line.QuantityUnitCode = _c.Attribute("unitCode");
                    line.Quantity = _c.Decimal("BT-129");
                    break;
                case "LineExtensionAmount": line.NetAmount = _c.Decimal("BT-131"); break;
                case "AccountingCost": line.BuyerAccountingReference = _c.Text(); break;
                case "InvoicePeriod":
                    var period = new Period();
                    var d2 = _c.Enter();
                    while (_c.NextChild(d2))
                    {
                        switch (_c.LocalName)
                        {
                            case "StartDate": period.StartDate = _c.IsoDate("BT-134"); break;
                            case "EndDate": period.EndDate = _c.IsoDate("BT-135"); break;
                            default: _c.Skip(); break;
                        }
                    }
                    line.Period = period;
                    break;
                case "OrderLineReference": line.OrderLineReference = _c.ChildText("LineID"); break;
                case "DocumentReference":
                    Identifier? id = null;
                    var d3 = _c.Enter();
                    while (_c.NextChild(d3))
                    {
                        switch (_c.LocalName)
                        {
                            case "ID": id = _c.Identifier(); break;
                            default: _c.Skip(); break;
                        }
                    }
                    line.ObjectIdentifier = id;
                    break;
                case "AllowanceCharge": line.AllowanceCharges.Add(ReadLineAllowanceCharge()); break;
                case "Item": ReadItem(line); break;
                case "Price": ReadPrice(line.Price); break;
                default: _c.Skip(); break;
            }
        }
        _inv.Lines.Add(line);
    }

    private LineAllowanceCharge ReadLineAllowanceCharge()
    {
        var ac = new LineAllowanceCharge();
        var d = _c.Enter();
        while (_c.NextChild(d))
        {
            switch (_c.LocalName)
            {
                case "ChargeIndicator": ac.IsCharge = ParseBool(_c.Text()); break;
                case "AllowanceChargeReasonCode": ac.ReasonCode = _c.Text(); break;
                case "AllowanceChargeReason": ac.Reason = _c.Text(); break;
                case "MultiplierFactorNumeric": ac.Percentage = _c.Decimal(ac.IsCharge ? "BT-143" : "BT-138"); break;
                case "Amount": ac.Amount = _c.Decimal(ac.IsCharge ? "BT-141" : "BT-136"); break;
                case "BaseAmount": ac.BaseAmount = _c.Decimal(ac.IsCharge ? "BT-142" : "BT-137"); break;
                default: _c.Skip(); break;
            }
        }
        return ac;
    }

    private void ReadItem(InvoiceLine line)
    {
        var item = line.Item;
        var d = _c.Enter();
        while (_c.NextChild(d))
        {
            switch (_c.LocalName)
            {
                case "Description": item.Description = _c.Text(); break;
                case "Name": item.Name = _c.Text(); break;
                case "BuyersItemIdentification": item.BuyerId = _c.ChildText("ID"); break;
                case "SellersItemIdentification": item.SellerId = _c.ChildText("ID"); break;
                case "StandardItemIdentification":
                    var d2 = _c.Enter();
                    while (_c.NextChild(d2))
                    {
                        if (_c.LocalName == "ID")
                        {
                            item.StandardId = _c.Identifier();
                        }
                        else
                        {
                            _c.Skip();
                        }
                    }
                    break;
                case "OriginCountry": item.OriginCountryCode = _c.ChildText("IdentificationCode"); break;
                case "CommodityClassification":
                    var d3 = _c.Enter();
                    while (_c.NextChild(d3))
                    {
                        if (_c.LocalName == "ItemClassificationCode")
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
                case "ClassifiedTaxCategory":
                    var d4 = _c.Enter();
                    while (_c.NextChild(d4))
                    {
                        switch (_c.LocalName)
                        {
                            case "ID": line.VatCategoryCode = _c.Text(); break;
                            case "Percent": line.VatRate = _c.Decimal("BT-152"); break;
                            default: _c.Skip(); break;
                        }
                    }
                    break;
                case "AdditionalItemProperty":
                    var property = new ItemProperty();
                    var d5 = _c.Enter();
                    while (_c.NextChild(d5))
                    {
                        switch (_c.LocalName)
                        {
                            case "Name": property.Name = _c.Text(); break;
                            case "Value": property.Value = _c.Text(); break;
                            default: _c.Skip(); break;
                        }
                    }
                    item.Attributes.Add(property);
                    break;
                default: _c.Skip(); break;
            }
        }
    }

    private void ReadPrice(PriceDetails price)
    {
        var d = _c.Enter();
        while (_c.NextChild(d))
        {
            switch (_c.LocalName)
            {
                case "PriceAmount": price.NetPrice = _c.Decimal("BT-146"); break;
                case "BaseQuantity":
                    price.BaseQuantityUnitCode = _c.Attribute("unitCode");
                    price.BaseQuantity = _c.Decimal("BT-149");
                    break;
                case "AllowanceCharge":
                    var d2 = _c.Enter();
                    while (_c.NextChild(d2))
                    {
                        switch (_c.LocalName)
                        {
                            case "Amount": price.Discount = _c.Decimal("BT-147"); break;
                            case "BaseAmount": price.GrossPrice = _c.Decimal("BT-148"); break;
                            default: _c.Skip(); break;
                        }
                    }
                    break;
                default: _c.Skip(); break;
            }
        }
    }

    private static bool ParseBool(string? text) => text?.Trim() is "true" or "1";
}
