using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
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
        await CproAccess.MemberAsync(db, user, structureId, m => m.Allows(PortalApplication.Organisation, HabilitationProfile.Consultation)
            || m.Allows(PortalApplication.FacturesEmises, HabilitationProfile.Consultation), ct);
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
