using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Portique.Accounts;

namespace Portique.Web.Pages.Account;

/// <summary>
/// Sign-out is a POST (the layout's button): a link or an image could not sign anyone out. It renews the account's security
/// stamp, which every request checks (DeactivatedAccountGuard): a copy of the cookie, or a bearer token, stops working too.
/// </summary>
public sealed class LogoutModel(SignInManager<User> signIn, UserManager<User> users) : PortiquePage
{
    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (await users.GetUserAsync(User) is { } user)
            await users.UpdateSecurityStampAsync(user);
        await signIn.SignOutAsync();
        return Done("Vous êtes déconnecté.", "/");
    }
}
