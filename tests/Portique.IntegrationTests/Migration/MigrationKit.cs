using Microsoft.EntityFrameworkCore;
using Portique.Common.Data;
using Portique.IntegrationTests.Infrastructure;
using Portique.LegacyMigration;

namespace Portique.IntegrationTests.Migration;

/// <summary>A fresh, migrated database of the provider under test, for an import of its own (one migration per database).</summary>
public sealed class MigrationDatabase : IAsyncDisposable
{
    private MigrationDatabase(string connection) => Connection = connection;

    public string Connection { get; }
    public ImportOptions Options(string rejects, int batchSize = 1000) =>
        new(TestDatabase.IsPostgres ? DatabaseProvider.Postgres : DatabaseProvider.Sqlite, Connection, batchSize, rejects);

    public static async Task<MigrationDatabase> CreateAsync()
    {
        var database = new MigrationDatabase(TestDatabase.Create());
        await using var db = database.Open();
        await Schema.MigrateAsync(db);
        return database;
    }

    public PortiqueDb Open()
    {
        var options = new DbContextOptionsBuilder<PortiqueDb>();
        Database.Configure(options, TestDatabase.IsPostgres ? DatabaseProvider.Postgres : DatabaseProvider.Sqlite, Connection);
        return new PortiqueDb(options.Options);
    }

    /// <summary>Row count and id sum of each live table: equal fingerprints mean the same rows under the same ids.</summary>
    public async Task<string> FingerprintAsync()
    {
        await using var db = Open();
        var parts = new List<string>();
        foreach (var table in new[] { "structures", "services", "AspNetUsers", "memberships", "habilitations" })
        {
            var sql = $"SELECT COUNT(*) AS \"Value\" FROM \"{table}\" UNION ALL SELECT COALESCE(SUM(\"Id\"), 0) FROM \"{table}\"";
            parts.Add($"{table}:" + string.Join("/", await db.Database.SqlQueryRaw<long>(sql).ToListAsync()));
        }
        parts.Add("principals:" + await db.Memberships.CountAsync(m => m.Role == Portique.Organisation.MemberRole.PrincipalManager));
        return string.Join(" ", parts);
    }

    public async ValueTask DisposeAsync()
    {
        await Task.Yield();
        TestDatabase.Drop(Connection);
    }
}

public static class MigrationKit
{
    public static DirectoryInfo TempDirectory() => Directory.CreateTempSubdirectory("portique-migration-");

    public static long DataRows(string path) => File.ReadLines(path).LongCount() - 1;

    public static string[] RejectCodes(string rejectsDirectory, string file) =>
        File.ReadLines(Path.Combine(rejectsDirectory, Path.GetFileNameWithoutExtension(file) + ".rejects.csv")).Skip(1).Select(l => l.Split(';')[1]).ToArray();
}
