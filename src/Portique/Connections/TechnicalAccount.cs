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

    /// <summary>The portal warns ahead of expiry (Chorus Pro: 15 days) so the software's owner can reset in time.</summary>
    public bool ExpiresSoon(DateTimeOffset now, TimeSpan warning) => !IsExpired(now) && PasswordExpiresAt - now <= warning;
}

/// <summary>A registered API client (the software): authenticates at the token endpoint with its id and secret.</summary>
public sealed class ApiClient
{
    private ApiClient() { }

    public long Id { get; private set; }
    public long StructureId { get; private set; }
    public string Name { get; private set; } = "";
    public string ClientId { get; private set; } = "";
    public string SecretHash { get; private set; } = "";
    public DateTimeOffset CreatedAt { get; private set; }
    public long CreatedById { get; private set; }
    public DateTimeOffset? RevokedAt { get; private set; }

    public bool IsActive => RevokedAt is null;

    public static string NewClientId() => "pq-" + RandomNumberGenerator.GetString("abcdefghijklmnopqrstuvwxyz0123456789", 20);

    public static ApiClient Create(long structureId, string name, string clientId, long createdById, DateTimeOffset now) => new()
    {
        StructureId = structureId,
        Name = Validation.Required(name, "nom de l'application", 100),
        ClientId = Validation.Required(clientId, "client_id", 60),
        CreatedById = createdById,
        CreatedAt = now,
    };

    /// <summary>Stores the secret's hash (computed by the caller); the secret itself is never kept.</summary>
    public void SetSecret(string secretHash) => SecretHash = secretHash;

    public void Revoke(DateTimeOffset now)
    {
        if (RevokedAt is not null)
            throw PortiqueException.Conflict("API_CLIENT_ALREADY_REVOKED", "Ce client API est déjà révoqué.");
        RevokedAt = now;
    }
}
