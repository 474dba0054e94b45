using System.Globalization;
using System.Text;
using Portique.Formats.Rendering;

namespace Portique.Formats.Cdar;

/// <summary>A readable plain-text summary of a lifecycle message, in French (English on request): who says what about which invoice.</summary>
public static class CdarText
{
    public static string Render(CdarMessage m, RenderLanguage language = RenderLanguage.French)
    {
        var en = language == RenderLanguage.English;
        string T(string fr, string english) => en ? english : fr;
        var text = new StringBuilder();
        text.AppendLine(T("Message de cycle de vie (CDAR D22B)", "Lifecycle message (CDAR D22B)"));
        Line(text, en, T("Identifiant", "Identifier"), m.Id);
        Line(text, en, T("Émis le", "Issued"), When(m.IssueDateTime, en));
        Line(text, en, T("Profil", "Profile"), m.Context?.Guideline);
        Line(text, en, T("Cadre de facturation", "Billing frame"), m.Context?.BusinessProcess);
        Line(text, en, T("Plateforme émettrice", "Sending platform"), Party(m.Sender, en));
        Line(text, en, T("Émetteur du statut", "Status issued by"), Party(m.Issuer, en));
        foreach (var r in m.Recipients)
            Line(text, en, T("Destinataire", "Recipient"), Party(r, en));

        foreach (var a in m.Acknowledgements)
        {
            text.AppendLine();
            var phase = a.TypeCode switch
            {
                CdarCodes.TransmissionPhase => T("phase de transmission", "transmission phase"),
                CdarCodes.ProcessingPhase => T("phase de traitement", "processing phase"),
                var other => other,
            };
            text.Append(T("Statut", "Status")).Append(" (").Append(phase).Append(')');
            if (When(a.IssueDateTime, en) is { } at)
                text.Append(T(", le ", ", on ")).Append(at);
            text.AppendLine();
            foreach (var d in a.Documents)
            {
                var status = CdarCodes.Status(d.ProcessConditionCode);
                var label = status is null ? string.Join(" ", d.ProcessCondition) : en ? English(status.Code) : status.Label;
                text.Append("  ").Append(d.ProcessConditionCode).Append(' ').Append(label);
                if (status?.MandatoryToPpf == true)
                    text.Append(T(" — statut obligatoire transmis au PPF", " — mandatory status, sent to the PPF"));
                text.AppendLine();
                Line(text, en, T("  Facture", "  Invoice"), Join(d.IssuerAssignedId, d.TypeCode is null ? null : $"({T("type", "type")} {d.TypeCode})"));
                Line(text, en, T("  Date de la facture", "  Invoice date"), When(d.FormattedIssueDateTime, en));
                Line(text, en, T("  Reçue le", "  Received"), When(d.ReceiptDateTime, en));
                Line(text, en, T("  Vendeur", "  Seller"), Party(d.Issuer, en));
                foreach (var s in d.Statuses)
                {
                    Line(text, en, T("  Motif", "  Reason"), Join(s.ReasonCode, string.Join(" ", s.Reason.Select(r => r.Trim()))));
                    Line(text, en, T("  Action demandée", "  Requested action"), Join(s.RequestedActionCode, string.Join(" ", s.RequestedAction.Select(r => r.Trim()))));
                    foreach (var c in s.Characteristics)
                    {
                        var men = c.TypeCode == CdarCodes.AmountCollected;
                        var percent = c.ValuePercent is null ? null : men ? T($"TVA {c.ValuePercent} %", $"VAT {c.ValuePercent}%") : T($"{c.ValuePercent} %", $"{c.ValuePercent}%");
                        var value = Join(c.ValueAmount is { } amount ? Join(amount.Value, amount.CurrencyId) : null, percent);
                        value = Join(value, c.Location is null ? null : $"[{c.Location}]");
                        Line(text, en, "  " + Characteristic(c.TypeCode, en), value);
                    }
                    foreach (var note in s.Notes)
                        Line(text, en, "  Note", Join(note.SubjectCode, string.Join(" ", note.Content)));
                }
            }
        }
        return text.ToString();
    }

