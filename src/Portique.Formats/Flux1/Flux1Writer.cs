using Portique.Formats.Model;
using Portique.Formats.Xml;

namespace Portique.Formats.Flux1;

/// <summary>
/// Writes the regulated data of an invoice as Flux 1 (CII D22B restricted by DGFiP/AIFE): only the elements the profile's
/// schema allows, in its order. Base carries the header (parties, VAT breakdown, totals, references); Full adds the lines,
/// the document-level allowances and charges and the delivery party. Values are written as the invoice holds them; the
/// checks (XSD, AIFE rules) are <see cref="Flux1Engine"/>'s.
/// </summary>
internal static class Flux1Writer
{
    public const string Rsm = "urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100";
    public const string Ram = "urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100";
    public const string Udt = "urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100";
    public const string Qdt = "urn:un:unece:uncefact:data:standard:QualifiedDataType:100";

    private static readonly Dictionary<string, string> Namespaces = new() { ["rsm"] = Rsm, ["ram"] = Ram, ["udt"] = Udt, ["qdt"] = Qdt };

    public static byte[] Write(Invoice invoice, Flux1Profile profile)
    {
        using var x = new XmlOut(Namespaces);
        var full = profile == Flux1Profile.Full;
        x.Root("rsm", "CrossIndustryInvoice");

        x.Start("rsm", "ExchangedDocumentContext");
        Parameter(x, "BusinessProcessSpecifiedDocumentContextParameter", invoice.BusinessProcessType);
        Parameter(x, "GuidelineSpecifiedDocumentContextParameter", invoice.SpecificationIdentifier);
        x.End();

        x.Start("rsm", "ExchangedDocument");
        x.Leaf("ram", "ID", invoice.Number ?? "");
        x.Leaf("ram", "TypeCode", invoice.TypeCode);
        Date(x, "IssueDateTime", invoice.IssueDate ?? default);
        // The BAR note (nature of the transaction) is the only note the tax administration reads.
        foreach (var note in invoice.Notes.Where(n => string.Equals(n.SubjectCode, "BAR", StringComparison.OrdinalIgnoreCase)))
        {
            x.Start("ram", "IncludedNote");
            x.Leaf("ram", "Content", note.Text);
            x.Leaf("ram", "SubjectCode", note.SubjectCode);
            x.End();
        }
        x.End();

        x.Start("rsm", "SupplyChainTradeTransaction");
        if (full)
        {
            foreach (var line in invoice.Lines)
                Line(x, line);
        }
        x.Start("ram", "ApplicableHeaderTradeAgreement");
        Party(x, "SellerTradeParty", invoice.Seller, full);
        Party(x, "BuyerTradeParty", invoice.Buyer, full);
        if (invoice.SellerTaxRepresentative is { } representative)
            Party(x, "SellerTaxRepresentativeTradeParty", representative, full);
        x.End();

        x.Start("ram", "ApplicableHeaderTradeDelivery");
        if (full && invoice.Delivery is { } delivery && (delivery.PartyName is not null || delivery.Address?.CountryCode is not null || delivery.LocationIdentifier is not null))
        {
            x.Start("ram", "ShipToTradeParty");
            x.Id("ram", "GlobalID", delivery.LocationIdentifier);
            x.Leaf("ram", "Name", delivery.PartyName);
            if (delivery.Address?.CountryCode is not null)
                Address(x, delivery.Address);
            x.End();
        }
        if (invoice.Delivery?.ActualDeliveryDate is { } delivered)
        {
            x.Start("ram", "ActualDeliverySupplyChainEvent");
            Date(x, "OccurrenceDateTime", delivered);
            x.End();
        }
        x.End();

        Settlement(x, invoice, full);
        x.End();
        x.End();
        return x.ToArray();
    }

