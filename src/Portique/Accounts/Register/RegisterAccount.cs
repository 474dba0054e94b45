using Microsoft.AspNetCore.Identity;
using Portique.Common;
using Portique.Common.Audit;
using Portique.Common.Data;
using Portique.Common.Mail;

namespace Portique.Accounts.Register;

public sealed record RegisterAccountRequest(string FirstName, string LastName, string Email, string Password);

/// <summary>
/// Web sign-up: the account is created inactive with both notification switches off, and an activation link to the
/// web page is e-mailed. (API clients sign up through MapIdentityApi's /register, which reaches the same page by e-mail.)
/// An address that already has an account gets the same answer (after the same password checks) and its owner an e-mail
/// saying so: the sign-up does not tell who has an account.
/// </summary>
public sealed class RegisterAccountHandler(UserManager<User> users, OutboxEmailSender mail, Outbox outbox, PortiqueDb db, TimeProvider clock)
{
    public async Task HandleAsync(RegisterAccountRequest r)
    {
        var email = Validation.Required(r.Email, "e-mail", 254);
        var user = new User
        {
            UserName = email,
            Email = email,
            FirstName = Validation.Required(r.FirstName, "prénom", 100),
            LastName = Validation.Required(r.LastName, "nom", 100),
            CreatedAt = clock.GetUtcNow(),
        };
        if (string.IsNullOrEmpty(r.Password))
            throw new PortiqueException("FIELD_REQUIRED", "Le champ « mot de passe » est obligatoire.");
        if (await users.FindByEmailAsync(email) is not null)
        {
            AccountErrors.ThrowIfFailed(await ExistingAccounts.ValidatePasswordAsync(users, user, r.Password));
            await mail.SendAlreadyRegisteredAsync(email);
            return;
        }
        AccountErrors.ThrowIfFailed(await users.CreateAsync(user, r.Password));

        db.AuditEntries.Add(AuditEntry.Record(clock.GetUtcNow(), user.Id, "account.register", targetUserId: user.Id));
        var token = await users.GenerateEmailConfirmationTokenAsync(user);
        await mail.SendConfirmationLinkAsync(user, email, AccountLinks.ConfirmEmail(outbox, user.Id, token));
    }
}
