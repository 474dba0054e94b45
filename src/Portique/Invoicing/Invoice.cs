using Portique.Common;

namespace Portique.Invoicing;

/// <summary>
/// An invoice integrated from a flow (or re-routed by recycling). Its id is the identifiantFactureCPP. The rules of its
/// lifecycle live here: the transition table, who may move it, the reasons and numbers some statuses require.
/// The stored original and its SHA-256 (deposit certificate fingerprint) are in <see cref="InvoiceOriginal"/>.
/// </summary>
public sealed class Invoice
{
    public const int ReasonMaxLength = 255;

    /// <summary>The history action of <see cref="AcknowledgeRejection"/>: a line that records an act, not a change of status.</summary>
    public const string RejectionHandledAction = "REJET_TRAITE";

    private Invoice() { }

    public long Id { get; private set; }
    public long? FlowId { get; private set; }
    public long SupplierStructureId { get; private set; }
    public long RecipientStructureId { get; private set; }
    public long? RecipientServiceId { get; private set; }
    public string Number { get; private set; } = "";
    /// <summary>Year of the issue date: a number is unique per supplier and year.</summary>
    public int NumberYear { get; private set; }
    public DateOnly IssueDate { get; private set; }
    public DateOnly? DueDate { get; private set; }
    public string InvoiceType { get; private set; } = "FACTURE";
    public string Currency { get; private set; } = "EUR";
    public decimal AmountExclVat { get; private set; }
    public decimal VatAmount { get; private set; }
    public decimal AmountInclVat { get; private set; }
    public decimal AmountDue { get; private set; }
    /// <summary>
    /// TTC in cents: what amount filters and sorting use. SQLite keeps decimals as text and EF's decimal collation there
    /// parses with the current culture (a crash under a French locale); an integer compares the same everywhere.
    /// </summary>
    public long AmountInclVatCents { get; private set; }
    /// <summary>Cadre de facturation (BT-23), e.g. A1; null when the invoice does not say.</summary>
    public string? Cadre { get; private set; }
    /// <summary>Numéro d'engagement juridique (purchase order reference, BT-13).</summary>
    public string? CommitmentNumber { get; private set; }
    public string DepositMode { get; private set; } = "";
    public string SupplierName { get; private set; } = "";
    public string RecipientName { get; private set; } = "";
    public InvoiceStatus Status { get; private set; }
    public DateTimeOffset DepositedAt { get; private set; }
    /// <summary>UTC day of the deposit: what date filters compare (SQLite compares neither nor sorts DateTimeOffset).</summary>
    public DateOnly DepositedOn { get; private set; }
    public DateTimeOffset StatusChangedAt { get; private set; }
    public string? MandateNumber { get; private set; }
    /// <summary>rejetTraite: the supplier has acknowledged the rejection of this REJETEE invoice (Chorus Pro's traiterRejet).</summary>
    public bool RejectionHandled { get; private set; }
    public List<InvoiceHistoryEntry> History { get; private set; } = [];

    public sealed record Parties(long SupplierStructureId, string SupplierName, long RecipientStructureId, string RecipientName, long? RecipientServiceId);

    public sealed record Amounts(string Currency, decimal ExclVat, decimal Vat, decimal InclVat, decimal Due);

    /// <summary>A new invoice in DEPOSEE, the deposit recorded in its history.</summary>
    public static Invoice Deposit(long? flowId, Parties parties, string number, DateOnly issueDate, DateOnly? dueDate, string invoiceType,
        Amounts amounts, string? cadre, string? commitmentNumber, string depositMode, long? userId, DateTimeOffset now)
    {
        var invoice = new Invoice
        {
            FlowId = flowId,
            SupplierStructureId = parties.SupplierStructureId,
            SupplierName = Truncate(parties.SupplierName, 200),
            RecipientStructureId = parties.RecipientStructureId,
            RecipientName = Truncate(parties.RecipientName, 200),
            RecipientServiceId = parties.RecipientServiceId,
            Number = Validation.Required(number, "numéro de facture", 20),
            NumberYear = issueDate.Year,
            IssueDate = issueDate,
            DueDate = dueDate,
            InvoiceType = invoiceType,
            Currency = amounts.Currency,
            AmountExclVat = amounts.ExclVat,
            VatAmount = amounts.Vat,
            AmountInclVat = amounts.InclVat,
            AmountDue = amounts.Due,
            AmountInclVatCents = (long)Math.Round(amounts.InclVat * 100m, MidpointRounding.AwayFromZero),
            Cadre = Validation.MaxLength(cadre, "cadre de facturation", 20),
            CommitmentNumber = Validation.MaxLength(commitmentNumber, "numéro d'engagement", 50),
            DepositMode = depositMode,
            Status = InvoiceStatus.DEPOSEE,
            DepositedAt = now,
            DepositedOn = DateOnly.FromDateTime(now.UtcDateTime),
            StatusChangedAt = now,
        };
        invoice.History.Add(InvoiceHistoryEntry.Record(InvoiceStatus.DEPOSEE, "DEPOT", userId, now, null));
        return invoice;
    }

