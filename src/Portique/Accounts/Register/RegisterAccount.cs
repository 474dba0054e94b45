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
/// </summary>
public sealed class RegisterAccountHandler(UserManager<User> users, OutboxEmailSender mail, Outbox outbox, PortiqueDb db, TimeProvider clock)
{
    public async Task<User> HandleAsync(RegisterAccountRequest r)
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
        AccountErrors.ThrowIfFailed(await users.CreateAsync(user, r.Password));

        db.AuditEntries.Add(AuditEntry.Record(clock.GetUtcNow(), user.Id, "account.register", targetUserId: user.Id));
        var token = await users.GenerateEmailConfirmationTokenAsync(user);
        await mail.SendConfirmationLinkAsync(user, email, AccountLinks.ConfirmEmail(outbox, user.Id, token));
        return user;
    }
}
