using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Portique.Accounts;
using Portique.Common.Mail;

namespace Portique.Web.Pages.Account;

/// <summary>Same answer whether or not the address has an account (no enumeration), as MapIdentityApi's forgotPassword.</summary>
public sealed class ForgotPasswordModel(UserManager<User> users, OutboxEmailSender mail, Outbox outbox) : PortiquePage
{
    [BindProperty] public string Email { get; set; } = "";

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!string.IsNullOrWhiteSpace(Email) && await users.FindByEmailAsync(Email.Trim()) is { EmailConfirmed: true } user)
        {
            var token = await users.GeneratePasswordResetTokenAsync(user);
            await mail.SendPasswordResetLinkAsync(user, user.Email!, AccountLinks.ResetPassword(outbox, user.Email!, token));
        }
        return Done("Si un compte existe pour cette adresse, un lien de réinitialisation vient d'y être envoyé.", "/Account/Login");
    }
}
