using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Portique.Common.Data;
using Portique.Connections.Token;

namespace Portique.Annuaire.Afnor;

/// <summary>
/// The Directory Service's authentication: an API client's bearer token from the OAuth2 client-credentials endpoint
/// (/api/oauth/token, as for /cpro), from a client that is not revoked. Refusals answer 401 in the AFNOR Error shape.
/// </summary>
public sealed class DirectoryServiceAuthentication(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder,
    PortiqueDb db, ApiTokens tokens)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "DirectoryService";
    public const string Policy = "directory-service";
    private const string FailureItem = "portique.directory-service.failure";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var authorization = Request.Headers.Authorization.ToString();
        if (!authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) || authorization.Length <= 7)
            return Fail("TOKEN_MISSING", "Jeton d'accès absent : envoyez « Authorization: Bearer <jeton> » obtenu sur /api/oauth/token.");
        var (outcome, clientId) = tokens.Read(authorization[7..].Trim());
        if (outcome == ApiTokens.Outcome.Invalid)
            return Fail("TOKEN_INVALID", "Jeton d'accès invalide.");
        if (outcome == ApiTokens.Outcome.Expired)
            return Fail("TOKEN_EXPIRED", "Jeton d'accès expiré : demandez-en un nouveau sur /api/oauth/token.");
        if (!await db.ApiClients.AnyAsync(c => c.ClientId == clientId && c.RevokedAt == null, Context.RequestAborted))
            return Fail("CLIENT_REVOKED", "Le client API de ce jeton a été révoqué.");
        var identity = new ClaimsIdentity([new Claim(ApiTokens.ClientIdClaim, clientId!)], SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    private AuthenticateResult Fail(string code, string message)
    {
        Context.Items[FailureItem] = (code, message);
        return AuthenticateResult.Fail(message);
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var (code, message) = Context.Items[FailureItem] is (string c, string m) ? (c, m) : ("TOKEN_MISSING", "Authentification requise.");
        Response.Headers.WWWAuthenticate = "Bearer";
        return DirectoryServiceErrors.Write(Context, StatusCodes.Status401Unauthorized, code, message);
    }
}
