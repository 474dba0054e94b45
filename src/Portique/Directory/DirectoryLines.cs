using Microsoft.EntityFrameworkCore;
using Portique.Common;
using Portique.Common.Data;

namespace Portique.Annuaire;

/// <summary>Appending a version to an address's history, and turning the database's refusals into stable codes.</summary>
public static class DirectoryLines
{
    /// <summary>
    /// The address's new version from <paramref name="from"/>: the current one (if any) closes that day. Checks that the legal
    /// unit, the establishment, the routing code and the platform exist; the database checks the periods.
    /// </summary>
    public static async Task<DirectoryLine> AppendAsync(PortiqueDb db, AddressingIdentifier address, string? platformMatricule, DateOnly from, DateTimeOffset now, CancellationToken ct)
    {
        await EnsureAddressExistsAsync(db, address, ct);
        if (platformMatricule is not null)
        {
            var matricule = Platform.CheckedMatricule(platformMatricule);
            if (!await db.Set<Platform>().AnyAsync(p => p.Matricule == matricule && p.IsActive, ct))
                throw PortiqueException.NotFound("PLATFORM_NOT_FOUND", $"Aucune plateforme active de matricule {matricule} n'est enregistrée.");
        }
        var last = await db.Set<DirectoryLine>().Where(l => l.AddressingIdentifier == address.Value)
            .OrderByDescending(l => l.ValidFrom).FirstOrDefaultAsync(ct);
        var line = last is { ValidTo: null } ? last.Supersede(platformMatricule, from, now) : DirectoryLine.Create(address, platformMatricule, from, now);
        // The close first, then the new version: each statement must leave the periods disjoint.
        // Within the caller's transaction when there is one.
        await using var tx = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
        await SaveAsync(db, ct);
        db.Add(line);
        await SaveAsync(db, ct);
        if (tx is not null)
            await tx.CommitAsync(ct);
        return line;
    }

    private static async Task EnsureAddressExistsAsync(PortiqueDb db, AddressingIdentifier address, CancellationToken ct)
    {
        if (!await db.Set<LegalUnit>().AnyAsync(u => u.Siren == address.Siren, ct))
            throw PortiqueException.NotFound("LEGAL_UNIT_NOT_FOUND", $"Aucune entreprise de SIREN {address.Siren} n'est inscrite à l'annuaire.");
        if (address.Siret is { } siret && !await db.Set<Facility>().AnyAsync(f => f.Siret == siret, ct))
            throw PortiqueException.NotFound("FACILITY_NOT_FOUND", $"Aucun établissement de SIRET {siret} n'est inscrit à l'annuaire.");
        if (address.RoutingIdentifier is { } code && !await RoutingCodes.ExistsAsync(db, address.Siret!, code, ct))
            throw PortiqueException.NotFound("ROUTING_CODE_NOT_FOUND", $"Le code routage « {code} » n'existe pas pour l'établissement {address.Siret}.");
    }

    /// <summary>SaveChanges, with the directory's database refusals (overlap, history) as stable codes.</summary>
    public static async Task SaveAsync(PortiqueDb db, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (Refusal(e) is { } refusal)
        {
            throw refusal;
        }
    }

    public static PortiqueException? Refusal(Exception e)
    {
        var inner = e.InnerException ?? e;
        if (inner is Npgsql.PostgresException { SqlState: "23P01", ConstraintName: "directory_lines_no_overlap" } || inner.Message.Contains("DIRECTORY_LINE_OVERLAP", StringComparison.Ordinal))
            return PortiqueException.Conflict("DIRECTORY_LINE_OVERLAP", "Deux lignes d'annuaire de la même adresse ne peuvent être en vigueur sur des périodes qui se chevauchent.");
        if (inner.Message.Contains("DIRECTORY_LINE_IMMUTABLE", StringComparison.Ordinal))
            return PortiqueException.Conflict("DIRECTORY_LINE_IMMUTABLE", "Une ligne d'annuaire n'est jamais modifiée ni supprimée : seule sa clôture, une fois, est permise.");
        return null;
    }
}
