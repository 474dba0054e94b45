using Portique.Common;

namespace Portique.Organisation;

public enum MemberRole
{
    User,
    PrincipalManager,
}

/// <summary>
/// A user's attachment (rattachement) to a structure: the role and the habilitations held there.
/// A detached membership is kept (history, audit) but grants nothing.
/// </summary>
public sealed class Membership
{
    private Membership() { }

    public long Id { get; private set; }
    public long StructureId { get; private set; }
    public long UserId { get; private set; }
    public MemberRole Role { get; private set; }
    public bool IsActive { get; private set; } = true;
    public DateTimeOffset AttachedAt { get; private set; }
    public DateTimeOffset? DetachedAt { get; private set; }
    public List<Habilitation> Habilitations { get; private set; } = [];
    /// <summary>Services the user is attached to; empty means the whole structure.</summary>
    public List<long> ServiceIds { get; private set; } = [];

    public bool IsPrincipal => IsActive && Role == MemberRole.PrincipalManager;

    public static Membership Attach(long structureId, long userId, MemberRole role, DateTimeOffset now) =>
        new() { StructureId = structureId, UserId = userId, Role = role, AttachedAt = now };

    /// <summary>The principal manager holds every right of the structure; others hold what they were granted.</summary>
    public bool Allows(PortalApplication application, HabilitationProfile profile, long? serviceId = null) =>
        IsActive && (Role == MemberRole.PrincipalManager || Habilitations.Any(h => h.Grants(application, profile, serviceId)));

    /// <summary>May manage the structure and its users: the principal, or "Organisation modification".</summary>
    public bool CanManage => Allows(PortalApplication.Organisation, HabilitationProfile.Modification);

    public void Grant(PortalApplication application, HabilitationProfile profile, long? serviceId)
    {
        EnsureActive();
        var existing = Habilitations.FirstOrDefault(h => h.Application == application && h.ServiceId == serviceId);
        if (existing is null)
            Habilitations.Add(new Habilitation(application, profile, serviceId));
        else
            existing.Raise(profile);
    }

    public void Withdraw(PortalApplication application, long? serviceId)
    {
        EnsureActive();
        var existing = Habilitations.FirstOrDefault(h => h.Application == application && h.ServiceId == serviceId)
            ?? throw PortiqueException.NotFound("HABILITATION_NOT_FOUND", $"L'utilisateur n'a pas d'habilitation « {application.Label()} » à retirer.");
        Habilitations.Remove(existing);
    }

    /// <summary>Replaces this member's habilitations by a copy of another member's (same structure).</summary>
    public void CopyHabilitationsFrom(Membership source)
    {
        EnsureActive();
        if (source.StructureId != StructureId)
            throw new PortiqueException("HABILITATION_COPY_OTHER_STRUCTURE", "On ne copie des habilitations qu'entre utilisateurs d'une même structure.");
        Habilitations.Clear();
        foreach (var h in source.Habilitations)
            Habilitations.Add(new Habilitation(h.Application, h.Profile, h.ServiceId));
    }

    /// <summary>A detached user attached again keeps one membership row (unique per structure and user) and starts with no rights.</summary>
    public void Reattach(DateTimeOffset now)
    {
        if (IsActive)
            throw PortiqueException.Conflict("ALREADY_ATTACHED", "L'utilisateur est déjà rattaché à cette structure.");
        IsActive = true;
        Role = MemberRole.User;
        AttachedAt = now;
        DetachedAt = null;
    }

    public void Detach(DateTimeOffset now)
    {
        EnsureActive();
        if (Role == MemberRole.PrincipalManager)
            throw new PortiqueException("PRINCIPAL_MANAGER_REQUIRED", "Le gestionnaire principal ne peut être détaché : transférez d'abord son rôle.");
        IsActive = false;
        DetachedAt = now;
        Habilitations.Clear();
    }

    /// <summary>
    /// Hands the principal role to <paramref name="successor"/>. The former principal stays a user with "Organisation modification"
    /// so that the structure keeps a second manager, as Chorus Pro does.
    /// </summary>
    public void TransferPrincipalRoleTo(Membership successor, bool successorAccountActive)
    {
        if (!IsPrincipal)
            throw PortiqueException.Forbidden("NOT_PRINCIPAL_MANAGER", "Seul le gestionnaire principal peut transférer son rôle.");
        successor.BecomePrincipal(StructureId, successorAccountActive);
        Role = MemberRole.User;
        Grant(PortalApplication.Organisation, HabilitationProfile.Modification, null);
    }

    /// <summary>Used by the transfer and by an operator appointing a new principal after the previous one left.</summary>
    public void BecomePrincipal(long structureId, bool accountActive)
    {
        if (StructureId != structureId || !IsActive)
            throw new PortiqueException("TRANSFER_TARGET_NOT_ATTACHED", "Le nouveau gestionnaire principal doit être un utilisateur rattaché à la structure.");
        if (!accountActive)
            throw new PortiqueException("TRANSFER_TARGET_INACTIVE", "Le nouveau gestionnaire principal doit avoir un compte actif.");
        if (Role == MemberRole.PrincipalManager)
            throw new PortiqueException("TRANSFER_TARGET_ALREADY_PRINCIPAL", "Cet utilisateur est déjà gestionnaire principal.");
        Role = MemberRole.PrincipalManager;
    }

    /// <summary>An operator demotes a departed principal before appointing another.</summary>
    public void StepDownAsPrincipal()
    {
        if (Role == MemberRole.PrincipalManager)
            Role = MemberRole.User;
    }

    private void EnsureActive()
    {
        if (!IsActive)
            throw new PortiqueException("MEMBERSHIP_INACTIVE", "L'utilisateur n'est plus rattaché à cette structure.");
    }
}
