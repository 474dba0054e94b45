using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Portique.Common.Data;

namespace Portique.Accounts;

/// <summary>
/// Who may sign in: an activated (e-mail confirmed), not deactivated account. Identity asks this on every sign-in,
/// whether by cookie (web pages) or by bearer token (API login), so the rule lives in one place.
/// </summary>
public sealed class ActiveAccountConfirmation : IUserConfirmation<User>
{
    public Task<bool> IsConfirmedAsync(UserManager<User> manager, User user) => Task.FromResult(user.IsActiveAccount);
}

/// <summary>
/// Sessions opened before a deactivation end with it, and platform roles granted or withdrawn apply from the next request: a
/// bearer access token cannot be revoked and a cookie is only re-validated every 30 minutes, so each authenticated request
/// reads the account and its roles once (one primary-key lookup) and the principal's role claims are replaced by them.
/// The same read gives the account's security stamp: a cookie carrying an older one (the account signed out, changed its
/// password or its second factor since) is no longer anyone's. Bearer tokens are left to Identity's rule (an access token
/// lives an hour, its refresh is refused once the stamp changed): MapIdentityApi's own 2FA set-up renews the stamp in the
/// middle of an API session.
/// </summary>
public sealed class DeactivatedAccountGuard(PortiqueDb db, IHttpContextAccessor accessor, IOptions<IdentityOptions> identity) : IClaimsTransformation
{
    /// <summary>
    /// HttpContext item holding the answer for this request. An authentication handler that has itself just read the
    /// account as active (the /cpro one, whose principal carries no role) sets it to true, sparing the second read.
    /// </summary>
    public const string ActiveItem = "portique.account-active";

    private const string RolesItem = "portique.account-roles";

    public async Task<ClaimsPrincipal> TransformAsync(ClaimsPrincipal principal)
    {
        if (!long.TryParse(principal.FindFirstValue(ClaimTypes.NameIdentifier), out var id))
            return principal;
        var items = accessor.HttpContext?.Items;
        // Authentication may run several times in a request: the answer is read once and applied each time.
        if (items?[ActiveItem] is not bool active)
        {
            var account = await db.Users.Where(u => u.Id == id && !u.IsDeactivated)
                .Select(u => new
                {
                    u.SecurityStamp,
                    Roles = db.UserRoles.Where(r => r.UserId == u.Id).Join(db.Roles, r => r.RoleId, role => role.Id, (_, role) => role.Name!).ToList(),
                })
                .FirstOrDefaultAsync();
            // A principal without a stamp (the /cpro one) or from a bearer token is judged on the account alone.
            var bearer = accessor.HttpContext?.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) == true;
            var stamp = bearer ? null : principal.FindFirstValue(identity.Value.ClaimsIdentity.SecurityStampClaimType);
            active = account is not null && (stamp is null || stamp == account.SecurityStamp);
            var roles = active ? account!.Roles : null;
            if (items is not null)
            {
                items[ActiveItem] = active;
                items[RolesItem] = roles;
            }
            return !active ? Anonymous : WithRoles(principal, roles!);
        }
        if (!active)
            return Anonymous;
        return items[RolesItem] is List<string> known ? WithRoles(principal, known) : principal;
    }

    private static ClaimsPrincipal Anonymous => new(new ClaimsIdentity());

    private static ClaimsPrincipal WithRoles(ClaimsPrincipal principal, List<string> roles)
    {
        var copy = principal.Clone();
        var identity = (ClaimsIdentity)copy.Identity!;
        foreach (var stale in identity.FindAll(identity.RoleClaimType).ToList())
            identity.RemoveClaim(stale);
        identity.AddClaims(roles.Select(r => new Claim(identity.RoleClaimType, r)));
        return copy;
    }
}
