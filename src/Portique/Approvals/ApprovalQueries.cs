using Portique.Common.Data;
using Portique.Organisation;

namespace Portique.Approvals;

public static class ApprovalQueries
{
    /// <summary>
    /// The structures whose requests the user decides: principal manager, or "Organisation modification" on the whole structure
    /// (a habilitation narrowed to a service does not make a manager, as <see cref="Membership.CanManage"/> says).
    /// </summary>
    public static IQueryable<long> ManagedStructureIds(this PortiqueDb db, long userId) =>
        db.Memberships
            .Where(m => m.UserId == userId && m.IsActive && (m.Role == MemberRole.PrincipalManager || m.Habilitations.Any(h =>
                h.Application == PortalApplication.Organisation && h.Profile == HabilitationProfile.Modification && h.ServiceId == null)))
            .Select(m => m.StructureId);

    /// <summary>Where a structure's managers are told about a new request: its principal manager(s).</summary>
    public static IQueryable<string?> PrincipalManagerAddresses(this PortiqueDb db, long structureId) =>
        from m in db.Memberships
        join u in db.Users on m.UserId equals u.Id
        where m.StructureId == structureId && m.IsActive && m.Role == MemberRole.PrincipalManager
        select u.ContactEmail ?? u.Email;
}
