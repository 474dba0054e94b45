using Portique.Formats.Model;

namespace Portique.Formats.Rules.En16931;

/// <summary>BR-CL-nn: coded values must come from the code lists of <see cref="CodeLists"/>. Only values present are checked.</summary>
internal static class CodeListRules
{
    public static void Check(RuleContext c)
    {
        var inv = c.Invoice;
        var root = c.Root;
        if (inv.TypeCode is { } type)
        {
            var list = c.Syntax switch
            {
                InvoiceSyntax.UblCreditNote => CodeLists.CreditNoteTypeCodes,
                InvoiceSyntax.UblInvoice => CodeLists.InvoiceTypeCodes,
                _ => null,
            };
            var known = list?.Contains(type.Trim())
                ?? CodeLists.InvoiceTypeCodes.Contains(type.Trim()) || CodeLists.CreditNoteTypeCodes.Contains(type.Trim());
            if (!known) c.Fatal("BR-CL-01", root, "BT-3", $"The invoice type code '{type}' (BT-3) is not in the UNTDID 1001 invoice and credit note subsets.");
        }
        Code(c, "BR-CL-04", inv.CurrencyCode, CodeLists.Currencies, root, "BT-5", "invoice currency code", "ISO 4217");
        if (!c.OnSource("BR-CL-05")) Code(c, "BR-CL-05", inv.VatAccountingCurrencyCode, CodeLists.Currencies, root, "BT-6", "VAT accounting currency code", "ISO 4217");
        if (!c.OnSource("BR-CL-06")) Code(c, "BR-CL-06", inv.VatPointDateCode, c.IsCii ? CodeLists.CiiVatPointDateCodes : CodeLists.UblVatPointDateCodes,
            c.IsCii ? root : c.InvoicePeriod, "BT-8", "VAT point date code", c.IsCii ? "UNTDID 2475 (5, 29, 72)" : "UNTDID 2005 (3, 35, 432)");

        if (inv.InvoicedObjectIdentifier?.SchemeId is { } objectScheme && !CodeLists.ReferenceQualifiers.Contains(objectScheme.Trim()))
        {
            c.Fatal("BR-CL-07", root, "BT-18-1", $"The invoiced object identifier scheme '{objectScheme}' (BT-18-1) is not in UNTDID 1153.");
        }
        for (var i = 0; i < inv.Notes.Count; i++)
        {
            if (inv.Notes[i].SubjectCode is { Length: 3 } subject && !CodeLists.NoteSubjects.Contains(subject))
            {
                c.Fatal("BR-CL-08", c.Note(i + 1), "BT-21", $"The note subject code '{subject}' (BT-21) is not in UNCL 4451.");
            }
        }

        PartyCodes(c, inv.Seller, c.Seller, sepaAllowed: true, "BT-29", "BT-30", "BT-34-1", "BT-40");
        PartyCodes(c, inv.Buyer, c.Buyer, sepaAllowed: false, "BT-46", "BT-47", "BT-49-1", "BT-55");
        if (inv.Payee is { } payee) PartyCodes(c, payee, c.Payee, sepaAllowed: true, "BT-60", "BT-61", null, null);
        if (inv.SellerTaxRepresentative is { } rep) PartyCodes(c, rep, c.TaxRepresentative, sepaAllowed: false, null, null, null, "BT-69");
        if (inv.Delivery is { } delivery)
        {
            if (!c.OnSource("BR-CL-14")) Code(c, "BR-CL-14", delivery.Address?.CountryCode, CodeLists.Countries, c.DeliverToAddress, "BT-80", "deliver-to country code", "ISO 3166-1");
            if (delivery.LocationIdentifier?.SchemeId is { } locationScheme && !CodeLists.IsIcd(locationScheme.Trim()))
            {
                c.Fatal("BR-CL-26", c.Delivery, "BT-71-1", $"The delivery location identifier scheme '{locationScheme}' (BT-71-1) is not in the ISO 6523 ICD list.");
            }
        }

        for (var i = 0; i < inv.PaymentMeans.Count; i++)
        {
            if (!c.OnSource("BR-CL-16")) Code(c, "BR-CL-16", inv.PaymentMeans[i].TypeCode, CodeLists.PaymentMeans, c.PaymentMeans(i + 1), "BT-81", "payment means code", "UNCL 4461");
        }

        int allowance = 0, charge = 0;
        foreach (var ac in inv.AllowanceCharges)
        {
            var at = c.DocumentAllowanceCharge(ac.IsCharge, ac.IsCharge ? ++charge : ++allowance);
            Code(c, "BR-CL-17", ac.VatCategoryCode, CodeLists.VatCategories, at, ac.IsCharge ? "BT-102" : "BT-95", "VAT category code", "UNCL 5305");
            ReasonCode(c, ac.IsCharge, ac.ReasonCode, at);
        }
        for (var i = 0; i < inv.VatBreakdown.Count; i++)
        {
            var vat = inv.VatBreakdown[i];
            var at = c.VatBreakdown(i + 1);
            Code(c, "BR-CL-17", vat.CategoryCode, CodeLists.VatCategories, at, "BT-118", "VAT category code", "UNCL 5305");
            if (vat.ExemptionReasonCode is { } vatex && !CodeLists.VatexCodes.Contains(vatex.Trim().ToUpperInvariant()))
            {
                c.Fatal("BR-CL-22", at, "BT-121", $"The VAT exemption reason code '{vatex}' (BT-121) is not in the CEF VATEX list.");
            }
        }

        for (var i = 0; i < inv.SupportingDocuments.Count; i++)
        {
            if (inv.SupportingDocuments[i].AttachmentMimeCode is { } mime && !CodeLists.MimeCodes.Contains(mime) && !c.OnSource("BR-CL-24"))
            {
                c.Fatal("BR-CL-24", c.Attachment(i + 1), "BT-125-1", $"The attachment MIME code '{mime}' (BT-125-1) is not one EN 16931 allows.");
            }
        }

        for (var i = 0; i < inv.Lines.Count; i++)
        {
            Line(c, inv.Lines[i], i);
        }
    }

