using Microsoft.AspNetCore.Identity;

namespace Portique.Accounts;

/// <summary>What a sign-up with an address already taken checks, so that it fails exactly where a new address would.</summary>
internal static class ExistingAccounts
{
    /// <summary>The password validators alone (Identity's rules and the common-password list), as CreateAsync runs them.</summary>
    public static async Task<IdentityResult> ValidatePasswordAsync(UserManager<User> users, User candidate, string password)
    {
        var errors = new List<IdentityError>();
        foreach (var validator in users.PasswordValidators)
        {
            var result = await validator.ValidateAsync(users, candidate, password);
            if (!result.Succeeded)
                errors.AddRange(result.Errors);
        }
        return errors.Count == 0 ? IdentityResult.Success : IdentityResult.Failed([.. errors]);
    }
}