    private static void Settlement(XmlOut x, Invoice invoice, bool full)
    {
        x.Start("ram", "ApplicableHeaderTradeSettlement");
        x.Leaf("ram", "InvoiceCurrencyCode", invoice.CurrencyCode);
        var dueDateCode = DueDateTypeCode(invoice.VatPointDateCode);
        foreach (var vat in invoice.VatBreakdown)
        {
            x.Start("ram", "ApplicableTradeTax");
            x.Leaf("ram", "CalculatedAmount", vat.TaxAmount);
            x.Leaf("ram", "TypeCode", "VAT");
            x.Leaf("ram", "ExemptionReason", vat.ExemptionReason);
            x.Leaf("ram", "BasisAmount", vat.TaxableAmount);
            x.Leaf("ram", "CategoryCode", vat.CategoryCode);
            x.Leaf("ram", "ExemptionReasonCode", vat.ExemptionReasonCode);
            x.Leaf("ram", "DueDateTypeCode", dueDateCode);
            // Flux 1 requires a rate on every breakdown (G6.08 BT-119); a category without one (O, E) is declared at 0.
            x.Leaf("ram", "RateApplicablePercent", vat.Rate ?? 0m);
            x.End();
        }
        if (invoice.InvoicingPeriod is { } period && (period.StartDate is not null || period.EndDate is not null))
            Period(x, period);
        if (full)
        {
            foreach (var ac in invoice.AllowanceCharges)
            {
                x.Start("ram", "SpecifiedTradeAllowanceCharge");
                Indicator(x, ac.IsCharge);
                x.Leaf("ram", "ActualAmount", ac.Amount ?? 0m);
                x.Start("ram", "CategoryTradeTax");
                x.Leaf("ram", "TypeCode", "VAT");
                x.Leaf("ram", "CategoryCode", ac.VatCategoryCode);
                x.Leaf("ram", "RateApplicablePercent", ac.VatRate);
                x.End();
                x.End();
            }
        }
        if (invoice.PaymentDueDate is { } due)
        {
            x.Start("ram", "SpecifiedTradePaymentTerms");
            Date(x, "DueDateDateTime", due);
            x.End();
        }
        x.Start("ram", "SpecifiedTradeSettlementHeaderMonetarySummation");
        x.Leaf("ram", "TaxBasisTotalAmount", invoice.Totals.TaxExclusiveAmount);
        x.Leaf("ram", "TaxTotalAmount", invoice.Totals.VatTotal ?? 0m, "currencyID", invoice.CurrencyCode);
        if (invoice.Totals.VatTotalInAccountingCurrency is { } accounting && invoice.VatAccountingCurrencyCode is { } accountingCurrency
            && accountingCurrency != invoice.CurrencyCode)
            x.Leaf("ram", "TaxTotalAmount", accounting, "currencyID", accountingCurrency);
        x.End();
        foreach (var preceding in invoice.PrecedingInvoices)
        {
            x.Start("ram", "InvoiceReferencedDocument");
            x.Leaf("ram", "IssuerAssignedID", preceding.Number);
            if (full && preceding.IssueDate is { } issued)
            {
                x.Start("ram", "FormattedIssueDateTime");
                x.Leaf("qdt", "DateTimeString", XmlOut.Date102(issued), "format", "102");
                x.End();
            }
            x.End();
        }
        x.End();
    }

    private static void Line(XmlOut x, InvoiceLine line)
    {
        x.Start("ram", "IncludedSupplyChainTradeLineItem");
        x.Start("ram", "SpecifiedTradeProduct");
        x.Leaf("ram", "Name", line.Item.Name ?? "");
        x.End();

        x.Start("ram", "SpecifiedLineTradeAgreement");
        var net = line.Price.NetPrice ?? 0m;
        // The schema wants a gross price on every line; without one the net price is the gross price (no discount).
        x.Start("ram", "GrossPriceProductTradePrice");
        x.Leaf("ram", "ChargeAmount", line.Price.GrossPrice ?? net);
        if (line.Price.GrossPrice is not null && line.Price.Discount is { } discount)
        {
            x.Start("ram", "AppliedTradeAllowanceCharge");
            Indicator(x, false);
            x.Leaf("ram", "ActualAmount", discount);
            x.End();
        }
        x.End();
        x.Start("ram", "NetPriceProductTradePrice");
        x.Leaf("ram", "ChargeAmount", net);
        x.End();
        x.End();

        x.Start("ram", "SpecifiedLineTradeDelivery");
        x.Leaf("ram", "BilledQuantity", line.Quantity ?? 0m, "unitCode", line.QuantityUnitCode ?? "C62");
        x.End();

        if (line.Period is { } period && (period.StartDate is not null || period.EndDate is not null) || line.AllowanceCharges.Count > 0)
        {
            x.Start("ram", "SpecifiedLineTradeSettlement");
            if (line.Period is { } p && (p.StartDate is not null || p.EndDate is not null))
                Period(x, p);
            foreach (var ac in line.AllowanceCharges)
            {
                x.Start("ram", "SpecifiedTradeAllowanceCharge");
                Indicator(x, ac.IsCharge);
                x.Leaf("ram", "ActualAmount", ac.Amount ?? 0m);
                x.End();
            }
            x.End();
        }
        x.End();
    }

