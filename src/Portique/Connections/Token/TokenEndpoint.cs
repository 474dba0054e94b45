using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Portique.Common.Data;
using Portique.Common.Security;
using Portique.Connections.Cpro;

namespace Portique.Connections.Token;

/// <summary>
/// OAuth2 client-credentials token endpoint (RFC 6749 §4.4), as PISTE serves Chorus Pro: form-encoded grant_type, client_id,
/// client_secret (or HTTP Basic client authentication), optional scope. Errors use the RFC's "error" codes.
/// </summary>
public static class TokenEndpoint
{
    public const string Path = "/api/oauth/token";

    internal static void Map(IEndpointRouteBuilder root) =>
        root.MapPost(Path, HandleAsync)
            .AllowAnonymous()
            .DisableAntiforgery()
            .WithTags("Raccordements")
            .WithSummary("Jeton OAuth2 (client_credentials) pour l'API /cpro ; valable 3600 secondes");

    private static async Task<IResult> HandleAsync(HttpContext http, PortiqueDb db, Secrets secrets, ApiTokens tokens, FailureLimiter limiter)
    {
        http.Response.Headers.CacheControl = "no-store";
        if (!http.Request.HasFormContentType)
            return Error(StatusCodes.Status400BadRequest, "invalid_request", "Le corps doit être encodé application/x-www-form-urlencoded.");
        var form = await http.Request.ReadFormAsync(http.RequestAborted);
        var (clientId, secret) = ClientCredentials(http.Request, form);
        var address = CproAuthenticationHandler.AddressKey(http);
        // Bad secrets from one address hold up that address on that client_id only: the client's owner goes on elsewhere.
        var pair = clientId is null ? null : FailureLimiter.Pair(address, clientId);
        if (limiter.IsBlocked(address, pair))
            return Error(StatusCodes.Status429TooManyRequests, "slow_down", "Trop d'échecs d'authentification : réessayez dans une minute.");
        if (Empty(form["grant_type"]) is not { } grant)
            return Error(StatusCodes.Status400BadRequest, "invalid_request", "Le paramètre grant_type est obligatoire.");
        if (grant != "client_credentials")
            return Error(StatusCodes.Status400BadRequest, "unsupported_grant_type", $"Seul grant_type=client_credentials est accepté (reçu « {grant} »).");
        if (clientId is null || secret is null)
            return Error(StatusCodes.Status400BadRequest, "invalid_request", "client_id et client_secret sont obligatoires.");

        var client = await db.ApiClients.AsNoTracking().FirstOrDefaultAsync(c => c.ClientId == clientId, http.RequestAborted);
        if (client is null || !client.IsActive || !secrets.Verify(client, secret))
        {
            limiter.RecordFailure(address, pair);
            return Error(StatusCodes.Status401Unauthorized, "invalid_client",
                client is { IsActive: false } ? "Ce client API a été révoqué." : "client_id ou client_secret incorrect.");
        }
        var scope = Empty(form["scope"]);
        var answer = new Dictionary<string, object>
        {
            ["access_token"] = tokens.Issue(client.ClientId, scope),
            ["token_type"] = "Bearer",
            ["expires_in"] = (int)ApiTokens.Lifetime.TotalSeconds,
        };
        if (scope is not null)
            answer["scope"] = scope;
        return Results.Json(answer);
    }

    // RFC 6749 §2.3.1: the client may authenticate with HTTP Basic (url-encoded id and secret) instead of form fields.
    private static (string? ClientId, string? Secret) ClientCredentials(HttpRequest request, IFormCollection form)
    {
        var header = request.Headers.Authorization.ToString();
        if (header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            var buffer = new byte[header.Length];
            if (Convert.TryFromBase64String(header[6..].Trim(), buffer, out var written) && Encoding.UTF8.GetString(buffer, 0, written).Split(':', 2) is [var id, var secret])
                return (Empty(Uri.UnescapeDataString(id)), Empty(Uri.UnescapeDataString(secret)));
        }
        return (Empty(form["client_id"]), Empty(form["client_secret"]));
    }

    private static string? Empty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static IResult Error(int status, string error, string description) =>
        Results.Json(new Dictionary<string, string> { ["error"] = error, ["error_description"] = description }, statusCode: status);
}
