using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
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
/// Sessions opened before a deactivation end with it: a bearer access token cannot be revoked and a cookie is only
/// re-validated every 30 minutes, so each authenticated request checks the account once (one primary-key lookup).
/// </summary>
public sealed class DeactivatedAccountGuard(PortiqueDb db, IHttpContextAccessor accessor) : IClaimsTransformation
{
    /// <summary>
    /// HttpContext item holding the answer for this request. An authentication handler that has itself just read the
    /// account as active (the /cpro one) sets it to true, sparing the second read.
    /// </summary>
    public const string ActiveItem = "portique.account-active";

    public async Task<ClaimsPrincipal> TransformAsync(ClaimsPrincipal principal)
    {
        if (!long.TryParse(principal.FindFirstValue(ClaimTypes.NameIdentifier), out var id))
            return principal;
        var items = accessor.HttpContext?.Items;
        if (items?[ActiveItem] is not bool active)
        {
            active = await db.Users.AnyAsync(u => u.Id == id && !u.IsDeactivated);
            if (items is not null)
                items[ActiveItem] = active;
        }
        return active ? principal : new ClaimsPrincipal(new ClaimsIdentity());
    }
}