    /// <summary>The label of a characteristic type (MDT-207, spec §2.2).</summary>
    private static string Characteristic(string? type, bool en) => type switch
    {
        "MEN" => en ? "Amount collected" : "Montant encaissé",
        "MPA" => en ? "Amount paid" : "Montant payé",
        "RAP" => en ? "Amount remaining" : "Reste à payer",
        "ESC" => en ? "Early-payment discount" : "Escompte",
        "RAB" => en ? "Rebate" : "Rabais",
        "REM" => en ? "Discount" : "Remise",
        "MAP" => en ? "Approved amount excl. VAT" : "Montant approuvé HT",
        "MAPTTC" => en ? "Approved amount incl. VAT" : "Montant approuvé TTC",
        "MNA" => en ? "Amount not approved excl. VAT" : "Montant non approuvé HT",
        "MNATTC" => en ? "Amount not approved incl. VAT" : "Montant non approuvé TTC",
        "CBB" => en ? "Bank details to change" : "Coordonnées bancaires à modifier",
        "DIV" => en ? "Invalid data" : "Donnée invalide",
        "DVA" => en ? "Expected value" : "Valeur attendue",
        "MAJ" => en ? "Replacement value" : "Valeur de remplacement",
        null => "?",
        var other => other,
    };

    private static string? English(string code) => code switch
    {
        "200" => "Deposited", "201" => "Issued by the platform", "202" => "Received by the platform", "203" => "Made available",
        "204" => "Taken over", "205" => "Approved", "206" => "Partially approved", "207" => "Disputed", "208" => "Suspended",
        "209" => "Completed", "210" => "Refused", "211" => "Payment sent", "212" => "Collected", "213" => "Rejected",
        "214" => "Endorsed", "220" => "Cancelled", "221" => "Routing error", "224" => "Direct payment requested",
        "225" => "Factored", "226" => "Factored (confidential)", "227" => "Account to pay changed", "228" => "Not factored",
        "501" => "Inadmissible", _ => null,
    };

    private static string? Party(CdarParty? p, bool en)
    {
        if (p is null)
            return null;
        var role = p.RoleCode switch
        {
            "BY" => en ? "buyer" : "acheteur", "SE" => en ? "seller" : "vendeur", "WK" => en ? "platform" : "plateforme",
            "DFH" => en ? "PPF (tax administration)" : "PPF (administration fiscale)", "AB" => en ? "buyer's agent" : "mandataire de l'acheteur",
            "SR" => en ? "seller's agent" : "mandataire du vendeur", "DL" => en ? "factor" : "affactureur", "PE" => en ? "payee" : "bénéficiaire",
            "PR" => en ? "payer" : "payeur", "II" => en ? "invoicer" : "facturant", "IV" => en ? "invoicee" : "facturé", var other => other,
        };
        var ids = string.Join(", ", p.GlobalIds.Select(g => g.SchemeId is null ? g.Value : $"{g.Value} ({g.SchemeId})"));
        var who = Join(p.Name, ids.Length == 0 ? null : ids);
        return who is null ? role : Join(who, role is null ? null : $"— {role}");
    }

    private static string? When(CdarDateTime? value, bool en)
    {
        if (value is null)
            return null;
        if (value.AsDateTime() is not { } at)
            return value.Value;
        var culture = CultureInfo.GetCultureInfo(en ? "en-GB" : "fr-FR");
        return value.Format == "102" ? at.ToString("d MMMM yyyy", culture) : at.ToString(en ? "d MMMM yyyy, HH:mm:ss 'UTC'" : "d MMMM yyyy à HH:mm:ss 'UTC'", culture);
    }

    private static string? Join(string? a, string? b) =>
        string.IsNullOrWhiteSpace(a) ? (string.IsNullOrWhiteSpace(b) ? null : b) : string.IsNullOrWhiteSpace(b) ? a : a + " " + b;

    private static void Line(StringBuilder text, bool en, string label, string? value)
    {
        // French typography puts a space before the colon; English does not.
        if (!string.IsNullOrWhiteSpace(value))
            text.Append(label).Append(en ? ": " : " : ").AppendLine(value);
    }
}
