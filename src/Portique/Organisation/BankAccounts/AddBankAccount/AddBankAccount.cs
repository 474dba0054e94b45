using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Portique.Common;
using Portique.Common.Audit;
using Portique.Common.Authorization;
using Portique.Common.Data;

namespace Portique.Organisation.BankAccounts.AddBankAccount;

public sealed record AddBankAccountRequest(string? Nom, string? Iban, string? Bic);

public sealed record AddedBankAccount(long Id, string Iban);

public sealed class AddBankAccountHandler(PortiqueDb db, CurrentUser user, TimeProvider clock)
{
    public async Task<AddedBankAccount> HandleAsync(long structureId, AddBankAccountRequest request, CancellationToken ct)
    {
        var structure = await db.Structures.FirstOrDefaultAsync(s => s.Id == structureId, ct)
            ?? throw PortiqueException.NotFound("STRUCTURE_NOT_FOUND", $"La structure {structureId} n'existe pas.");
        var now = clock.GetUtcNow();
        var account = BankAccount.Create(structure, request.Nom, request.Iban, request.Bic, now);
        // Checked here for a clear message; the unique index (structure, IBAN) holds it under concurrency.
        if (await db.Set<BankAccount>().AnyAsync(b => b.StructureId == structureId && b.Iban == account.Iban, ct))
            throw PortiqueException.Conflict("BANK_ACCOUNT_DUPLICATE", $"La structure a déjà l'IBAN {BankAccount.Display(account.Iban)} (réactivez-le s'il est désactivé).");
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        db.Add(account);
        await db.SaveChangesAsync(ct);
        db.AuditEntries.Add(AuditEntry.Record(now, user.Id, "bankaccount.add", structureId, details: $"{account.Id} {account.Name}"));
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return new AddedBankAccount(account.Id, account.Iban);
    }

    internal static void Map(IEndpointRouteBuilder group) =>
        group.MapPost("", async Task<Created<AddedBankAccount>> (long structureId, AddBankAccountRequest request, AddBankAccountHandler handler, CancellationToken ct) =>
            {
                var added = await handler.HandleAsync(structureId, request, ct);
                return TypedResults.Created($"/api/v1/structures/{structureId}/bank-accounts", added);
            })
            .RequireAuthorization(Policies.OrganisationWrite)
            .WithSummary("Ajouter des coordonnées bancaires (IBAN, BIC) à une structure");
}
