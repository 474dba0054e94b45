using System.Globalization;
using Portique.Common.Data;

namespace Portique.LegacyMigration;

public sealed record VerifyCheck(string Name, string Expected, string Actual)
{
    public bool Passed => Expected == Actual;
}

/// <summary>
/// Recounts after an import: re-derives every file's counts and reject rows from the files (without writing), then checks
/// the reject files on disk, the live rows in each migrated id range, and one principal manager per migrated structure.
/// </summary>
public static class LegacyVerifier
{
    public static async Task<List<VerifyCheck>> VerifyAsync(ImportOptions options, string directory, TimeProvider time, CancellationToken ct)
    {
        var scratch = Directory.CreateTempSubdirectory("portique-verify-");
        try
        {
            var importer = new LegacyImporter(options with { RejectDirectory = scratch.FullName }, time);
            var summary = await importer.RunAsync(directory, write: false, ct);
            var checks = new List<VerifyCheck> { new("import completed (every file loaded, every rebuild step run)", "True", summary.AlreadyMoved.ToString()) };
            var rejectDirectory = options.RejectDirectory ?? directory;
            foreach (var file in summary.Files)
            {
                checks.Add(new($"{file.File}: imported + rejected = read", file.Read.ToString(CultureInfo.InvariantCulture), (file.Imported + file.Rejected).ToString(CultureInfo.InvariantCulture)));
                var name = Path.GetFileNameWithoutExtension(file.File) + ".rejects.csv";
                var onDisk = Path.Combine(rejectDirectory, name);
                var same = File.Exists(onDisk) && File.ReadAllBytes(onDisk).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(scratch.FullName, name)));
                checks.Add(new($"{name} matches the files", "identical", same ? "identical" : File.Exists(onDisk) ? "differs" : "missing"));
            }
            await using var store = await LoadStore.OpenAsync(options.Provider, options.Connection, ct);
            foreach (var (table, first, count) in importer.Derived)
            {
                var actual = await store.ScalarAsync($"SELECT COUNT(*) FROM \"{table}\" WHERE \"Id\" >= {first} AND \"Id\" < {first + count}", ct);
                checks.Add(new($"{table}: rows migrated", count.ToString(CultureInfo.InvariantCulture), actual.ToString(CultureInfo.InvariantCulture)));
            }
            var structures = importer.Derived[0];
            var memberships = importer.Derived[3];
            var withoutMember = summary.Resolutions.GetValueOrDefault("NO_MEMBER_NO_PRINCIPAL");
            var principals = await store.ScalarAsync($"""
                SELECT COUNT(*) FROM (SELECT "StructureId" FROM memberships
                WHERE "Id" >= {memberships.FirstId} AND "Id" < {memberships.FirstId + memberships.Count} AND "Role" = 'PrincipalManager' AND "IsActive" = {(store.IsPostgres ? "true" : "1")}
                GROUP BY "StructureId" HAVING COUNT(*) = 1) AS single
                """, ct);
            var anyPrincipal = await store.ScalarAsync($"""
                SELECT COUNT(DISTINCT "StructureId") FROM memberships
                WHERE "Id" >= {memberships.FirstId} AND "Id" < {memberships.FirstId + memberships.Count} AND "Role" = 'PrincipalManager'
                """, ct);
            var expected = (structures.Count - withoutMember).ToString(CultureInfo.InvariantCulture);
            checks.Add(new("structures with exactly one principal manager", expected, principals.ToString(CultureInfo.InvariantCulture)));
            checks.Add(new("structures with a principal manager", expected, anyPrincipal.ToString(CultureInfo.InvariantCulture)));
            return checks;
        }
        finally
        {
            scratch.Delete(recursive: true);
        }
    }
}
