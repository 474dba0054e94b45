using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Portique.Accounts;
using Portique.Common;
using Portique.Common.Mail;

namespace Portique.Web.Pages.Account;

/// <summary>
/// Cookie login; wrong passwords throttled per (address, e-mail) (PortiqueSignInManager); TOTP second step when the account
/// has 2FA. Every refusal reads the same whether or not the account exists.
/// </summary>
public sealed class LoginModel(PortiqueSignInManager signIn, UserManager<User> users, OutboxEmailSender mail, Outbox outbox) : PortiquePage
{
    [BindProperty] public string Email { get; set; } = "";
    [BindProperty] public string Password { get; set; } = "";
    [BindProperty] public bool RememberMe { get; set; }
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }

    public void OnGet()
    {
    }

    public Task<IActionResult> OnPostAsync() => Run(async () =>
    {
        var returnUrl = Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/";
        if (signIn.IsThrottled(Email))
            throw Locked();
        // Migrated accounts carry no password (no legacy hash is trusted): a login sends the password-reset link to the
        // mailbox, and the page answers as for any failed login, so that it does not tell who has a migrated account.
        if (await users.FindByEmailAsync(Email.Trim()) is { MustSetPassword: true, PasswordHash: null, IsDeactivated: false } migrated)
        {
            signIn.RecordFailure(Email);
            var token = await users.GeneratePasswordResetTokenAsync(migrated);
            await mail.SendPasswordResetLinkAsync(migrated, migrated.Email!, AccountLinks.ResetPassword(outbox, migrated.Email!, token));
            throw Failed();
        }
        var result = await signIn.PasswordSignInAsync(Email.Trim(), Password, RememberMe, lockoutOnFailure: true);
        if (result.Succeeded)
            return LocalRedirect(returnUrl);
        if (result.RequiresTwoFactor)
            return RedirectToPage("/Account/LoginWith2fa", new { ReturnUrl = returnUrl, RememberMe });
        if (result.IsLockedOut)
            throw Locked();
        if (result.IsNotAllowed && await users.FindByEmailAsync(Email.Trim()) is { } user)
        {
            // Identity refuses an inactive account before looking at the password; say why only to its owner,
            // and count wrong passwords so the explanation is no lockout-free password oracle.
            if (signIn.IsThrottled(Email) || await users.IsLockedOutAsync(user))
                throw Locked();
            if (await users.CheckPasswordAsync(user, Password))
                throw user.IsDeactivated
                    ? new PortiqueException("ACCOUNT_DEACTIVATED", "Ce compte a été désactivé. Vous pouvez le réactiver par un lien envoyé à votre adresse e-mail.")
                    : new PortiqueException("ACCOUNT_NOT_ACTIVATED", "Ce compte n'est pas encore activé : ouvrez le lien reçu par e-mail lors de l'inscription.");
            signIn.RecordFailure(Email);
        }
        throw Failed();
    });

    private static PortiqueException Failed() =>
        new("LOGIN_FAILED", "E-mail ou mot de passe incorrect. Si votre compte provient de l'ancien portail, définissez votre mot de passe par le lien envoyé à son adresse e-mail.");

    private static PortiqueException Locked() =>
        new("ACCOUNT_LOCKED", "Trop de tentatives échouées : réessayez dans quelques minutes. Vous pouvez aussi réinitialiser votre mot de passe.");
}
