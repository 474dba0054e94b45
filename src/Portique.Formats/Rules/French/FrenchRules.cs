using System.Collections.Frozen;
using Portique.Formats.Model;
using static Portique.Formats.Rules.Amounts;

namespace Portique.Formats.Rules.French;

/// <summary>
/// The French rules of the 2026 B2B reform (the BR-FR layer), switched on by <see cref="RuleProfile.French"/>.
/// <para>
/// Version followed: FNFE-MPE "BR-FR-Flux2-Schematron" V1.4.0 (the same rules for UBL and CII, applied to flows 2, 8 and 9),
/// as summarised in the reform's reference (b2b-reform.md of the developers' specification set) §4.3-4.5. The Flux 2 rules exist in a warning and a
/// fatal variant; the fatal one applies to invoices received from 1 September 2026, so every finding here is fatal.
/// </para>
/// <para>
/// Implemented (the content and the id are both given by the reference): BR-FR-01, 02, 03, 04, 05, 06, 08, 09, 10, 11, 12,
/// 13, 15, 16, 17, 18, 20, 21, 22, 31, 32, BR-FR-CO-03, CO-08, CO-09, BR-FR-DEC-01..04.
/// Pairs the reference gives together (05/06, 20/31, 21/22) are split as: 05 presence of PMT/PMD/AAB, 06 no repeated
/// PMT/PMD/AAB/TXD note; 20 BAR value, 31 BAR once; 21 scheme 0225, 22 address starting with the SIREN.
/// Not implemented, because the reference gives their content without an exact id or check: BR-FR-23..26 (electronic
/// address and 0224 identifier formats), 27/28 (item attributes), 29/30 (AFL/AVV schemes once, which also need counts the
/// model folds), BR-FR-CO-04..07 and 10..15, the multi-vendor BR-FR-MV-nn and bidirectional BR-FR-BD-nn rules.
/// </para>
/// </summary>
internal static class FrenchRules
{
    private static readonly FrozenSet<string> TypeCodes =
        "380 381 384 386 389 393 396 261 262 471 472 473 500 501 502 503".Split(' ').ToFrozenSet(StringComparer.Ordinal);

    private static readonly FrozenSet<string> SelfBilled = "389 501 500 471 473 261 502".Split(' ').ToFrozenSet(StringComparer.Ordinal);

    private static readonly FrozenSet<string> Cadres =
        "B1 S1 M1 B2 S2 M2 S3 B4 S4 M4 S5 S6 B7 S7 B8 S8 M8 B9 S9 M9".Split(' ').ToFrozenSet(StringComparer.Ordinal);

    private static readonly FrozenSet<string> Categories = "S E AE K G O Z".Split(' ').ToFrozenSet(StringComparer.Ordinal);

    private static readonly FrozenSet<decimal> Rates = new[]
    {
        0m, 0.9m, 1.05m, 1.75m, 2.1m, 5.5m, 7m, 8.5m, 9.2m, 9.6m, 10m, 13m, 19.6m, 20m, 20.6m,
    }.ToFrozenSet();

    private static readonly FrozenSet<string> AttachmentKinds =
        ("RIB LISIBLE FEUILLE_DE_STYLE PJA BORDEREAU_SUIVI DOCUMENT_ANNEXE BON_LIVRAISON BON_COMMANDE "
        + "BORDEREAU_SUIVI_VALIDATION ETAT_ACOMPTE FACTURE_PAIEMENT_DIRECT RECAPITULATIF_COTRAITANCE")
        .Split(' ').ToFrozenSet(StringComparer.Ordinal);

    private static readonly FrozenSet<string> ProcessingRules =
        "B2B B2BINT B2C OUTOFSCOPE ARCHIVEONLY".Split(' ').ToFrozenSet(StringComparer.Ordinal);

