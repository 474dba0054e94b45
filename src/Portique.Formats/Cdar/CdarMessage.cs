namespace Portique.Formats.Cdar;

/// <summary>
/// A lifecycle message (CDV, "compte rendu de cycle de vie") in UN/CEFACT CrossDomainAcknowledgementAndResponse D22B, as the
/// French reform uses it (AFNOR XP Z12-012/-014, FNFE-MPE BR-FR-CDV rules). Field comments give the MDT/MDG ids of the French
/// specification. Values are kept exactly as written (not trimmed, not parsed) so that the rules judge what travels and
/// read → write → read gives the same model; <see cref="CdarAmount.AsDecimal"/> and the like parse on demand.
/// </summary>
public sealed class CdarMessage
{
    /// <summary>rsm:ExchangedDocumentContext; null when the element is absent (the XSD allows it, BR-FR-CDV-01 wants it).</summary>
    public CdarContext? Context { get; set; }

    /// <summary>MDT-4: the message's own identifier.</summary>
    public string? Id { get; set; }

    /// <summary>MDT-5: its name.</summary>
    public string? Name { get; set; }

    /// <summary>MDT-8 (MDG-4): when the message was made.</summary>
    public CdarDateTime? IssueDateTime { get; set; }

    /// <summary>MDG-9: the sender (a platform, role WK, in the transmission phase).</summary>
    public CdarParty? Sender { get; set; }

    /// <summary>MDT-38/MDT-40: who issues the status (the seller, the buyer, a platform).</summary>
    public CdarParty? Issuer { get; set; }

    /// <summary>MDT-57..73: the recipients, the PPF (0238 = 0000, role DFH) among them for a mandatory status.</summary>
    public List<CdarParty> Recipients { get; } = [];

    /// <summary>
    /// Set by the reader when rsm:ExchangedDocument is absent (a schema error): the rules on that element then do not run, as
    /// in the published rule set. The writer always writes the element.
    /// </summary>
    internal bool ExchangedDocumentAbsent { get; set; }

    /// <summary>rsm:AcknowledgementDocument: one in the French profile; the XSD allows several.</summary>
    public List<CdarAcknowledgement> Acknowledgements { get; } = [];
}

/// <summary>rsm:ExchangedDocumentContext.</summary>
public sealed class CdarContext
{
    /// <summary>ram:TestIndicator.</summary>
    public CdarIndicator? Test { get; set; }

    /// <summary>MDT-2: the billing frame (REGULATED, NON_REGULATED, B2C, B2CINT, B2BINT, OUTOFSCOPE; ≤ 3 characters to the PPF).</summary>
    public string? BusinessProcess { get; set; }

    /// <summary>MDT-3: urn.cpro.gouv.fr:1p0:CDV:invoice, or …:CDV:einvoicingF2 when the PPF is the only recipient.</summary>
    public string? Guideline { get; set; }
}

/// <summary>rsm:AcknowledgementDocument.</summary>
public sealed class CdarAcknowledgement
{
    /// <summary>MDT-74: several referenced documents (true) or one (false).</summary>
    public CdarIndicator? MultipleReferences { get; set; }

    /// <summary>MDT-77: 305 transmission phase (platform events), 23 processing phase (business events).</summary>
    public string? TypeCode { get; set; }

    /// <summary>MDT-78: when the status was set.</summary>
    public CdarDateTime? IssueDateTime { get; set; }

    /// <summary>MDG-33: the documents (invoices) the status is about.</summary>
    public List<CdarReferencedDocument> Documents { get; } = [];
}

/// <summary>ram:ReferenceReferencedDocument: the invoice a status is about.</summary>
public sealed class CdarReferencedDocument
{
    /// <summary>MDT-87: the invoice number (BT-1).</summary>
    public string? IssuerAssignedId { get; set; }

    /// <summary>MDT-88: the phase status code (10, 51, 43, 48, 8 in phase 305; 45, 1, 49, 46, 39, 37, 50, 47, 5 in phase 23).</summary>
    public string? StatusCode { get; set; }

    /// <summary>MDT-91: the invoice type code (BT-3).</summary>
    public string? TypeCode { get; set; }

    /// <summary>MDT-95: when the invoice was received.</summary>
    public CdarDateTime? ReceiptDateTime { get; set; }

    /// <summary>ram:ReferenceTypeCode.</summary>
    public string? ReferenceTypeCode { get; set; }

    /// <summary>MDT-100 (MDG-35): the invoice date (BT-2), format 102.</summary>
    public CdarDateTime? FormattedIssueDateTime { get; set; }

    /// <summary>MDT-105: the lifecycle status (200 Déposée … 228, 501 Irrecevable).</summary>
    public string? ProcessConditionCode { get; set; }

    /// <summary>MDT-106: the status label.</summary>
    public List<string> ProcessCondition { get; } = [];

    /// <summary>MDT-129/MDT-132: the seller (role SE) identified by its legal id (BT-30).</summary>
    public CdarParty? Issuer { get; set; }

    /// <summary>MDT-158: recipients of the referenced document.</summary>
    public List<CdarParty> Recipients { get; } = [];

    /// <summary>MDG-37: status details (reasons, requested actions, amounts).</summary>
    public List<CdarDocumentStatus> Statuses { get; } = [];
}

