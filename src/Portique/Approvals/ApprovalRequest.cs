using Portique.Common;
using Portique.Organisation;

namespace Portique.Approvals;

public enum ApprovalKind
{
    /// <summary>Rattachement: a user asks to join a structure (optionally some of its services).</summary>
    Attachment,
    /// <summary>An attached user asks for an additional habilitation.</summary>
    Habilitation,
}

public enum ApprovalState
{
    Pending,
    Approved,
    Refused,
}

/// <summary>
/// A request waiting for a manager of its structure. Decided once: approval or refusal (with a reason) is final.
/// <see cref="Version"/> is an optimistic concurrency token, so two managers deciding at once get one success and one conflict.
/// </summary>
public sealed class ApprovalRequest
{
    public const int CommentMaxLength = 1000;

    private ApprovalRequest() { }

    public long Id { get; private set; }
    public ApprovalKind Kind { get; private set; }
    public ApprovalState State { get; private set; }
    public long StructureId { get; private set; }
    public long RequesterId { get; private set; }
    /// <summary>Attachment: the services asked for (empty = the whole structure).</summary>
    public List<long> ServiceIds { get; private set; } = [];
    /// <summary>Habilitation: the right asked for, optionally narrowed to one service.</summary>
    public PortalApplication? Application { get; private set; }
    public HabilitationProfile? Profile { get; private set; }
    public long? ServiceId { get; private set; }
    public string? Comment { get; private set; }
    public DateTimeOffset RequestedAt { get; private set; }
    public long? DecidedById { get; private set; }
    public DateTimeOffset? DecidedAt { get; private set; }
    public string? RefusalReason { get; private set; }
    public int Version { get; private set; }

    public bool IsPending => State == ApprovalState.Pending;

    public static ApprovalRequest ForAttachment(long structureId, long requesterId, IEnumerable<long> serviceIds, string? comment, DateTimeOffset now) => new()
    {
        Kind = ApprovalKind.Attachment,
        StructureId = structureId,
        RequesterId = requesterId,
        ServiceIds = serviceIds.Distinct().Order().ToList(),
        Comment = Validation.MaxLength(comment, "commentaire", CommentMaxLength),
        RequestedAt = now,
    };

    public static ApprovalRequest ForHabilitation(long structureId, long requesterId, PortalApplication application, HabilitationProfile profile, long? serviceId,
        string? comment, DateTimeOffset now)
    {
        if (!Enum.IsDefined(application) || !Enum.IsDefined(profile))
            throw new PortiqueException("HABILITATION_INVALID", "L'application ou le profil demandé n'existe pas.");
        return new()
        {
            Kind = ApprovalKind.Habilitation,
            StructureId = structureId,
            RequesterId = requesterId,
            Application = application,
            Profile = profile,
            ServiceId = serviceId,
            Comment = Validation.MaxLength(comment, "commentaire", CommentMaxLength),
            RequestedAt = now,
        };
    }

    /// <summary>
    /// Approves and applies the request to the requester's membership: <paramref name="membership"/> is the existing row
    /// (active or detached) or null; the returned membership is the one to save (a new one for a first attachment).
    /// </summary>
    public Membership Approve(long deciderId, Membership? membership, DateTimeOffset now)
    {
        EnsurePending();
        EnsureNotSelf(deciderId);
        if (membership is not null && (membership.StructureId != StructureId || membership.UserId != RequesterId))
            throw new InvalidOperationException("The membership given is not the requester's in this structure.");
        switch (Kind)
        {
            case ApprovalKind.Attachment:
                if (membership is null)
                    membership = Membership.Attach(StructureId, RequesterId, MemberRole.User, now);
                else
                    membership.Reattach(now); // refuses an already active member with ALREADY_ATTACHED
                membership.ServiceIds.Clear();
                membership.ServiceIds.AddRange(ServiceIds);
                break;
            case ApprovalKind.Habilitation:
                if (membership is null || !membership.IsActive)
                    throw PortiqueException.Conflict("REQUESTER_NOT_ATTACHED", "Le demandeur n'est plus rattaché à la structure : la demande ne peut être approuvée.");
                membership.Grant(Application!.Value, Profile!.Value, ServiceId);
                break;
            default:
                throw new InvalidOperationException($"Unknown approval kind {Kind}.");
        }
        Decide(ApprovalState.Approved, deciderId, now);
        return membership;
    }

    public void Refuse(long deciderId, string? reason, DateTimeOffset now)
    {
        EnsurePending();
        EnsureNotSelf(deciderId);
        if (string.IsNullOrWhiteSpace(reason))
            throw new PortiqueException("APPROVAL_REASON_REQUIRED", "Le motif du refus est obligatoire.");
        RefusalReason = Validation.MaxLength(reason, "motif du refus", CommentMaxLength);
        Decide(ApprovalState.Refused, deciderId, now);
    }

    /// <summary>What the list shows in its "description" column.</summary>
    public static string Describe(ApprovalKind kind, PortalApplication? application, HabilitationProfile? profile) => kind switch
    {
        ApprovalKind.Attachment => "Demande de rattachement",
        _ => $"Demande d'habilitation {application?.Label()} ({profile?.Label()})",
    };

    /// <summary>The service column: the habilitation's service, or the services an attachment asks for.</summary>
    public static IEnumerable<long> ServicesConcerned(long? serviceId, IEnumerable<long> serviceIds) => serviceId is { } id ? [id] : serviceIds;

    private void Decide(ApprovalState state, long deciderId, DateTimeOffset now)
    {
        State = state;
        DecidedById = deciderId;
        DecidedAt = now;
        Version++;
    }

    private void EnsurePending()
    {
        if (!IsPending)
            throw PortiqueException.Conflict("APPROVAL_ALREADY_DECIDED",
                State == ApprovalState.Approved ? "Cette demande a déjà été approuvée." : "Cette demande a déjà été refusée.");
    }

    // A manager asking for more rights must not grant them to himself.
    private void EnsureNotSelf(long deciderId)
    {
        if (deciderId == RequesterId)
            throw PortiqueException.Forbidden("APPROVAL_OWN_REQUEST", "On ne décide pas de sa propre demande.");
    }
}
