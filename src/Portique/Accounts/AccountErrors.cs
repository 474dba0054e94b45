using Microsoft.AspNetCore.Identity;
using Portique.Common;

namespace Portique.Accounts;

/// <summary>Identity's refusals become stable Portique codes (the French text comes from Identity's own descriptions).</summary>
public static class AccountErrors
{
    public static void ThrowIfFailed(IdentityResult result)
    {
        if (result.Succeeded)
            return;
        var first = result.Errors.First();
        var code = first.Code switch
        {
            nameof(IdentityErrorDescriber.DuplicateEmail) or nameof(IdentityErrorDescriber.DuplicateUserName) => "EMAIL_TAKEN",
            nameof(IdentityErrorDescriber.InvalidEmail) or nameof(IdentityErrorDescriber.InvalidUserName) => "EMAIL_INVALID",
            nameof(IdentityErrorDescriber.InvalidToken) => "LINK_INVALID",
            Passwords.CommonPasswordValidator.Code => "PASSWORD_COMMON",
            var c when c.StartsWith("Password", StringComparison.Ordinal) => "PASSWORD_TOO_WEAK",
            _ => "ACCOUNT_REFUSED",
        };
        throw new PortiqueException(code, string.Join(" ", result.Errors.Select(e => e.Description)));
    }
}
