using Microsoft.AspNetCore.Mvc;
using Portique.Accounts.Reactivate;

namespace Portique.Web.Pages.Account;

/// <summary>
/// The documented way back after self-deactivation: a link e-mailed to the login address. Opening the link shows a
/// button (a POST), so a mail scanner following links cannot reactivate an account by itself.
/// </summary>
public sealed class ReactivateModel(ReactivateAccountHandler handler) : PortiquePage
{
    [BindProperty] public string Email { get; set; } = "";
    [BindProperty(SupportsGet = true)] public long UserId { get; set; }
    [BindProperty(SupportsGet = true)] public string? Code { get; set; }

    public void OnGet()
    {
    }

    public Task<IActionResult> OnPostRequestAsync() => Run(async () =>
    {
        await handler.RequestAsync(new RequestReactivationRequest(Email));
        return Done("Si un compte désactivé existe pour cette adresse, un lien de réactivation vient d'y être envoyé.", "/Account/Login");
    });

    public Task<IActionResult> OnPostAsync() => Run(async () =>
    {
        await handler.ReactivateAsync(new ReactivateAccountRequest(UserId, Code ?? ""));
        return Done("Votre compte est réactivé. Vous pouvez vous connecter.", "/Account/Login");
    });
}
