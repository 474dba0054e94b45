using System.Collections.Frozen;
using static Portique.Formats.Cdar.CdarCodes;

namespace Portique.Formats.Cdar;

/// <summary>
/// The French rules of lifecycle messages, FNFE-MPE "BR-FR-CDV-Schematron-CDAR" V1.4.0.03 ("fatal" variant, applicable from
/// 1 September 2026), written natively on <see cref="CdarMessage"/>. Rule ids, severities and verdicts are the published
/// set's: each check reproduces its assert's XPath semantics (a comparison with an absent element is false, "=" on several
/// nodes means "any"). Asserts the published set makes inert (a test of "." on its own context) are reported here as
/// warnings only, so the verdict stays the set's while the gap is still said. Every rule and where it lives: docs/cdar.md.
/// </summary>
public static class CdarRules
{
    /// <summary>The FNFE-MPE release these rules follow.</summary>
    public const string Version = "1.4.0.03";

    private const string Root = "/rsm:CrossDomainAcknowledgementAndResponse";
    private const string Context = Root + "/rsm:ExchangedDocumentContext";
    private const string Exchanged = Root + "/rsm:ExchangedDocument";

    public static void Check(CdarMessage m, List<Finding> findings)
    {
        var f = new Report(findings);
        var ppfOnly = PpfOnly(m);
        var anyIrrecevable = m.Acknowledgements.Any(a => a.Documents.Any(d => d.ProcessConditionCode == "501"));
        bool AnyPhase(string code) => m.Acknowledgements.Any(a => a.TypeCode == code);

        if (m.Context is { } context)
        {
            if (context.Guideline is null)
                f.Warn("BR-FR-CDV-01_MDG-3", Context, "MDG-3", "Le paramètre de profil (MDG-3, ram:GuidelineSpecifiedDocumentContextParameter) est obligatoire.");
            if (!(context.Guideline == GuidelineInvoice || (context.Guideline == GuidelinePpf && ppfOnly)))
            {
                f.Fatal("BR-FR-CDV-02_MDT-3", Context, "MDT-3",
                    $"Le profil (MDT-3) vaut « {context.Guideline} » : il doit être « {GuidelineInvoice} », ou « {GuidelinePpf} » seulement si le PPF est l'unique destinataire (GlobalID {PlatformScheme} = {PpfNumber}, rôle DFH) ; destinataires identifiés : {RecipientIdCount(m)}.");
            }
            var frameOk = ppfOnly
                ? NormalizedLength(context.BusinessProcess) <= 3
                : context.BusinessProcess is { } frame && BusinessProcesses.Contains(frame);
            if (!frameOk)
            {
                f.Fatal("BR-FR-CDV-CL-01_MDT-2", Context, "MDT-2", ppfOnly
                    ? $"Le cadre de facturation (MDT-2) d'un message destiné au seul PPF doit compter au plus 3 caractères ; valeur : « {context.BusinessProcess} »."
                    : $"Le cadre de facturation (MDT-2) vaut « {context.BusinessProcess} » : il doit être REGULATED, NON_REGULATED, B2C, B2CINT, B2BINT ou OUTOFSCOPE.");
            }
        }
        else
        {
            f.Warn("BR-FR-CDV-01_MDG-3", Root, "MDG-3", "Le message n'a pas de contexte (rsm:ExchangedDocumentContext) : le profil (MDG-3) est obligatoire.");
        }

        if (!m.ExchangedDocumentAbsent)
            ExchangedDocument(m, f, AnyPhase);

        for (var ai = 0; ai < m.Acknowledgements.Count; ai++)
        {
            var a = m.Acknowledgements[ai];
            var ack = $"{Root}/rsm:AcknowledgementDocument[{ai + 1}]";
            if (a.TypeCode is { } phase && phase != ProcessingPhase && phase != TransmissionPhase)
                f.Fatal("BR-FR-CDV-09_MDT-77", ack + "/ram:TypeCode", "MDT-77", $"Le type d'accusé (MDT-77) vaut « {phase} » : il doit être 23 (phase de traitement) ou 305 (phase de transmission).");
            for (var di = 0; di < a.Documents.Count; di++)
                Referenced(m, a, a.Documents[di], $"{ack}/ram:ReferenceReferencedDocument[{di + 1}]", anyIrrecevable, f);
        }
    }

