using System.Collections.Frozen;

namespace Portique.Formats.Cdar;

/// <summary>
/// The closed code lists of the French lifecycle messages, as FNFE-MPE's BR-FR-CDV V1.4.0.03 set defines them (list per rule
/// id in docs/cdar.md), and the labels the renderings show.
/// </summary>
public static class CdarCodes
{
    /// <summary>MDT-3 between platforms.</summary>
    public const string GuidelineInvoice = "urn.cpro.gouv.fr:1p0:CDV:invoice";

    /// <summary>MDT-3 when the PPF is the only recipient.</summary>
    public const string GuidelinePpf = "urn.cpro.gouv.fr:1p0:CDV:einvoicingF2";

    /// <summary>Scheme of platform numbers (PA matricule); the PPF is 0000, the Chorus Pro (B2G) platform 9999.</summary>
    public const string PlatformScheme = "0238";
    public const string PpfNumber = "0000";
    public const string ChorusProNumber = "9999";

    /// <summary>MDT-77: transmission phase (platform events) and processing phase (business events).</summary>
    public const string TransmissionPhase = "305";
    public const string ProcessingPhase = "23";

    /// <summary>BR-FR-04 (MDT-91): invoice type codes of the French profile.</summary>
    public static readonly FrozenSet<string> DocumentTypes = Set("380 389 393 501 386 500 384 471 472 473 261 262 381 396 502 503");

    /// <summary>BR-FR-CDV-CL-01 (MDT-2): billing frames.</summary>
    public static readonly FrozenSet<string> BusinessProcesses = Set("REGULATED NON_REGULATED B2C B2CINT B2BINT OUTOFSCOPE");

    /// <summary>BR-FR-CDV-CL-02 (MDT-21) for phase 23; CL-03 (MDT-40) is the same list without WK.</summary>
    public static readonly FrozenSet<string> SenderRoles23 = Set("BY AB DL SE SR WK PE PR II IV");
    public static readonly FrozenSet<string> IssuerRoles23 = Set("BY AB DL SE SR PE PR II IV");

    /// <summary>BR-FR-CDV-CL-04 (MDT-59) and CL-08 (MDT-158): recipient roles.</summary>
    public static readonly FrozenSet<string> RecipientRoles = Set("BY AB DL SE SR PE PR II IV WK DFH");

    /// <summary>BR-FR-CDV-CL-05 (MDT-88): phase status codes of each phase.</summary>
    public static readonly FrozenSet<string> TransmissionStatusCodes = Set("10 51 43 8 48");
    public static readonly FrozenSet<string> ProcessingStatusCodes = Set("45 39 37 50 49 47 46 1 5");

    /// <summary>BR-FR-CDV-CL-06 (MDT-105, MDT-115): lifecycle status codes (a warning: bilateral codes stay possible).</summary>
    public static readonly FrozenSet<string> Statuses = Set("200 201 202 203 204 205 206 207 208 209 210 211 212 213 214 220 221 224 225 226 227 228 250 251 300 301 400 401 500 501 601");

    /// <summary>BR-FR-CDV-CL-09 (MDT-113): every reason code.</summary>
    public static readonly FrozenSet<string> Reasons = Set(
        "RETRAIT_MAN_SERV ST_CT_NON_DECLAR SUPPR_COMP_AVOIR TRANSF_PMNT_REGIE CONTACT_ACHTR NON_TRANSMISE JUSTIF_ABS ROUTAGE_ERR AUTRE " +
        "COORD_BANC_ERR TX_TVA_ERR MONTANTTOTAL_ERR CALCUL_ERR NON_CONFORME DOUBLON DEST_INC DEST_ERR TRANSAC_INC EMMET_INC CONTRAT_TERM " +
        "DOUBLE_FACT CMD_ERR ADR_ERR SIRET_ERR CODE_ROUTAGE_ERR REF_CT_ABSENT REF_ERR PU_ERR REM_ERR QTE_ERR ART_ERR MODPAI_ERR QUALITE_ERR " +
        "LIVR_INCOMP REJ_SEMAN REJ_UNI REJ_COH REJ_ADR REJ_CONT_B2G REJ_REF_PJ REJ_ASS_PJ IRR_VIDE_F IRR_TYPE_F IRR_SYNTAX IRR_TAILLE_PJ " +
        "IRR_NOM_PJ IRR_VID_PJ IRR_EXT_DOC IRR_TAILLE_F IRR_ANTIVIRUS IRR_NOM_F");

