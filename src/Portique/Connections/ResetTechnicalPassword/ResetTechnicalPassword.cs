using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Portique.Common;
using Portique.Common.Audit;
using Portique.Common.Authorization;
using Portique.Common.Data;
using Portique.Common.Mail;
using Portique.Connections.CreateTechnicalAccount;
using Portique.Organisation;

namespace Portique.Connections.ResetTechnicalPassword;

/// <summary>"Réinitialisation du mot de passe d'un compte technique": a new generated password, shown once; the old one stops working at once.</summary>
public sealed class ResetTechnicalPasswordHandler(PortiqueDb db, CurrentUser user, TimeProvider clock, Secrets secrets, Outbox outbox, IOptions<ConnectionSettings> settings)
{
    public async Task<TechnicalCredentials> HandleAsync(long structureId, long accountId, CancellationToken ct)
    {
        var account = await db.TechnicalAccounts.FirstOrDefaultAsync(t => t.Id == accountId && t.StructureId == structureId, ct)
            ?? throw PortiqueException.NotFound("TECHNICAL_ACCOUNT_NOT_FOUND", $"Le compte technique {accountId} n'existe pas dans cette structure.");
        var structureName = await db.Structures.Where(s => s.Id == structureId).Select(s => s.Name).SingleAsync(ct);
        var now = clock.GetUtcNow();
        var password = Secrets.Generate();
        account.SetPassword(secrets.Hash(account, password), now, settings.Value.PasswordLifetime);
        db.AuditEntries.Add(AuditEntry.Record(now, user.Id, "connections.technical-account.reset", structureId, details: account.Login));
        await PrincipalManagers.NotifyAsync(db, outbox, structureId, $"Portique — mot de passe du compte technique réinitialisé ({structureName})",
            $"Bonjour,\n\nLe mot de passe du compte technique {account.Login} de la structure {structureName} a été réinitialisé ; l'ancien ne fonctionne plus. " +
            $"Le nouveau expire le {account.PasswordExpiresAt:dd/MM/yyyy}.\n", ct);
        await db.SaveChangesAsync(ct);
        return new TechnicalCredentials(account.Id, account.Login, password, account.PasswordExpiresAt);
    }

    internal static void Map(IEndpointRouteBuilder api) =>
        api.MapPost("/structures/{structureId:long}/technical-accounts/{id:long}/reset-password", async Task<Ok<TechnicalCredentials>> (long structureId, long id, ResetTechnicalPasswordHandler handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.HandleAsync(structureId, id, ct)))
            .RequireAuthorization(ConnectionPolicies.Write)
            .WithSummary("Réinitialiser le mot de passe d'un compte technique (nouveau mot de passe montré une fois)");
}
