using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Portique.Common;
using Portique.Common.Authorization;
using Portique.Common.Data;
using Portique.Cpro.Common;
using Portique.Organisation;
using Portique.Organisation.GetStructure;
using Portique.Organisation.Users.ListUsers;

namespace Portique.Cpro.Structures;

/// <summary>
/// structures/v1/lister/rattachementsutilisateur: a user's service attachments on a structure, through the portal's list of
/// users. The structure defaults to the technical account's, the user to the caller (its principal manager); another user
/// or structure is read as the portal allows it, with "Organisation" consultation there.
/// </summary>
internal static class UserAttachments
{
    internal static void Map(IEndpointRouteBuilder cpro) =>
        cpro.MapPost("/structures/v1/lister/rattachementsutilisateur", ListAsync).WithSummary("Rattachements d'un utilisateur aux services d'une structure");

    private static async Task<IResult> ListAsync(HttpContext http, PortiqueDb db, CurrentUser user, ListUsersHandler users, GetStructureHandler structures,
        CancellationToken ct)
    {
        var body = await CproBody.ReadAsync(http.Request, ct);
        var structureId = await StructureIdAsync(body, db, CproAnswer.StructureId(http), ct);
        await CproAccess.MemberAsync(db, user, structureId, m => m.Allows(PortalApplication.Organisation, HabilitationProfile.Consultation), ct);
        var callerId = user.Id;
        var userId = body.Long("idUtilisateur") ?? await UserIdAsync(db, structureId, body.String("adresseEmailConnexionUtilisateur"), ct) ?? callerId;
        var member = await users.GetAsync(structureId, userId, ct);
        var structure = await structures.HandleAsync(structureId, ct);
        // No service chosen means the whole structure, as in the portal: every service is then an attachment.
        var attached = member.Services.Count == 0 ? structure.Services : structure.Services.Where(s => member.Services.Any(r => r.Id == s.Id)).ToList();
        var (page, size, _, _) = body.Paging();
        var list = attached.OrderBy(s => s.Code, StringComparer.Ordinal).Skip((page - 1) * size).Take(size).Select(s => new Dictionary<string, object?>
        {
            ["idService"] = s.Id,
            ["codeService"] = s.Code,
            ["nomService"] = s.Name,
            ["statutRattachement"] = member.IsAttached ? "ACTIF" : "INACTIF",
            ["dateDebut"] = CproAnswer.Stamp(member.AttachedAt),
            ["dateFin"] = member.DetachedAt is { } end ? CproAnswer.Stamp(end) : null,
            ["commentaire"] = null,
        }).ToList();
        return CproAnswer.Json(CproAnswer.Ok(
            ("idStructure", structure.Id),
            ("identifiantStructure", structure.Identifier),
            ("designationStructure", structure.Name),
            ("listeServices", list),
            ("parametresRetour", CproAnswer.Paging(page, size, attached.Count))));
    }

    /// <summary>idStructure (or idStructureCPP), or identifiantStructure with its type; else the technical account's structure.</summary>
    private static async Task<long> StructureIdAsync(CproBody body, PortiqueDb db, long own, CancellationToken ct)
    {
        if ((body.Long("idStructure") ?? body.Long("idStructureCPP")) is { } id)
            return id;
        if (body.String("identifiantStructure") is not { } identifier)
            return own;
        var key = StructureIdentifier.Canonical(CproBody.Enum<IdentifierType>(body.String("typeIdentifiantStructure"), "typeIdentifiantStructure"), identifier);
        return await db.Structures.AsNoTracking().Where(s => s.Identifier == key).Select(s => (long?)s.Id).FirstOrDefaultAsync(ct)
            ?? throw PortiqueException.NotFound("STRUCTURE_NOT_FOUND", $"Aucune structure d'identifiant {identifier}.");
    }

    /// <summary>
    /// The address is looked up among the structure's members only: an account that exists elsewhere gets the same answer
    /// as no account at all, so the API does not tell who has an account on the portal.
    /// </summary>
    private static async Task<long?> UserIdAsync(PortiqueDb db, long structureId, string? email, CancellationToken ct)
    {
        if (email is null)
            return null;
        var normalized = email.ToUpperInvariant();
        return await (from u in db.Users.AsNoTracking()
                      join m in db.Memberships on u.Id equals m.UserId
                      where u.NormalizedEmail == normalized && m.StructureId == structureId
                      select (long?)u.Id).FirstOrDefaultAsync(ct)
            ?? throw PortiqueException.NotFound("USER_NOT_FOUND", $"Aucun utilisateur de cette structure n'a l'adresse {email}.");
    }
}