    public static void Check(RuleContext c)
    {
        var inv = c.Invoice;
        Identifiers(c, inv);
        Dates(c, inv);
        Codes(c, inv);
        var processing = Notes(c, inv);
        Parties(c, inv, processing);
        Attachments(c, inv);
        Coherence(c, inv);
        Decimals(c, inv);
    }

    private static void Identifiers(RuleContext c, Invoice inv)
    {
        if (inv.Number is { } number && !IsReference(number))
        {
            c.Fatal("BR-FR-01", c.Root, "BT-1", "The invoice number (BT-1) must have at most 35 characters among letters, digits, '+', '-', '_' and '/'.");
        }
        for (var i = 0; i < inv.PrecedingInvoices.Count; i++)
        {
            if (inv.PrecedingInvoices[i].Number is { } reference && !IsReference(reference))
            {
                c.Fatal("BR-FR-02", c.PrecedingInvoice(i + 1), "BT-25", "The preceding invoice number (BT-25) must have at most 35 characters among letters, digits, '+', '-', '_' and '/'.");
            }
        }
    }

    private static bool IsReference(string value)
    {
        if (value.Length is 0 or > 35)
        {
            return false;
        }
        foreach (var ch in value)
        {
            if (!(char.IsAsciiLetterOrDigit(ch) || ch is '+' or '-' or '_' or '/'))
            {
                return false;
            }
        }
        return true;
    }

    private static void Dates(RuleContext c, Invoice inv)
    {
        void Date(DateOnly? date, string at, string term)
        {
            if (date is { Year: < 2000 or > 2099 } d)
            {
                c.Fatal("BR-FR-03", at, term, $"The date {d:yyyy-MM-dd} ({term}) must fall in the years 2000 to 2099.");
            }
        }
        Date(inv.IssueDate, c.Root, "BT-2");
        Date(inv.VatPointDate, c.Root, "BT-7");
        Date(inv.PaymentDueDate, c.Root, "BT-9");
        Date(inv.Delivery?.ActualDeliveryDate, c.Delivery, "BT-72");
        Date(inv.InvoicingPeriod?.StartDate, c.InvoicePeriod, "BT-73");
        Date(inv.InvoicingPeriod?.EndDate, c.InvoicePeriod, "BT-74");
        for (var i = 0; i < inv.PrecedingInvoices.Count; i++)
        {
            Date(inv.PrecedingInvoices[i].IssueDate, c.PrecedingInvoice(i + 1), "BT-26");
        }
        foreach (var line in inv.Lines)
        {
            Date(line.Period?.StartDate, c.Line(line.Index), "BT-134");
            Date(line.Period?.EndDate, c.Line(line.Index), "BT-135");
        }
    }

    private static void Codes(RuleContext c, Invoice inv)
    {
        if (inv.TypeCode is { } type && !TypeCodes.Contains(type.Trim()))
        {
            c.Fatal("BR-FR-04", c.Root, "BT-3", $"The invoice type code '{type}' (BT-3) is not one the French reform allows.");
        }
        if (inv.BusinessProcessType is { } cadre && !Cadres.Contains(cadre.Trim()))
        {
            c.Fatal("BR-FR-08", c.Root, "BT-23", $"The billing framework '{cadre}' (BT-23) is not in the French list (B1, S1, M1, B2... M9).");
        }

        void Category(string? code, string at, string term)
        {
            if (code is not null && !Categories.Contains(code.Trim()))
            {
                c.Fatal("BR-FR-15", at, term, $"The VAT category '{code}' ({term}) is not used in France (S, E, AE, K, G, O, Z).");
            }
        }
        void Rate(decimal? rate, string at, string term)
        {
            if (rate is { } r && !Rates.Contains(r))
            {
                c.Fatal("BR-FR-16", at, term, $"The VAT rate {r} % ({term}) is not a French rate.");
            }
        }
        foreach (var line in inv.Lines)
        {
            Category(line.VatCategoryCode, c.Line(line.Index), "BT-151");
            Rate(line.VatRate, c.Line(line.Index), "BT-152");
        }
        int allowance = 0, charge = 0;
        foreach (var ac in inv.AllowanceCharges)
        {
            var at = c.DocumentAllowanceCharge(ac.IsCharge, ac.IsCharge ? ++charge : ++allowance);
            Category(ac.VatCategoryCode, at, ac.IsCharge ? "BT-102" : "BT-95");
            Rate(ac.VatRate, at, ac.IsCharge ? "BT-103" : "BT-96");
        }
        for (var i = 0; i < inv.VatBreakdown.Count; i++)
        {
            Category(inv.VatBreakdown[i].CategoryCode, c.VatBreakdown(i + 1), "BT-118");
            Rate(inv.VatBreakdown[i].Rate, c.VatBreakdown(i + 1), "BT-119");
        }
    }

