using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Portique.Common;
using Portique.Common.Audit;
using Portique.Common.Authorization;
using Portique.Common.Data;
using Portique.Common.Mail;

namespace Portique.Connections.SetTechnicalAccountActive;

/// <summary>Deactivates a technical account (the API refuses it from the next call) or reactivates it; the principal managers are told.</summary>
public sealed class SetTechnicalAccountActiveHandler(PortiqueDb db, CurrentUser user, TimeProvider clock, Outbox outbox)
{
    public async Task HandleAsync(long structureId, long accountId, bool active, CancellationToken ct)
    {
        var account = await db.TechnicalAccounts.FirstOrDefaultAsync(t => t.Id == accountId && t.StructureId == structureId, ct)
            ?? throw PortiqueException.NotFound("TECHNICAL_ACCOUNT_NOT_FOUND", $"Le compte technique {accountId} n'existe pas dans cette structure.");
        var structureName = await db.Structures.Where(s => s.Id == structureId).Select(s => s.Name).SingleAsync(ct);
        var now = clock.GetUtcNow();
        account.SetActive(active, now);
        db.AuditEntries.Add(AuditEntry.Record(now, user.Id, active ? "connections.technical-account.activate" : "connections.technical-account.deactivate",
            structureId, details: account.Login));
        await PrincipalManagers.NotifyAsync(db, outbox, structureId,
            $"Portique — compte technique {(active ? "réactivé" : "désactivé")} ({structureName})",
            active
                ? $"Bonjour,\n\nLe compte technique {account.Login} de la structure {structureName} a été réactivé : le logiciel qui l'utilise peut de nouveau appeler l'API.\n"
                : $"Bonjour,\n\nLe compte technique {account.Login} de la structure {structureName} a été désactivé : les appels à l'API avec ce compte sont refusés.\n", ct);
        await db.SaveChangesAsync(ct);
    }

    internal static void Map(IEndpointRouteBuilder api)
    {
        foreach (var (path, active, summary) in new[] { ("deactivate", false, "Désactiver un compte technique (l'API le refuse aussitôt)"), ("activate", true, "Réactiver un compte technique") })
            api.MapPost($"/structures/{{structureId:long}}/technical-accounts/{{id:long}}/{path}",
                    async Task<NoContent> (long structureId, long id, SetTechnicalAccountActiveHandler handler, CancellationToken ct) =>
                    {
                        await handler.HandleAsync(structureId, id, active, ct);
                        return TypedResults.NoContent();
                    })
                .RequireAuthorization(ConnectionPolicies.Write)
                .WithSummary(summary);
    }
}