/// <summary>ram:SpecifiedDocumentStatus (MDG-37): one detail of a status.</summary>
public sealed class CdarDocumentStatus
{
    /// <summary>MDT-113: the reason code (closed list, allowed codes per status: BR-FR-CDV-CL-09).</summary>
    public string? ReasonCode { get; set; }

    /// <summary>MDT-114: the reason in words.</summary>
    public List<string> Reason { get; } = [];

    /// <summary>MDT-115: the status this detail is about, when it is not the message's.</summary>
    public string? ProcessConditionCode { get; set; }

    /// <summary>ram:ProcessCondition.</summary>
    public List<string> ProcessCondition { get; } = [];

    /// <summary>MDT-121: the requested action (NOA, PIN, NIN, CNF, CNP, CNA, OTH).</summary>
    public string? RequestedActionCode { get; set; }

    /// <summary>MDT-122: the requested action in words.</summary>
    public List<string> RequestedAction { get; } = [];

    /// <summary>MDT-124-2: the detail's sequence number (mandatory, BR-FR-CDV-16).</summary>
    public string? SequenceNumeric { get; set; }

    /// <summary>ram:IncludedNote.</summary>
    public List<CdarNote> Notes { get; } = [];

    /// <summary>MDG-43: typed values (MEN amount collected per VAT rate for 212, MPA, DIV…).</summary>
    public List<CdarCharacteristic> Characteristics { get; } = [];
}

/// <summary>ram:SpecifiedDocumentCharacteristic (MDG-43).</summary>
public sealed class CdarCharacteristic
{
    /// <summary>ram:ID (for DIV/DVA/MAJ: the business term concerned).</summary>
    public string? Id { get; set; }

    /// <summary>MDT-207: MEN, MPA, RAP, ESC, RAB, REM, MAP, MAPTTC, MNA, MNATTC, CBB, DIV, DVA, MAJ.</summary>
    public string? TypeCode { get; set; }

    /// <summary>MDT-209: whether the value changed.</summary>
    public CdarIndicator? ValueChanged { get; set; }

    /// <summary>ram:Name.</summary>
    public List<string> Name { get; } = [];

    /// <summary>ram:Location (an XPath into the invoice, for DIV/DVA/MAJ).</summary>
    public string? Location { get; set; }

    /// <summary>MDT-215: an amount (collected, paid…).</summary>
    public CdarAmount? ValueAmount { get; set; }

    /// <summary>ram:ValueDateTime.</summary>
    public CdarDateTime? ValueDateTime { get; set; }

    /// <summary>MDT-224: a percentage (the VAT rate of a MEN amount).</summary>
    public string? ValuePercent { get; set; }
}

/// <summary>ram:IncludedNote.</summary>
public sealed class CdarNote
{
    public string? ContentCode { get; set; }
    public List<string> Content { get; } = [];
    public string? SubjectCode { get; set; }
}

/// <summary>A trade party (ram:TradePartyType) as the CDV uses it.</summary>
public sealed class CdarParty
{
    /// <summary>ram:GlobalID (SIREN with 0002, platform number with 0238…).</summary>
    public List<CdarId> GlobalIds { get; } = [];

    public string? Name { get; set; }

    /// <summary>UNCL 3035 role: BY, AB, DL, SE, SR, WK, DFH, PE, PR, II, IV.</summary>
    public string? RoleCode { get; set; }

    /// <summary>MDT-73: the electronic address (ram:URIUniversalCommunication/ram:URIID); null when the element is absent.</summary>
    public CdarId? ElectronicAddress { get; set; }
}

/// <summary>An identifier and its scheme (schemeID), as written.</summary>
public sealed record CdarId(string Value, string? SchemeId);

/// <summary>An amount as written, with its currency.</summary>
public sealed record CdarAmount(string Value, string? CurrencyId)
{
    public decimal? AsDecimal() => decimal.TryParse(Value, System.Globalization.NumberStyles.Number, System.Globalization.CultureInfo.InvariantCulture, out var d) ? d : null;
}

/// <summary>
/// A date-time as written: udt:DateTimeString (or qdt:DateTimeString for a formatted one) with its format (204
/// yyyyMMddHHmmss, 102 yyyyMMdd), or an xsd:dateTime in udt:DateTime when <see cref="Format"/> is null and IsString false.
/// </summary>
public sealed record CdarDateTime(string Value, string? Format, bool IsString = true)
{
    /// <summary>The instant when the format is one the engine knows (102, 203, 204, 205, xsd:dateTime); else null.</summary>
    public DateTimeOffset? AsDateTime()
    {
        var v = Value.Trim();
        var ci = System.Globalization.CultureInfo.InvariantCulture;
        var style = System.Globalization.DateTimeStyles.AssumeUniversal;
        if (!IsString)
            return DateTimeOffset.TryParse(v, ci, style, out var any) ? any : null;
        var pattern = Format switch { "102" => "yyyyMMdd", "203" => "yyyyMMddHHmm", "204" => "yyyyMMddHHmmss", _ => null };
        return pattern is not null && DateTimeOffset.TryParseExact(v, pattern, ci, style, out var parsed) ? parsed : null;
    }
}

/// <summary>An indicator as written: udt:Indicator (xsd:boolean) or udt:IndicatorString.</summary>
public sealed record CdarIndicator(string Value, bool IsString = false)
{
    public bool? AsBoolean() => Value.Trim() switch { "true" or "1" => true, "false" or "0" => false, _ => null };
}
