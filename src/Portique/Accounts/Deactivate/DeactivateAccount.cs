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
using Portique.Organisation;

namespace Portique.Accounts.Deactivate;

public sealed record DeactivateAccountRequest(string Password);

/// <summary>
/// Self-deactivation. The password is asked again (a stolen session must not lock the owner out). A principal manager
/// must first transfer the role: a structure is never left without one. Changing the security stamp invalidates
/// refresh tokens and remembered browsers; DeactivatedAccountGuard ends the open sessions.
/// </summary>
public sealed class DeactivateAccountHandler(PortiqueDb db, UserManager<User> users, CurrentUser me, TimeProvider clock)
{
    public async Task HandleAsync(DeactivateAccountRequest r, CancellationToken ct)
    {
        var user = await users.FindByIdAsync(me.Id.ToString(System.Globalization.CultureInfo.InvariantCulture))
            ?? throw new PortiqueException("NOT_AUTHENTICATED", "Authentification requise.", 401);
        if (string.IsNullOrEmpty(r.Password) || !await users.CheckPasswordAsync(user, r.Password))
            throw new PortiqueException("PASSWORD_INVALID", "Le mot de passe saisi est incorrect.");
        var principalOf = await db.Memberships.AsNoTracking()
            .Where(m => m.UserId == user.Id && m.IsActive && m.Role == MemberRole.PrincipalManager)
            .Join(db.Structures.Where(s => s.IsActive), m => m.StructureId, s => s.Id, (m, s) => s.Name)
            .ToListAsync(ct);
        if (principalOf.Count > 0)
            throw new PortiqueException("PRINCIPAL_MANAGER_CANNOT_LEAVE",
                $"Vous êtes gestionnaire principal de {string.Join(", ", principalOf)} : transférez d'abord ce rôle à un autre utilisateur.");

        user.IsDeactivated = true;
        db.AuditEntries.Add(AuditEntry.Record(clock.GetUtcNow(), user.Id, "account.deactivate", targetUserId: user.Id));
        // UpdateSecurityStampAsync saves the user, the flag and the audit entry in one SaveChanges.
        AccountErrors.ThrowIfFailed(await users.UpdateSecurityStampAsync(user));
    }

    internal static void Map(IEndpointRouteBuilder account) =>
        account.MapPost("/deactivate", async Task<NoContent> (DeactivateAccountRequest request, DeactivateAccountHandler handler, CancellationToken ct) =>
            {
                await handler.HandleAsync(request, ct);
                return TypedResults.NoContent();
            })
            .RequireAuthorization()
            .WithSummary("Désactiver mon compte (mot de passe requis ; réactivation par lien e-mailé, voir /account/reactivation)");
}