    /// <summary>BR-FR-05/06/20/31 on the notes; returns the processing rule of the BAR note, if any.</summary>
    private static string? Notes(RuleContext c, Invoice inv)
    {
        int pmt = 0, pmd = 0, aab = 0, txd = 0, bar = 0;
        string? processing = null;
        for (var i = 0; i < inv.Notes.Count; i++)
        {
            var note = inv.Notes[i];
            switch (note.SubjectCode?.Trim())
            {
                case "PMT": pmt++; break;
                case "PMD": pmd++; break;
                case "AAB": aab++; break;
                case "TXD": txd++; break;
                case "BAR":
                    bar++;
                    processing ??= note.Text?.Trim();
                    if (!ProcessingRules.Contains(note.Text?.Trim() ?? ""))
                    {
                        c.Fatal("BR-FR-20", c.Note(i + 1), "BT-22", $"The processing rule note (BAR) must be one of B2B, B2BINT, B2C, OUTOFSCOPE, ARCHIVEONLY, not '{note.Text}'.");
                    }
                    break;
            }
        }
        void Mandatory(int count, string subject, string what)
        {
            if (count == 0) c.Fatal("BR-FR-05", c.Root, "BG-1", $"A note with subject {subject} ({what}) is mandatory.");
        }
        Mandatory(pmt, "PMT", "fixed recovery indemnity");
        Mandatory(pmd, "PMD", "late payment penalties");
        Mandatory(aab, "AAB", "early payment discount");
        foreach (var (count, subject) in new[] { (pmt, "PMT"), (pmd, "PMD"), (aab, "AAB"), (txd, "TXD") })
        {
            if (count > 1) c.Fatal("BR-FR-06", c.Root, "BG-1", $"The note with subject {subject} may appear only once.");
        }
        if (bar > 1) c.Fatal("BR-FR-31", c.Root, "BG-1", "The processing rule note (BAR) may appear only once.");
        return processing;
    }

