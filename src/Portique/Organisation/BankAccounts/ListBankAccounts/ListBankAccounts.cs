using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Portique.Common.Authorization;
using Portique.Common.Data;

namespace Portique.Organisation.BankAccounts.ListBankAccounts;

public sealed record BankAccountView(long Id, string Nom, string Iban, string? Bic, bool Actif, DateTimeOffset DateCreation);

public sealed class ListBankAccountsHandler(PortiqueDb db)
{
    /// <summary>Active accounts first, then by name; a structure has a handful, so no paging.</summary>
    public async Task<IReadOnlyList<BankAccountView>> HandleAsync(long structureId, bool activeOnly, CancellationToken ct)
    {
        var accounts = db.Set<BankAccount>().AsNoTracking().Where(b => b.StructureId == structureId);
        if (activeOnly)
            accounts = accounts.Where(b => b.IsActive);
        return await accounts.OrderByDescending(b => b.IsActive).ThenBy(b => b.Name).ThenBy(b => b.Id)
            .Select(b => new BankAccountView(b.Id, b.Name, b.Iban, b.Bic, b.IsActive, b.CreatedAt))
            .ToListAsync(ct);
    }

    internal static void Map(IEndpointRouteBuilder group) =>
        group.MapGet("", async Task<Ok<IReadOnlyList<BankAccountView>>> (long structureId, bool? actives, ListBankAccountsHandler handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.HandleAsync(structureId, actives ?? false, ct)))
            .RequireAuthorization(Policies.OrganisationRead)
            .WithSummary("Coordonnées bancaires d'une structure (?actives=true : seulement les actives)");
}
