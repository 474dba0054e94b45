using Microsoft.EntityFrameworkCore;
using Portique.Common.Data;
using Portique.Organisation;

namespace Portique.Annuaire;

/// <summary>
/// Routing codes from both sources: the directory's own (private establishments) and the Chorus services of the public
/// structure of the same SIRET, which are its routing codes (read from Organisation, not copied).
/// </summary>
public static class RoutingCodes
{
    public sealed record View(string Siret, string RoutingIdentifier, string Name, bool ManagesLegalCommitmentCode, AdministrativeStatus Status);

    public static async Task<bool> ExistsAsync(PortiqueDb db, string siret, string code, CancellationToken ct) =>
        await db.Set<RoutingCode>().AnyAsync(r => r.Siret == siret && r.RoutingIdentifier == code, ct)
        || await db.Structures.AnyAsync(s => s.IdentifierType == IdentifierType.SIRET && s.Identifier == siret && s.IsPublic
            && s.Services.Any(v => v.Code == code), ct);

    /// <summary>The public structures' services as routing codes, for the sirets given.</summary>
    public static IQueryable<View> FromServices(PortiqueDb db) =>
        from s in db.Structures
        where s.IdentifierType == IdentifierType.SIRET && s.IsPublic
        from v in s.Services
        select new View(s.Identifier, v.Code, v.Name, v.CommitmentNumberRequired, v.IsActive ? AdministrativeStatus.A : AdministrativeStatus.C);

    public static IQueryable<View> Own(PortiqueDb db) =>
        db.Set<RoutingCode>().Select(r => new View(r.Siret, r.RoutingIdentifier, r.Name, r.ManagesLegalCommitmentCode, r.AdministrativeStatus));
}
