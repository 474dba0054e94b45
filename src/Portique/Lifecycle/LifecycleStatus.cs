using System.Globalization;
using Portique.Common;
using Portique.Formats.Cdar;

namespace Portique.Lifecycle;

/// <summary>An amount collected at one VAT rate (status 212, characteristic MEN).</summary>
public sealed record CollectedAmount(decimal Montant, decimal TauxTva);

/// <summary>
/// One lifecycle status of a B2B invoice, with the CDAR D22B message that carries it (written and validated by the engine
/// before it is stored). A portal invoice has its <see cref="InvoiceId"/>; an invoice routed to another platform its
/// <see cref="B2bRoutingId"/>; an invoice rejected at deposit (213) only its flow and number. <see cref="Sequence"/> is
/// unique per invoice, so two changes racing from the same status cannot both be stored.
/// </summary>
public sealed class LifecycleStatus
{
    public const int CommentMaxLength = 255;

    private LifecycleStatus() { }

    public long Id { get; private set; }
    public long? InvoiceId { get; private set; }
    public long? B2bRoutingId { get; private set; }
    public long? FlowId { get; private set; }
    /// <summary>The seller's structure: every status of the invoice is visible from it.</summary>
    public long SupplierStructureId { get; private set; }
    public string InvoiceNumber { get; private set; } = "";
    public DateOnly InvoiceDate { get; private set; }
    public int Sequence { get; private set; }
    public string Code { get; private set; } = "";
    public LifecycleActor Actor { get; private set; }
    public long? UserId { get; private set; }
    public DateTimeOffset At { get; private set; }
    public string? Reason { get; private set; }
    public string? Comment { get; private set; }
    public string? RequestedAction { get; private set; }
    /// <summary>212: "amount@rate;…" in invariant culture (the CDAR message holds the same).</summary>
    public string? Collected { get; private set; }
    public string MessageId { get; private set; } = "";
    public byte[] Cdar { get; private set; } = [];

    public IReadOnlyList<CollectedAmount> CollectedAmounts() => Collected is null ? [] :
        [.. Collected.Split(';').Select(p => p.Split('@')).Select(p => new CollectedAmount(
            decimal.Parse(p[0], CultureInfo.InvariantCulture), decimal.Parse(p[1], CultureInfo.InvariantCulture)))];

    /// <summary>The stored status of a checked change and its message.</summary>
    internal static LifecycleStatus Of(LifecycleSubject subject, int sequence, LifecycleChange change, LifecycleActor actor, long? userId,
        DateTimeOffset at, string messageId, byte[] cdar) => new()
    {
        InvoiceId = subject.InvoiceId,
        B2bRoutingId = subject.B2bRoutingId,
        FlowId = subject.FlowId,
        SupplierStructureId = subject.SupplierStructureId,
        InvoiceNumber = subject.Number,
        InvoiceDate = subject.IssueDate,
        Sequence = sequence,
        Code = change.Code,
        Actor = actor,
        UserId = userId,
        At = at,
        Reason = change.Reason,
        Comment = change.Comment,
        RequestedAction = change.Action,
        Collected = change.Collected.Count == 0 ? null
            : string.Join(';', change.Collected.Select(c => $"{c.Montant.ToString(CultureInfo.InvariantCulture)}@{c.TauxTva.ToString(CultureInfo.InvariantCulture)}")),
        MessageId = messageId,
        Cdar = cdar,
    };
}

/// <summary>A status asked for, as checked by <see cref="InvoiceLifecycle.Check"/> (codes trimmed and upper-cased, comment bounded).</summary>
public sealed record LifecycleChange(string Code, string? Reason = null, string? Comment = null, string? Action = null)
{
    public IReadOnlyList<CollectedAmount> Collected { get; init; } = [];
}

/// <summary>
/// The lifecycle rule of one invoice over its stored statuses: the processing state (last status that is no factoring
/// event), the factoring state, what each actor may set next, and the check of a change — actor first (403), then order
/// (409), then reason, requested action and amounts (400), each refusal with a stable code and the BR-FR-CDV rule it mirrors.
/// </summary>
public sealed class InvoiceLifecycle(IReadOnlyList<LifecycleStatus> history)
{
    public IReadOnlyList<LifecycleStatus> History { get; } = [.. history.OrderBy(s => s.Sequence)];

    /// <summary>The processing state: the code of the last status that is no factoring event; "" before the first.</summary>
    public string State => History.LastOrDefault(s => LifecycleTable.Rule(s.Code)?.Factoring != true)?.Code ?? "";

    public string Factoring => History.LastOrDefault(s => LifecycleTable.Rule(s.Code)?.Factoring == true)?.Code ?? "";

    public int NextSequence => History.Count == 0 ? 1 : History[^1].Sequence + 1;

    public IReadOnlyList<LifecycleRule> Next(LifecycleActor actor) =>
        [.. LifecycleTable.Rules.Where(r => r.Actor == actor && LifecycleTable.Follows(r, State, Factoring))];