    private static void ExchangedDocument(CdarMessage m, Report f, Func<string, bool> anyPhase)
    {
        if (m.Id is null)
            f.Fatal("BR-FR-CDV-03_MDT-4", Exchanged, "MDT-4", "L'identifiant du message (MDT-4, ram:ID) est obligatoire.");
        if (m.IssueDateTime is null)
            f.Warn("BR-FR-CDV-04_MDG-4", Exchanged, "MDG-4", "La date d'émission du message (MDG-4, ram:IssueDateTime) est obligatoire.");
        if (m.Sender is null)
            f.Warn("BR-FR-CDV-05_MDG-9", Exchanged, "MDG-9", "L'émetteur technique du message (MDG-9, ram:SenderTradeParty) est obligatoire.");
        else if (m.Sender.RoleCode is null)
            f.Warn("BR-FR-CDV-06_MDT-21", Exchanged + "/ram:SenderTradeParty", "MDT-21", "Le rôle de l'émetteur technique (MDT-21) est obligatoire.");

        // "TypeCode != '23'" is true when any acknowledgement has a type other than 23; false when none has a type.
        if (m.Issuer is { } issuer && !m.Acknowledgements.Any(a => a.TypeCode is { } t && t != ProcessingPhase) && issuer.GlobalIds.Count == 0)
        {
            f.Fatal("BR-FR-CDV-07_MDT-38_yes", Exchanged + "/ram:IssuerTradeParty", "MDT-38",
                "En phase de traitement (MDT-77 = 23), l'identifiant de l'émetteur du statut (MDT-38, ram:GlobalID) est obligatoire.");
        }

        for (var i = 0; i < m.Recipients.Count; i++)
        {
            var r = m.Recipients[i];
            var at = $"{Exchanged}/ram:RecipientTradeParty[{i + 1}]";
            if (r.RoleCode is not ("WK" or "DFH") && r.ElectronicAddress is null)
                f.Fatal("BR-FR-CDV-08_MDT-73", at, "MDT-73", $"Un destinataire de rôle « {r.RoleCode} » (ni WK ni DFH) doit avoir une adresse électronique (MDT-73, ram:URIUniversalCommunication/ram:URIID).");
            if (r.RoleCode is { } role && !RecipientRoles.Contains(role))
                f.Fatal("BR-FR-CDV-CL-04_MDT-59", at + "/ram:RoleCode", "MDT-59", $"Le rôle du destinataire (MDT-59) vaut « {role} » : il doit être BY, AB, DL, SE, SR, PE, PR, II, IV, WK ou DFH.");
        }

        var senderRole = m.Sender?.RoleCode;
        var issuerRole = m.Issuer?.RoleCode;
        if (anyPhase(TransmissionPhase) && senderRole != "WK")
            f.Fatal("BR-FR-CDV-CL-02_MDT-21_305", Exchanged, "MDT-21", $"En phase de transmission (MDT-77 = 305), le rôle de l'émetteur technique (MDT-21) doit être WK ; valeur : « {senderRole} ».");
        if (anyPhase(ProcessingPhase) && !(senderRole is not null && SenderRoles23.Contains(senderRole)))
            f.Fatal("BR-FR-CDV-CL-02_MDT-21_23", Exchanged, "MDT-21", $"En phase de traitement (MDT-77 = 23), le rôle de l'émetteur technique (MDT-21) doit être BY, AB, DL, SE, SR, WK, PE, PR, II ou IV ; valeur : « {senderRole} ».");
        if (anyPhase(TransmissionPhase) && issuerRole != "WK")
            f.Fatal("BR-FR-CDV-CL-03_MDT-40_305", Exchanged, "MDT-40", $"En phase de transmission (MDT-77 = 305), le rôle de l'émetteur du statut (MDT-40) doit être WK ; valeur : « {issuerRole} ».");
        if (anyPhase(ProcessingPhase) && !(issuerRole is not null && IssuerRoles23.Contains(issuerRole)))
            f.Fatal("BR-FR-CDV-CL-03_MDT-40_23", Exchanged, "MDT-40", $"En phase de traitement (MDT-77 = 23), le rôle de l'émetteur du statut (MDT-40) doit être BY, AB, DL, SE, SR, PE, PR, II ou IV ; valeur : « {issuerRole} ».");
    }

