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

    /// <summary>Whether the profile is held on the application for the whole structure or for at least one of its services.</summary>
    public bool AllowsSomewhere(PortalApplication application, HabilitationProfile profile) =>
        Allows(application, profile) || (IsActive && Habilitations.Any(h => h.ServiceId is not null && h.Grants(application, profile, h.ServiceId)));

    /// <summary>The services the profile is held on when it is not held structure-wide (null: the whole structure).</summary>
    public IReadOnlyCollection<long>? ServicesAllowing(PortalApplication application, HabilitationProfile profile) =>
        Allows(application, profile) ? null
            : [.. Habilitations.Where(h => h.ServiceId is not null && h.Grants(application, profile, h.ServiceId)).Select(h => h.ServiceId!.Value).Distinct()];

    /// <summary>May manage the structure and its users: the principal, or "Organisation modification".</summary>
    public bool CanManage => Allows(PortalApplication.Organisation, HabilitationProfile.Modification);

    /// <summary>
    /// Sets the profile held on an application, structure-wide (<paramref name="serviceId"/> null) or for one service.
    /// Granting consultation over an existing modification lowers it: the form states the profile wanted, not a delta.
    /// The caller checks that the service belongs to the structure (Structure.GetService).
    /// </summary>
    public void Grant(PortalApplication application, HabilitationProfile profile, long? serviceId)
    {
        EnsureActive();
        if (!Enum.IsDefined(application) || !Enum.IsDefined(profile))
            throw new PortiqueException("HABILITATION_INVALID", "Application ou profil d'habilitation inconnu.");
        var existing = Find(application, serviceId);
        if (existing is null)
            Habilitations.Add(new Habilitation(application, profile, serviceId));
        else
            existing.ChangeProfile(profile);
    }

    public void Withdraw(PortalApplication application, long? serviceId)
    {
        EnsureActive();
        var existing = Find(application, serviceId)
            ?? throw PortiqueException.NotFound("HABILITATION_NOT_FOUND", $"L'utilisateur n'a pas d'habilitation « {application.Label()} » à retirer.");
        Habilitations.Remove(existing);
    }

    /// <summary>Replaces this member's habilitations by a copy of another member's (same structure).</summary>
    public void CopyHabilitationsFrom(Membership source)
    {
        EnsureActive();
        if (source.StructureId != StructureId)
            throw new PortiqueException("HABILITATION_COPY_OTHER_STRUCTURE", "On ne copie des habilitations qu'entre utilisateurs d'une même structure.");
        // Copying onto oneself would clear the very list being copied.
        if (ReferenceEquals(source, this) || source.UserId == UserId)
            throw new PortiqueException("HABILITATION_COPY_SAME_USER", "La source et la cible de la copie sont le même utilisateur.");
        if (!source.IsActive)
            throw new PortiqueException("HABILITATION_COPY_SOURCE_INACTIVE", "L'utilisateur source n'est plus rattaché à cette structure.");
        // The principal's rights come from the role, not from its list: a copy would silently grant far less than it shows.
        if (source.Role == MemberRole.PrincipalManager)
            throw new PortiqueException("HABILITATION_COPY_FROM_PRINCIPAL", "Les droits du gestionnaire principal tiennent à son rôle et ne se copient pas.");
        var copies = source.Habilitations.Select(h => new Habilitation(h.Application, h.Profile, h.ServiceId)).ToList();
        Habilitations.Clear();
        Habilitations.AddRange(copies);
    }

    /// <summary>Narrows the member to some services of the structure (empty: the whole structure). The caller checks they belong to it.</summary>
    public void AssignServices(IEnumerable<long> serviceIds)
    {
        EnsureActive();
        ServiceIds = serviceIds.Distinct().Order().ToList();
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
        Habilitations.Clear();
        ServiceIds = [];
    }

    /// <summary>A structure never stays without principal manager, so the principal cannot be detached: the role is transferred first.</summary>
    public void Detach(DateTimeOffset now)
    {
        EnsureActive();
        if (Role == MemberRole.PrincipalManager)
            throw new PortiqueException("PRINCIPAL_MANAGER_REQUIRED", "Le gestionnaire principal ne peut être détaché : transférez d'abord son rôle.");
        IsActive = false;
        DetachedAt = now;
        Habilitations.Clear();
        ServiceIds = [];
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
            throw new PortiqueException("TRANSFER_TARGET_INACTIVE", "Le nouveau gestionnaire principal doit avoir un compte actif (confirmé et non désactivé).");
        if (Role == MemberRole.PrincipalManager)
            throw new PortiqueException("TRANSFER_TARGET_ALREADY_PRINCIPAL", "Cet utilisateur est déjà gestionnaire principal.");
        Role = MemberRole.PrincipalManager;
    }

    /// <summary>
    /// An operator replaces a principal whose account is no longer active (the person left): the departed principal is
    /// demoted and detached, then <paramref name="successor"/> takes the role. A principal still in place keeps it.
    /// </summary>
    public static void ReplaceDepartedPrincipal(Membership? departed, bool departedAccountActive, Membership successor, bool successorAccountActive, DateTimeOffset now)
    {
        if (departed is not null && departedAccountActive)
            throw PortiqueException.Conflict("PRINCIPAL_MANAGER_PRESENT",
                "La structure a un gestionnaire principal actif : c'est à lui de transférer son rôle.");
        successor.BecomePrincipal(successor.StructureId, successorAccountActive);
        if (departed is not null)
        {
            departed.Role = MemberRole.User;
            departed.Detach(now);
        }
    }

    private Habilitation? Find(PortalApplication application, long? serviceId) =>
        Habilitations.FirstOrDefault(h => h.Application == application && h.ServiceId == serviceId);

    private void EnsureActive()
    {
        if (!IsActive)
            throw new PortiqueException("MEMBERSHIP_INACTIVE", "L'utilisateur n'est plus rattaché à cette structure.");
    }
}
