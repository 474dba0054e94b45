using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Portique.Accounts;
using Portique.Accounts.Deactivate;

namespace Portique.Web.Pages.Account.Manage;

public sealed class DeactivateModel(DeactivateAccountHandler handler, SignInManager<User> signIn) : PortiquePage
{
    [BindProperty] public string Password { get; set; } = "";

    public void OnGet()
    {
    }

    public Task<IActionResult> OnPostAsync(CancellationToken ct) => Run(async () =>
    {
        await handler.HandleAsync(new DeactivateAccountRequest(Password), ct);
        await signIn.SignOutAsync();
        return Done("Votre compte est désactivé. Pour le réactiver : page « Se connecter », lien « Réactiver mon compte ».", "/");
    });
}
