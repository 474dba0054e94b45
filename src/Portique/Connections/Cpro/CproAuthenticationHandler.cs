using System.Security.Claims;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Portique.Accounts;
using Portique.Common.Data;
using Portique.Common.Security;
using Portique.Connections.Token;
using Portique.Organisation;

namespace Portique.Connections.Cpro;

/// <summary>
/// Authentication of the Chorus-compatible API (/cpro/...): an API client's bearer token AND the header
/// cpro-account = base64(login:password) of a valid, unexpired technical account. The caller then acts as the technical
/// account's structure's principal manager (same rights, including on his other structures), marked as a technical account.
/// An API client acts only with the technical accounts of its own structure: another structure's account is answered as
/// unknown, so a client can neither use nor probe it. Each refusal has its own code and message, and failures are
/// rate-limited per address and per (API client, technical account) pair (FailureLimiter).
/// </summary>
public sealed class CproAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder,
    PortiqueDb db, ApiTokens tokens, Secrets secrets, FailureLimiter limiter)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Cpro";
    public const string Policy = "cpro";
    public const string AccountHeader = "cpro-account";
    public const string TechnicalAccountClaim = "portique:technical_account";
    public const string TechnicalStructureClaim = "portique:technical_structure";

    private const string FailureItem = "portique.cpro.failure";

    public sealed record Failure(int Status, string Code, string Message);

    public static string AddressKey(HttpContext http) => http.Connection.RemoteIpAddress?.ToString() ?? "local";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var address = AddressKey(Context);
        if (limiter.IsBlocked(address, null))
            return TooManyFailures();

        var authorization = Request.Headers.Authorization.ToString();
        if (!authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) || authorization.Length <= 7)
            return Fail("CPRO_BEARER_MISSING", "Jeton d'accès absent : envoyez « Authorization: Bearer <jeton> » obtenu sur /api/oauth/token.", address, null);
        var (outcome, clientId) = tokens.Read(authorization[7..].Trim());
        if (outcome == ApiTokens.Outcome.Invalid)
            return Fail("CPRO_TOKEN_INVALID", "Jeton d'accès invalide.", address, null);
        if (outcome == ApiTokens.Outcome.Expired)
            return Fail("CPRO_TOKEN_EXPIRED", "Jeton d'accès expiré : demandez-en un nouveau sur /api/oauth/token.", address, null);
        // The caller is now a known API client: its failures on a technical account count against that pair only, so a
        // client that guesses passwords does not lock the account out for its owner's own client.
        var pair = TryReadLogin() is { } login ? FailureLimiter.Pair(clientId!, login) : null;
        if (limiter.IsBlocked(address, pair))
            return TooManyFailures();

        var header = Request.Headers[AccountHeader].ToString();
        var (rawLogin, password, headerFailure) = ParseAccount(header);
        var normalized = rawLogin is null ? null : TechnicalAccount.Normalize(rawLogin);
        var found = normalized is null ? null : await Lookup(db, normalized, clientId!);
        // The checks keep their order: a revoked client is reported before anything about the account header.
        if ((found is null ? await ClientStructure(db, clientId!) : found.ClientStructureId) is not { } clientStructureId)
            return Fail("CPRO_CLIENT_REVOKED", "Le client API de ce jeton a été révoqué.", address, null);
        if (headerFailure is { } failure)
            return Fail(failure.Code, failure.Message, address, null);
        if (found is null || found.Account.StructureId != clientStructureId)
            return Fail("CPRO_ACCOUNT_UNKNOWN",
                $"Compte technique « {rawLogin!.Trim()} » inconnu pour ce client API (un client API n'agit qu'avec les comptes techniques de sa structure).", address, pair);
        var account = found.Account;
        if (!secrets.Verify(account, password!))
            return Fail("CPRO_ACCOUNT_BAD_PASSWORD", $"Mot de passe incorrect pour le compte technique « {account.Login} ».", address, pair);
        if (!account.IsActive)
            return Fail("CPRO_ACCOUNT_INACTIVE", $"Le compte technique « {account.Login} » est désactivé : réactivez-le dans Raccordements.", address, pair);
        if (account.IsExpired(TimeProvider.GetUtcNow()))
            return Fail("CPRO_ACCOUNT_EXPIRED",
                $"Le mot de passe du compte technique « {account.Login} » a expiré le {account.PasswordExpiresAt:yyyy-MM-dd} : réinitialisez-le dans Raccordements.", address, pair);
        if (found.PrincipalId is not { } principalId)
            return Fail("CPRO_ACCOUNT_NO_MANAGER", "La structure du compte technique n'a pas de gestionnaire principal actif.", address, pair);
        // The principal manager was just read as an active account: the deactivated-account guard need not read it again.
        Context.Items[DeactivatedAccountGuard.ActiveItem] = true;

        var identity = new ClaimsIdentity(
        [
            new Claim(ClaimTypes.NameIdentifier, principalId.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new Claim(ClaimTypes.Name, account.Login),
            new Claim(TechnicalAccountClaim, account.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new Claim(TechnicalStructureClaim, account.StructureId.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new Claim(ApiTokens.ClientIdClaim, clientId!),
        ], SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        await HandleAuthenticateOnceSafeAsync();
        var failure = Context.Items[FailureItem] as Failure
            ?? new Failure(StatusCodes.Status401Unauthorized, "CPRO_UNAUTHENTICATED", "Authentification requise.");
        Response.StatusCode = failure.Status;
        if (failure.Status == StatusCodes.Status429TooManyRequests)
            Response.Headers.RetryAfter = "60";
        else
            Response.Headers.WWWAuthenticate = "Bearer";
        await Response.WriteAsJsonAsync(CproEnvelope.Error(failure.Status, failure.Code, failure.Message));
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status403Forbidden;
        return Response.WriteAsJsonAsync(CproEnvelope.Error(403, "CPRO_FORBIDDEN", "Le compte technique n'a pas les droits pour cette opération."));
    }

    private AuthenticateResult TooManyFailures() =>
        Refuse(StatusCodes.Status429TooManyRequests, "CPRO_TOO_MANY_FAILURES", "Trop d'échecs d'authentification : réessayez dans une minute.");

    private AuthenticateResult Fail(string code, string message, string address, string? pair)
    {
        limiter.RecordFailure(address, pair);
        return Refuse(StatusCodes.Status401Unauthorized, code, message);
    }

    private AuthenticateResult Refuse(int status, string code, string message)
    {
        Context.Items[FailureItem] = new Failure(status, code, message);
        return AuthenticateResult.Fail(message);
    }

    /// <summary>What one call needs, in one round trip: the account, the structure of the token's client (null once revoked), the structure's active principal manager.</summary>
    private sealed record Found(TechnicalAccount Account, long? ClientStructureId, long? PrincipalId);

    // Compiled: every /cpro call runs them, and a compiled query skips EF's per-call expression work.
    private static readonly Func<PortiqueDb, string, string, Task<Found?>> Lookup = EF.CompileAsyncQuery((PortiqueDb db, string login, string clientId) =>
        db.TechnicalAccounts.AsNoTracking().Where(t => t.NormalizedLogin == login)
            .Select(t => new Found(t,
                db.ApiClients.Where(c => c.ClientId == clientId && c.RevokedAt == null).Select(c => (long?)c.StructureId).FirstOrDefault(),
                (from m in db.Memberships
                 join u in db.Users on m.UserId equals u.Id
                 where m.StructureId == t.StructureId && m.IsActive && m.Role == MemberRole.PrincipalManager && !u.IsDeactivated
                 select (long?)m.UserId).FirstOrDefault()))
            .FirstOrDefault());

    private static readonly Func<PortiqueDb, string, Task<long?>> ClientStructure = EF.CompileAsyncQuery((PortiqueDb db, string clientId) =>
        db.ApiClients.Where(c => c.ClientId == clientId && c.RevokedAt == null).Select(c => (long?)c.StructureId).FirstOrDefault());

    /// <summary>Login and password from the cpro-account header, or why it cannot be read.</summary>
    private static (string? Login, string? Password, Failure? Failure) ParseAccount(string header)
    {
        if (string.IsNullOrWhiteSpace(header))
            return (null, null, new Failure(StatusCodes.Status401Unauthorized, "CPRO_ACCOUNT_MISSING", $"En-tête « {AccountHeader} » absent : base64(identifiant:mot de passe) d'un compte technique."));
        if (Decode(header) is not { } decoded)
            return (null, null, new Failure(StatusCodes.Status401Unauthorized, "CPRO_ACCOUNT_BAD_BASE64", $"En-tête « {AccountHeader} » illisible : ce n'est pas du base64 valide."));
        if (decoded.Split(':', 2) is not [var login, var password] || login.Trim().Length == 0)
            return (null, null, new Failure(StatusCodes.Status401Unauthorized, "CPRO_ACCOUNT_MALFORMED", $"En-tête « {AccountHeader} » mal formé : attendu base64(identifiant:mot de passe)."));
        return (login, password, null);
    }

    // The login is read before the account is looked up so that a blocked pair is refused without even verifying its password.
    private string? TryReadLogin() =>
        Decode(Request.Headers[AccountHeader].ToString()) is { } decoded && decoded.Split(':', 2) is [var login, _] && login.Trim().Length > 0
            ? TechnicalAccount.Normalize(login)
            : null;

    private static string? Decode(string header)
    {
        if (string.IsNullOrWhiteSpace(header))
            return null;
        var buffer = new byte[header.Length];
        if (!Convert.TryFromBase64String(header.Trim(), buffer, out var written))
            return null;
        try
        {
            return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(buffer, 0, written);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }
}
