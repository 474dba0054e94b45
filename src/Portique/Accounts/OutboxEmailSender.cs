using System.Net;
using Microsoft.AspNetCore.Identity;
using Portique.Common.Data;
using Portique.Common.Mail;

namespace Portique.Accounts;

/// <summary>Identity's account e-mails (activation, password reset) go through the durable outbox like every other e-mail.</summary>
public sealed class OutboxEmailSender(Outbox outbox, PortiqueDb db) : IEmailSender<User>
{
    /// <summary>
    /// MapIdentityApi links to its own JSON endpoint on whatever host served the request; people click links, so the
    /// same query (userId, code, changedEmail) is sent to the web page /Account/ConfirmEmail on the public address.
    /// (MapIdentityApi HTML-encodes its link, "&amp;" included; our mail is plain text.)
    /// </summary>
    public Task SendConfirmationLinkAsync(User user, string email, string confirmationLink) =>
        SendAsync(email, "Portique — activez votre compte",
            $"Bonjour,\n\nPour activer votre compte Portique, ouvrez ce lien :\n{outbox.Link("/Account/ConfirmEmail" + new Uri(WebUtility.HtmlDecode(confirmationLink)).Query)}\n\nSi vous n'avez pas créé de compte, ignorez ce message.");

    public Task SendPasswordResetLinkAsync(User user, string email, string resetLink) =>
        SendAsync(email, "Portique — réinitialisation du mot de passe",
            $"Bonjour,\n\nPour choisir un nouveau mot de passe, ouvrez ce lien :\n{resetLink}\n\nSi vous n'avez rien demandé, ignorez ce message : votre mot de passe reste inchangé.");

    public Task SendPasswordResetCodeAsync(User user, string email, string resetCode) =>
        SendAsync(email, "Portique — code de réinitialisation du mot de passe",
            $"Bonjour,\n\nVotre code de réinitialisation du mot de passe :\n{resetCode}\n\nPour le saisir sur le portail : {outbox.Link($"/Account/ResetPassword?email={Uri.EscapeDataString(email)}&code={resetCode}")}\n");

    public Task SendReactivationLinkAsync(string email, string link) =>
        SendAsync(email, "Portique — réactivation de votre compte",
            $"Bonjour,\n\nVotre compte Portique est désactivé. Pour le réactiver, ouvrez ce lien :\n{link}\n\nSi vous n'avez rien demandé, ignorez ce message.");

    /// <summary>
    /// A sign-up with an address that already has an account answers as any sign-up does (no account enumeration); the
    /// owner learns of it here, with the ways back in.
    /// </summary>
    public Task SendAlreadyRegisteredAsync(string email) =>
        SendAsync(email, "Portique — votre adresse a déjà un compte",
            $"Bonjour,\n\nQuelqu'un, peut-être vous, a voulu créer un compte Portique avec cette adresse, qui en a déjà un : aucun compte n'a été créé.\n\n"
            + $"Pour vous connecter : {outbox.Link("/Account/Login")}\nMot de passe oublié : {outbox.Link("/Account/ForgotPassword")}\n"
            + $"Compte pas encore activé : {outbox.Link("/Account/ResendConfirmation")}\n\nSi vous n'avez rien demandé, ignorez ce message.");

    // Identity calls these outside any unit of work of ours, so the message is committed on its own.
    private async Task SendAsync(string to, string subject, string body)
    {
        outbox.Enqueue(to, subject, body);
        await db.SaveChangesAsync();
    }
}