    private static void Parties(RuleContext c, Invoice inv, string? processing)
    {
        var sellerSiren = Siren(inv.Seller);
        if (sellerSiren is null)
        {
            c.Fatal("BR-FR-10", c.Seller, "BT-30", "The seller SIREN (BT-30 with scheme 0002, 9 digits) is mandatory.");
        }
        var b2b = processing == "B2B";
        var buyerSiren = Siren(inv.Buyer);
        if (b2b && buyerSiren is null)
        {
            c.Fatal("BR-FR-11", c.Buyer, "BT-47", "A B2B invoice needs the buyer SIREN (BT-47 with scheme 0002, 9 digits).");
        }
        foreach (var (party, at, siren) in new[] { (inv.Seller, c.Seller, sellerSiren), (inv.Buyer, c.Buyer, buyerSiren) })
        {
            foreach (var id in party.Identifiers)
            {
                if (id.SchemeId?.Trim() == "0009" && siren is not null && id.Value is { } siret && !siret.Trim().StartsWith(siren, StringComparison.Ordinal))
                {
                    c.Fatal("BR-FR-09", at, "BT-29", $"The SIRET '{siret}' must start with the party's SIREN '{siren}'.");
                }
            }
            if (party.LegalRegistrationId is { SchemeId: { } scheme, Value: { } value } && scheme.Trim() is "0002" or "0231" && !IsDigits(value.Trim(), 9))
            {
                c.Fatal("BR-FR-32", at, "BT-30", $"An identifier with scheme {scheme.Trim()} must be 9 digits, not '{value}'.");
            }
        }
        if (inv.Seller.ElectronicAddress?.Value is null)
        {
            c.Fatal("BR-FR-13", c.Seller, "BT-34", "The seller electronic address (BT-34) is mandatory.");
        }
        if (inv.Buyer.ElectronicAddress?.Value is null)
        {
            c.Fatal("BR-FR-12", c.Buyer, "BT-49", "The buyer electronic address (BT-49) is mandatory.");
        }
        if (b2b)
        {
            // In self-billing the buyer issues the invoice, so the seller's address is the one to route to.
            var selfBilled = inv.TypeCode is { } type && SelfBilled.Contains(type.Trim());
            var (party, at, siren, term) = selfBilled ? (inv.Seller, c.Seller, sellerSiren, "BT-34") : (inv.Buyer, c.Buyer, buyerSiren, "BT-49");
            if (party.ElectronicAddress is { } address)
            {
                if (address.SchemeId?.Trim() != "0225")
                {
                    c.Fatal("BR-FR-21", at, term, $"In B2B the electronic address ({term}) must use scheme 0225.");
                }
                if (siren is not null && address.Value is { } value && !value.Trim().StartsWith(siren, StringComparison.Ordinal))
                {
                    c.Fatal("BR-FR-22", at, term, $"In B2B the electronic address ({term}) must start with the SIREN {siren}.");
                }
            }
        }
    }

    private static string? Siren(Party party) =>
        party.LegalRegistrationId is { SchemeId: { } scheme, Value: { } value } && scheme.Trim() == "0002" && IsDigits(value.Trim(), 9)
            ? value.Trim()
            : null;

    private static bool IsDigits(string value, int length)
    {
        if (value.Length != length)
        {
            return false;
        }
        foreach (var ch in value)
        {
            if (!char.IsAsciiDigit(ch)) return false;
        }
        return true;
    }

    private static void Attachments(RuleContext c, Invoice inv)
    {
        var readable = 0;
        for (var i = 0; i < inv.SupportingDocuments.Count; i++)
        {
            if (inv.SupportingDocuments[i].Description?.Trim() is not { } kind)
            {
                continue;
            }
            if (!AttachmentKinds.Contains(kind))
            {
                c.Fatal("BR-FR-17", c.Attachment(i + 1), "BT-123", $"The attachment description '{kind}' (BT-123) is not in the French list (RIB, LISIBLE, PJA...).");
            }
            if (kind == "LISIBLE") readable++;
        }
        if (readable > 1)
        {
            c.Fatal("BR-FR-18", c.Root, "BT-123", "At most one attachment may be the readable rendering (LISIBLE).");
        }
    }

    private static void Coherence(RuleContext c, Invoice inv)
    {
        var type = inv.TypeCode?.Trim();
        var cadre = inv.BusinessProcessType?.Trim();
        if (type == "262" && (inv.ContractReference is null || inv.InvoicingPeriod is null))
        {
            c.Fatal("BR-FR-CO-03", c.Root, "BT-12", "A credit note for a global rebate (262) needs the contract reference (BT-12) and the invoicing period (BG-14).");
        }
        if (cadre is "B4" or "S4" or "M4" && type is "386" or "500" or "503")
        {
            c.Fatal("BR-FR-CO-08", c.Root, "BT-23", $"A final invoice after down payment ({cadre}) cannot have the down-payment type code {type}.");
        }
        if (cadre is "B2" or "S2" or "M2")
        {
            var t = inv.Totals;
            if (t.PrepaidAmount != t.TaxInclusiveAmount || t.PayableAmount != 0m)
            {
                c.Fatal("BR-FR-CO-09", c.Totals, "BT-113", $"An already paid invoice ({cadre}) needs the paid amount (BT-113) equal to the total with VAT (BT-112) and an amount due (BT-115) of 0.");
            }
        }
    }

