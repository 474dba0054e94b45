using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Http;
using Portique.Cpro.Common;

namespace Portique.Cpro.Transverses;

/// <summary>
/// transverses/v1/rechercher/categorieSollicitation and rechercher/sousCategorieSollicitation: the categories of support
/// requests (Chorus Pro's "sollicitations"). Portique has no support-request desk — its users reach the operator outside
/// the portal — so both answer an empty list, with their paging, rather than a categorisation nothing uses.
/// </summary>
internal static class Solicitations
{
    internal static void Map(IEndpointRouteBuilder cpro)
    {
        cpro.MapPost("/transverses/v1/rechercher/categorieSollicitation", (HttpContext http, CancellationToken ct) => EmptyAsync(http, "listeCategories", ct))
            .WithSummary("Catégories de sollicitation (aucune : Portique n'a pas de sollicitations)");
        cpro.MapPost("/transverses/v1/rechercher/sousCategorieSollicitation", (HttpContext http, CancellationToken ct) => EmptyAsync(http, "listeSousCategories", ct))
            .WithSummary("Sous-catégories de sollicitation (aucune : Portique n'a pas de sollicitations)");
    }

    private static async Task<IResult> EmptyAsync(HttpContext http, string list, CancellationToken ct)
    {
        // The body is still read: a request that is not JSON is refused as anywhere else.
        var (page, size, _, _) = (await CproBody.ReadAsync(http.Request, ct)).Paging();
        return CproAnswer.Json(CproAnswer.Ok((list, new List<object>()), ("parametresRetour", CproAnswer.Paging(page, size, 0))));
    }
}
