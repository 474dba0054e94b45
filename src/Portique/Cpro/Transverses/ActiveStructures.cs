using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Portique.Common.Authorization;
using Portique.Common.Data;
using Portique.Cpro.Common;
using Portique.Organisation;

namespace Portique.Cpro.Transverses;

/// <summary>
/// transverses/v1/recuperer/structures/actives/{fournisseur,destinataire,facturetravaux}: the structures this caller may
/// invoice from, receive on, or use for works invoices. A technical account acts for its own structure only, so that is the
/// one listed — when it is active and the membership allows the application (a principal manager always does). Items name
/// the identifier "identifiant", as Chorus Pro does, with "identifiantStructure" beside it.
/// </summary>
internal static class ActiveStructures
{
    internal static void Map(IEndpointRouteBuilder cpro)
    {
        cpro.MapPost("/transverses/v1/recuperer/structures/actives/fournisseur",
                (HttpContext http, PortiqueDb db, CurrentUser user, CancellationToken ct) => ListAsync(http, db, user, PortalApplication.FacturesEmises, ct))
            .WithSummary("Structures actives pour émettre des factures");
        cpro.MapPost("/transverses/v1/recuperer/structures/actives/destinataire",
                (HttpContext http, PortiqueDb db, CurrentUser user, CancellationToken ct) => ListAsync(http, db, user, PortalApplication.FacturesRecues, ct))
            .WithSummary("Structures actives pour recevoir des factures");
        cpro.MapPost("/transverses/v1/recuperer/structures/actives/facturetravaux",
                (HttpContext http, PortiqueDb db, CurrentUser user, CancellationToken ct) => ListAsync(http, db, user, PortalApplication.FacturesTravaux, ct))
            .WithSummary("Structures actives pour les factures de travaux");
    }

    private static async Task<IResult> ListAsync(HttpContext http, PortiqueDb db, CurrentUser user, PortalApplication application, CancellationToken ct)
    {
        var structureId = CproAnswer.StructureId(http);
        var userId = user.Id;
        var membership = await db.Memberships.AsNoTracking()
            .FirstOrDefaultAsync(m => m.StructureId == structureId && m.UserId == userId && m.IsActive, ct);
        var structure = await db.Structures.AsNoTracking().FirstOrDefaultAsync(s => s.Id == structureId && s.IsActive, ct);
        var list = structure is not null && membership is not null && membership.Allows(application, HabilitationProfile.Consultation)
            ? new List<Dictionary<string, object?>>
            {
                new()
                {
                    ["idStructureCPP"] = structure.Id,
                    ["identifiant"] = structure.Identifier,
                    ["identifiantStructure"] = structure.Identifier,
                    ["typeIdentifiantStructure"] = structure.IdentifierType.ToString(),
                    ["designationStructure"] = structure.Name,
                },
            }
            : [];
        return CproAnswer.Json(CproAnswer.Ok(("listeStructures", list)));
    }
}