    public LifecycleChange Check(LifecycleChange change, LifecycleActor actor)
    {
        var code = change.Code?.Trim() ?? "";
        var rule = LifecycleTable.Rule(code) ?? throw new PortiqueException("LIFECYCLE_STATUS_UNKNOWN",
            CdarCodes.Status(code) is { } known
                ? $"Le statut {known.Code} ({known.Label}) ne se donne pas à une facture entre entreprises sur Portique."
                : $"« {code} » n'est pas un statut de cycle de vie (200 à 228, 501).") { Field = "statut" };
        if (rule.Actor != actor)
            throw PortiqueException.Forbidden("LIFECYCLE_ACTOR_NOT_ALLOWED",
                $"Le statut {code} ({rule.Status.Label}) est donné par {LifecycleTable.ActorLabel(rule.Actor)}, pas par {LifecycleTable.ActorLabel(actor)}.");
        if (!LifecycleTable.Follows(rule, State, Factoring))
            throw PortiqueException.Conflict("LIFECYCLE_TRANSITION_ILLEGAL", State == ""
                ? $"La facture n'a encore aucun statut de cycle de vie : le statut {code} ({rule.Status.Label}) ne peut pas être le premier."
                : $"La facture au statut {State} ({LifecycleTable.Label(State)}) ne peut passer au statut {code} ({rule.Status.Label}).");

        var reason = Upper(change.Reason);
        if (reason is null && (rule.ReasonRequired || CdarCodes.StatusesNeedingReason.Contains(code)))
            throw new PortiqueException("LIFECYCLE_REASON_REQUIRED",
                $"Un motif est obligatoire pour le statut {code} ({rule.Status.Label}) (règle BR-FR-CDV-15).") { Field = "motif" };
        if (reason is not null && !rule.Reasons.Contains(reason))
            throw new PortiqueException("LIFECYCLE_REASON_NOT_ALLOWED",
                $"Le motif « {reason} » n'est pas admis pour le statut {code} ({rule.Status.Label}) ; motifs admis : {string.Join(", ", rule.Reasons.Order(StringComparer.Ordinal))} (règle BR-FR-CDV-CL-09).") { Field = "motif" };

        var action = Upper(change.Action);
        if (action is not null && (!rule.TakesAction || !CdarCodes.RequestedActions.Contains(action)))
            throw new PortiqueException("LIFECYCLE_ACTION_NOT_ALLOWED", rule.TakesAction
                ? $"L'action demandée « {action} » n'existe pas ; actions admises : {string.Join(", ", CdarCodes.RequestedActions.Order(StringComparer.Ordinal))} (règle BR-FR-CDV-CL-10)."
                : $"Le statut {code} ({rule.Status.Label}) ne porte pas d'action demandée.") { Field = "actionDemandee" };

        var collected = change.Collected ?? [];
        if (rule.NeedsAmounts && collected.Count == 0)
            throw new PortiqueException("LIFECYCLE_AMOUNTS_REQUIRED",
                $"Le statut {code} ({rule.Status.Label}) doit porter le montant encaissé par taux de TVA (règle BR-FR-CDV-14).") { Field = "encaissements" };
        if (!rule.NeedsAmounts && collected.Count > 0)
            throw new PortiqueException("LIFECYCLE_AMOUNTS_NOT_ALLOWED", $"Seul le statut 212 (Encaissée) porte des montants encaissés.") { Field = "encaissements" };
        foreach (var c in collected)
        {
            if (c.Montant <= 0 || c.Montant >= 1_000_000_000_000m || decimal.Round(c.Montant, 2) != c.Montant)
                throw new PortiqueException("LIFECYCLE_AMOUNT_INVALID", $"Le montant encaissé {c.Montant.ToString(CultureInfo.InvariantCulture)} doit être positif, avec au plus deux décimales.") { Field = "encaissements" };
            if (c.TauxTva < 0 || c.TauxTva > 100 || decimal.Round(c.TauxTva, 2) != c.TauxTva)
                throw new PortiqueException("LIFECYCLE_AMOUNT_INVALID", $"Le taux de TVA {c.TauxTva.ToString(CultureInfo.InvariantCulture)} % doit être compris entre 0 et 100, avec au plus deux décimales.") { Field = "encaissements" };
        }
        if (collected.GroupBy(c => c.TauxTva).Any(g => g.Count() > 1))
            throw new PortiqueException("LIFECYCLE_AMOUNT_INVALID", "Un taux de TVA figure deux fois parmi les montants encaissés.") { Field = "encaissements" };

        return new LifecycleChange(code, reason, Validation.MaxLength(change.Comment, "commentaire", LifecycleStatus.CommentMaxLength), action) { Collected = collected };
    }

    private static string? Upper(string? code) => string.IsNullOrWhiteSpace(code) ? null : code.Trim().ToUpperInvariant();
}
