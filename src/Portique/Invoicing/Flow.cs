using Portique.Common;

namespace Portique.Invoicing;

/// <summary>The words users read for a flow's state; the codes stay those of the API.</summary>
public static class FlowStates
{
    public static string Label(this FlowState state) => state switch
    {
        FlowState.IN_RECU => "Reçu",
        FlowState.IN_EN_COURS_TRAITEMENT_CPP => "En cours de traitement",
        FlowState.IN_INTEGRE => "Intégré",
        FlowState.IN_INTEGRE_PARTIEL => "Intégré partiellement",
        FlowState.IN_REJETE => "Rejeté",
        _ => state.ToString(),
    };

    /// <summary>Whether the flow's processing is over (the report will not change any more).</summary>
    public static bool IsFinal(this FlowState state) => state is FlowState.IN_INTEGRE or FlowState.IN_INTEGRE_PARTIEL or FlowState.IN_REJETE;
}

/// <summary>Flow states (etatCourantDepotFlux, chorus-pro.md §1.4) that the portal uses.</summary>
public enum FlowState
{
    IN_RECU,
    IN_EN_COURS_TRAITEMENT_CPP,
    IN_INTEGRE,
    IN_INTEGRE_PARTIEL,
    IN_REJETE,
}

/// <summary>The syntaxeFlux values the portal accepts (chorus-pro.md §1.5) and the interface code each maps to.</summary>
public enum FlowSyntax
{
    IN_DP_E1_UBL_INVOICE,
    IN_DP_E1_CII_16B,
    IN_DP_E1_CII,
    IN_DP_E2_CII_FACTURX,
}

/// <summary>
/// A deposited file: one invoice or an archive of several. It is stored as received and acknowledged with its number in
/// one transaction (IN_RECU); a deposit job then integrates it and fills the detailed report.
/// </summary>
/// <summary>The Chorus deposit modes of the portal.</summary>
public static class DepositModes
{
    public const string Flow = "DEPOT_FLUX";
    public const string Entry = "SAISIE";
    public const string Pdf = "DEPOT_PDF";
}

public sealed class Flow
{
    public const int MaxInvoices = 500;
    public const long MaxBytes = 100L * 1024 * 1024;
    /// <summary>
    /// A rejected flow larger than this keeps its name, SHA-256 and report but not its bytes: nothing integrated needs them,
    /// and rejected deposits must not be a way to fill the database (issue 13). Smaller ones stay whole for support.
    /// </summary>
    public const int RejectedContentKeptBytes = 1024 * 1024;
    /// <summary>What a request may carry, pages and APIs alike: a flow of <see cref="MaxBytes"/> in base64 with its envelope.</summary>
    public const long MaxRequestBytes = MaxBytes / 3 * 4 + 8L * 1024 * 1024;

    private Flow() { }

    public long Id { get; private set; }
    /// <summary>numeroFluxDepot: "CPP" + "001" + the 4-digit interface code + 15-digit sequence, as "CPP0011117000000000425903".</summary>
    public string Number { get; private set; } = "";
    public long StructureId { get; private set; }
    public long DepositorUserId { get; private set; }
    public string FileName { get; private set; } = "";
    public FlowSyntax Syntax { get; private set; }
    /// <summary>How the invoices were given (Chorus modeDepot): DEPOT_FLUX for a file, SAISIE for a form, DEPOT_PDF for a PDF with entered data.</summary>
    public string DepositMode { get; private set; } = DepositModes.Flow;
    public byte[] Content { get; private set; } = [];
    public string Sha256 { get; private set; } = "";
    public FlowState State { get; private set; }
    public DateTimeOffset ReceivedAt { get; private set; }
    public DateTimeOffset StateChangedAt { get; private set; }
    public int InvoicesIntegrated { get; private set; }
    public int InvoicesRejected { get; private set; }
    public List<FlowFinding> Findings { get; private set; } = [];