    private static void Party(XmlOut x, string element, Party party, bool full)
    {
        x.Start("ram", element);
        // BT-29 with scheme 0231 (single taxable person) is the only global id the tax administration reads (S1.14).
        x.Id("ram", "GlobalID", party.Identifiers.FirstOrDefault(i => i.SchemeId == "0231"));
        x.Leaf("ram", "Name", party.Name);
        if (Flux1Scope.Siren(party) is { } siren)
        {
            x.Start("ram", "SpecifiedLegalOrganization");
            x.Leaf("ram", "ID", siren, "schemeID", "0002");
            x.End();
        }
        else if (party.LegalRegistrationId is { Value: not null } legal)
        {
            x.Start("ram", "SpecifiedLegalOrganization");
            x.Id("ram", "ID", legal);
            x.End();
        }
        var country = Flux1Scope.Country(party);
        if (party.Address is { } address && (!full || address.CountryCode is not null))
            Address(x, address);
        else if (country is not null)
            Address(x, new Address { CountryCode = country });
        if (party.VatIdentifier is { } vat)
        {
            x.Start("ram", "SpecifiedTaxRegistration");
            x.Leaf("ram", "ID", vat, "schemeID", "VA");
            x.End();
        }
        x.End();
    }

    private static void Address(XmlOut x, Address address)
    {
        x.Start("ram", "PostalTradeAddress");
        x.Leaf("ram", "PostcodeCode", address.PostCode);
        x.Leaf("ram", "LineOne", address.Line1);
        x.Leaf("ram", "LineTwo", address.Line2);
        x.Leaf("ram", "LineThree", address.Line3);
        x.Leaf("ram", "CityName", address.City);
        x.Leaf("ram", "CountryID", address.CountryCode);
        x.Leaf("ram", "CountrySubDivisionName", address.Subdivision);
        x.End();
    }

    private static void Parameter(XmlOut x, string element, string? id)
    {
        if (id is null)
            return;
        x.Start("ram", element);
        x.Leaf("ram", "ID", id);
        x.End();
    }

    private static void Period(XmlOut x, Period period)
    {
        x.Start("ram", "BillingSpecifiedPeriod");
        if (period.StartDate is { } start)
            Date(x, "StartDateTime", start);
        if (period.EndDate is { } end)
            Date(x, "EndDateTime", end);
        x.End();
    }

    private static void Date(XmlOut x, string element, DateOnly date)
    {
        x.Start("ram", element);
        x.Leaf("udt", "DateTimeString", XmlOut.Date102(date), "format", "102");
        x.End();
    }

    private static void Indicator(XmlOut x, bool value)
    {
        x.Start("ram", "ChargeIndicator");
        x.Leaf("udt", "Indicator", value ? "true" : "false");
        x.End();
    }

    /// <summary>BT-8 as CII writes it (UNTDID 2475); a UBL invoice holds UNTDID 2005 (3 → 5 invoice date, 35 → 29 delivery, 432 → 72 payment).</summary>
    internal static string? DueDateTypeCode(string? code) => code?.Trim() switch
    {
        "3" => "5",
        "35" => "29",
        "432" => "72",
        var other => other,
    };
}
