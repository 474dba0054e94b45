using System.Text.RegularExpressions;

namespace Portique.Formats.EReporting;

/// <summary>
/// The AIFE rules of the e-reporting transmission, "PPF_Flux10_v1.0.sch" (27/07/2026, Annexe 7 v1.8 rule ids G1.xx, G2.xx,
/// G6.xx, G7.xx, G8.01, P1.11, S1.12), written natively on <see cref="EReport"/>. Every assert of the published set is "fatal";
/// each check keeps its XPath semantics (a rule fires only where its context element exists; "=" against a list means "one of";
/// "&gt;" between two dates compares their strings). Rules on invoice lines (TG-25) are not checked: lines are not modelled
/// (the reader warns). The catalogue, with what is not done: docs/ereporting.md.
/// </summary>
public static partial class EReportingRules
{
    /// <summary>The AIFE schematron these rules follow.</summary>
    public const string Version = "PPF_Flux10_v1.0 (Annexe 7 v1.8)";

    public const string Profile = "urn.cpro.gouv.fr:1p0:ereporting";

    private static readonly decimal[] Rates = [0m, 0.9m, 1.05m, 1.75m, 2.1m, 5.5m, 7m, 8.5m, 9.2m, 9.6m, 10m, 13m, 19.6m, 20m, 20.6m];
    private static readonly string[] InvoiceTypes = ["261", "380", "381", "384", "386", "389", "393", "396", "471", "472", "473", "500", "501", "502", "503"];
    private static readonly string[] Frames = ["B1", "S1", "M1", "B2", "S2", "M2", "B4", "S4", "M4", "S5", "S6", "B7", "S7"];
    private static readonly string[] TaxDueCodes = ["5", "29", "72", "3", "35", "432"];
    private static readonly string[] VatCategories = ["S", "E", "AE", "K", "G", "O", "Z"];
    private static readonly string[] CompanySchemes = ["0002", "0223", "0227", "0228", "0229"];
    private static readonly string[] Categories = ["TLB1", "TPS1", "TNT1", "TMA1"];
    private static readonly string[] CreditNotes = ["261", "381", "396", "502", "503"];
    private static readonly string[] Correctives = ["384", "471", "472", "473"];

    public static void Check(EReport r, List<Finding> findings)
    {
        var f = new Report(findings);
        const string doc = "/Report/ReportDocument";
        if (r.Id is { } id)
            Identifier(f, "G1.104", id, 50, doc + "/Id", "TT-1", "L'identifiant de la transmission");
        if (r.IssueDateTime is { } at)
        {
            var loc = doc + "/IssueDateTime/DateTimeString";
            if (!Digits14().IsMatch(at))
                f.Fatal("G7.53", loc, "TT-3", $"L'horodatage de la transmission vaut « {at} » : il doit s'écrire AAAAMMJJHHMMSS (14 chiffres).");
            else if (!YearOk(at))
                f.Fatal("G1.36", loc, "TT-3", $"L'année de l'horodatage de la transmission ({at[..4]}) doit être entre 2000 et 2099.");
        }
        if (r.TypeCode is { } type && type is not ("IN" or "RE"))
            f.Fatal("G8.01", doc + "/TypeCode", "TT-4", $"Le type de transmission vaut « {type} » : IN (initiale) ou RE (rectificative) attendu.");
        if ((r.Transactions is null) == (r.Payments is null))
        {
            f.Fatal("G6.29", doc, "TB-1", r.Transactions is null
                ? "La transmission ne contient aucun rapport : il en faut exactement un, de transactions (TB-2) ou de paiements (TB-3)."
                : "La transmission contient un rapport de transactions et un rapport de paiements : un seul est permis par transmission.");
        }
        if (r.Sender.Id is { } sender)
        {
            if (r.Sender.SchemeId != "0238")
                f.Fatal("G6.22", doc + "/Sender/Id", "TT-7", $"Le type d'identifiant de la plateforme émettrice vaut « {r.Sender.SchemeId} » : 0238 attendu.");
            if (sender.Length != 4)
                f.Fatal("G6.22", doc + "/Sender/Id", "TT-8", $"Le matricule de la plateforme émettrice (« {sender} ») doit compter 4 caractères.");
        }
        if (r.Sender.RoleCode is { } senderRole && senderRole != "WK")
            f.Fatal("G7.51", doc + "/Sender/RoleCode", "TT-10", $"Le rôle de l'émetteur vaut « {senderRole} » : WK (plateforme agréée) attendu.");
        if (r.Issuer.Id is { } issuer)
        {
            if (r.Issuer.SchemeId != "0002")
                f.Fatal("G6.26", doc + "/Issuer/Id", "TT-12", $"Le type d'identifiant du déclarant vaut « {r.Issuer.SchemeId} » : 0002 (SIREN) attendu.");
            if (!Siren().IsMatch(issuer))
                f.Fatal("G6.26", doc + "/Issuer/Id", "TT-13", $"Le SIREN du déclarant (« {issuer} ») doit compter exactement 9 chiffres.");
        }
        if (r.Issuer.RoleCode is { } issuerRole && issuerRole is not ("BY" or "SE"))
            f.Fatal("G7.52", doc + "/Issuer/RoleCode", "TT-15", $"Le rôle du déclarant vaut « {issuerRole} » : BY (acheteur) ou SE (vendeur) attendu.");

        if (r.Transactions is { } t)
            Transactions(f, t);
        if (r.Payments is { } p)
            Payments(f, p);
    }

