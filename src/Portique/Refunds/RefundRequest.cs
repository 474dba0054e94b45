using System.Text.Json.Serialization;
using Portique.Common;

namespace Portique.Refunds;

/// <summary>Processing statuses (chorus-pro.md §6.2); codes travel as in Chorus Pro.</summary>
public enum RefundStatus
{
    [JsonStringEnumMemberName("DEPOSEE")] Deposee,
    [JsonStringEnumMemberName("MISE_A_DISPOSITION")] MiseADisposition,
    [JsonStringEnumMemberName("EN_COURS_INSTRUCTION")] EnCoursInstruction,
    [JsonStringEnumMemberName("VALIDEE")] Validee,
    [JsonStringEnumMemberName("REFUSEE")] Refusee,
    [JsonStringEnumMemberName("MISE_EN_PAIEMENT")] MiseEnPaiement,
}

public enum AdvanceMode
{
    /// <summary>Granted without asking: request for the previous year's deliveries filed inside the automatic window.</summary>
    [JsonStringEnumMemberName("AUTOMATIQUE")] Automatic,
    /// <summary>Requested with the "Références" checkbox.</summary>
    [JsonStringEnumMemberName("DEMANDEE")] Requested,
}

/// <summary>
/// A refund request (cadre A21): one per beneficiary structure and delivery year, one line per supplier invoice.
/// It may carry the advance it granted (<see cref="AdvanceYear"/>: the deliveries it is paid on); when the request of
/// that later year is validated, the advance is deducted from it (<see cref="DeductedAdvance"/>, <see cref="Balance"/>).
/// </summary>
public sealed class RefundRequest
{
    public const int MaxLines = 50;
    public const int BankReferenceMaxLength = 50;
    public const int ReasonMaxLength = 1000;

    private RefundRequest() { }

    public long Id { get; private set; }
    public long StructureId { get; private set; }
    public int DeliveryYear { get; private set; }
    public string BankDetailsReference { get; private set; } = "";
    public bool SwornNotInDifficulty { get; private set; }
    public RefundStatus Status { get; private set; }
    public DateTimeOffset DepositedAt { get; private set; }
    public long DepositedBy { get; private set; }
    public decimal Total { get; private set; }
    public int? AdvanceYear { get; private set; }
    public decimal? AdvancePercent { get; private set; }
    public decimal? AdvanceAmount { get; private set; }
    public AdvanceMode? AdvanceMode { get; private set; }
    public decimal? DeductedAdvance { get; private set; }
    public decimal? Balance { get; private set; }
    public string? RefusalReason { get; private set; }
    public List<RefundLine> Lines { get; private set; } = [];
    public List<RefundEvent> History { get; private set; } = [];

    /// <summary>A negative balance is what the beneficiary owes back (the advance exceeded this year's refund).</summary>
    public decimal? AmountToRepay => Balance < 0 ? -Balance : null;

    public static RefundRequest File(long structureId, int deliveryYear, string? bankDetailsReference, bool swornNotInDifficulty,
        IReadOnlyList<RefundLine> lines, long by, DateTimeOffset now)
    {
        RefundRules.CheckYear(deliveryYear);
        var bank = Validation.Required(bankDetailsReference, "référence des coordonnées bancaires", BankReferenceMaxLength);
        if (!swornNotInDifficulty)
            throw new PortiqueException("REFUND_SWORN_STATEMENT_REQUIRED",
                "Le champ « attestation sur l'honneur » est obligatoire : l'entreprise ne doit pas être en difficulté.");
        if (lines.Count == 0)
            throw new PortiqueException("REFUND_NO_LINES", "La demande doit comporter au moins une ligne (une par facture fournisseur).");
        if (lines.Count > MaxLines)
            throw new PortiqueException("REFUND_TOO_MANY_LINES", $"Le champ « lignes » compte {lines.Count} lignes ; {MaxLines} au plus par demande.");
        for (var i = 0; i < lines.Count; i++)
            lines[i].CheckInYear(deliveryYear);
        var request = new RefundRequest
        {
            StructureId = structureId, DeliveryYear = deliveryYear, BankDetailsReference = bank, SwornNotInDifficulty = true,
            Status = RefundStatus.Deposee, DepositedAt = now, DepositedBy = by, Lines = [.. lines],
            Total = lines.Sum(l => l.Refund),
        };
        request.History.Add(RefundEvent.Record(RefundStatus.Deposee, now, by, null));
        return request;
    }

    public void GrantAdvance(int year, decimal percent, decimal amount, AdvanceMode mode)
    {
        AdvanceYear = year;
        AdvancePercent = percent;
        AdvanceAmount = amount;
        AdvanceMode = mode;
    }

