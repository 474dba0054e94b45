using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Routing;
using Portique.Common;
using Portique.Common.Audit;
using Portique.Common.Data;
using Portique.Common.Mail;

namespace Portique.Accounts.Reactivate;

public sealed record RequestReactivationRequest(string Email);

public sealed record ReactivateAccountRequest(long UserId, string Code);

/// <summary>
/// The way back from self-deactivation: the owner asks for a link at the login e-mail and opens it. The token is
/// Identity's (data-protected, bound to the security stamp, one day), so the link works once and only for that account.
/// </summary>
public sealed class ReactivateAccountHandler(UserManager<User> users, OutboxEmailSender mail, Outbox outbox, PortiqueDb db, TimeProvider clock)
{
    private const string Purpose = "ReactivateAccount";

    /// <summary>Says nothing about whether the address exists or is deactivated (no account enumeration).</summary>
    public async Task RequestAsync(RequestReactivationRequest r)
    {
        var email = Validation.Required(r.Email, "e-mail", 254);
        if (await users.FindByEmailAsync(email) is not { IsDeactivated: true, EmailConfirmed: true } user)
            return;
        var token = await users.GenerateUserTokenAsync(user, TokenOptions.DefaultProvider, Purpose);
        await mail.SendReactivationLinkAsync(user.Email!, AccountLinks.Reactivate(outbox, user.Id, token));
    }

    public async Task ReactivateAsync(ReactivateAccountRequest r)
    {
        var user = await users.FindByIdAsync(r.UserId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var token = AccountLinks.Decode(r.Code);
        if (user is null || token is null || !user.IsDeactivated || !await users.VerifyUserTokenAsync(user, TokenOptions.DefaultProvider, Purpose, token))
            throw new PortiqueException("LINK_INVALID", "Ce lien de réactivation est invalide ou a expiré : demandez-en un nouveau.");
        user.IsDeactivated = false;
        db.AuditEntries.Add(AuditEntry.Record(clock.GetUtcNow(), user.Id, "account.reactivate", targetUserId: user.Id));
        // A new stamp makes the link single-use.
        AccountErrors.ThrowIfFailed(await users.UpdateSecurityStampAsync(user));
    }

    internal static void Map(IEndpointRouteBuilder account)
    {
        account.MapPost("/reactivation", async Task<Accepted> (RequestReactivationRequest request, ReactivateAccountHandler handler) =>
            {
                await handler.RequestAsync(request);
                return TypedResults.Accepted((string?)null);
            })
            .AllowAnonymous()
            .WithSummary("Demander un lien de réactivation d'un compte désactivé (réponse identique que le compte existe ou non)");
        account.MapPost("/reactivate", async Task<NoContent> (ReactivateAccountRequest request, ReactivateAccountHandler handler) =>
            {
                await handler.ReactivateAsync(request);
                return TypedResults.NoContent();
            })
            .AllowAnonymous()
            .WithSummary("Réactiver un compte avec le code du lien e-mailé");
    }
}