    /// <summary>The portal routes a deposited (or recycled) invoice to its recipient.</summary>
    public void Route(DateTimeOffset now)
    {
        Move(InvoiceStatus.EN_COURS_ACHEMINEMENT, InvoiceActor.System, null, now, null, "ACHEMINEMENT");
        Move(InvoiceStatus.MISE_A_DISPOSITION, InvoiceActor.System, null, now, null, "ACHEMINEMENT");
    }

    /// <summary>An A9/A12 invoice waits for its validator before it is routed (chorus-pro.md §3.1).</summary>
    public void AwaitValidation(DateTimeOffset now) =>
        Move(InvoiceStatus.A_VALIDER_1, InvoiceActor.System, null, now, null, "ACHEMINEMENT_VALIDEUR");

    /// <summary>The validator accepts (or its silence does, <paramref name="tacit"/>): the invoice then goes to the public buyer.</summary>
    public void Validate(long? userId, DateTimeOffset now, string? comment, bool tacit)
    {
        Move(tacit ? InvoiceStatus.ABSENCE_VALIDATION_1_HORS_DELAI : InvoiceStatus.VALIDEE_1, tacit ? InvoiceActor.System : InvoiceActor.Validator,
            userId, now, Validation.MaxLength(comment, "complément d'information", ReasonMaxLength), tacit ? "VALIDATION_TACITE" : "VALIDATION");
        Route(now);
    }

    /// <summary>The validator refuses, with its reason: the invoice goes back to its supplier and no further.</summary>
    public void RefuseValidation(long userId, DateTimeOffset now, string reason) =>
        Move(InvoiceStatus.REFUSEE_1, InvoiceActor.Validator, userId, now, Validation.Required(reason, "motif de refus", ReasonMaxLength), "REFUS");

    /// <summary>
    /// A status change asked by an actor (traiter/recue for the recipient, completer for the supplier). The actor and the
    /// order are checked first; then the reason, mandatory for SUSPENDUE and REJETEE, and the mandate number for MANDATEE.
    /// </summary>
    public void Change(InvoiceStatus to, InvoiceActor actor, long? userId, DateTimeOffset now, string? reason, string? mandateNumber = null)
    {
        EnsureAllowed(to, actor, recycling: false);
        var comment = Validation.MaxLength(reason, "motif", ReasonMaxLength);
        if (to is InvoiceStatus.SUSPENDUE or InvoiceStatus.REJETEE && comment is null)
            throw new PortiqueException("INVOICE_REASON_REQUIRED", $"Un motif est obligatoire pour passer la facture au statut {to.Label()}.");
        var mandate = Validation.MaxLength(mandateNumber, "numéro de mandat", 50);
        if (to == InvoiceStatus.MANDATEE && mandate is null)
            throw new PortiqueException("INVOICE_MANDATE_NUMBER_REQUIRED", "Le numéro de mandat (numeroDPMandat) est obligatoire pour passer la facture au statut Mandatée.");
        Move(to, actor, userId, now, comment, actor switch
        {
            InvoiceActor.Supplier => "COMPLEMENT",
            InvoiceActor.Recipient => "TRAITEMENT",
            _ => "ACHEMINEMENT",
        });
        if (to == InvoiceStatus.MANDATEE)
            MandateNumber = mandate;
    }

    /// <summary>
    /// The supplier sends an invoice to recycle to another recipient or service, keeping its number (chorus-pro.md §1.4 recycler);
    /// the caller has checked the new recipient as a deposit would. The invoice is then routed again.
    /// </summary>
    public void Recycle(long recipientStructureId, string recipientName, long? recipientServiceId, string? commitmentNumber, long userId, DateTimeOffset now, string? comment)
    {
        EnsureAllowed(InvoiceStatus.EN_COURS_ACHEMINEMENT, InvoiceActor.Supplier, recycling: true);
        RecipientStructureId = recipientStructureId;
        RecipientName = Truncate(recipientName, 200);
        RecipientServiceId = recipientServiceId;
        CommitmentNumber = Validation.MaxLength(commitmentNumber, "numéro d'engagement", 50) ?? CommitmentNumber;
        History.Add(InvoiceHistoryEntry.Record(InvoiceStatus.EN_COURS_ACHEMINEMENT, "RECYCLAGE", userId, now, Validation.MaxLength(comment, "commentaire", ReasonMaxLength)));
        Status = InvoiceStatus.EN_COURS_ACHEMINEMENT;
        StatusChangedAt = now;
        Move(InvoiceStatus.MISE_A_DISPOSITION, InvoiceActor.System, null, now, null, "ACHEMINEMENT");
    }