    private static void Transactions(Report f, TransactionsReport t)
    {
        const string root = "/Report/TransactionsReport";
        Period(f, t.Period, root + "/ReportPeriod", "de la période de transmission");
        for (var i = 0; i < t.Invoices.Count; i++)
            Invoice(f, t.Invoices[i], $"{root}/Invoice[{i + 1}]");
        for (var i = 0; i < t.Days.Count; i++)
        {
            var d = t.Days[i];
            var loc = $"{root}/Transactions[{i + 1}]";
            Date(f, d.Date, loc + "/Date", "TT-77", "des transactions");
            if (d.Currency is { } cur)
                Currency(f, cur, loc + "/TransactionsCurrency", "TT-78");
            if (d.TaxDueDateTypeCode is { } due)
                TaxDue(f, due, loc + "/TaxDueDateTypeCode", "TT-80");
            if (d.CategoryCode is { } cat && !Categories.Contains(cat))
                f.Fatal("G1.68", loc + "/CategoryCode", "TT-81", $"La catégorie de transactions vaut « {cat} » : TLB1, TPS1, TNT1 ou TMA1 attendu.");
            Amount2(f, d.TaxExclusiveAmount, loc + "/TaxExclusiveAmount", "TT-82");
            Amount2(f, d.TaxTotal, loc + "/TaxTotal", "TT-83");
            for (var s = 0; s < d.SubTotals.Count; s++)
            {
                var sub = d.SubTotals[s];
                var sl = $"{loc}/TaxSubtotal[{s + 1}]";
                Rate(f, sub.TaxPercent, sl + "/TaxPercent", "TT-86");
                Amount2(f, sub.TaxableAmount, sl + "/TaxableAmount", "TT-87");
                Amount2(f, sub.TaxTotal, sl + "/TaxTotal", "TT-88");
            }
            if (d.Currency == "EUR")
            {
                Sums(f, loc, "TT-82", d.TaxExclusiveAmount, d.SubTotals.Select(s => s.TaxableAmount).ToList(), "le montant hors taxe des transactions", "des bases par taux");
                Sums(f, loc, "TT-83", d.TaxTotal, d.SubTotals.Select(s => s.TaxTotal).ToList(), "le montant de TVA des transactions", "des TVA par taux");
            }
        }
    }