    private static readonly Dictionary<RefundStatus, RefundStatus[]> Next = new()
    {
        [RefundStatus.Deposee] = [RefundStatus.MiseADisposition],
        [RefundStatus.MiseADisposition] = [RefundStatus.EnCoursInstruction],
        [RefundStatus.EnCoursInstruction] = [RefundStatus.Validee, RefundStatus.Refusee],
        [RefundStatus.Validee] = [RefundStatus.MiseEnPaiement],
        [RefundStatus.Refusee] = [],
        [RefundStatus.MiseEnPaiement] = [],
    };

    public IReadOnlyList<RefundStatus> NextStatuses => Next[Status];

    /// <summary>
    /// Moves the request on. Validation deducts the advance paid on this year's deliveries (<paramref name="advanceToDeduct"/>)
    /// and freezes the balance; a refusal needs a reason.
    /// </summary>
    public void MoveTo(RefundStatus status, string? reason, decimal advanceToDeduct, long by, DateTimeOffset now)
    {
        if (!Next[Status].Contains(status))
            throw new PortiqueException("REFUND_STATUS_TRANSITION_INVALID", $"Une demande au statut {RefundStatuses.Code(Status)} ne peut pas passer au statut {RefundStatuses.Code(status)}.");
        var why = Validation.MaxLength(reason, "motif", ReasonMaxLength);
        if (status == RefundStatus.Refusee)
        {
            RefusalReason = why ?? throw new PortiqueException("REFUND_REASON_REQUIRED", "Le champ « motif » est obligatoire pour refuser une demande.");
        }
        if (status == RefundStatus.Validee)
        {
            DeductedAdvance = advanceToDeduct;
            Balance = Total - advanceToDeduct;
        }
        Status = status;
        History.Add(RefundEvent.Record(status, now, by, why));
    }
}

public sealed class RefundLine
{
    private RefundLine() { }

    public long Id { get; private set; }
    public long RefundRequestId { get; private set; }
    public int Number { get; private set; }
    public string InvoiceNumber { get; private set; } = "";
    public DateOnly DeliveryDate { get; private set; }
    public RefundProduct Product { get; private set; }
    public decimal Quantity { get; private set; }
    public decimal Rate { get; private set; }
    public decimal Refund { get; private set; }
    public RefundAttachment? Attachment { get; private set; }

    /// <summary>Builds line <paramref name="number"/> (1-based, named in every error) with the rate of its delivery year.</summary>
    public static RefundLine Create(int number, string? invoiceNumber, DateOnly? deliveryDate, RefundProduct? product, decimal? quantity,
        decimal rate, RefundAttachment? attachment)
    {
        var field = $"ligne {number}";
        var invoice = Validation.Required(invoiceNumber, $"{field} : numéro de facture", 50);
        var date = deliveryDate ?? throw new PortiqueException("FIELD_REQUIRED", $"Le champ « {field} : date de livraison » est obligatoire.");
        var p = product ?? throw new PortiqueException("FIELD_REQUIRED", $"Le champ « {field} : produit » est obligatoire.");
        var q = RefundRules.CheckQuantity(quantity, field);
        return new RefundLine
        {
            Number = number, InvoiceNumber = invoice, DeliveryDate = date, Product = p, Quantity = q, Rate = rate,
            Refund = RefundMoney.Round(q * rate),
            Attachment = attachment ?? throw new PortiqueException("REFUND_ATTACHMENT_REQUIRED", $"Le champ « {field} : copie de la facture » est obligatoire."),
        };
    }

    internal void CheckInYear(int year)
    {
        if (DeliveryDate.Year != year)
            throw new PortiqueException("REFUND_DELIVERY_DATE_OUTSIDE_YEAR",
                $"Le champ « ligne {Number} : date de livraison » ({DeliveryDate:dd/MM/yyyy}) doit tomber dans l'année de la demande ({year}).");
    }
}

/// <summary>The copy of the supplier invoice, stored in the database with the request so that both commit or neither.</summary>
public sealed class RefundAttachment
{
    public const int MaxBytes = 10 * 1024 * 1024;
    /// <summary>What one filing may upload in all (form or base64 JSON): a few full-size copies, not fifty.</summary>
    public const long MaxRequestBytes = 128L * 1024 * 1024;
    public const int FileNameMaxLength = 200;

    private RefundAttachment() { }

    public long Id { get; private set; }
    public long RefundLineId { get; private set; }
    public string FileName { get; private set; } = "";
    public string ContentType { get; private set; } = "";
    public int Size { get; private set; }
    public byte[] Content { get; private set; } = [];

