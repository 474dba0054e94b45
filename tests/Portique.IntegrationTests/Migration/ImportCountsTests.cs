using Portique.IntegrationTests.Infrastructure;
using Portique.LegacyMigration;

namespace Portique.IntegrationTests.Migration;

public sealed class ImportCountsTests
{
    [Fact]
    public async Task Every_row_is_imported_or_rejected_with_its_code_and_verify_agrees()
    {
        var work = MigrationKit.TempDirectory();
        try
        {
            var files = Path.Combine(work.FullName, "export");
            var rejects = Path.Combine(work.FullName, "rejects");
            LegacyGenerator.Generate(new GeneratorOptions(Users: 3000, Structures: 2800, Habilitations: 20_000, Seed: 7, DefectShare: 0.03), files);
            await using var database = await MigrationDatabase.CreateAsync();

            var summary = await new LegacyImporter(database.Options(rejects), TimeProvider.System).RunAsync(files, write: true, CancellationToken.None);

            Assert.Equal(LegacyFormat.Files, summary.Files.Select(f => f.File));
            foreach (var file in summary.Files)
            {
                Assert.Equal(MigrationKit.DataRows(Path.Combine(files, file.File)), file.Read);
                Assert.Equal(file.Read, file.Imported + file.Rejected);
                Assert.Equal(file.Rejected, MigrationKit.RejectCodes(rejects, file.File).Length);
            }
            // Each defect class the generator plants lands in its file's rejects with its code.
            Assert.Superset(new HashSet<string> { "SIRET_INVALID", "DATE_INVALID", "ENCODING_INVALID", "COLUMN_COUNT" }, MigrationKit.RejectCodes(rejects, LegacyFormat.Structures).ToHashSet());
            Assert.Superset(new HashSet<string> { "EMAIL_DUPLICATE", "DATE_INVALID", "ENCODING_INVALID", "COLUMN_COUNT" }, MigrationKit.RejectCodes(rejects, LegacyFormat.Users).ToHashSet());
            Assert.Superset(new HashSet<string> { "USER_UNKNOWN", "STRUCTURE_UNKNOWN", "APPLICATION_INVALID", "COLUMN_COUNT" }, MigrationKit.RejectCodes(rejects, LegacyFormat.Habilitations).ToHashSet());
            Assert.True(summary.Files.Sum(f => f.Rejected) > 0);

            var checks = await LegacyVerifier.VerifyAsync(database.Options(rejects), files, TimeProvider.System, CancellationToken.None);
            Assert.All(checks, c => Assert.True(c.Passed, $"{c.Name}: expected {c.Expected}, found {c.Actual}"));

            // A second run of the same export writes nothing and reports the same counts.
            var before = await database.FingerprintAsync();
            var again = await new LegacyImporter(database.Options(rejects), TimeProvider.System).RunAsync(files, write: true, CancellationToken.None);
            Assert.True(again.AlreadyMoved);
            Assert.Equal(summary.Files, again.Files);
            Assert.Equal(before, await database.FingerprintAsync());
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Verify_fails_when_migrated_rows_are_missing()
    {
        var work = MigrationKit.TempDirectory();
        try
        {
            var files = Path.Combine(work.FullName, "export");
            var rejects = Path.Combine(work.FullName, "rejects");
            LegacyGenerator.Generate(new GeneratorOptions(Users: 300, Structures: 280, Habilitations: 1500, Seed: 3), files);
            await using var database = await MigrationDatabase.CreateAsync();
            await new LegacyImporter(database.Options(rejects), TimeProvider.System).RunAsync(files, write: true, CancellationToken.None);
            await using (var db = database.Open())
                await Microsoft.EntityFrameworkCore.RelationalDatabaseFacadeExtensions.ExecuteSqlRawAsync(db.Database,
                    "DELETE FROM habilitations WHERE \"Id\" = (SELECT MAX(\"Id\") FROM habilitations)");

            var checks = await LegacyVerifier.VerifyAsync(database.Options(rejects), files, TimeProvider.System, CancellationToken.None);

            Assert.Equal("habilitations: rows migrated", Assert.Single(checks, c => !c.Passed).Name);
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }
}
