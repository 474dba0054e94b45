using Microsoft.EntityFrameworkCore;
using Portique.Common;
using Portique.Common.Authorization;
using Portique.Common.Data;
using Portique.Organisation;

namespace Portique.Annuaire;

/// <summary>
/// Who may maintain a company's directory data: an operator, or the principal manager of one of the company's structures —
/// an Organisation structure whose SIRET starts with the SIREN (the link is the identifier, nothing is copied).
/// </summary>
public static class DirectoryAccess
{
    public static async Task EnsureManagerAsync(PortiqueDb db, CurrentUser user, string siren, CancellationToken ct)
    {
        if (user.IsOperator)
            return;
        var prefix = siren + "%";
        var manages = await (from m in db.Memberships
                             join s in db.Structures on m.StructureId equals s.Id
                             where m.UserId == user.Id && m.IsActive && m.Role == MemberRole.PrincipalManager
                                   && s.IdentifierType == IdentifierType.SIRET && EF.Functions.Like(s.Identifier, prefix)
                             select m.Id).AnyAsync(ct);
        if (!manages)
            throw PortiqueException.Forbidden("DIRECTORY_NOT_MANAGER",
                $"Seul le gestionnaire principal d'une structure de l'entreprise {siren} (ou un opérateur) peut modifier ses données d'annuaire.");
    }

    /// <summary>The SIRENs of the companies whose structures the user manages as principal manager.</summary>
    public static async Task<List<string>> ManagedSirensAsync(PortiqueDb db, long userId, CancellationToken ct) =>
        (await (from m in db.Memberships
                join s in db.Structures on m.StructureId equals s.Id
                where m.UserId == userId && m.IsActive && m.Role == MemberRole.PrincipalManager && s.IdentifierType == IdentifierType.SIRET
                select s.Identifier).ToListAsync(ct))
        .Select(siret => siret[..9]).Distinct().Order(StringComparer.Ordinal).ToList();
}
