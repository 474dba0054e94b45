using Portique.Formats.Model;

namespace Portique.Formats.Rules;

/// <summary>
/// The invoice as the artefacts' VAT rules see it: a tax category whose scheme is not VAT counts as no VAT category.
/// Built only for the rare source that has one; the caller's model is never modified.
/// </summary>
internal static class VatView
{
    public static Invoice WithoutNonVatCategories(Invoice source, SourceFacts facts)
    {
        var view = new Invoice
        {
            SourceSyntax = source.SourceSyntax, Number = source.Number, IssueDate = source.IssueDate, TypeCode = source.TypeCode,
            CurrencyCode = source.CurrencyCode, VatAccountingCurrencyCode = source.VatAccountingCurrencyCode,
            VatPointDate = source.VatPointDate, VatPointDateCode = source.VatPointDateCode, PaymentDueDate = source.PaymentDueDate,
            BuyerReference = source.BuyerReference, ProjectReference = source.ProjectReference, ContractReference = source.ContractReference,
            PurchaseOrderReference = source.PurchaseOrderReference, SalesOrderReference = source.SalesOrderReference,
            ReceivingAdviceReference = source.ReceivingAdviceReference, DespatchAdviceReference = source.DespatchAdviceReference,
            TenderOrLotReference = source.TenderOrLotReference, InvoicedObjectIdentifier = source.InvoicedObjectIdentifier,
            BuyerAccountingReference = source.BuyerAccountingReference, PaymentTerms = source.PaymentTerms, Notes = source.Notes,
            BusinessProcessType = source.BusinessProcessType, SpecificationIdentifier = source.SpecificationIdentifier,
            PrecedingInvoices = source.PrecedingInvoices, Seller = source.Seller, Buyer = source.Buyer, Payee = source.Payee,
            SellerTaxRepresentative = source.SellerTaxRepresentative, Delivery = source.Delivery, InvoicingPeriod = source.InvoicingPeriod,
            PaymentMeans = source.PaymentMeans, RemittanceInformation = source.RemittanceInformation,
            MandateReference = source.MandateReference, BankAssignedCreditorIdentifier = source.BankAssignedCreditorIdentifier,
            Totals = source.Totals, SupportingDocuments = source.SupportingDocuments,
        };
        for (var i = 0; i < source.Lines.Count; i++)
        {
            var line = source.Lines[i];
            view.Lines.Add(facts.NonVatLines.Contains(line.Index > 0 ? line.Index : i + 1) ? WithoutCategory(line) : line);
        }
        for (var i = 0; i < source.AllowanceCharges.Count; i++)
        {
            var ac = source.AllowanceCharges[i];
            view.AllowanceCharges.Add(facts.NonVatAllowanceCharges.Contains(i + 1)
                ? new AllowanceCharge
                {
                    IsCharge = ac.IsCharge, Amount = ac.Amount, BaseAmount = ac.BaseAmount, Percentage = ac.Percentage,
                    Reason = ac.Reason, ReasonCode = ac.ReasonCode,
                }
                : ac);
        }
        for (var i = 0; i < source.VatBreakdown.Count; i++)
        {
            var vat = source.VatBreakdown[i];
            view.VatBreakdown.Add(facts.NonVatBreakdowns.Contains(i + 1)
                ? new VatBreakdown { TaxableAmount = vat.TaxableAmount, TaxAmount = vat.TaxAmount, ExemptionReason = vat.ExemptionReason, ExemptionReasonCode = vat.ExemptionReasonCode }
                : vat);
        }
        return view;
    }

    private static InvoiceLine WithoutCategory(InvoiceLine line) => new()
    {
        Index = line.Index, Id = line.Id, ParentLineId = line.ParentLineId, Note = line.Note, ObjectIdentifier = line.ObjectIdentifier,
        Quantity = line.Quantity, QuantityUnitCode = line.QuantityUnitCode, NetAmount = line.NetAmount,
        OrderLineReference = line.OrderLineReference, BuyerAccountingReference = line.BuyerAccountingReference, Period = line.Period,
        AllowanceCharges = line.AllowanceCharges, Price = line.Price, Item = line.Item,
    };
}
