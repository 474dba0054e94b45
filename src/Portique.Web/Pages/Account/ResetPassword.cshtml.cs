using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Portique.Accounts;
using Portique.Common;

namespace Portique.Web.Pages.Account;

/// <summary>Target of the reset link (web) and of the reset code (API's forgotPassword): both carry Identity's token, Base64url-encoded.</summary>
public sealed class ResetPasswordModel(UserManager<User> users) : PortiquePage
{
    [BindProperty(SupportsGet = true)] public string Email { get; set; } = "";
    [BindProperty(SupportsGet = true)] public string? Code { get; set; }
    [BindProperty] public string Password { get; set; } = "";

    public void OnGet()
    {
    }

    public Task<IActionResult> OnPostAsync() => Run(async () =>
    {
        var token = AccountLinks.Decode(Code);
        var user = string.IsNullOrWhiteSpace(Email) ? null : await users.FindByEmailAsync(Email.Trim());
        if (user is null || token is null)
            throw new PortiqueException("LINK_INVALID", "Ce lien de réinitialisation est invalide ou a expiré : demandez-en un nouveau.");
        AccountErrors.ThrowIfFailed(await users.ResetPasswordAsync(user, token, Password));
        if (user.MustSetPassword)
        {
            user.MustSetPassword = false;
            AccountErrors.ThrowIfFailed(await users.UpdateAsync(user));
        }
        return Done("Votre mot de passe est changé. Vous pouvez vous connecter.", "/Account/Login");
    });
}
