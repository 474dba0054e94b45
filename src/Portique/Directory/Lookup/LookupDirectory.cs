using Microsoft.EntityFrameworkCore;
using Portique.Annuaire.Resolution;
using Portique.Common;
using Portique.Common.Data;

namespace Portique.Annuaire.Lookup;

/// <summary>One company as the public lookup shows it: where to send its invoices, its current lines and establishments.</summary>
public sealed record CompanyView(string Siren, string Name, EntityType EntityType, AdministrativeStatus Status, Resolution.Resolution Default,
    IReadOnlyList<LineView> Lines, IReadOnlyList<FacilityView> Facilities);

public sealed record LineView(long IdInstance, string AddressingIdentifier, Granularity Granularity, string? PlatformMatricule, string? PlatformName,
    DateOnly ValidFrom, DateOnly? ValidTo, LineStatus Status);

/// <summary>An establishment; <paramref name="Address"/> is null when INSEE marks it non-diffusible (never shown then).</summary>
public sealed record FacilityView(string Siret, string Name, FacilityType Type, string? Address);

/// <summary>
/// The public lookup (no login): a SIREN, a SIRET or the start of a name → the companies, each with the platform its default
/// address goes to today and its current lines. At most <see cref="MaxCompanies"/> companies.
/// </summary>
public sealed class LookupDirectoryHandler(PortiqueDb db, DirectoryResolver resolver, TimeProvider clock)
{
    public const int MaxCompanies = 20;

    public async Task<IReadOnlyList<CompanyView>> HandleAsync(string? text, CancellationToken ct)
    {
        var query = (text ?? "").Replace(" ", "", StringComparison.Ordinal);
        if (query.Length == 0)
            return [];
        List<string> sirens;
        if (query.Length is 9 or 14 && query.All(char.IsAsciiDigit))
            sirens = [query[..9]];
        else
        {
            var key = SearchKey.Of(text!.Trim());
            if (key.Length < 2)
                throw new PortiqueException("LOOKUP_TOO_SHORT", "Saisissez au moins deux caractères du nom, ou un SIREN (9 chiffres) ou un SIRET (14 chiffres).") { Field = "q" };
            sirens = await db.Set<LegalUnit>().AsNoTracking().Where(u => u.NameKey.StartsWith(key))
                .OrderBy(u => u.NameKey).ThenBy(u => u.Siren).Select(u => u.Siren).Take(MaxCompanies).ToListAsync(ct);
        }
        return await CompaniesAsync(sirens, ct);
    }

    /// <summary>The companies of <paramref name="sirens"/> as the lookup and the maintenance page show them.</summary>
    public async Task<IReadOnlyList<CompanyView>> CompaniesAsync(IReadOnlyCollection<string> sirens, CancellationToken ct)
    {
        var today = clock.GetUtcNow().DayInParis();
        var units = await db.Set<LegalUnit>().AsNoTracking().Where(u => sirens.Contains(u.Siren)).OrderBy(u => u.NameKey).ThenBy(u => u.Siren).ToListAsync(ct);
        var lines = await db.Set<DirectoryLine>().AsNoTracking().Where(l => sirens.Contains(l.Siren) && (l.ValidTo == null || l.ValidTo > today))
            .OrderBy(l => l.AddressingIdentifier).ThenBy(l => l.ValidFrom).ToListAsync(ct);
        var platforms = await db.Set<Platform>().AsNoTracking().ToDictionaryAsync(p => p.Matricule, p => p.Name, ct);
        var facilities = await db.Set<Facility>().AsNoTracking().Where(f => sirens.Contains(f.Siren)).OrderBy(f => f.Siret).ToListAsync(ct);
        var defaults = await resolver.ResolveAllAsync([.. units.Select(u => u.Siren)], today, ct);
        return [.. units.Select(u => new CompanyView(u.Siren, u.BusinessName, u.EntityType, u.AdministrativeStatus, defaults[u.Siren],
            [.. lines.Where(l => l.Siren == u.Siren).Select(l => new LineView(l.IdInstance, l.AddressingIdentifier, l.Granularity, l.PlatformMatricule,
                l.PlatformMatricule is null ? null : platforms.GetValueOrDefault(l.PlatformMatricule), l.ValidFrom, l.ValidTo, l.StatusOn(today)))],
            [.. facilities.Where(f => f.Siren == u.Siren).Select(f => new FacilityView(f.Siret, f.Name, f.FacilityType,
                f.Diffusible ? string.Join(", ", new[] { f.Address.Line1, f.Address.Line2, f.Address.Line3, $"{f.Address.PostalCode} {f.Address.Locality}".Trim() }
                    .Where(p => !string.IsNullOrWhiteSpace(p))) : null))]))];
    }

    /// <summary>The platforms a line may name (the public portal excepted: it receives no invoices since 2024).</summary>
    public async Task<IReadOnlyList<(string Matricule, string Name)>> PlatformsAsync(CancellationToken ct) =>
        [.. (await db.Set<Platform>().AsNoTracking().Where(p => p.IsActive && p.Matricule != Platform.PublicPortal).OrderBy(p => p.Matricule).ToListAsync(ct))
            .Select(p => (p.Matricule, p.Name))];
}