    private static void Line(RuleContext c, InvoiceLine line, int i)
    {
        var index = line.Index > 0 ? line.Index : i + 1;
        var at = c.Line(index);
        Code(c, "BR-CL-18", line.VatCategoryCode, CodeLists.VatCategories, at, "BT-151", "invoiced item VAT category code", "UNCL 5305");
        Code(c, "BR-CL-15", line.Item.OriginCountryCode, CodeLists.Countries, at, "BT-159", "item country of origin", "ISO 3166-1");
        Unit(c, line.QuantityUnitCode, at, "BT-130");
        Unit(c, line.Price.BaseQuantityUnitCode, at, "BT-150");
        if (line.Item.StandardId?.SchemeId is { } standardScheme && !CodeLists.IsIcd(standardScheme.Trim()))
        {
            c.Fatal("BR-CL-21", at, "BT-157-1", $"The item standard identifier scheme '{standardScheme}' (BT-157-1) is not in the ISO 6523 ICD list.");
        }
        foreach (var cls in line.Item.Classifications)
        {
            Code(c, "BR-CL-13", cls.SchemeId, CodeLists.ItemClassificationSchemes, at, "BT-158-1", "item classification scheme", "UNTDID 7143");
        }
        int allowance = 0, charge = 0;
        foreach (var ac in line.AllowanceCharges)
        {
            ReasonCode(c, ac.IsCharge, ac.ReasonCode, c.LineAllowanceCharge(index, ac.IsCharge, ac.IsCharge ? ++charge : ++allowance));
        }
    }

    private static void Unit(RuleContext c, string? unit, string at, string term)
    {
        if (unit is not null && !UnitCodes.IsKnown(unit.Trim()))
        {
            c.Fatal("BR-CL-23", at, term, $"The unit code '{unit}' ({term}) is not in UN/ECE Recommendation 20 (with Recommendation 21).");
        }
    }

    private static void ReasonCode(RuleContext c, bool isCharge, string? code, string at)
    {
        if (c.OnSource(isCharge ? "BR-CL-20" : "BR-CL-19"))
        {
            return;
        }
        if (isCharge)
        {
            Code(c, "BR-CL-20", code, CodeLists.ChargeReasons, at, "BT-105", "charge reason code", "UNCL 7161");
        }
        else
        {
            Code(c, "BR-CL-19", code, CodeLists.AllowanceReasons, at, "BT-98", "allowance reason code", "UNCL 5189");
        }
    }

    private static void PartyCodes(RuleContext c, Party party, string at, bool sepaAllowed, string? idTerm, string? legalTerm, string? endpointTerm, string? countryTerm)
    {
        if (idTerm is not null)
        {
            foreach (var id in party.Identifiers)
            {
                if (id.SchemeId is { } scheme && !CodeLists.IsIcd(scheme.Trim()) && !(sepaAllowed && scheme.Trim() == "SEPA"))
                {
                    c.Fatal("BR-CL-10", at, idTerm + "-1", $"The identifier scheme '{scheme}' ({idTerm}-1) is not in the ISO 6523 ICD list.");
                }
            }
        }
        if (legalTerm is not null && party.LegalRegistrationId?.SchemeId is { } legalScheme && !CodeLists.IsIcd(legalScheme.Trim()))
        {
            c.Fatal("BR-CL-11", at, legalTerm + "-1", $"The legal registration identifier scheme '{legalScheme}' ({legalTerm}-1) is not in the ISO 6523 ICD list.");
        }
        if (endpointTerm is not null && !c.OnSource("BR-CL-25"))
        {
            Code(c, "BR-CL-25", party.ElectronicAddress?.SchemeId, CodeLists.ElectronicAddressSchemes, at, endpointTerm, "electronic address scheme", "CEF EAS");
        }
        if (countryTerm is not null && !c.OnSource("BR-CL-14"))
        {
            Code(c, "BR-CL-14", party.Address?.CountryCode, CodeLists.Countries, at, countryTerm, "country code", "ISO 3166-1");
        }
    }

    private static void Code(RuleContext c, string rule, string? value, System.Collections.Frozen.FrozenSet<string> list, string at, string term, string what, string listName)
    {
        if (value is not null && !list.Contains(value.Trim()))
        {
            c.Fatal(rule, at, term, $"The {what} '{value}' ({term}) is not in {listName}.");
        }
    }
}
