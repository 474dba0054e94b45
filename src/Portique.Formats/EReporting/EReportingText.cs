using System.Globalization;
using System.Text;
using Portique.Formats.Rendering;

namespace Portique.Formats.EReporting;

/// <summary>A readable plain-text summary of an e-reporting transmission, in French (English on request): who declares what, for which period.</summary>
public static class EReportingText
{
    public static string Render(EReport r, RenderLanguage language = RenderLanguage.French)
    {
        ArgumentNullException.ThrowIfNull(r);
        var en = language == RenderLanguage.English;
        string T(string fr, string english) => en ? english : fr;
        var text = new StringBuilder();
        text.AppendLine(T("Transmission e-reporting (Flux 10)", "E-reporting transmission (Flux 10)"));
        Line(text, en, T("Identifiant", "Identifier"), r.Id);
        Line(text, en, T("Nom", "Name"), r.Name);
        Line(text, en, T("Créée le", "Created"), Stamp(r.IssueDateTime, en));
        Line(text, en, T("Type", "Type"), r.TypeCode switch
        {
            "IN" => T("initiale", "initial"),
            "RE" => T("rectificative", "corrective"),
            var other => other,
        });
        Line(text, en, T("Plateforme émettrice", "Sending platform"), Party(r.Sender));
        Line(text, en, T("Déclarant", "Declarant"), Party(r.Issuer) + (r.Issuer.RoleCode switch
        {
            "SE" => T(" — vendeur", " — seller"),
            "BY" => T(" — acheteur", " — buyer"),
            _ => "",
        }));

        if (r.Transactions is { } t)
        {
            text.AppendLine().AppendLine(T("Rapport de transactions", "Transactions report"));
            Line(text, en, T("Période", "Period"), Period(t.Period, en));
            if (t.Invoices.Count > 0)
            {
                text.AppendLine(T($"Factures déclarées une à une (10.1) : {t.Invoices.Count}", $"Invoices reported one by one (10.1): {t.Invoices.Count}"));
                foreach (var i in t.Invoices)
                {
                    text.Append("  ").Append(i.Id).Append(" (").Append(T("type ", "type ")).Append(i.TypeCode).Append(", ").Append(Day(i.IssueDate, en)).Append(") ")
                        .Append(T("acheteur ", "buyer ")).Append(i.Buyer?.CompanyId?.Value ?? "?").Append(i.Buyer?.CountryId is { } c ? $" ({c})" : "")
                        .Append(T(" — HT ", " — net ")).Append(Money(i.TaxExclusiveAmount, i.CurrencyCode, en))
                        .Append(T(", TVA ", ", VAT ")).Append(Money(i.TaxAmount, i.TaxCurrencyCode, en)).AppendLine();
                }
            }
            if (t.Days.Count > 0)
            {
                text.AppendLine(T($"Totaux journaliers B2C (10.3) : {t.Days.Count}", $"B2C daily totals (10.3): {t.Days.Count}"));
                foreach (var d in t.Days)
                {
                    text.Append("  ").Append(Day(d.Date, en)).Append(' ').Append(Category(d.CategoryCode, en))
                        .Append(T(" — HT ", " — net ")).Append(Money(d.TaxExclusiveAmount, d.Currency, en))
                        .Append(T(", TVA ", ", VAT ")).Append(Money(d.TaxTotal, d.Currency, en));
                    if (d.TransactionsCount is { } n)
                        text.Append(T($", {n} opération(s)", $", {n} transaction(s)"));
                    text.AppendLine();
                    foreach (var s in d.SubTotals)
                    {
                        text.Append("    ").Append(Rate(s.TaxPercent, en)).Append(T(" : base ", ": base ")).Append(Money(s.TaxableAmount, d.Currency, en))
                            .Append(T(", TVA ", ", VAT ")).Append(Money(s.TaxTotal, d.Currency, en)).AppendLine();
                    }
                }
            }
            if (t.Invoices.Count == 0 && t.Days.Count == 0)
                text.AppendLine(T("Aucune transaction (déclaration néant).", "No transaction (nil return)."));
        }

        if (r.Payments is { } p)
        {
            text.AppendLine().AppendLine(T("Rapport de paiements", "Payments report"));
            Line(text, en, T("Période", "Period"), Period(p.Period, en));
            if (p.Invoices.Count > 0)
            {
                text.AppendLine(T($"Encaissements par facture (10.2) : {p.Invoices.Count}", $"Collections per invoice (10.2): {p.Invoices.Count}"));
                foreach (var i in p.Invoices)
                    text.Append("  ").Append(i.InvoiceId).Append(T(" du ", " of ")).Append(Day(i.IssueDate, en)).Append(T(", encaissée le ", ", collected on ")).Append(Day(i.Payment.Date, en)).Append(" : ").AppendLine(Amounts(i.Payment, en));
            }
            if (p.Aggregated.Count > 0)
            {
                text.AppendLine(T($"Encaissements agrégés (10.4) : {p.Aggregated.Count}", $"Aggregated collections (10.4): {p.Aggregated.Count}"));
                foreach (var a in p.Aggregated)
                    text.Append("  ").Append(Day(a.Date, en)).Append(" : ").AppendLine(Amounts(a, en));
            }
            if (p.Invoices.Count == 0 && p.Aggregated.Count == 0)
                text.AppendLine(T("Aucun encaissement (déclaration néant).", "No collection (nil return)."));
        }
        return text.ToString();
    }