    private static void Invoice(Report f, ReportedInvoice i, string loc)
    {
        if (i.TypeCode is { } type && !InvoiceTypes.Contains(type))
            f.Fatal("G1.01", loc + "/TypeCode", "TT-21", $"Le type de facture « {type} » n'est pas admis par le PPF.");
        if (i.BusinessProcessId is { } frame && !Frames.Contains(frame))
            f.Fatal("G1.02", loc + "/BusinessProcess/ID", "TT-28", $"Le cadre de facturation « {frame} » n'est pas admis.");
        if (i.BusinessProcessId is "B4" or "S4" or "M4" && i.TypeCode is "386" or "500" or "503")
            f.Fatal("G1.60", loc, "TT-28", $"Une facture d'acompte (type {i.TypeCode}) est interdite dans le cadre {i.BusinessProcessId} (facture définitive après acompte).");
        if (i.BusinessProcessTypeId is { } profile && profile != Profile)
            f.Fatal("S1.12", loc + "/BusinessProcess/TypeID", "TT-29", $"Le profil vaut « {profile} » : {Profile} attendu.");
        if (i.Id is { } id)
            Identifier(f, "G1.05", id, 35, loc + "/ID", "TT-19", "Le numéro de facture");
        Date(f, i.IssueDate, loc + "/IssueDate", "TT-20", "d'émission de la facture");
        Date(f, i.DueDate, loc + "/DueDate", "TT-201", "d'échéance");
        if (i.TaxDueDateTypeCode is { } due)
            TaxDue(f, due, loc + "/TaxDueDateTypeCode", "TT-24");
        if (i.TaxSubTotals.Any(s => s.ExemptionReasonCode == "VATEX-FR-CNWVAT") && i.TypeCode is not ("261" or "381" or "396"))
            f.Fatal("G6.21", loc, "TT-59", "Le motif d'exonération VATEX-FR-CNWVAT n'est admis que sur un avoir (types 261, 381, 396).");
        if (i.TypeCode is { } t1 && Correctives.Contains(t1) && !(i.References.Count == 1 && i.References[0].IssueDate is not null))
            f.Fatal("G1.32", loc, "TT-30", $"Une facture rectificative (type {t1}) doit citer exactement une facture antérieure, avec sa date ({i.References.Count} citée(s)).");
        // The published rule also accepts references on every line; lines are not modelled, so only the header is looked at.
        if (i.TypeCode is { } t2 && CreditNotes.Contains(t2) && !(i.References.Count >= 1 && i.References.Any(r => r.IssueDate is not null)))
            f.Fatal("G1.32", loc, "TT-30", $"Un avoir (type {t2}) doit citer au moins une facture antérieure avec sa date.");
        if (i.Buyer?.CompanyId is null)
            f.Fatal("G6.28", loc, "TT-36", "L'identifiant de l'acheteur est obligatoire : une facture déclarée une à une est une opération B2B internationale.");
        for (var r = 0; r < i.References.Count; r++)
        {
            var rl = $"{loc}/ReferencedDocument[{r + 1}]";
            Date(f, i.References[r].IssueDate, rl + "/IssueDate", "TT-31", "de la facture antérieure");
            if (i.References[r].Id is { } rid)
                Identifier(f, "G1.05", rid, 35, rl + "/ID", "TT-30", "Le numéro de la facture antérieure");
        }
        Company(f, i.Seller, loc + "/Seller", "vendeur", "TT-33", "TT-34", "TT-35");
        if (i.Buyer is { } buyer)
            Company(f, buyer, loc + "/Buyer", "acheteur", "TT-36", "TT-38", "TT-39");
        if (i.TaxSubTotals.Any(s => s.CategoryCode == "E") && i.Seller.TaxRegistrationId is null && i.SellerTaxRepresentative is null)
            f.Fatal("G1.102", loc, "TT-34", "Avec une ventilation exonérée (catégorie E), le numéro de TVA du vendeur ou de son représentant fiscal est obligatoire.");
        for (var d = 0; d < i.Deliveries.Count; d++)
        {
            var dl = $"{loc}/Delivery[{d + 1}]";
            Date(f, i.Deliveries[d].Date, dl + "/Date", "TT-41", "de livraison");
            if (i.Deliveries[d].Location?.CountryId is { } country)
                Country(f, country, dl + "/Location/CountryId", "TT-44");
        }
        if (i.InvoicePeriod is { } period)
            Period(f, period, loc + "/InvoicePeriod", "de la période de facturation");
        for (var a = 0; a < i.AllowanceCharges.Count; a++)
        {
            var ac = i.AllowanceCharges[a];
            var al = $"{loc}/AllowanceCharge[{a + 1}]";
            if (ac.TaxCategoryCode is { } cat)
                VatCategory(f, cat, al + "/TaxCategoryCode", "TT-46");
            Rate(f, ac.TaxPercent, al + "/TaxPercent", "TT-47");
            Amount2(f, ac.Amount, al + "/Amount", "TT-45");
        }
        Amount2(f, i.TaxExclusiveAmount, loc + "/MonetaryTotal/TaxExclusiveAmount", "TT-51");
        if (i.TaxAmount is not null && i.TaxCurrencyCode != "EUR")
            f.Fatal("G6.23", loc + "/MonetaryTotal/TaxAmount", "TT-202", $"Le montant total de TVA doit être exprimé en euros (devise indiquée : « {i.TaxCurrencyCode} »).");
        Amount2(f, i.TaxAmount, loc + "/MonetaryTotal/TaxAmount", "TT-52");
        for (var s = 0; s < i.TaxSubTotals.Count; s++)
        {
            var sub = i.TaxSubTotals[s];
            var sl = $"{loc}/TaxSubTotal[{s + 1}]";
            if (sub.CategoryCode is { } cat)
                VatCategory(f, cat, sl + "/TaxCategory/Code", "TT-56");
            Rate(f, sub.Percent, sl + "/TaxCategory/Percent", "TT-57");
            if (sub.CategoryCode == "E" && (sub.ExemptionReasonCode is null || sub.ExemptionReason is null))
                f.Fatal("G1.40", sl, "TT-58", "Une ventilation exonérée (catégorie E) doit porter le code et le libellé du motif d'exonération.");
            Amount2(f, sub.TaxableAmount, sl + "/TaxableAmount", "TT-54");
            Amount2(f, sub.TaxAmount, sl + "/TaxAmount", "TT-55");
        }
        if (i.CurrencyCode is { } currency)
        {
            Currency(f, currency, loc + "/CurrencyCode", "TT-22");
            if (currency == "EUR")
            {
                if (i.TaxExclusiveAmount is not null)
                    Sums(f, loc, "TT-51", i.TaxExclusiveAmount, i.TaxSubTotals.Select(s => s.TaxableAmount).ToList(), "le montant total hors taxe", "des bases d'imposition");
                if (i.TaxAmount is not null)
                    Sums(f, loc, "TT-52", i.TaxAmount, i.TaxSubTotals.Select(s => s.TaxAmount).ToList(), "le montant total de TVA", "des TVA par ventilation");
            }
        }
    }

