using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Portique.Common;
using Portique.Common.Audit;
using Portique.Common.Authorization;
using Portique.Common.Data;

namespace Portique.Accounts.PlatformRoles;

public sealed record GrantRoleRequest(string? Email);

public sealed record RoleHolder(long Id, string Email, string Nom, bool Actif);

/// <summary>
/// The platform roles — operators and the customs administration (<see cref="Roles"/>) — granted to an account by e-mail and
/// withdrawn, by an operator on the portal or by the administrator with `portique users grant-role` (the first operator of a
/// fresh installation). Works on the database alone so that the command line can run it without the web host.
/// </summary>
public sealed class PlatformRolesHandler(PortiqueDb db, TimeProvider clock)
{
    public static readonly IReadOnlyList<string> All = [Roles.Operator, Roles.Customs];

    public async Task<IReadOnlyList<RoleHolder>> ListAsync(string role, CancellationToken ct)
    {
        var roleId = await RoleIdAsync(Known(role), ct);
        return roleId is null ? [] : await db.Users.AsNoTracking()
            .Where(u => db.UserRoles.Any(r => r.UserId == u.Id && r.RoleId == roleId))
            .OrderBy(u => u.Email)
            .Select(u => new RoleHolder(u.Id, u.Email ?? "", (u.FirstName + " " + u.LastName).Trim(), !u.IsDeactivated && u.EmailConfirmed))
            .ToListAsync(ct);
    }

    public async Task<RoleHolder> GrantAsync(string role, GrantRoleRequest request, long? actorId, CancellationToken ct)
    {
        var name = Known(role);
        var email = Validation.Required(request.Email, "email", 254).ToUpperInvariant();
        var user = await db.Users.FirstOrDefaultAsync(u => u.NormalizedEmail == email, ct)
            ?? throw new PortiqueException("USER_NOT_FOUND",
                $"Aucun compte n'a l'adresse « {request.Email} » : vérifiez l'adresse ; la personne doit d'abord avoir un compte (inscription ou migration).", 404) { Field = "email" };
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var roleId = await RoleIdAsync(name, ct);
        if (roleId is null)
        {
            var created = new IdentityRole<long>(name) { NormalizedName = name.ToUpperInvariant(), ConcurrencyStamp = Guid.NewGuid().ToString() };
            db.Roles.Add(created);
            await db.SaveChangesAsync(ct);
            roleId = created.Id;
        }
        if (await db.UserRoles.AnyAsync(r => r.UserId == user.Id && r.RoleId == roleId, ct))
            throw PortiqueException.Conflict("ROLE_ALREADY_GRANTED", $"{user.Email} a déjà le rôle {name}.");
        db.UserRoles.Add(new IdentityUserRole<long> { UserId = user.Id, RoleId = roleId.Value });
        Changed(user, actorId, "role.grant", name);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return new RoleHolder(user.Id, user.Email ?? "", user.DisplayName, user.IsActiveAccount);
    }

    public async Task RevokeAsync(string role, long userId, long? actorId, CancellationToken ct)
    {
        var name = Known(role);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var roleId = await RoleIdAsync(name, ct);
        var link = roleId is null ? null : await db.UserRoles.FirstOrDefaultAsync(r => r.UserId == userId && r.RoleId == roleId, ct);
        if (link is null)
            throw PortiqueException.NotFound("ROLE_NOT_GRANTED", $"Le compte {userId} n'a pas le rôle {name}.");
        // A platform without operators could no longer appoint principals nor grant this role again but from the command line.
        if (name == Roles.Operator && await db.UserRoles.CountAsync(r => r.RoleId == roleId, ct) == 1)
            throw PortiqueException.Conflict("ROLE_LAST_OPERATOR", "C'est le dernier opérateur : nommez-en un autre avant de lui retirer ce rôle.");
        db.UserRoles.Remove(link);
        Changed(await db.Users.FirstAsync(u => u.Id == userId, ct), actorId, "role.revoke", name);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
    }

    /// <summary>
    /// Signed-in sessions pick up the change at their next request (DeactivatedAccountGuard reads the roles each time); the
    /// security stamp is left alone, since every request checks it and a new one would sign the holder out. The audit log
    /// keeps who did it.
    /// </summary>
    private void Changed(User user, long? actorId, string action, string role)
    {
        db.AuditEntries.Add(AuditEntry.Record(clock.GetUtcNow(), actorId, action, targetUserId: user.Id, details: role));
    }

    private Task<long?> RoleIdAsync(string name, CancellationToken ct)
    {
        var normalized = name.ToUpperInvariant();
        return db.Roles.Where(r => r.NormalizedName == normalized).Select(r => (long?)r.Id).FirstOrDefaultAsync(ct);
    }

    /// <summary>The role's canonical name, whatever its case.</summary>
    public static string Known(string role) =>
        All.FirstOrDefault(r => r.Equals(role?.Trim(), StringComparison.OrdinalIgnoreCase))
        ?? throw new PortiqueException("ROLE_UNKNOWN", $"Rôle inconnu « {role} » : {string.Join(" ou ", All)}.");

    internal static void Map(IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/operator/roles/{role}/users").WithTags("Opérateur").RequireAuthorization(Policies.Operator);
        group.MapGet("", async Task<Ok<IReadOnlyList<RoleHolder>>> (string role, PlatformRolesHandler handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.ListAsync(role, ct)))
            .WithSummary("Comptes qui ont un rôle de la plateforme (Operateur, Douane)");
        group.MapPost("", async Task<Ok<RoleHolder>> (string role, GrantRoleRequest request, PlatformRolesHandler handler, CurrentUser user, CancellationToken ct) =>
                TypedResults.Ok(await handler.GrantAsync(role, request, user.Id, ct)))
            .WithSummary("Donner un rôle de la plateforme à un compte, par son adresse e-mail");
        group.MapDelete("/{userId:long}", async Task<NoContent> (string role, long userId, PlatformRolesHandler handler, CurrentUser user, CancellationToken ct) =>
            {
                await handler.RevokeAsync(role, userId, user.Id, ct);
                return TypedResults.NoContent();
            })
            .WithSummary("Retirer un rôle de la plateforme à un compte");
    }
}
