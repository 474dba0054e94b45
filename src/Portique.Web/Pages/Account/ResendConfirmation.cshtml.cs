using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Portique.Accounts;
using Portique.Common.Mail;

namespace Portique.Web.Pages.Account;

/// <summary>Always the same answer, whether or not the address has an account waiting for activation.</summary>
public sealed class ResendConfirmationModel(UserManager<User> users, OutboxEmailSender mail, Outbox outbox) : PortiquePage
{
    [BindProperty] public string Email { get; set; } = "";

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!string.IsNullOrWhiteSpace(Email) && await users.FindByEmailAsync(Email.Trim()) is { EmailConfirmed: false } user)
        {
            var token = await users.GenerateEmailConfirmationTokenAsync(user);
            await mail.SendConfirmationLinkAsync(user, user.Email!, AccountLinks.ConfirmEmail(outbox, user.Id, token));
        }
        return Done("Si un compte en attente d'activation existe pour cette adresse, un nouveau lien vient d'y être envoyé.", "/Account/Login");
    }
}