    public static Flow Receive(long structureId, long userId, string fileName, FlowSyntax syntax, byte[] content, DateTimeOffset now, string depositMode = DepositModes.Flow)
    {
        var name = Validation.Required(fileName, "nom du fichier", 200);
        if (content.Length == 0)
            throw new PortiqueException("FLOW_EMPTY", "Le fichier déposé est vide.");
        if (content.Length > MaxBytes)
            throw new PortiqueException("FLOW_TOO_LARGE", "Le fichier déposé dépasse 100 Mo.");
        return new Flow
        {
            StructureId = structureId,
            DepositorUserId = userId,
            FileName = name,
            Syntax = syntax,
            DepositMode = depositMode,
            Content = content,
            Sha256 = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(content)),
            State = FlowState.IN_RECU,
            ReceivedAt = now,
            StateChangedAt = now,
        };
    }

    /// <summary>Called once the id is known (same transaction as the insert).</summary>
    public void AssignNumber() => Number = $"{NumberPrefix(Syntax)}{Id:D15}";

    public static string NumberPrefix(FlowSyntax syntax) => $"CPP001{InterfaceCode(syntax)}";

    public static string InterfaceCode(FlowSyntax syntax) => syntax switch
    {
        FlowSyntax.IN_DP_E1_UBL_INVOICE => "1100",
        FlowSyntax.IN_DP_E1_CII_16B or FlowSyntax.IN_DP_E1_CII => "1106",
        _ => "1117",
    };

    /// <summary>Closes the flow with its report: integrated, partly integrated or rejected.</summary>
    public void Finish(int integrated, IReadOnlyList<FlowFinding> findings, int rejected, DateTimeOffset now)
    {
        Findings.Clear();
        Findings.AddRange(findings);
        InvoicesIntegrated = integrated;
        InvoicesRejected = rejected;
        State = (integrated, rejected) switch
        {
            (> 0, 0) => FlowState.IN_INTEGRE,
            (> 0, _) => FlowState.IN_INTEGRE_PARTIEL,
            _ => FlowState.IN_REJETE,
        };
        if (State == FlowState.IN_REJETE && Content.Length > RejectedContentKeptBytes)
            Content = [];
        StateChangedAt = now;
    }

    public bool IsFinished => State is FlowState.IN_INTEGRE or FlowState.IN_INTEGRE_PARTIEL or FlowState.IN_REJETE;
}

/// <summary>One line of the detailed deposit report: which document of the flow, which rule, what it says.</summary>
public sealed class FlowFinding
{
    private FlowFinding() { }

    public long Id { get; private set; }
    public long FlowId { get; private set; }
    /// <summary>Name of the document in the archive (the flow's file name for a single invoice).</summary>
    public string Document { get; private set; } = "";
    public string? InvoiceNumber { get; private set; }
    public string Rule { get; private set; } = "";
    /// <summary>Fatal findings reject the document; warnings are reported only.</summary>
    public bool IsError { get; private set; }
    public string Message { get; private set; } = "";

    public static FlowFinding Of(string document, string? invoiceNumber, string rule, bool isError, string message) => new()
    {
        Document = document.Length > 200 ? document[..200] : document,
        InvoiceNumber = invoiceNumber is { Length: > 40 } ? invoiceNumber[..40] : invoiceNumber,
        Rule = rule.Length > 40 ? rule[..40] : rule,
        IsError = isError,
        Message = message.Length > 1000 ? message[..1000] : message,
    };
}

/// <summary>
/// The durable work queue: one row per flow to integrate, written in the deposit's transaction. A worker leases the row
/// (LeaseUntil, LeaseToken) and deletes it in the transaction that writes the result; a worker that dies leaves the lease to
/// expire and another takes the flow over. The token makes the late finisher of an expired lease roll back.
/// </summary>
public sealed class DepositJob
{
    private DepositJob() { }

    public long Id { get; private set; }
    public long FlowId { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset? LeaseUntil { get; private set; }
    public Guid? LeaseToken { get; private set; }
    public int Attempts { get; private set; }
    public string? LastError { get; private set; }

    public static DepositJob For(long flowId, DateTimeOffset now) => new() { FlowId = flowId, CreatedAt = now };

    public Guid Lease(DateTimeOffset until) => Lease(until, Guid.NewGuid());

    /// <summary>A worker leases a whole batch under one token: the batch's transaction deletes exactly the jobs bearing it.</summary>
    public Guid Lease(DateTimeOffset until, Guid token)
    {
        LeaseUntil = until;
        LeaseToken = token;
        Attempts++;
        return token;
    }

    public void Fail(string error, DateTimeOffset retryAt)
    {
        LastError = error.Length > 1000 ? error[..1000] : error;
        LeaseUntil = retryAt;
    }
}
