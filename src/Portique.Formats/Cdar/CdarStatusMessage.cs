using System.Globalization;

namespace Portique.Formats.Cdar;

/// <summary>A party of a lifecycle message: its identifier and scheme (0002 SIREN, 0238 platform number), name and address.</summary>
public sealed record CdarActor(string Id, string Scheme, string? Name = null, string? ElectronicAddress = null, string? AddressScheme = "0225");

/// <summary>An amount collected at one VAT rate (MEN, for status 212).</summary>
public sealed record CdarCollectedAmount(decimal Amount, decimal VatRate);

/// <summary>
/// What Portique says about one invoice in one lifecycle message: the status (MDT-105, spec §2.1), the invoice it is about, who
/// sets it, to whom, and the reason, requested action and amounts the status calls for.
/// </summary>
public sealed record CdarStatusRequest
{
    public required string MessageId { get; init; }
    public required DateTimeOffset IssuedAt { get; init; }
    public required string Status { get; init; }

    /// <summary>The invoice: number (BT-1), type code (BT-3), date (BT-2), seller's SIREN (BT-30).</summary>
    public required string InvoiceNumber { get; init; }
    public string InvoiceTypeCode { get; init; } = "380";
    public required DateOnly InvoiceDate { get; init; }
    public required string SellerSiren { get; init; }

    /// <summary>When the invoice was deposited or received (MDT-95); <see cref="IssuedAt"/> when null.</summary>
    public DateTimeOffset? ReceivedAt { get; init; }

    /// <summary>The platform that sends the message (role WK, number in scheme 0238).</summary>
    public required CdarActor Platform { get; init; }

    /// <summary>Who sets a processing-phase status: the buyer (BY) or the seller (SE); the platform itself in the transmission phase.</summary>
    public CdarActor? SetBy { get; init; }
    public string SetByRole { get; init; } = "BY";

    /// <summary>The recipients other than the PPF, with their roles (BY, SE, WK…); each needs an electronic address unless WK.</summary>
    public IReadOnlyList<(CdarActor Actor, string Role)> Recipients { get; init; } = [];

    /// <summary>Also send to the PPF (0238 = 0000, DFH); alone, the message takes the PPF profile (einvoicingF2).</summary>
    public bool ToPpf { get; init; }

    /// <summary>MDT-2: the billing frame; a message to the PPF alone carries none (at most 3 characters).</summary>
    public string BusinessProcess { get; init; } = "REGULATED";

    public string? Reason { get; init; }
    public string? ReasonText { get; init; }
    public string? RequestedAction { get; init; }
    public string? RequestedActionText { get; init; }
    public IReadOnlyList<CdarCollectedAmount> Collected { get; init; } = [];
    public string Currency { get; init; } = "EUR";
}

/// <summary>Builds the lifecycle message of a status as the French profile wants it (phase, phase code, roles, profile).</summary>
public static class CdarStatusMessage
{
    public static readonly CdarActor Ppf = new(CdarCodes.PpfNumber, CdarCodes.PlatformScheme, "PPF");

    /// <summary>The message for the request; <see cref="CdarEngine.Write"/> then checks and serialises it.</summary>
    public static CdarMessage Create(CdarStatusRequest request)
    {
        var status = CdarCodes.Status(request.Status)
            ?? throw new ArgumentException($"Le statut {request.Status} n'est pas un statut de cycle de vie connu (spécification §2.1).", nameof(request));
        var ppfOnly = request.ToPpf && request.Recipients.Count == 0;
        var transmission = status.Phase == CdarCodes.TransmissionPhase;
        var platform = Party(request.Platform, "WK");
        var message = new CdarMessage
        {
            Context = new CdarContext
            {
                BusinessProcess = ppfOnly ? null : request.BusinessProcess,
                Guideline = ppfOnly ? CdarCodes.GuidelinePpf : CdarCodes.GuidelineInvoice,
            },
            Id = request.MessageId,
            Name = $"{request.InvoiceNumber}-CDV-{status.Code}",
            IssueDateTime = Stamp(request.IssuedAt),
            Sender = platform,
            Issuer = transmission || request.SetBy is null ? Party(request.Platform, "WK") : Party(request.SetBy, request.SetByRole),
        };
        foreach (var (actor, role) in request.Recipients)
            message.Recipients.Add(Party(actor, role));
        if (request.ToPpf)
            message.Recipients.Add(Party(Ppf, "DFH"));

        var document = new CdarReferencedDocument
        {
            IssuerAssignedId = request.InvoiceNumber,
            StatusCode = status.PhaseStatusCode,
            TypeCode = request.InvoiceTypeCode,
            ReceiptDateTime = Stamp(request.ReceivedAt ?? request.IssuedAt),
            FormattedIssueDateTime = new CdarDateTime(request.InvoiceDate.ToString("yyyyMMdd", CultureInfo.InvariantCulture), "102"),
            ProcessConditionCode = status.Code,
            Issuer = new CdarParty { RoleCode = "SE" },
        };
        document.ProcessCondition.Add(status.Label);
        document.Issuer.GlobalIds.Add(new CdarId(request.SellerSiren, "0002"));

        if (request.Reason is not null || request.RequestedAction is not null || request.Collected.Count > 0)
        {
            var detail = new CdarDocumentStatus
            {
                ReasonCode = request.Reason,
                RequestedActionCode = request.RequestedAction,
                SequenceNumeric = "1",
            };
            if (request.ReasonText is not null)
                detail.Reason.Add(request.ReasonText);
            if (request.RequestedActionText is not null)
                detail.RequestedAction.Add(request.RequestedActionText);
            foreach (var collected in request.Collected)
            {
                detail.Characteristics.Add(new CdarCharacteristic
                {
                    TypeCode = CdarCodes.AmountCollected,
                    ValueChanged = new CdarIndicator("false", IsString: true),
                    ValueAmount = new CdarAmount(collected.Amount.ToString(CultureInfo.InvariantCulture), request.Currency),
                    ValuePercent = collected.VatRate.ToString("0.00", CultureInfo.InvariantCulture),
                });
            }
            document.Statuses.Add(detail);
        }

        var acknowledgement = new CdarAcknowledgement
        {
            MultipleReferences = new CdarIndicator("false"),
            TypeCode = status.Phase,
            IssueDateTime = Stamp(request.IssuedAt),
        };
        acknowledgement.Documents.Add(document);
        message.Acknowledgements.Add(acknowledgement);
        return message;
    }

    private static CdarParty Party(CdarActor actor, string role)
    {
        var party = new CdarParty { Name = actor.Name, RoleCode = role };
        party.GlobalIds.Add(new CdarId(actor.Id, actor.Scheme));
        if (actor.ElectronicAddress is not null)
            party.ElectronicAddress = new CdarId(actor.ElectronicAddress, actor.AddressScheme);
        return party;
    }

    private static CdarDateTime Stamp(DateTimeOffset at) =>
        new(at.UtcDateTime.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture), "204");
}
