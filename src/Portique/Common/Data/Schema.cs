using Microsoft.EntityFrameworkCore;

namespace Portique.Common.Data;

/// <summary>Applies the provider's migrations. Called by `portique db migrate`, the quick start and the tests — never silently by a production web start.</summary>
public static class Schema
{
    public static Task MigrateAsync(PortiqueDb db, CancellationToken ct = default) => db.Database.MigrateAsync(ct);
}
