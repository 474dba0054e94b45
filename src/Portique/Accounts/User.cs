using Microsoft.AspNetCore.Identity;
using Portique.Common;

namespace Portique.Accounts;

/// <summary>A personal account. Identity owns login e-mail, password hash, 2FA and lockout; Portique adds the profile and switches.</summary>
public sealed class User : IdentityUser<long>
{
    public string FirstName { get; set; } = "";
    public string LastName { get; set; } = "";
    /// <summary>Where notifications go; the login e-mail (UserName/Email) is where security mail goes.</summary>
    public string? ContactEmail { get; set; }
    public bool NotifyInvoicing { get; set; }
    public bool NotifyNews { get; set; }
    public bool IsDeactivated { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    /// <summary>Migrated accounts: no legacy hash is trusted, a new password is set at first login.</summary>
    public bool MustSetPassword { get; set; }

    public string DisplayName => DisplayNameOf(FirstName, LastName, Email ?? UserName, Id);

    /// <summary>The name shown for an account: its names, else its login, else its number (also for projections that load no User).</summary>
    public static string DisplayNameOf(string? firstName, string? lastName, string? login, long id) =>
        $"{firstName} {lastName}".Trim() is { Length: > 0 } n ? n : login ?? $"#{id}";
    public string NotificationAddress => ContactEmail ?? Email ?? "";
    public bool IsActiveAccount => !IsDeactivated && EmailConfirmed;

    public void UpdateProfile(string firstName, string lastName, string? contactEmail, bool notifyInvoicing, bool notifyNews)
    {
        FirstName = Validation.Required(firstName, "prénom", 100);
        LastName = Validation.Required(lastName, "nom", 100);
        ContactEmail = Validation.MaxLength(contactEmail, "e-mail de contact", 254);
        if (ContactEmail is not null && !ContactEmail.Contains('@', StringComparison.Ordinal))
            throw new PortiqueException("EMAIL_INVALID", $"L'adresse « {ContactEmail} » n'est pas une adresse e-mail.");
        NotifyInvoicing = notifyInvoicing;
        NotifyNews = notifyNews;
    }
}

public static class Roles
{
    /// <summary>Platform operators: appoint principal managers, publish news, see activity.</summary>
    public const string Operator = "Operateur";

    /// <summary>The customs administration (douane): processes TICPE/TICGN refund requests.</summary>
    public const string Customs = "Douane";
}
