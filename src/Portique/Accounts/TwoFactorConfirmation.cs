using Microsoft.AspNetCore.Identity;
using Portique.Common;

namespace Portique.Accounts;

/// <summary>
/// Turning the second factor off (or renewing its key or recovery codes) needs more than an open session: a stolen cookie
/// or bearer token alone must not remove it. The page asks for the password or a current code, the API for a code.
/// Wrong answers count like wrong passwords at login (per address and account).
/// </summary>
public static class TwoFactorConfirmation
{
    public static async Task EnsureAsync(UserManager<User> users, PortiqueSignInManager signIn, User user, string? secret, bool passwordAllowed)
    {
        var email = user.Email ?? user.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (signIn.IsThrottled(email))
            throw new PortiqueException("ACCOUNT_LOCKED", "Trop de tentatives échouées : réessayez dans quelques minutes.");
        var given = secret?.Trim() ?? "";
        if (given.Length == 0)
            throw new PortiqueException("TWO_FACTOR_CONFIRMATION_REQUIRED", passwordAllowed
                ? "Pour modifier la double authentification, saisissez votre mot de passe ou un code de votre application d'authentification."
                : "Pour modifier la double authentification, envoyez un code de votre application d'authentification (twoFactorCode).");
        var code = given.Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
        if (await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, code)
            || (passwordAllowed && await users.CheckPasswordAsync(user, given)))
            return;
        signIn.RecordFailure(email);
        throw new PortiqueException("TWO_FACTOR_CONFIRMATION_INVALID", passwordAllowed
            ? "Mot de passe ou code incorrect : la double authentification reste inchangée."
            : "Code incorrect : la double authentification reste inchangée.");
    }
}
