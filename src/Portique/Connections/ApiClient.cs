using System.Security.Cryptography;
using Portique.Common;

namespace Portique.Connections;

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