    private static void Company(Report f, ReportCompany c, string loc, string who, string idTerm, string vatTerm, string countryTerm)
    {
        if (c.CompanyId is { } id)
        {
            var value = id.Value ?? "";
            var ok = id.Scheme switch
            {
                "0002" or "0229" => Siren().IsMatch(value),
                "0223" or "0227" => value.Length <= 18,
                "0228" => Ridet().IsMatch(value),
                _ => true,
            };
            if (!CompanySchemes.Contains(id.Scheme))
                f.Fatal("G2.19", loc + "/CompanyId", idTerm, $"Le type d'identifiant du {who} vaut « {id.Scheme} » : 0002, 0223, 0227, 0228 ou 0229 attendu.");
            else if (!ok)
            {
                f.Fatal("G2.19", loc + "/CompanyId", idTerm, id.Scheme switch
                {
                    "0002" => $"L'identifiant du {who} de type 0002 (SIREN) doit compter exactement 9 chiffres ; valeur « {value} ».",
                    "0229" => $"L'identifiant du {who} de type 0229 (TAHITI) doit compter exactement 9 chiffres ; valeur « {value} ».",
                    "0228" => $"L'identifiant du {who} de type 0228 (RIDET) doit compter 9 ou 10 chiffres ; valeur « {value} ».",
                    _ => $"L'identifiant du {who} de type {id.Scheme} ne peut dépasser 18 caractères ; il en compte {value.Length}.",
                });
            }
            if (id.Scheme is "0002" or "0223" && c.TaxRegistrationId is null)
                f.Fatal("G2.33", loc, vatTerm, $"Le numéro de TVA du {who} est obligatoire avec un identifiant de type {id.Scheme}.");
        }
        if (c.TaxRegistrationId is { } vat && vat.Scheme != "VAT")
            f.Fatal("G2.33", loc + "/TaxRegistrationId", vatTerm, $"Le qualifiant du numéro de TVA du {who} vaut « {vat.Scheme} » : VAT attendu.");
        if (c.CountryId is { } country)
            Country(f, country, loc + "/PostalAddress/CountryId", countryTerm);
    }