    private static string Amounts(ReportPayment p, bool en) =>
        string.Join("; ", p.SubTotals.Select(s => $"{Rate(s.TaxPercent, en)} {Money(s.Amount, s.CurrencyCode ?? "EUR", en)}"));

    private static string Category(string? code, bool en) => code switch
    {
        "TLB1" => en ? "goods subject to VAT (TLB1)" : "livraisons de biens soumises à la TVA (TLB1)",
        "TPS1" => en ? "services subject to VAT (TPS1)" : "prestations de services soumises à la TVA (TPS1)",
        "TNT1" => en ? "not taxable in France (TNT1)" : "opérations non taxables en France (TNT1)",
        "TMA1" => en ? "margin schemes (TMA1)" : "régimes de marge (TMA1)",
        _ => code ?? "?",
    };

    private static string Rate(decimal? rate, bool en) =>
        rate is { } v ? (en ? $"VAT {v.ToString(CultureInfo.InvariantCulture)}%" : $"TVA {v.ToString(CultureInfo.GetCultureInfo("fr-FR"))} %") : "?";

    private static string Money(decimal? amount, string? currency, bool en) =>
        amount is { } v ? $"{v.ToString("N2", CultureInfo.GetCultureInfo(en ? "en-GB" : "fr-FR"))} {currency}".TrimEnd() : "?";

    private static string Period(ReportPeriod p, bool en) => en ? $"{Day(p.StartDate, en)} to {Day(p.EndDate, en)}" : $"du {Day(p.StartDate, en)} au {Day(p.EndDate, en)}";

    private static string Day(string? value, bool en) =>
        DateOnly.TryParseExact(value, "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
            ? d.ToString("d MMMM yyyy", CultureInfo.GetCultureInfo(en ? "en-GB" : "fr-FR"))
            : value ?? "?";

    private static string? Stamp(string? value, bool en) =>
        DateTime.TryParseExact(value, "yyyyMMddHHmmss", CultureInfo.InvariantCulture, DateTimeStyles.None, out var at)
            ? at.ToString(en ? "d MMMM yyyy, HH:mm:ss" : "d MMMM yyyy à HH:mm:ss", CultureInfo.GetCultureInfo(en ? "en-GB" : "fr-FR"))
            : value;

    private static string Party(EReportParty p)
    {
        var id = p.Id is null ? null : p.SchemeId is null ? p.Id : $"{p.Id} ({p.SchemeId})";
        return string.Join(" ", new[] { p.Name, id }.Where(s => !string.IsNullOrWhiteSpace(s)));
    }

    private static void Line(StringBuilder text, bool en, string label, string? value)
    {
        if (!string.IsNullOrWhiteSpace(value))
            text.Append(label).Append(en ? ": " : " : ").AppendLine(value);
    }
}
