using Portique.Invoicing;
using Portique.Invoicing.Deposit;
using Portique.Organisation;

namespace Portique.Lifecycle;

/// <summary>
/// The statuses the platform sets by itself when a deposit is integrated: 200 (déposée) for every B2B invoice accepted,
/// with NON_TRANSMISE when the directory knows no active address of the buyer; 202 and 203 when Portique is also the buyer's
/// platform and makes the invoice available; 213 (rejetée) for a B2B invoice refused by the portal's checks.
/// </summary>
public sealed class LifecycleRecorder(LifecycleSettings settings)
{
    /// <summary>200, then 202 and 203 when the invoice has been routed to its buyer; nothing for a public-sector invoice.</summary>
    public IEnumerable<LifecycleStatus> Deposited(Invoice invoice, Structure supplier, Structure recipient, bool routed, DateTimeOffset now)
    {
        if (LifecycleSubject.Of(invoice, supplier, recipient) is not { } subject)
            yield break;
        yield return Platform(subject, 1, new LifecycleChange("200"), now);
        if (!routed)
            yield break;
        yield return Platform(subject, 2, new LifecycleChange("202"), now);
        yield return Platform(subject, 3, new LifecycleChange("203"), now);
    }

    public LifecycleStatus? Deposited(B2bRouting routing, Structure supplier, string? typeCode, DateTimeOffset now) =>
        LifecycleSubject.Of(routing, supplier, DocumentType(typeCode)) is { } subject ? Platform(subject, 1, new LifecycleChange("200", routing.Reason), now) : null;

    /// <summary>213 for an invoice the portal refused, when the refusal has a reform reason; null otherwise.</summary>
    public LifecycleStatus? Rejected(long flowId, Structure supplier, string number, DateOnly issueDate, string? typeCode, string refusalCode, string message, DateTimeOffset now)
    {
        if (LifecycleParty.Of(supplier) is not { } seller || number.Length is 0 or > 20)
            return null;
        var subject = new LifecycleSubject(supplier.Id, seller, number, issueDate, DocumentType(typeCode), now) { FlowId = flowId };
        return Platform(subject, 1, new LifecycleChange("213", RejectionReason(refusalCode), message.Length > LifecycleStatus.CommentMaxLength ? message[..LifecycleStatus.CommentMaxLength] : message), now);
    }

    /// <summary>The reform's reason (BR-FR-CDV-CL-09, list of 213) for a refusal code of the deposit.</summary>
    public static string RejectionReason(string refusalCode) => refusalCode switch
    {
        "INVOICE_NUMBER_DUPLICATE" => "DOUBLON",
        "DEST_INC" or "RECIPIENT_NOT_FOUND" or "RECIPIENT_INACTIVE" => "DEST_INC",
        "ADR_ERR" => "ADR_ERR",
        "AMOUNTS_INCOHERENT" => "MONTANTTOTAL_ERR",
        "SUPPLIER_MISMATCH" => "REJ_COH",
        _ => "REJ_SEMAN",
    };

    /// <summary>The invoice's type code (BT-3) when the French profile knows it (BR-FR-04), else 380: the message must stay valid.</summary>
    private static string DocumentType(string? typeCode) => typeCode is not null && Formats.Cdar.CdarCodes.DocumentTypes.Contains(typeCode) ? typeCode : "380";

    private LifecycleStatus Platform(LifecycleSubject subject, int sequence, LifecycleChange change, DateTimeOffset now)
    {
        var (messageId, cdar) = LifecycleMessages.Write(settings, subject, change, LifecycleActor.Platform, now);
        return LifecycleStatus.Of(subject, sequence, change, LifecycleActor.Platform, null, now, messageId, cdar);
    }
}