    /// <summary>PDF, JPEG or PNG up to 10 MB; the type is read from the bytes, not trusted from the client.</summary>
    public static RefundAttachment Create(int lineNumber, string? fileName, byte[]? content)
    {
        var field = $"ligne {lineNumber} : copie de la facture";
        if (content is null || content.Length == 0)
            throw new PortiqueException("REFUND_ATTACHMENT_REQUIRED", $"Le champ « {field} » est obligatoire.");
        if (content.Length > MaxBytes)
            throw new PortiqueException("REFUND_ATTACHMENT_TOO_LARGE", $"Le champ « {field} » dépasse 10 Mo.");
        var type = Sniff(content)
            ?? throw new PortiqueException("REFUND_ATTACHMENT_TYPE", $"Le champ « {field} » doit être un PDF, un JPEG ou un PNG.");
        var name = Path.GetFileName(Validation.MaxLength(fileName, field, FileNameMaxLength) ?? "") is { Length: > 0 } n ? n : $"facture-{lineNumber}";
        return new RefundAttachment { FileName = name, ContentType = type, Size = content.Length, Content = content };
    }

    private static readonly byte[] Jpeg = [0xFF, 0xD8, 0xFF];
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    private static string? Sniff(ReadOnlySpan<byte> b) =>
        b.StartsWith("%PDF-"u8) ? "application/pdf"
        : b.StartsWith(Jpeg) ? "image/jpeg"
        : b.StartsWith(Png) ? "image/png"
        : null;
}

public sealed class RefundEvent
{
    private RefundEvent() { }

    public long Id { get; private set; }
    public long RefundRequestId { get; private set; }
    public RefundStatus Status { get; private set; }
    public DateTimeOffset At { get; private set; }
    public long By { get; private set; }
    public string? Reason { get; private set; }

    internal static RefundEvent Record(RefundStatus status, DateTimeOffset at, long by, string? reason) =>
        new() { Status = status, At = at, By = by, Reason = reason };
}

public static class RefundStatuses
{
    public static string Code(RefundStatus status) => status switch
    {
        RefundStatus.Deposee => "DEPOSEE",
        RefundStatus.MiseADisposition => "MISE_A_DISPOSITION",
        RefundStatus.EnCoursInstruction => "EN_COURS_INSTRUCTION",
        RefundStatus.Validee => "VALIDEE",
        RefundStatus.Refusee => "REFUSEE",
        RefundStatus.MiseEnPaiement => "MISE_EN_PAIEMENT",
        _ => status.ToString(),
    };

    public static string Label(this RefundStatus status) => status switch
    {
        RefundStatus.Deposee => "Déposée",
        RefundStatus.MiseADisposition => "Mise à disposition",
        RefundStatus.EnCoursInstruction => "En cours d'instruction",
        RefundStatus.Validee => "Validée",
        RefundStatus.Refusee => "Refusée",
        RefundStatus.MiseEnPaiement => "Mise en paiement",
        _ => status.ToString(),
    };

    public static RefundStatus? Parse(string? code)
    {
        if (string.IsNullOrWhiteSpace(code))
            return null;
        foreach (var s in Enum.GetValues<RefundStatus>())
        {
            if (string.Equals(Code(s), code.Trim(), StringComparison.OrdinalIgnoreCase))
                return s;
        }
        throw new PortiqueException("REFUND_STATUS_UNKNOWN", $"Le statut « {code} » n'existe pas.");
    }
}

/// <summary>Checks shared by requests, rates and campaigns.</summary>
public static class RefundRules
{
    /// <summary>Quantities: at most 8 digits of which 2 decimals (999 999,99), strictly positive.</summary>
    public const decimal MaxQuantity = 999_999.99m;

    public static decimal CheckQuantity(decimal? quantity, string field)
    {
        if (quantity is not { } q || q <= 0 || q > MaxQuantity || decimal.Round(q, 2) != q)
            throw new PortiqueException("REFUND_QUANTITY_INVALID",
                $"Le champ « {field} : quantité » doit être un nombre positif d'au plus 8 chiffres dont 2 décimales (999 999,99 au plus).");
        return q;
    }

    public static int CheckYear(int year) => year is >= 2000 and <= 2100
        ? year
        : throw new PortiqueException("REFUND_YEAR_INVALID", $"Le champ « année de livraison » ({year}) n'est pas une année valide.");

    private static readonly TimeZoneInfo Paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");

    /// <summary>The filing day as the beneficiary sees it: windows such as "1–30 April 2022" are French calendar days.</summary>
    public static DateOnly ParisDay(DateTimeOffset at) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, Paris).DateTime);
}
