using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Portique.Accounts;

namespace Portique.Web.Pages.Account;

/// <summary>Sign-out is a POST (the layout's button): a link or an image could not sign anyone out.</summary>
public sealed class LogoutModel(SignInManager<User> signIn) : PortiquePage
{
    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        await signIn.SignOutAsync();
        return Done("Vous êtes déconnecté.", "/");
    }
}