    /// <summary>
    /// traiterRejet: the supplier acknowledges that a rejected invoice has been dealt with (rejetTraite), which takes it off the
    /// list of rejections to handle. Only a REJETEE invoice; acknowledging twice changes nothing. The status stays REJETEE.
    /// </summary>
    public void AcknowledgeRejection(long userId, DateTimeOffset now, string? comment)
    {
        if (Status != InvoiceStatus.REJETEE)
            throw PortiqueException.Conflict("INVOICE_NOT_REJECTED", $"La facture {Number} est au statut {Status.Label()} : seul le rejet d'une facture rejetée peut être traité.");
        var checkedComment = Validation.MaxLength(comment, "motif", ReasonMaxLength);
        if (RejectionHandled)
            return;
        RejectionHandled = true;
        History.Add(InvoiceHistoryEntry.Record(InvoiceStatus.REJETEE, RejectionHandledAction, userId, now, checkedComment));
    }

    private void Move(InvoiceStatus to, InvoiceActor actor, long? userId, DateTimeOffset now, string? comment, string action)
    {
        EnsureAllowed(to, actor, recycling: false);
        Status = to;
        StatusChangedAt = now;
        History.Add(InvoiceHistoryEntry.Record(to, action, userId, now, comment));
    }

    /// <summary>Wrong actor first (403: not yours to move), then the order of statuses (409: not from here).</summary>
    private void EnsureAllowed(InvoiceStatus to, InvoiceActor actor, bool recycling)
    {
        var expected = recycling ? InvoiceActor.Supplier : InvoiceTransitions.ActorFor(to);
        if (expected != actor)
            throw PortiqueException.Forbidden("INVOICE_ACTOR_NOT_ALLOWED", $"Le statut {to.Label()} ne peut être donné par {ActorLabel(actor)}.");
        var allowed = recycling ? Status == InvoiceStatus.A_RECYCLER : InvoiceTransitions.IsAllowed(Status, to);
        if (!allowed)
            throw PortiqueException.Conflict("INVOICE_TRANSITION_ILLEGAL", $"La facture au statut {Status.Label()} ne peut passer au statut {to.Label()}.");
    }

    private static string ActorLabel(InvoiceActor actor) => actor switch
    {
        InvoiceActor.Recipient => "le destinataire",
        InvoiceActor.Supplier => "le fournisseur",
        InvoiceActor.Validator => "la structure valideur",
        _ => "le portail",
    };

    private static string Truncate(string value, int max) => value.Length > max ? value[..max] : value;
}

/// <summary>One line of an invoice's history: the status reached, the action that reached it, who, when, why.</summary>
public sealed class InvoiceHistoryEntry
{
    private InvoiceHistoryEntry() { }

    public long Id { get; private set; }
    public long InvoiceId { get; private set; }
    public InvoiceStatus Status { get; private set; }
    public string Action { get; private set; } = "";
    public long? UserId { get; private set; }
    public DateTimeOffset At { get; private set; }
    public string? Comment { get; private set; }

    internal static InvoiceHistoryEntry Record(InvoiceStatus status, string action, long? userId, DateTimeOffset at, string? comment) =>
        new() { Status = status, Action = action, UserId = userId, At = at, Comment = comment };
}

/// <summary>The stored original of an invoice, kept apart so that searches and status changes never load it.</summary>
public sealed class InvoiceOriginal
{
    private InvoiceOriginal() { }

    public long InvoiceId { get; private set; }
    public string FileName { get; private set; } = "";
    public string ContentType { get; private set; } = "";
    public byte[] Content { get; private set; } = [];
    /// <summary>SHA-256 of <see cref="Content"/>, hex: the deposit certificate fingerprint (empreinteCertificatDepot).</summary>
    public string Sha256 { get; private set; } = "";

    public static InvoiceOriginal Of(Invoice invoice, string fileName, byte[] content) => new()
    {
        InvoiceId = invoice.Id,
        // An archive entry's path ("lot\f1.xml", "lot/f1.xml") is stored as its file name only: that is what downloads offer.
        FileName = FileNames.Safe(fileName) is { Length: > 0 } safe ? safe : "facture",
        ContentType = content.AsSpan().StartsWith("%PDF"u8) ? "application/pdf" : "application/xml",
        Content = content,
        Sha256 = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(content)),
    };
}

/// <summary>A supporting document the supplier added when completing a suspended invoice.</summary>
public sealed class InvoiceAttachment
{
    public const int MaxBytes = 10 * 1024 * 1024;

    private InvoiceAttachment() { }

    public long Id { get; private set; }
    public long InvoiceId { get; private set; }
    public string FileName { get; private set; } = "";
    public byte[] Content { get; private set; } = [];
    public DateTimeOffset AddedAt { get; private set; }

    public static InvoiceAttachment Create(long invoiceId, string fileName, byte[] content, DateTimeOffset now) =>
        new() { InvoiceId = invoiceId, FileName = CheckedName(fileName, content), Content = content, AddedAt = now };

    /// <summary>The rules on an attachment's name and size, also applied before one travels embedded in an entry; returns the name.</summary>
    public static string CheckedName(string? fileName, byte[] content, string field = "nom de la pièce jointe")
    {
        var name = Validation.Required(FileNames.Safe(fileName, 50), field, 50);
        if (content.Length == 0 || content.Length > MaxBytes)
            throw new PortiqueException("ATTACHMENT_SIZE_INVALID", $"La pièce jointe « {name} » doit faire entre 1 octet et 10 Mo.");
        return name;
    }
}
