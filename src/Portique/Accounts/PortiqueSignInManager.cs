using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Portique.Common.Security;

namespace Portique.Accounts;

/// <summary>
/// Identity's sign-in, with wrong passwords throttled per (client address, e-mail) pair instead of locking the account: five
/// bad passwords from anyone used to lock anyone out for 15 minutes. Now they hold up that address on that e-mail only (and,
/// past 30 failures, that address), while the owner signs in from elsewhere; the answer is the same whether or not the
/// account exists. Identity's own lockout still guards the second factor (five wrong codes), which needs the password first.
/// Both the login page and MapIdentityApi's /login come through here.
/// </summary>
public sealed class PortiqueSignInManager(
    UserManager<User> users, IHttpContextAccessor accessor, IUserClaimsPrincipalFactory<User> claims, IOptions<IdentityOptions> options,
    ILogger<SignInManager<User>> logger, IAuthenticationSchemeProvider schemes, IUserConfirmation<User> confirmation, FailureLimiter limiter)
    : SignInManager<User>(users, accessor, claims, options, logger, schemes, confirmation)
{
    public override async Task<SignInResult> PasswordSignInAsync(string userName, string password, bool isPersistent, bool lockoutOnFailure)
    {
        if (IsThrottled(userName))
            return SignInResult.LockedOut;
        var result = await base.PasswordSignInAsync(userName, password, isPersistent, lockoutOnFailure: false);
        // A refused inactive account is not counted here: the login page checks its password itself and counts a wrong one.
        if (result.Succeeded || result.RequiresTwoFactor || result.IsNotAllowed || result.IsLockedOut)
            return result;
        RecordFailure(userName);
        // The failure that spends the last permit already answers "locked", as Identity's lockout did on the fifth.
        return IsThrottled(userName) ? SignInResult.LockedOut : result;
    }

    public bool IsThrottled(string email) => limiter.IsBlocked(Address, FailureLimiter.Pair(Address, email));

    public void RecordFailure(string email) => limiter.RecordFailure(Address, FailureLimiter.Pair(Address, email));

    /// <summary>The client's address, as the forwarded-headers middleware left it (only configured proxies are believed).</summary>
    private string Address => Context.Connection.RemoteIpAddress?.ToString() ?? "local";
}
