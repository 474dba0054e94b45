using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Portique.Common;
using Portique.Cpro.Common;
using Portique.Organisation.SearchStructures;

namespace Portique.Cpro.Transverses;

/// <summary>
/// transverses/v1/rechercher/destinataire over the portal's structure directory: identifiant is exact, nomVilleCodePostal
/// is read as a post code when it is one and as the start of a name otherwise (the directory has no city search),
/// typeStructure PUBLIQUE or PRIVEE (absent: both, since B2B recipients are private structures).
/// </summary>
internal static class Recipients
{
    internal static void Map(IEndpointRouteBuilder cpro) =>
        cpro.MapPost("/transverses/v1/rechercher/destinataire", SearchAsync).WithSummary("Rechercher des destinataires");

    private static async Task<IResult> SearchAsync(HttpContext http, SearchStructuresHandler handler, CancellationToken ct)
    {
        var body = await CproBody.ReadAsync(http.Request, ct);
        var criteria = body.Field("destinataire") is JsonObject inner ? new CproBody(inner) : body;
        var (page, size, _, _) = body.Paging();
        var text = criteria.String("nomVilleCodePostal");
        var isPostCode = text is { Length: >= 4 and <= 5 } && text.All(char.IsAsciiDigit);
        var result = await handler.HandleAsync(new SearchStructuresRequest(
            Identifier: criteria.String("identifiant"),
            Name: isPostCode ? null : text,
            PostCode: isPostCode ? text : null,
            IsPublic: CproBody.IsPublic(criteria.String("typeStructure")),
            Page: page, Size: size), ct);
        var list = result.Items.Select(s => new Dictionary<string, object?>
        {
            ["idStructureCPP"] = s.Id,
            ["siret"] = s.Identifier,
            ["nomDestinataire"] = s.Name,
            ["adresseCodePostal"] = s.PostCode,
            ["adresseVille"] = s.City,
        }).ToList();
        return CproAnswer.Json(CproAnswer.Ok(("listeDestinataires", list), ("parametresRetour", CproAnswer.Paging(result.PageNumber, result.PageSize, result.Total))));
    }
}