    /// <summary>BR-FR-CDV-CL-09 (MDT-113_xxx): the reasons allowed for a status, for the statuses that restrict them.</summary>
    public static readonly FrozenDictionary<string, FrozenSet<string>> ReasonsByStatus = new Dictionary<string, FrozenSet<string>>
    {
        ["200"] = Set("NON_TRANSMISE"),
        ["213"] = Set("MONTANTTOTAL_ERR CALCUL_ERR DOUBLON DEST_INC ADR_ERR REJ_SEMAN REJ_UNI REJ_COH REJ_ADR REJ_CONT_B2G REJ_REF_PJ REJ_ASS_PJ"),
        ["210"] = Set("TX_TVA_ERR MONTANTTOTAL_ERR CALCUL_ERR NON_CONFORME DOUBLON DEST_ERR TRANSAC_INC EMMET_INC CONTRAT_TERM DOUBLE_FACT CMD_ERR ADR_ERR REF_CT_ABSENT"),
        ["207"] = Set("AUTRE COORD_BANC_ERR TX_TVA_ERR MONTANTTOTAL_ERR CALCUL_ERR NON_CONFORME DOUBLON DEST_INC DEST_ERR TRANSAC_INC EMMET_INC " +
            "CONTRAT_TERM DOUBLE_FACT CMD_ERR ADR_ERR SIRET_ERR CODE_ROUTAGE_ERR REF_CT_ABSENT REF_ERR PU_ERR REM_ERR QTE_ERR ART_ERR MODPAI_ERR QUALITE_ERR LIVR_INCOMP"),
        ["206"] = Set("AUTRE CMD_ERR SIRET_ERR CODE_ROUTAGE_ERR REF_CT_ABSENT REF_ERR PU_ERR REM_ERR QTE_ERR ART_ERR MODPAI_ERR QUALITE_ERR LIVR_INCOMP"),
        ["208"] = Set("JUSTIF_ABS COORD_BANC_ERR CMD_ERR SIRET_ERR CODE_ROUTAGE_ERR REF_CT_ABSENT REF_ERR"),
        ["221"] = Set("ROUTAGE_ERR"),
        ["501"] = Set("IRR_VIDE_F IRR_TYPE_F IRR_SYNTAX IRR_TAILLE_PJ IRR_NOM_PJ IRR_VID_PJ IRR_EXT_DOC IRR_TAILLE_F IRR_ANTIVIRUS IRR_NOM_F"),
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>BR-FR-CDV-CL-09 (MDT-113_210B2G): refusal reasons of a public-sector (B2G) invoice, sent by Chorus Pro (0238 = 9999).</summary>
    public static readonly FrozenSet<string> B2gRefusalReasons = Set(
        "RETRAIT_MAN_SERV ST_CT_NON_DECLAR SUPPR_COMP_AVOIR TRANSF_PMNT_REGIE AUTRE COORD_BANC_ERR TX_TVA_ERR MONTANTTOTAL_ERR CALCUL_ERR " +
        "NON_CONFORME DOUBLON DEST_ERR TRANSAC_INC EMMET_INC CONTRAT_TERM DOUBLE_FACT CMD_ERR ADR_ERR REF_CT_ABSENT LIVR_INCOMP");

    /// <summary>BR-FR-CDV-15: statuses that need a reason (MDT-113).</summary>
    public static readonly FrozenSet<string> StatusesNeedingReason = Set("210 213 501 207 206 208");

    /// <summary>BR-FR-CDV-CL-10 (MDT-121): requested actions.</summary>
    public static readonly FrozenSet<string> RequestedActions = Set("NOA PIN NIN CNF CNP CNA OTH");

    /// <summary>BR-FR-CDV-CL-11 (MDT-207): characteristic types.</summary>
    public static readonly FrozenSet<string> CharacteristicTypes = Set("MEN MPA RAP ESC RAB REM MAP MAPTTC MNA MNATTC CBB DIV DVA MAJ");

    /// <summary>MDT-207 of the amount collected per VAT rate that a 212 carries (BR-FR-CDV-14).</summary>
    public const string AmountCollected = "MEN";

    /// <summary>The statuses of spec §2.1 with their French label, phase (MDT-77) and phase status code (MDT-88).</summary>
    public static readonly IReadOnlyList<CdarStatus> KnownStatuses =
    [
        new("200", "Déposée", TransmissionPhase, "10"),
        new("201", "Émise par la plateforme", TransmissionPhase, "51"),
        new("202", "Reçue par la plateforme", TransmissionPhase, "43"),
        new("203", "Mise à disposition", TransmissionPhase, "48"),
        new("204", "Prise en charge", ProcessingPhase, "45"),
        new("205", "Approuvée", ProcessingPhase, "1"),
        new("206", "Approuvée partiellement", ProcessingPhase, "49"),
        new("207", "En litige", ProcessingPhase, "46"),
        new("208", "Suspendue", ProcessingPhase, "39"),
        new("209", "Complétée", ProcessingPhase, "37"),
        new("210", "Refusée", ProcessingPhase, "50"),
        new("211", "Paiement transmis", ProcessingPhase, "47"),
        new("212", "Encaissée", ProcessingPhase, "47"),
        new("213", "Rejetée", TransmissionPhase, "8"),
        new("214", "Visée", ProcessingPhase, "5"),
        new("220", "Annulée", ProcessingPhase, "5"),
        new("221", "Erreur de routage", TransmissionPhase, "8"),
        new("224", "Demande de paiement direct", ProcessingPhase, "5"),
        new("225", "Affacturée", ProcessingPhase, "5"),
        new("226", "Affacturée confidentiel", ProcessingPhase, "5"),
        new("227", "Changement de compte à payer", ProcessingPhase, "5"),
        new("228", "Non affacturée", ProcessingPhase, "5"),
        new("501", "Irrecevable", TransmissionPhase, "8"),
    ];

    private static readonly FrozenDictionary<string, CdarStatus> ByCode = KnownStatuses.ToFrozenDictionary(s => s.Code, StringComparer.Ordinal);

    /// <summary>The status of a code of spec §2.1, or null.</summary>
    public static CdarStatus? Status(string? code) => code is not null && ByCode.TryGetValue(code, out var s) ? s : null;

    /// <summary>The reasons allowed for a status; null when the status does not restrict them (any code of <see cref="Reasons"/>).</summary>
    public static FrozenSet<string>? ReasonsFor(string status) => ReasonsByStatus.TryGetValue(status, out var set) ? set : null;

    private static FrozenSet<string> Set(string codes) =>
        codes.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToFrozenSet(StringComparer.Ordinal);
}

/// <summary>A lifecycle status: its code (MDT-105), French label, phase (MDT-77) and phase status code (MDT-88).</summary>
public sealed record CdarStatus(string Code, string Label, string Phase, string PhaseStatusCode)
{
    /// <summary>The four statuses every platform must send to the PPF (spec §2.1).</summary>
    public bool MandatoryToPpf => Code is "200" or "210" or "212" or "213";
}
