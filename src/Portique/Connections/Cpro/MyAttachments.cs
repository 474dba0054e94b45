using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Portique.Common.Data;
using Portique.Organisation;

namespace Portique.Connections.Cpro;

/// <summary>
/// utilisateurs/v1/monCompte/recuperer/rattachements: the structures the caller is attached to. Called with a technical
/// account it answers for the structure's principal manager — all of his structures, as Chorus Pro's technical accounts see them.
/// </summary>
internal static class MyAttachments
{
    internal static void Map(IEndpointRouteBuilder cpro) =>
        cpro.MapMethods("/utilisateurs/v1/monCompte/recuperer/rattachements", ["GET", "POST"], HandleAsync)
            .WithSummary("Rattachements du compte (pour un compte technique : ceux du gestionnaire principal de sa structure)");

    private static async Task<IResult> HandleAsync(ClaimsPrincipal principal, PortiqueDb db, CancellationToken ct)
    {
        var userId = long.Parse(principal.FindFirstValue(ClaimTypes.NameIdentifier)!, System.Globalization.CultureInfo.InvariantCulture);
        var rows = await (
                from m in db.Memberships.AsNoTracking()
                join s in db.Structures.AsNoTracking().Include(x => x.Services) on m.StructureId equals s.Id
                where m.UserId == userId && m.IsActive
                orderby s.Name
                select new { Membership = m, Structure = s })
            .ToListAsync(ct);
        var list = rows.Select(r => new Dictionary<string, object?>
        {
            ["idStructure"] = r.Structure.Id,
            ["identifiantStructure"] = r.Structure.Identifier,
            ["typeIdentifiantStructure"] = r.Structure.IdentifierType.ToString(),
            ["designationStructure"] = r.Structure.Name,
            ["idRattachementStructure"] = r.Membership.Id,
            ["statutRattachementStructure"] = "ACTIF",
            ["roleUtilisateur"] = r.Membership.Role == MemberRole.PrincipalManager ? "GESTIONNAIRE_PRINCIPAL" : "UTILISATEUR",
            ["statutUtilisateur"] = "ACTIF",
            // No service chosen means the whole structure: every service is then listed.
            ["listeServicesRattache"] = r.Structure.Services
                .Where(x => r.Membership.ServiceIds.Count == 0 || r.Membership.ServiceIds.Contains(x.Id))
                .OrderBy(x => x.Code)
                .Select(x => new Dictionary<string, object?>
                {
                    ["idService"] = x.Id,
                    ["codeService"] = x.Code,
                    ["libelleService"] = x.Name,
                    ["statutService"] = x.IsActive ? "ACTIF" : "INACTIF",
                    ["estActif"] = x.IsActive,
                    // Chorus Pro's pattern for these two is "YYYY-MM-DD HH:MM"; Portique keeps the days only.
                    ["dateDbtService"] = x.ValidFrom?.ToString("yyyy-MM-dd '00:00'", System.Globalization.CultureInfo.InvariantCulture),
                    ["dateFinService"] = x.ValidTo?.ToString("yyyy-MM-dd '00:00'", System.Globalization.CultureInfo.InvariantCulture),
                })
                .ToList(),
        }).ToList();
        var answer = CproEnvelope.Ok();
        answer["listeStructureRattachement"] = list;
        return Results.Json(answer);
    }
}
