using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Portique.Common;
using Portique.Common.Authorization;
using Portique.Common.Data;
using Portique.Cpro.Common;
using Portique.Organisation;
using Portique.Organisation.BankAccounts;
using Portique.Organisation.BankAccounts.ListBankAccounts;

namespace Portique.Cpro.Transverses;

/// <summary>
/// transverses/v1/recuperer/coordbanc/valides: the active bank details of a structure, whose idCoordonneeBancaire soumettre
/// takes as fournisseur.codeCoordonneesBancairesFournisseur. The structure defaults to the technical account's; another one
/// is answered only where the account may read its organisation or issue its invoices, as the portal's pages allow.
/// </summary>
internal static class BankDetails
{
    internal static void Map(IEndpointRouteBuilder cpro) =>
        cpro.MapPost("/transverses/v1/recuperer/coordbanc/valides", ListAsync).WithSummary("Coordonnées bancaires actives d'une structure");

    private static async Task<IResult> ListAsync(HttpContext http, PortiqueDb db, CurrentUser user, ListBankAccountsHandler handler, CancellationToken ct)
    {
        var body = await CproBody.ReadAsync(http.Request, ct);
        var structureId = body.Long("idStructure") ?? body.Long("idStructureCPP") ?? CproAnswer.StructureId(http);
        var userId = user.Id;
        var membership = await db.Memberships.AsNoTracking().FirstOrDefaultAsync(m => m.StructureId == structureId && m.UserId == userId && m.IsActive, ct);
        if (membership is null || !(membership.Allows(PortalApplication.Organisation, HabilitationProfile.Consultation)
                                    || membership.Allows(PortalApplication.FacturesEmises, HabilitationProfile.Consultation)))
            throw PortiqueException.NotFound("STRUCTURE_NOT_FOUND", $"La structure {structureId} n'existe pas ou n'est pas accessible à ce compte.");
        var accounts = await handler.HandleAsync(structureId, activeOnly: true, ct);
        return CproAnswer.Json(CproAnswer.Ok(("listeCoordonneeBancaire", accounts.Select(a => new Dictionary<string, object?>
        {
            ["idCoordonneeBancaire"] = a.Id,
            ["nomCoordonneeBancaire"] = a.Nom,
            ["iban"] = BankAccount.Display(a.Iban),
            ["bic"] = a.Bic,
        }).ToList())));
    }
}
