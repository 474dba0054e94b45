using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Portique.Common;
using Portique.Common.Audit;
using Portique.Common.Authorization;
using Portique.Common.Data;

namespace Portique.Organisation.BankAccounts.SetBankAccountActive;

public sealed class SetBankAccountActiveHandler(PortiqueDb db, CurrentUser user, TimeProvider clock)
{
    public async Task HandleAsync(long structureId, long bankAccountId, bool active, CancellationToken ct)
    {
        var account = await db.Set<BankAccount>().FirstOrDefaultAsync(b => b.Id == bankAccountId && b.StructureId == structureId, ct)
            ?? throw PortiqueException.NotFound("BANK_ACCOUNT_NOT_FOUND", $"Les coordonnées bancaires {bankAccountId} n'existent pas dans cette structure.");
        if (active)
            (await db.Structures.AsNoTracking().FirstAsync(s => s.Id == structureId, ct)).EnsureActive();
        account.SetActive(active);
        db.AuditEntries.Add(AuditEntry.Record(clock.GetUtcNow(), user.Id, active ? "bankaccount.activate" : "bankaccount.deactivate", structureId,
            details: $"{account.Id} {account.Name}"));
        await db.SaveChangesAsync(ct);
    }

    internal static void Map(IEndpointRouteBuilder group)
    {
        foreach (var (path, active, summary) in new[] { ("deactivate", false, "Désactiver des coordonnées bancaires"), ("activate", true, "Réactiver des coordonnées bancaires") })
            group.MapPost($"/{{bankAccountId:long}}/{path}", async Task<NoContent> (long structureId, long bankAccountId, SetBankAccountActiveHandler handler, CancellationToken ct) =>
                {
                    await handler.HandleAsync(structureId, bankAccountId, active, ct);
                    return TypedResults.NoContent();
                })
                .RequireAuthorization(Policies.OrganisationWrite)
                .WithSummary(summary);
    }
}