    private static void Referenced(CdarMessage m, CdarAcknowledgement a, CdarReferencedDocument d, string at, bool anyIrrecevable, Report f)
    {
        var status = d.ProcessConditionCode;
        if (d.TypeCode is { } type && !DocumentTypes.Contains(type))
            f.Fatal("BR-FR-04_MDT-91", at + "/ram:TypeCode", "MDT-91", $"Le type de la facture référencée (MDT-91) vaut « {type} », qui n'est pas un code autorisé par les spécifications françaises (380, 389, 393, 381, 261…).");
        if (d.IssuerAssignedId is null)
            f.Warn("BR-FR-CDV-10_MDT-87", at, "MDT-87", "Le numéro de la facture référencée (MDT-87, ram:IssuerAssignedID) est obligatoire.");
        if (d.FormattedIssueDateTime is null && !anyIrrecevable)
            f.Fatal("BR-FR-CDV-11_MDG-35", at, "MDG-35", "La date de la facture référencée (MDG-35, ram:FormattedIssueDateTime) est obligatoire, sauf pour le statut 501 (Irrecevable).");
        if (status is null)
            f.Fatal("BR-FR-CDV-12_MDT-105", at, "MDT-105", "Le code du statut (MDT-105, ram:ProcessConditionCode) est obligatoire.");
        if (d.Issuer is { } seller && seller.GlobalIds.Count == 0 && !anyIrrecevable)
            f.Fatal("BR-FR-CDV-13_MDT-129", at + "/ram:IssuerTradeParty", "MDT-129", "L'identifiant du vendeur de la facture référencée (MDT-129, son identifiant légal BT-30) est obligatoire, sauf pour le statut 501.");

        if (status == "212")
        {
            var men = d.Statuses.SelectMany(s => s.Characteristics).Where(c => c.TypeCode == AmountCollected).ToList();
            if (men.Count == 0 || men.Any(c => c.ValueAmount is null || c.ValuePercent is null))
            {
                f.Fatal("BR-FR-CDV-14_MDT-207", at, "MDT-207", men.Count == 0
                    ? "Un statut Encaissée (212) doit porter au moins un montant encaissé (MDG-43 de type MEN, MDT-207)."
                    : "Chaque montant encaissé (MDT-207 = MEN) d'un statut 212 doit avoir un montant (MDT-215) et un taux de TVA (MDT-224).");
            }
        }
        if (status is not null && StatusesNeedingReason.Contains(status) && !d.Statuses.Any(s => s.ReasonCode is not null))
            f.Fatal("BR-FR-CDV-15_MDT-113", at + "/ram:ProcessConditionCode", "MDT-113", $"Le statut {status} ({Label(status)}) exige un motif (MDT-113, ram:ReasonCode).");

        if (d.StatusCode is { } phaseStatus)
        {
            if (!(a.TypeCode is { } t1 && t1 != TransmissionPhase) && !TransmissionStatusCodes.Contains(phaseStatus))
                f.Fatal("BR-FR-CDV-CL-05_MDT-88_305", at + "/ram:StatusCode", "MDT-88", $"En phase de transmission (MDT-77 = 305), le code d'état (MDT-88) doit être 10, 51, 43, 8 ou 48 ; valeur : « {phaseStatus} ».");
            if (!(a.TypeCode is { } t2 && t2 != ProcessingPhase) && !ProcessingStatusCodes.Contains(phaseStatus))
                f.Fatal("BR-FR-CDV-CL-05_MDT-88_23", at + "/ram:StatusCode", "MDT-88", $"En phase de traitement (MDT-77 = 23), le code d'état (MDT-88) doit être 45, 39, 37, 50, 49, 47, 46, 1 ou 5 ; valeur : « {phaseStatus} ».");
        }
        if (status is not null && !Statuses.Contains(status))
            f.Warn("BR-FR-CDV-CL-06_MDT-105", at + "/ram:ProcessConditionCode", "MDT-105", $"Le code de statut (MDT-105) « {status} » n'est pas dans la liste publiée (200 à 228, 501…) ; seul un accord bilatéral peut le justifier.");
        if (d.Issuer?.RoleCode is { } sellerRole && sellerRole != "SE")
            f.Fatal("BR-FR-CDV-CL-07_MDT-132", at + "/ram:IssuerTradeParty/ram:RoleCode", "MDT-132", $"Le rôle de l'émetteur de la facture référencée (MDT-132) doit être SE (vendeur) ; valeur : « {sellerRole} ».");
        for (var i = 0; i < d.Recipients.Count; i++)
        {
            if (d.Recipients[i].RoleCode is { } role && !RecipientRoles.Contains(role))
                f.Fatal("BR-FR-CDV-CL-08_MDT-158", $"{at}/ram:RecipientTradeParty[{i + 1}]/ram:RoleCode", "MDT-158", $"Le rôle du destinataire de la facture référencée (MDT-158) vaut « {role} » : il doit être BY, AB, DL, SE, SR, WK, DFH, PE, PR, II ou IV.");
        }

        for (var si = 0; si < d.Statuses.Count; si++)
            Status(m, d, d.Statuses[si], $"{at}/ram:SpecifiedDocumentStatus[{si + 1}]", f);
    }

