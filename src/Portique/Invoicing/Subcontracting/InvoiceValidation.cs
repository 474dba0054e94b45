using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portique.Common;

namespace Portique.Invoicing.Subcontracting;

/// <summary>What became of an A9/A12 invoice at its validator.</summary>
public enum ValidationOutcome
{
    Pending,
    Validated,
    Refused,
    /// <summary>No answer within <see cref="InvoiceValidation.DelayDays"/> days: validated tacitly.</summary>
    Tacit,
}

/// <summary>A reason a validator may give to refuse (recuperer/motifs/refus/Facture/AValider).</summary>
public sealed record RefusalReason(int Id, string Code, string Label);

/// <summary>
/// The validation step of a subcontractor's (A9) or co-contractor's (A12) invoice: the validator structure (main contractor
/// or mandataire, and its service), the receipt that starts the 15 days, and the one decision it may take. The invoice's
/// own status follows (A_VALIDER_1 → VALIDEE_1 / REFUSEE_1 / ABSENCE_VALIDATION_1_HORS_DELAI); this row keeps who, when, why.
/// </summary>
public sealed class InvoiceValidation
{
    /// <summary>The validator's delay (chorus-pro.md §3.1): silence after it is tacit validation.</summary>
    public const int DelayDays = 15;

    /// <summary>The refusal reasons of a validator; "AUTRE" needs a comment.</summary>
    public static readonly IReadOnlyList<RefusalReason> Reasons =
    [
        new(1, "PRESTATION_NON_CONFORME", "Prestation non conforme ou non réalisée"),
        new(2, "MONTANT_ERRONE", "Montant erroné ou dépassant la part du marché"),
        new(3, "HORS_PERIMETRE", "Prestation hors du périmètre sous-traité ou cotraité"),
        new(4, "PIECES_MANQUANTES", "Pièces justificatives manquantes"),
        new(5, "DOUBLON", "Facture déjà présentée"),
        new(6, "AUTRE", "Autre motif (à préciser)"),
    ];

    private InvoiceValidation() { }

    public long InvoiceId { get; private set; }
    public long ValidatorStructureId { get; private set; }
    public long? ValidatorServiceId { get; private set; }
    public string Cadre { get; private set; } = "";
    public DateTimeOffset ReceivedAt { get; private set; }
    /// <summary>The deadline in UTC ticks: SQLite neither compares nor sorts DateTimeOffset, a long compares the same everywhere.</summary>
    public long DueAtTicks { get; private set; }
    public ValidationOutcome Outcome { get; private set; }
    public DateTimeOffset? DecidedAt { get; private set; }
    public long? DecidedByUserId { get; private set; }
    public string? ReasonCode { get; private set; }
    public string? Comment { get; private set; }

    public DateTimeOffset DueAt => new(DueAtTicks, TimeSpan.Zero);

    public static InvoiceValidation Open(long invoiceId, string cadre, long validatorStructureId, long? validatorServiceId, DateTimeOffset receivedAt) => new()
    {
        InvoiceId = invoiceId,
        Cadre = cadre,
        ValidatorStructureId = validatorStructureId,
        ValidatorServiceId = validatorServiceId,
        ReceivedAt = receivedAt,
        DueAtTicks = receivedAt.UtcDateTime.AddDays(DelayDays).Ticks,
        Outcome = ValidationOutcome.Pending,
    };

    /// <summary>The validator accepts, before the deadline; one decision only.</summary>
    public void Validate(Invoice invoice, long userId, DateTimeOffset now, string? comment)
    {
        EnsureOpen(invoice, now);
        invoice.Validate(userId, now, comment, tacit: false);
        Decide(ValidationOutcome.Validated, userId, now, null, comment);
    }

    /// <summary>The validator refuses with a reason of <see cref="Reasons"/> (AUTRE with a comment), before the deadline.</summary>
    public void Refuse(Invoice invoice, long userId, DateTimeOffset now, string? reasonCode, string? comment)
    {
        var reason = Reasons.FirstOrDefault(r => r.Code.Equals(reasonCode?.Trim(), StringComparison.OrdinalIgnoreCase))
            ?? throw new PortiqueException("VALIDATION_REASON_INVALID",
                $"Un refus exige un motif parmi {string.Join(", ", Reasons.Select(r => r.Code))} : « {reasonCode} ».") { Field = "motifRefus" };
        var text = Common.Validation.MaxLength(comment, "complément d'information", Invoice.ReasonMaxLength);
        if (reason.Code == "AUTRE" && text is null)
            throw new PortiqueException("VALIDATION_COMMENT_REQUIRED", "Le motif « Autre » doit être précisé (complementInfo).") { Field = "complementInfo" };
        EnsureOpen(invoice, now);
        invoice.RefuseValidation(userId, now, text is null ? reason.Label : $"{reason.Label} : {text}");
        Decide(ValidationOutcome.Refused, userId, now, reason.Code, text);
    }

    /// <summary>The deadline passed without an answer: the invoice is validated tacitly and routed. False when already decided.</summary>
    public bool ValidateTacitly(Invoice invoice, DateTimeOffset now)
    {
        if (Outcome != ValidationOutcome.Pending || now.UtcTicks < DueAtTicks)
            return false;
        invoice.Validate(null, now, null, tacit: true);
        Decide(ValidationOutcome.Tacit, null, now, null, null);
        return true;
    }

    private void EnsureOpen(Invoice invoice, DateTimeOffset now)
    {
        if (Outcome != ValidationOutcome.Pending)
            throw PortiqueException.Conflict("VALIDATION_ALREADY_DECIDED",
                $"La facture {invoice.Number} a déjà été {(Outcome == ValidationOutcome.Refused ? "refusée" : "validée")} : une seule décision est possible.");
        if (now.UtcTicks >= DueAtTicks)
            throw PortiqueException.Conflict("VALIDATION_DEADLINE_PASSED",
                $"Le délai de {DelayDays} jours pour valider la facture {invoice.Number} a expiré le {DueAt:dd/MM/yyyy HH:mm} (UTC) : elle est validée tacitement.");
    }

    private void Decide(ValidationOutcome outcome, long? userId, DateTimeOffset now, string? reasonCode, string? comment)
    {
        Outcome = outcome;
        DecidedAt = now;
        DecidedByUserId = userId;
        ReasonCode = reasonCode;
        Comment = comment;
    }
}

internal sealed class InvoiceValidationConfiguration : IEntityTypeConfiguration<InvoiceValidation>
{
    public void Configure(EntityTypeBuilder<InvoiceValidation> b)
    {
        b.ToTable("invoice_validations");
        b.HasKey(v => v.InvoiceId);
        b.HasOne<Invoice>().WithOne().HasForeignKey<InvoiceValidation>(v => v.InvoiceId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Organisation.Structure>().WithMany().HasForeignKey(v => v.ValidatorStructureId).OnDelete(DeleteBehavior.Restrict);
        b.Property(v => v.Cadre).HasMaxLength(4);
        b.Property(v => v.ReasonCode).HasMaxLength(40);
        b.Property(v => v.Comment).HasMaxLength(Invoice.ReasonMaxLength);
        b.Ignore(v => v.DueAt);
        // The validator's list (what waits for me, by deadline) and the deadline sweep.
        b.HasIndex(v => new { v.ValidatorStructureId, v.Outcome, v.DueAtTicks });
        b.HasIndex(v => new { v.Outcome, v.DueAtTicks });
    }
}
