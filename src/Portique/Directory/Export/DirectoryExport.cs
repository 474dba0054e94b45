using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Portique.Common;
using Portique.Common.Data;

namespace Portique.Annuaire.Export;

/// <summary>
/// The file a platform downloads to route (docs/api-directory.md, "Export"): every version of every directory line, or
/// with <c>since</c> the versions created since that day (Paris). CSV, UTF-8, comma-separated, one header line, ordered by
/// idInstance. A delta needs no "closed" record: each new version closes its address's previous version on its validFrom.
/// </summary>
public static class DirectoryExport
{
    public const string Header = "idInstance,addressingIdentifier,granularity,siren,siret,routingIdentifier,addressingSuffix,platformMatricule,platformType,validFrom,validTo,createdAt";

    public static async Task<long> WriteAsync(PortiqueDb db, TextWriter output, DateOnly? since, CancellationToken ct)
    {
        var from = since is { } day ? ParisTime.FromParis(day.ToDateTime(TimeOnly.MinValue)) : (DateTimeOffset?)null;
        var types = await db.Set<Platform>().AsNoTracking().ToDictionaryAsync(p => p.Matricule, p => p.Type.ToString(), ct);
        var query = db.Set<DirectoryLine>().AsNoTracking();
        // SQLite cannot compare DateTimeOffset in SQL: there the rows are filtered as they stream.
        if (from is { } f && db.IsPostgres)
            query = query.Where(l => l.CreatedAt >= f);
        await output.WriteLineAsync(Header);
        long count = 0;
        await foreach (var l in query.OrderBy(l => l.IdInstance).AsAsyncEnumerable().WithCancellation(ct))
        {
            if (from is { } g && l.CreatedAt < g)
                continue;
            await output.WriteLineAsync(string.Join(',',
                l.IdInstance.ToString(CultureInfo.InvariantCulture), l.AddressingIdentifier, l.Granularity.ToString(), l.Siren, l.Siret ?? "", l.RoutingIdentifier ?? "",
                l.Suffix ?? "", l.PlatformMatricule ?? "", l.PlatformMatricule is null ? "" : types.GetValueOrDefault(l.PlatformMatricule, ""),
                l.ValidFrom.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), l.ValidTo?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "",
                l.CreatedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)));
            count++;
        }
        return count;
    }
}