    private static void Status(CdarMessage m, CdarReferencedDocument d, CdarDocumentStatus s, string at, Report f)
    {
        if (s.SequenceNumeric is null)
            f.Fatal("BR-FR-CDV-16_MDT-124-2", at, "MDT-124-2", "Le numéro d'ordre du détail de statut (MDT-124-2, ram:SequenceNumeric) est obligatoire dans chaque détail (MDG-37).");
        if (s.ProcessConditionCode is { } detailStatus && !Statuses.Contains(detailStatus))
            f.Warn("BR-FR-CDV-CL-06_MDT-115", at + "/ram:ProcessConditionCode", "MDT-115", $"Le code de statut du détail (MDT-115) « {detailStatus} » n'est pas dans la liste publiée ; seul un accord bilatéral peut le justifier.");
        if (s.RequestedActionCode is { } action && !RequestedActions.Contains(action))
            f.Fatal("BR-FR-CDV-CL-10_MDT-121", at + "/ram:RequestedActionCode", "MDT-121", $"L'action demandée (MDT-121) vaut « {action} » : elle doit être NOA, PIN, NIN, CNF, CNP, CNA ou OTH.");
        for (var i = 0; i < s.Characteristics.Count; i++)
        {
            if (s.Characteristics[i].TypeCode is { } type && !CharacteristicTypes.Contains(type))
                f.Fatal("BR-FR-CDV-CL-11_MDT-207", $"{at}/ram:SpecifiedDocumentCharacteristic[{i + 1}]/ram:TypeCode", "MDT-207", $"Le type de donnée (MDT-207) vaut « {type} » : il doit être MEN, MPA, RAP, ESC, RAB, REM, MAP, MAPTTC, MNA, MNATTC, CBB, DIV, DVA ou MAJ.");
        }

        if (s.ReasonCode is not { } reason)
            return;
        var reasonAt = at + "/ram:ReasonCode";
        if (!Reasons.Contains(reason))
            f.Fatal("BR-FR-CDV-CL-09_MDT-113", reasonAt, "MDT-113", $"Le motif (MDT-113) « {reason} » n'est pas dans la liste des motifs autorisés.");
        var senderPlatforms = m.Sender?.GlobalIds.Where(g => g.SchemeId == PlatformScheme).ToList() ?? [];
        var fromChorusPro = senderPlatforms.Any(g => g.Value == ChorusProNumber);
        foreach (var code in (ReadOnlySpan<string>)["200", "213", "210", "207", "206", "208", "221", "501"])
        {
            if (!Concerns(d.ProcessConditionCode, s.ProcessConditionCode, code))
                continue;
            var allowed = ReasonsByStatus[code];
            // 210: a refusal sent by Chorus Pro (B2G) is judged by its own list (the next assert) instead.
            if (allowed.Contains(reason) || (code == "210" && fromChorusPro))
                continue;
            f.Fatal($"BR-FR-CDV-CL-09_MDT-113_{code}", reasonAt, "MDT-113",
                $"Le motif (MDT-113) « {reason} » n'est pas autorisé pour le statut {code} ({Label(code)}) ; motifs autorisés : {string.Join(", ", allowed.Order(StringComparer.Ordinal))}.");
        }
        // 210 B2G: only when a sender is identified and one of its platform numbers is 9999, and none is another platform.
        if (Concerns(d.ProcessConditionCode, s.ProcessConditionCode, "210") && m.Sender?.GlobalIds.Count > 0
            && !senderPlatforms.Any(g => g.Value != ChorusProNumber) && !(fromChorusPro && B2gRefusalReasons.Contains(reason)))
        {
            f.Fatal("BR-FR-CDV-CL-09_MDT-113_210B2G", reasonAt, "MDT-113",
                $"Le motif (MDT-113) « {reason} » n'est pas autorisé pour le refus (210) d'une facture publique (B2G) ; motifs autorisés : {string.Join(", ", B2gRefusalReasons.Order(StringComparer.Ordinal))}.");
        }
    }

