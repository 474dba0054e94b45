using Microsoft.EntityFrameworkCore;
using Portique.Common;
using Portique.Common.Authorization;
using Portique.Common.Data;
using Portique.Organisation;

namespace Portique.Cpro.Common;

/// <summary>
/// Calls that name a structure in their body (idStructure…) rather than in the route: the caller must be an active member
/// with the right the portal asks there; any other structure is answered as not found, so ids reveal nothing.
/// </summary>
internal static class CproAccess
{
    public static async Task<Membership> MemberAsync(PortiqueDb db, CurrentUser user, long structureId, Func<Membership, bool> allows, CancellationToken ct)
    {
        var userId = user.Id;
        var membership = await db.Memberships.AsNoTracking().FirstOrDefaultAsync(m => m.StructureId == structureId && m.UserId == userId && m.IsActive, ct);
        return membership is not null && allows(membership)
            ? membership
            : throw PortiqueException.NotFound("STRUCTURE_NOT_FOUND", $"La structure {structureId} n'existe pas ou n'est pas accessible à ce compte.");
    }

    /// <summary>
    /// Reading a structure as Chorus Pro allows it: a public structure, its services and their parameters are open to every
    /// authenticated account (suppliers need them to address invoices); a private one only to its active members. Answers
    /// whether the caller is a member; another private structure is "not found", like an unknown id.
    /// </summary>
    public static async Task<bool> ReadableAsync(PortiqueDb db, CurrentUser user, long structureId, CancellationToken ct)
    {
        var userId = user.Id;
        var found = await db.Structures.AsNoTracking().Where(s => s.Id == structureId)
            .Select(s => new { s.IsPublic, Member = db.Memberships.Any(m => m.StructureId == s.Id && m.UserId == userId && m.IsActive) })
            .FirstOrDefaultAsync(ct);
        return found is not null && (found.IsPublic || found.Member)
            ? found.Member
            : throw PortiqueException.NotFound("STRUCTURE_NOT_FOUND", $"La structure {structureId} n'existe pas ou n'est pas accessible à ce compte.");
    }
}