    private static void Payments(Report f, PaymentsReport p)
    {
        const string root = "/Report/PaymentsReport";
        Period(f, p.Period, root + "/ReportPeriod", "de la période de paiements");
        for (var i = 0; i < p.Invoices.Count; i++)
        {
            var inv = p.Invoices[i];
            var loc = $"{root}/Invoice[{i + 1}]";
            if (inv.InvoiceId is { } id)
                Identifier(f, "G1.05", id, 35, loc + "/InvoiceID", "TT-91", "Le numéro de facture payée");
            Date(f, inv.IssueDate, loc + "/IssueDate", "TT-102", "d'émission de la facture payée");
            Payment(f, inv.Payment, loc + "/Payment", "TT-92", "TT-93", "TT-94", "TT-95");
        }
        for (var i = 0; i < p.Aggregated.Count; i++)
            Payment(f, p.Aggregated[i], $"{root}/Transactions[{i + 1}]/Payment", "TT-96", "TT-97", "TT-98", "TT-99");
    }

    private static void Payment(Report f, ReportPayment p, string loc, string dateTerm, string rateTerm, string currencyTerm, string amountTerm)
    {
        Date(f, p.Date, loc + "/Date", dateTerm, "d'encaissement");
        for (var s = 0; s < p.SubTotals.Count; s++)
        {
            var sub = p.SubTotals[s];
            var sl = $"{loc}/SubTotals[{s + 1}]";
            Rate(f, sub.TaxPercent, sl + "/TaxPercent", rateTerm);
            if (sub.CurrencyCode is { } cur)
            {
                // G1.10 judges the form; G6.27 only a well-formed code other than EUR (as the published pair does).
                Currency(f, cur, sl + "/CurrencyCode", currencyTerm);
                if (Iso4217().IsMatch(cur) && cur != "EUR")
                    f.Fatal("G6.27", sl + "/CurrencyCode", currencyTerm, $"Le montant encaissé doit être exprimé en euros (devise indiquée : {cur}).");
            }
            if (sub.Amount is { } amount && (amount < 0 || amount.Scale > 6 || Digits(amount) > 19))
                f.Fatal("G1.16", sl + "/Amount", amountTerm, $"Le montant encaissé « {EReportingWriter.Format(amount)} » doit être positif, avec au plus 6 décimales et 19 chiffres.");
        }
    }

    private static void Period(Report f, ReportPeriod p, string loc, string what)
    {
        Date(f, p.StartDate, loc + "/StartDate", null, "de début " + what);
        Date(f, p.EndDate, loc + "/EndDate", null, "de fin " + what);
        if (p.StartDate is { } start && p.EndDate is { } end && string.CompareOrdinal(end, start) <= 0)
            f.Fatal("G6.25", loc, null, $"La date de fin {what} ({end}) doit être postérieure à la date de début ({start}).");
    }

    /// <summary>G1.05 / G1.104: length, no leading, trailing or double space, letters, digits, space, - + _ / only.</summary>
    private static void Identifier(Report f, string rule, string value, int max, string loc, string term, string what)
    {
        if (value.Length > max)
            f.Fatal(rule, loc, term, $"{what} compte {value.Length} caractères, au-delà de {max}.");
        if (value.StartsWith(' ') || value.EndsWith(' '))
            f.Fatal(rule, loc, term, $"{what} ne peut commencer ni finir par une espace.");
        if (value.Contains("  ", StringComparison.Ordinal))
            f.Fatal(rule, loc, term, $"{what} ne peut contenir deux espaces de suite.");
        if (!IdentifierChars().IsMatch(value))
            f.Fatal(rule, loc, term, $"{what} (« {value} ») contient des caractères non admis : lettres non accentuées, chiffres, espace, - + _ / seulement.");
    }

    private static void Date(Report f, string? value, string loc, string? term, string what)
    {
        if (value is null)
            return;
        if (!Digits8().IsMatch(value))
            f.Fatal("G1.09", loc, term, $"La date {what} vaut « {value} » : elle doit s'écrire AAAAMMJJ.");
        else if (!YearOk(value))
            f.Fatal("G1.36", loc, term, $"L'année de la date {what} ({value[..4]}) doit être entre 2000 et 2099.");
    }

    private static bool YearOk(string digits) => int.Parse(digits.AsSpan(0, 4), System.Globalization.CultureInfo.InvariantCulture) is >= 2000 and <= 2099;

