using System.Security.Cryptography;
using Portique.Common;

namespace Portique.Connections;

/// <summary>
/// A technical account (compte technique): the identity software uses on the /cpro API, acting with the rights of its
/// structure's principal manager. It is not a portal user, so it cannot sign into the web UI. Its password expires.
/// </summary>
public sealed class TechnicalAccount
{
    public const string LoginDomain = "cpro.portique";

    private TechnicalAccount() { }

    public long Id { get; private set; }
    public long StructureId { get; private set; }
    public string Login { get; private set; } = "";
    /// <summary>Upper-case login: the API accepts the login in any case.</summary>
    public string NormalizedLogin { get; private set; } = "";
    public string PasswordHash { get; private set; } = "";
    public DateTimeOffset PasswordChangedAt { get; private set; }
    public DateTimeOffset PasswordExpiresAt { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public long CreatedById { get; private set; }
    /// <summary>Set while the account is deactivated: the API refuses it whatever its password.</summary>
    public DateTimeOffset? DeactivatedAt { get; private set; }

    public bool IsActive => DeactivatedAt is null;

    /// <summary>Chorus Pro's shape, TECH_1_&lt;n&gt;@domain, with a random n so logins reveal nothing about structures.</summary>
    public static string NewLogin() => $"TECH_1_{RandomNumberGenerator.GetString("0123456789", 10)}@{LoginDomain}";

    public static TechnicalAccount Create(long structureId, string login, long createdById, DateTimeOffset now) => new()
    {
        StructureId = structureId,
        Login = Validation.Required(login, "identifiant du compte technique", 100),
        NormalizedLogin = Normalize(login),
        CreatedById = createdById,
        CreatedAt = now,
    };

    public static string Normalize(string login) => login.Trim().ToUpperInvariant();

    /// <summary>Sets a new password (already hashed by the caller): the previous one stops working at once.</summary>
    public void SetPassword(string passwordHash, DateTimeOffset now, TimeSpan lifetime)
    {
        PasswordHash = passwordHash;
        PasswordChangedAt = now;
        PasswordExpiresAt = now + lifetime;
    }

    public bool IsExpired(DateTimeOffset now) => now >= PasswordExpiresAt;

    /// <summary>Stops the software that uses it at once (a leaked password, a connector retired); reactivation restores it as it was.</summary>
    public void SetActive(bool active, DateTimeOffset now)
    {
        if (IsActive == active)
            throw new PortiqueException(active ? "TECHNICAL_ACCOUNT_ALREADY_ACTIVE" : "TECHNICAL_ACCOUNT_ALREADY_INACTIVE",
                active ? "Le compte technique est déjà actif." : "Le compte technique est déjà désactivé.");
        DeactivatedAt = active ? null : now;
    }

    /// <summary>The portal warns ahead of expiry (Chorus Pro: 15 days) so the software's owner can reset in time.</summary>
    public bool ExpiresSoon(DateTimeOffset now, TimeSpan warning) => IsActive && !IsExpired(now) && PasswordExpiresAt - now <= warning;
}
