using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.DataProtection;

namespace Portique.Connections.Token;

/// <summary>
/// Bearer tokens for API clients, built the way ASP.NET Core's own BearerToken handler builds Identity's: an authentication
/// ticket protected by Data Protection (authenticated encryption, rotating keys). Opaque to clients; nothing hand-rolled.
/// </summary>
public sealed class ApiTokens(IDataProtectionProvider protection, TimeProvider clock)
{
    public const string ClientIdClaim = "portique:api_client";
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(1);

    private readonly TicketDataFormat _format = new(protection.CreateProtector("Portique.Connections.ApiToken", "v1"));

    public string Issue(string clientId, string? scope)
    {
        var now = clock.GetUtcNow();
        var identity = new ClaimsIdentity([new Claim(ClientIdClaim, clientId)], "oauth-client-credentials");
        if (scope is not null)
            identity.AddClaim(new Claim("scope", scope));
        var properties = new AuthenticationProperties { IssuedUtc = now, ExpiresUtc = now + Lifetime };
        return _format.Protect(new AuthenticationTicket(new ClaimsPrincipal(identity), properties, "oauth"));
    }

    public enum Outcome
    {
        Valid,
        Invalid,
        Expired,
    }

    public (Outcome Outcome, string? ClientId) Read(string token)
    {
        var ticket = _format.Unprotect(token);
        if (ticket?.Principal.FindFirstValue(ClientIdClaim) is not { } clientId)
            return (Outcome.Invalid, null);
        if (ticket.Properties.ExpiresUtc is not { } expires || expires <= clock.GetUtcNow())
            return (Outcome.Expired, clientId);
        return (Outcome.Valid, clientId);
    }
}