    private static void Amount2(Report f, decimal? value, string loc, string term)
    {
        if (value is not { } v)
            return;
        if (v.Scale > 2)
            f.Fatal("G1.14", loc, term, $"Le montant « {EReportingWriter.Format(v)} » a {v.Scale} décimales : 2 au plus.");
        if (Digits(v) > 19)
            f.Fatal("G1.14", loc, term, $"Le montant « {EReportingWriter.Format(v)} » dépasse 19 chiffres.");
    }

    /// <summary>What the rules' "string-length(translate(., '.', ''))" counts: the written value without its decimal point.</summary>
    private static int Digits(decimal v) => EReportingWriter.Format(v).Replace(".", "", StringComparison.Ordinal).Length;

    private static void Rate(Report f, decimal? value, string loc, string term)
    {
        if (value is { } v && !Rates.Contains(v))
            f.Fatal("G1.24", loc, term, $"Le taux de TVA {EReportingWriter.Format(v)} % n'est pas dans la liste des taux admis (0, 0,9, 1,05, 1,75, 2,1, 5,5, 7, 8,5, 9,2, 9,6, 10, 13, 19,6, 20, 20,6).");
    }

    private static void VatCategory(Report f, string value, string loc, string term)
    {
        if (!VatCategories.Contains(value))
            f.Fatal("G2.31", loc, term, $"La catégorie de TVA « {value} » n'est pas admise : S, E, AE, K, G, O ou Z (UNTDID 5305).");
    }

    private static void TaxDue(Report f, string value, string loc, string term)
    {
        if (!TaxDueCodes.Contains(value))
            f.Fatal("P1.11", loc, term, $"Le code d'exigibilité de la TVA « {value} » n'est pas admis : 5, 29, 72 (UNTDID 2475) ou 3, 35, 432 (UNTDID 2005).");
    }

    private static void Country(Report f, string value, string loc, string term)
    {
        if (!CountryCode().IsMatch(value))
            f.Fatal("G2.01", loc, term, $"Le code pays « {value} » doit compter deux lettres majuscules (ISO 3166 alpha-2).");
    }

    private static void Currency(Report f, string value, string loc, string term)
    {
        if (!Iso4217().IsMatch(value))
            f.Fatal("G1.10", loc, term, $"Le code devise « {value} » doit compter trois lettres majuscules (ISO 4217).");
    }

    /// <summary>G1.53: a total equals the sum of its breakdown within 0.01 per amount summed; skipped when an amount is malformed (G1.14 says so).</summary>
    private static void Sums(Report f, string loc, string term, decimal? total, List<decimal?> parts, string what, string ofWhat)
    {
        var all = parts.Append(total).ToList();
        if (all.Any(a => a is { } v && (v.Scale > 2 || Digits(v) > 19)))
            return;
        var sum = parts.Sum(p => p ?? 0m);
        // number() of an absent total is NaN in the published rule, which never compares equal: the check fails.
        if (total is not { } t || Math.Abs(t - sum) > 0.01m * parts.Count(p => p is not null))
            f.Fatal("G1.53", loc, term, $"{char.ToUpperInvariant(what[0])}{what[1..]} ({(total is null ? "absent" : EReportingWriter.Format(total.Value))}) doit égaler la somme {ofWhat} ({EReportingWriter.Format(sum)}), à 0,01 € près par montant additionné.");
    }

    [GeneratedRegex(@"^\d{14}\z")]
    private static partial Regex Digits14();
    [GeneratedRegex(@"^\d{8}\z")]
    private static partial Regex Digits8();
    [GeneratedRegex(@"^\d{9}\z")]
    private static partial Regex Siren();
    [GeneratedRegex(@"^\d{9,10}\z")]
    private static partial Regex Ridet();
    [GeneratedRegex(@"^[a-zA-Z0-9 \-\+_/]+\z")]
    private static partial Regex IdentifierChars();
    [GeneratedRegex(@"^[A-Z]{2}\z")]
    private static partial Regex CountryCode();
    [GeneratedRegex(@"^[A-Z]{3}\z")]
    private static partial Regex Iso4217();

    private sealed class Report(List<Finding> findings)
    {
        public void Fatal(string rule, string location, string? term, string message) => findings.Add(new Finding(rule, Severity.Fatal, location, term, message));
    }
}
