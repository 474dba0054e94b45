using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;

namespace Portique.Connections;

/// <summary>
/// Generated passwords and secrets, shown once and stored only as Identity's PasswordHasher hashes (PBKDF2, versioned format):
/// the same primitive that protects portal users' passwords.
/// </summary>
public sealed class Secrets(IPasswordHasher<TechnicalAccount> accountHasher, IPasswordHasher<ApiClient> clientHasher)
{
    private const string Upper = "ABCDEFGHJKLMNPQRSTUVWXYZ";
    private const string Lower = "abcdefghijkmnopqrstuvwxyz";
    private const string Digits = "23456789";
    private const string Symbols = "-_.!*+=";

    /// <summary>24 characters from the four classes (ambiguous ones left out, since people copy them), every class present.</summary>
    public static string Generate(int length = 24)
    {
        while (true)
        {
            var candidate = RandomNumberGenerator.GetString(Upper + Lower + Digits + Symbols, length);
            if (candidate.Any(Upper.Contains) && candidate.Any(Lower.Contains) && candidate.Any(Digits.Contains) && candidate.Any(Symbols.Contains))
                return candidate;
        }
    }

    public string Hash(TechnicalAccount account, string password) => accountHasher.HashPassword(account, password);

    /// <summary>
    /// /cpro checks the technical account on every call, and PBKDF2 costs tens of milliseconds of CPU each time: a success is
    /// remembered, keyed by the stored hash (a password reset invalidates it) and a SHA-256 of the generated, high-entropy
    /// password. Failures are never remembered, so they always pay the full cost (and the rate limiter counts them).
    /// </summary>
    public bool Verify(TechnicalAccount account, string password)
    {
        var key = $"{account.Id}:{account.PasswordHash}:{Convert.ToHexString(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(password)))}";
        if (_verified.ContainsKey(key))
            return true;
        if (accountHasher.VerifyHashedPassword(account, account.PasswordHash, password) == PasswordVerificationResult.Failed)
            return false;
        if (_verified.Count >= MaxRemembered)
            _verified.Clear();
        _verified[key] = 0;
        return true;
    }

    private const int MaxRemembered = 10_000;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, byte> _verified = new(StringComparer.Ordinal);

    public string Hash(ApiClient client, string secret) => clientHasher.HashPassword(client, secret);

    public bool Verify(ApiClient client, string secret) =>
        clientHasher.VerifyHashedPassword(client, client.SecretHash, secret) != PasswordVerificationResult.Failed;
}
