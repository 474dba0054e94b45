using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Portique.Common.Audit;
using Portique.Common.Authorization;
using Portique.Common.Data;
using Portique.Common.Mail;

namespace Portique.Connections.CreateTechnicalAccount;

/// <summary>The only time the password is visible: it is stored hashed.</summary>
public sealed record TechnicalCredentials(long Id, string Login, string Password, DateTimeOffset PasswordExpiresAt);

/// <summary>The principal manager (or a holder of "Raccordements" modification) creates a technical account; the principal manager is e-mailed.</summary>
public sealed class CreateTechnicalAccountHandler(PortiqueDb db, CurrentUser user, TimeProvider clock, Secrets secrets, Outbox outbox, IOptions<ConnectionSettings> settings)
{
    public async Task<TechnicalCredentials> HandleAsync(long structureId, CancellationToken ct)
    {
        var structure = await db.Structures.AsNoTracking().SingleAsync(s => s.Id == structureId, ct);
        structure.EnsureActive();
        var now = clock.GetUtcNow();
        var account = TechnicalAccount.Create(structureId, TechnicalAccount.NewLogin(), user.Id, now);
        var password = Secrets.Generate();
        account.SetPassword(secrets.Hash(account, password), now, settings.Value.PasswordLifetime);
        db.TechnicalAccounts.Add(account);
        db.AuditEntries.Add(AuditEntry.Record(now, user.Id, "connections.technical-account.create", structureId, details: account.Login));
        await PrincipalManagers.NotifyAsync(db, outbox, structureId, $"Portique — compte technique créé ({structure.Name})",
            $"Bonjour,\n\nLe compte technique {account.Login} a été créé pour la structure {structure.Name}. Son mot de passe expire le {account.PasswordExpiresAt:dd/MM/yyyy}.\n" +
            "Le mot de passe n'a été affiché qu'une fois, à sa création ; il n'est pas envoyé par e-mail.\n", ct);
        await db.SaveChangesAsync(ct);
        return new TechnicalCredentials(account.Id, account.Login, password, account.PasswordExpiresAt);
    }

    internal static void Map(IEndpointRouteBuilder api) =>
        api.MapPost("/structures/{structureId:long}/technical-accounts", async Task<Created<TechnicalCredentials>> (long structureId, CreateTechnicalAccountHandler handler, CancellationToken ct) =>
            {
                var created = await handler.HandleAsync(structureId, ct);
                return TypedResults.Created($"/api/v1/structures/{structureId}/connections", created);
            })
            .RequireAuthorization(ConnectionPolicies.Write)
            .WithSummary("Créer un compte technique (le mot de passe généré n'est montré qu'une fois)");
}