    /// <summary>
    /// Whether a status detail's reason is judged by the list of <paramref name="code"/>: the published assert passes when the
    /// document's status is another code and the detail's own status (MDT-115) is absent or another code, or when the document's
    /// status is <paramref name="code"/> but the detail names another one. With the document's status absent, every list applies.
    /// </summary>
    private static bool Concerns(string? documentStatus, string? detailStatus, string code)
    {
        var passes = (documentStatus is not null && documentStatus != code && (detailStatus is null || detailStatus != code))
            || (documentStatus == code && detailStatus is not null && detailStatus != code);
        return !passes;
    }

    /// <summary>The PPF is the only identified recipient: one GlobalID among the recipients, 0238 = 0000, and a DFH role.</summary>
    private static bool PpfOnly(CdarMessage m) =>
        RecipientIdCount(m) == 1
        && m.Recipients.Any(r => r.GlobalIds.Any(g => g.SchemeId == PlatformScheme && g.Value == PpfNumber))
        && m.Recipients.Any(r => r.RoleCode == "DFH");

    private static int RecipientIdCount(CdarMessage m) => m.Recipients.Sum(r => r.GlobalIds.Count);

    /// <summary>string-length(normalize-space(x)), with an absent x as the empty string.</summary>
    private static int NormalizedLength(string? value) =>
        value is null ? 0 : string.Join(' ', value.Split([' ', '\t', '\r', '\n'], StringSplitOptions.RemoveEmptyEntries)).Length;

    private static string Label(string code) => CdarCodes.Status(code)?.Label ?? "statut hors liste";

    private sealed class Report(List<Finding> findings)
    {
        public void Fatal(string rule, string location, string term, string message) => findings.Add(new Finding(rule, Severity.Fatal, location, term, message));
        public void Warn(string rule, string location, string term, string message) => findings.Add(new Finding(rule, Severity.Warning, location, term, message));
    }
}
