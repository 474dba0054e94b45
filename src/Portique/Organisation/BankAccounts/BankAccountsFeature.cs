using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portique.Common;
using Portique.Common.Data;
using Portique.Organisation.BankAccounts.AddBankAccount;
using Portique.Organisation.BankAccounts.ListBankAccounts;
using Portique.Organisation.BankAccounts.SetBankAccountActive;

namespace Portique.Organisation.BankAccounts;

/// <summary>Bank details of a structure: add, list, deactivate/reactivate (/structures/{structureId}/bank-accounts).</summary>
public static class BankAccountsFeature
{
    public static IServiceCollection AddBankAccounts(this IServiceCollection services) => services
        .AddScoped<AddBankAccountHandler>()
        .AddScoped<ListBankAccountsHandler>()
        .AddScoped<SetBankAccountActiveHandler>();

    public static void MapBankAccounts(this IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/structures/{structureId:long}/bank-accounts").WithTags("Coordonnées bancaires");
        AddBankAccountHandler.Map(group);
        ListBankAccountsHandler.Map(group);
        SetBankAccountActiveHandler.Map(group);
    }

    /// <summary>An active bank account of the structure, for an invoice to carry; another structure's id is not found.</summary>
    public static async Task<BankAccount> ActiveAsync(this PortiqueDb db, long structureId, long bankAccountId, CancellationToken ct) =>
        await db.Set<BankAccount>().AsNoTracking().FirstOrDefaultAsync(b => b.Id == bankAccountId && b.StructureId == structureId && b.IsActive, ct)
        ?? throw new PortiqueException("BANK_ACCOUNT_NOT_FOUND", $"Les coordonnées bancaires {bankAccountId} n'existent pas ou ne sont pas actives dans cette structure.");
}
