using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Portique.Accounts;
using Portique.Common;

namespace Portique.Web.Pages.Account;

/// <summary>
/// Target of every activation link, from the web sign-up and from the API's /register and e-mail change
/// (same query as MapIdentityApi's confirmEmail: userId, code, and changedEmail for a change of login e-mail).
/// </summary>
public sealed class ConfirmEmailModel(UserManager<User> users) : PortiquePage
{
    public bool Confirmed { get; private set; }

    public Task<IActionResult> OnGetAsync(long userId, string? code, string? changedEmail) => Run(async () =>
    {
        var user = await users.FindByIdAsync(userId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var token = AccountLinks.Decode(code);
        if (user is null || token is null)
            throw new PortiqueException("LINK_INVALID", "Ce lien d'activation est invalide.");
        if (changedEmail is null)
            AccountErrors.ThrowIfFailed(await users.ConfirmEmailAsync(user, token));
        else
        {
            AccountErrors.ThrowIfFailed(await users.ChangeEmailAsync(user, changedEmail, token));
            // The login name is the e-mail: they change together, as in MapIdentityApi.
            AccountErrors.ThrowIfFailed(await users.SetUserNameAsync(user, changedEmail));
        }
        Confirmed = true;
        return Page();
    });
}
