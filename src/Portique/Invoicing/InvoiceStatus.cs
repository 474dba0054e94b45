namespace Portique.Invoicing;

/// <summary>Invoice statuses of the deposit and recipient-processing circuit, named as Chorus Pro names them (chorus-pro.md §2.1).</summary>
public enum InvoiceStatus
{
    DEPOSEE,
    EN_COURS_ACHEMINEMENT,
    MISE_A_DISPOSITION,
    SERVICE_FAIT,
    MANDATEE,
    MISE_A_DISPOSITION_COMPTABLE,
    COMPTABILISEE,
    MISE_EN_PAIEMENT,
    A_RECYCLER,
    SUSPENDUE,
    COMPLETEE,
    REJETEE,
    // Validation of a subcontractor's (A9) or co-contractor's (A12) invoice by the main contractor or mandataire.
    A_VALIDER_1,
    VALIDEE_1,
    REFUSEE_1,
    ABSENCE_VALIDATION_1_HORS_DELAI,
}

/// <summary>Who moves an invoice: the portal itself (routing), the recipient structure or the supplier structure.</summary>
public enum InvoiceActor
{
    System,
    Recipient,
    Supplier,
    /// <summary>The validator structure of an A9/A12 invoice (main contractor or mandataire).</summary>
    Validator,
}

/// <summary>
/// The transition table of chorus-pro.md §2.2. The recipient's processing statuses are optional but ordered: a recipient
/// may skip some, never go back. It returns an invoice (A_RECYCLER, SUSPENDUE, REJETEE) only before the mandate, while
/// the invoice is still on its desk. The supplier answers a suspension (COMPLETEE) or a recycling request (routed again).
/// </summary>
public static class InvoiceTransitions
{
    private static readonly InvoiceStatus[] ProcessingOrder =
    [
        InvoiceStatus.MISE_A_DISPOSITION,
        InvoiceStatus.SERVICE_FAIT,
        InvoiceStatus.MANDATEE,
        InvoiceStatus.MISE_A_DISPOSITION_COMPTABLE,
        InvoiceStatus.COMPTABILISEE,
        InvoiceStatus.MISE_EN_PAIEMENT,
    ];

    /// <summary>Statuses in which the invoice sits with the recipient, ready to be processed.</summary>
    private static int Rank(InvoiceStatus status) => status == InvoiceStatus.COMPLETEE ? 0 : Array.IndexOf(ProcessingOrder, status);

    public static InvoiceActor? ActorFor(InvoiceStatus to) => to switch
    {
        InvoiceStatus.EN_COURS_ACHEMINEMENT or InvoiceStatus.MISE_A_DISPOSITION or InvoiceStatus.DEPOSEE
            or InvoiceStatus.A_VALIDER_1 or InvoiceStatus.ABSENCE_VALIDATION_1_HORS_DELAI => InvoiceActor.System,
        InvoiceStatus.VALIDEE_1 or InvoiceStatus.REFUSEE_1 => InvoiceActor.Validator,
        InvoiceStatus.COMPLETEE => InvoiceActor.Supplier,
        InvoiceStatus.SERVICE_FAIT or InvoiceStatus.MANDATEE or InvoiceStatus.MISE_A_DISPOSITION_COMPTABLE or InvoiceStatus.COMPTABILISEE
            or InvoiceStatus.MISE_EN_PAIEMENT or InvoiceStatus.A_RECYCLER or InvoiceStatus.SUSPENDUE or InvoiceStatus.REJETEE => InvoiceActor.Recipient,
        _ => null,
    };

    /// <summary>Whether the status may follow <paramref name="from"/>, whoever asks.</summary>
    public static bool IsAllowed(InvoiceStatus from, InvoiceStatus to) => to switch
    {
        InvoiceStatus.EN_COURS_ACHEMINEMENT => from is InvoiceStatus.DEPOSEE or InvoiceStatus.VALIDEE_1 or InvoiceStatus.ABSENCE_VALIDATION_1_HORS_DELAI,
        InvoiceStatus.A_VALIDER_1 => from == InvoiceStatus.DEPOSEE,
        InvoiceStatus.VALIDEE_1 or InvoiceStatus.REFUSEE_1 or InvoiceStatus.ABSENCE_VALIDATION_1_HORS_DELAI => from == InvoiceStatus.A_VALIDER_1,
        InvoiceStatus.MISE_A_DISPOSITION => from == InvoiceStatus.EN_COURS_ACHEMINEMENT,
        InvoiceStatus.SERVICE_FAIT or InvoiceStatus.MANDATEE or InvoiceStatus.MISE_A_DISPOSITION_COMPTABLE or InvoiceStatus.COMPTABILISEE
            or InvoiceStatus.MISE_EN_PAIEMENT => Rank(from) >= 0 && Rank(to) > Rank(from),
        InvoiceStatus.A_RECYCLER or InvoiceStatus.SUSPENDUE or InvoiceStatus.REJETEE => Rank(from) is 0 or 1,
        InvoiceStatus.COMPLETEE => from == InvoiceStatus.SUSPENDUE,
        _ => false,
    };

    /// <summary>What the actor may do next from the given status (the "états de traitement possibles").</summary>
    public static IReadOnlyList<InvoiceStatus> Next(InvoiceStatus from, InvoiceActor actor) =>
        [.. Enum.GetValues<InvoiceStatus>().Where(to => ActorFor(to) == actor && IsAllowed(from, to))];

    public static string Label(this InvoiceStatus status) => status switch
    {
        InvoiceStatus.DEPOSEE => "Déposée",
        InvoiceStatus.EN_COURS_ACHEMINEMENT => "En cours d'acheminement",
        InvoiceStatus.MISE_A_DISPOSITION => "Mise à disposition",
        InvoiceStatus.SERVICE_FAIT => "Service fait",
        InvoiceStatus.MANDATEE => "Mandatée",
        InvoiceStatus.MISE_A_DISPOSITION_COMPTABLE => "Mise à disposition du comptable",
        InvoiceStatus.COMPTABILISEE => "Comptabilisée",
        InvoiceStatus.MISE_EN_PAIEMENT => "Mise en paiement",
        InvoiceStatus.A_RECYCLER => "À recycler",
        InvoiceStatus.SUSPENDUE => "Suspendue",
        InvoiceStatus.COMPLETEE => "Complétée",
        InvoiceStatus.REJETEE => "Rejetée",
        InvoiceStatus.A_VALIDER_1 => "À valider par le titulaire ou le mandataire",
        InvoiceStatus.VALIDEE_1 => "Validée par le titulaire ou le mandataire",
        InvoiceStatus.REFUSEE_1 => "Refusée par le titulaire ou le mandataire",
        InvoiceStatus.ABSENCE_VALIDATION_1_HORS_DELAI => "Validée tacitement (absence de réponse sous 15 jours)",
        _ => status.ToString(),
    };
}
