using Microsoft.EntityFrameworkCore;
using Portique.Accounts;
using Portique.Common;
using Portique.Common.Data;

namespace Portique.Organisation.Users;

public enum AccountStatus
{
    Active,
    Unconfirmed,
    Deactivated,
}

public sealed record ServiceRef(long Id, string Code);

public sealed record HabilitationView(PortalApplication Application, HabilitationProfile Profile, long? ServiceId, string? ServiceCode);

/// <summary>A user as seen from one structure: role, account status, attachment, habilitations and attached services.</summary>
public sealed record MemberView(
    long UserId, string Email, string FirstName, string LastName, MemberRole Role, AccountStatus AccountStatus, bool IsAttached,
    DateTimeOffset AttachedAt, DateTimeOffset? DetachedAt, IReadOnlyList<HabilitationView> Habilitations, IReadOnlyList<ServiceRef> Services)
{
    public string DisplayName => $"{FirstName} {LastName}".Trim() is { Length: > 0 } n ? n : Email;
}

/// <summary>Loading and shaping shared by the use cases on a structure's users. Every lookup is scoped to the structure of the route.</summary>
internal static class Members
{
    public static AccountStatus StatusOf(bool isDeactivated, bool emailConfirmed) =>
        isDeactivated ? AccountStatus.Deactivated : emailConfirmed ? AccountStatus.Active : AccountStatus.Unconfirmed;

    public static async Task<Structure> StructureAsync(PortiqueDb db, long structureId, CancellationToken ct) =>
        await db.Structures.Include(s => s.Services).FirstOrDefaultAsync(s => s.Id == structureId, ct)
        ?? throw PortiqueException.NotFound("STRUCTURE_NOT_FOUND", $"La structure {structureId} n'existe pas.");

    /// <summary>The membership (attached or detached) of a user in the structure; a user who never belonged to it is not found.</summary>
    public static async Task<Membership> MembershipAsync(PortiqueDb db, long structureId, long userId, CancellationToken ct) =>
        await db.Memberships.FirstOrDefaultAsync(m => m.StructureId == structureId && m.UserId == userId, ct)
        ?? throw PortiqueException.NotFound("MEMBER_NOT_FOUND", $"L'utilisateur {userId} n'est pas rattaché à cette structure.");

    public static async Task<User> UserAsync(PortiqueDb db, long userId, CancellationToken ct) =>
        await db.Users.FirstOrDefaultAsync(u => u.Id == userId, ct)
        ?? throw PortiqueException.NotFound("USER_NOT_FOUND", $"L'utilisateur {userId} n'existe pas.");

    /// <summary>
    /// Serialises changes of the principal role on one structure: on PostgreSQL the structure row is locked for the transaction,
    /// so two concurrent transfers cannot both see the same principal. SQLite already admits a single writer.
    /// </summary>
    public static async Task LockStructureAsync(PortiqueDb db, long structureId, CancellationToken ct)
    {
        if (db.IsPostgres)
            await db.Database.ExecuteSqlAsync($"SELECT 1 FROM structures WHERE \"Id\" = {structureId} FOR UPDATE", ct);
    }

    public static async Task<IReadOnlyList<MemberView>> ViewsAsync(PortiqueDb db, Structure structure, IQueryable<Membership> memberships, CancellationToken ct,
        int skip = 0, int take = int.MaxValue)
    {
        var rows = await (from m in memberships.AsNoTracking()
                          join u in db.Users.AsNoTracking() on m.UserId equals u.Id
                          orderby m.IsActive descending, m.Role == MemberRole.PrincipalManager descending, u.LastName, u.FirstName, u.Id
                          select new { Membership = m, u.Email, u.FirstName, u.LastName, u.IsDeactivated, u.EmailConfirmed })
            .Skip(skip).Take(take)
            .ToListAsync(ct);
        var codes = structure.Services.ToDictionary(s => s.Id, s => s.Code);
        return rows.Select(r => new MemberView(
                r.Membership.UserId, r.Email ?? "", r.FirstName, r.LastName, r.Membership.Role, StatusOf(r.IsDeactivated, r.EmailConfirmed),
                r.Membership.IsActive, r.Membership.AttachedAt, r.Membership.DetachedAt,
                r.Membership.Habilitations.OrderBy(h => h.Application).ThenBy(h => h.ServiceId)
                    .Select(h => new HabilitationView(h.Application, h.Profile, h.ServiceId, h.ServiceId is { } id ? codes.GetValueOrDefault(id) : null)).ToList(),
                r.Membership.ServiceIds.Select(id => new ServiceRef(id, codes.GetValueOrDefault(id) ?? $"#{id}")).ToList()))
            .ToList();
    }

    public static async Task<MemberView> ViewAsync(PortiqueDb db, long structureId, long userId, CancellationToken ct)
    {
        var structure = await db.Structures.AsNoTracking().Include(s => s.Services).FirstOrDefaultAsync(s => s.Id == structureId, ct)
            ?? throw PortiqueException.NotFound("STRUCTURE_NOT_FOUND", $"La structure {structureId} n'existe pas.");
        var views = await ViewsAsync(db, structure, db.Memberships.Where(m => m.StructureId == structureId && m.UserId == userId), ct);
        return views.Count == 1 ? views[0] : throw PortiqueException.NotFound("MEMBER_NOT_FOUND", $"L'utilisateur {userId} n'est pas rattaché à cette structure.");
    }
}