    private static void Decimals(RuleContext c, Invoice inv)
    {
        void Amount(decimal? value, string at, string term)
        {
            if (value is { } v && (v.Scale > 2 || Digits(v) > 19))
            {
                c.Fatal("BR-FR-DEC-01", at, term, $"The amount {v} ({term}) must have at most 19 digits and 2 decimals.");
            }
        }
        var t = inv.Totals;
        foreach (var (value, term) in new[]
        {
            (t.LineNetTotal, "BT-106"), (t.AllowanceTotal, "BT-107"), (t.ChargeTotal, "BT-108"), (t.TaxExclusiveAmount, "BT-109"),
            (t.VatTotal, "BT-110"), (t.VatTotalInAccountingCurrency, "BT-111"), (t.TaxInclusiveAmount, "BT-112"),
            (t.PrepaidAmount, "BT-113"), (t.RoundingAmount, "BT-114"), (t.PayableAmount, "BT-115"),
        })
        {
            Amount(value, c.Totals, term);
        }
        for (var i = 0; i < inv.VatBreakdown.Count; i++)
        {
            Amount(inv.VatBreakdown[i].TaxableAmount, c.VatBreakdown(i + 1), "BT-116");
            Amount(inv.VatBreakdown[i].TaxAmount, c.VatBreakdown(i + 1), "BT-117");
            Rate(c, inv.VatBreakdown[i].Rate, c.VatBreakdown(i + 1), "BT-119");
        }
        var mayBeNegative = inv.BusinessProcessType?.Trim() is "S9" or "B9" or "M9";
        foreach (var line in inv.Lines)
        {
            var at = c.Line(line.Index);
            Amount(line.NetAmount, at, "BT-131");
            foreach (var (value, term) in new[] { (line.Quantity, "BT-129"), (line.Price.BaseQuantity, "BT-149") })
            {
                if (value is { Scale: > 4 } q)
                {
                    c.Fatal("BR-FR-DEC-02", at, term, $"The quantity {q} ({term}) must have at most 4 decimals.");
                }
            }
            foreach (var (value, term) in new[] { (line.Price.NetPrice, "BT-146"), (line.Price.GrossPrice, "BT-148") })
            {
                if (value is { } p && (p.Scale > 6 || p < 0 && !mayBeNegative))
                {
                    c.Fatal("BR-FR-DEC-03", at, term, $"The unit price {p} ({term}) must have at most 6 decimals and must not be negative.");
                }
            }
            Rate(c, line.VatRate, at, "BT-152");
        }
        foreach (var ac in inv.AllowanceCharges)
        {
            Amount(ac.Amount, c.Root, ac.IsCharge ? "BT-99" : "BT-92");
            Amount(ac.BaseAmount, c.Root, ac.IsCharge ? "BT-100" : "BT-93");
        }
    }

    private static void Rate(RuleContext c, decimal? rate, string at, string term)
    {
        if (rate is { } r && (r.Scale > 2 || Digits(r) > 4))
        {
            c.Fatal("BR-FR-DEC-04", at, term, $"The VAT rate {r} ({term}) must have at most 4 digits and 2 decimals.");
        }
    }

    /// <summary>Number of significant digits as written (integer part and decimals).</summary>
    private static int Digits(decimal value)
    {
        var scale = value.Scale;
        var integer = decimal.Truncate(Math.Abs(value));
        var integerDigits = integer == 0 ? 1 : (int)Math.Floor(Math.Log10((double)integer)) + 1;
        return integerDigits + scale;
    }
}
