using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Portique.Annuaire;
using Portique.Annuaire.BulkLoad;
using Portique.Common;
using Portique.Common.Data;
using Portique.IntegrationTests.Infrastructure;
using Portique.IntegrationTests.Invoicing;
using Portique.IntegrationTests.Migration;
using Portique.LegacyMigration;
using static Portique.IntegrationTests.Annuaire.DirectoryKit;

namespace Portique.IntegrationTests.Annuaire;

/// <summary>`directory generate` then `directory import` on SQLite and PostgreSQL: counts, every defect's reason, resumption, and the API.</summary>
public sealed class DirectoryBulkLoadTests(PortiqueApp app) : IClassFixture<PortiqueApp>
{
    private static readonly Dictionary<string, string[]> EveryDefect = new()
    {
        [DirectoryFiles.Platforms] = ["PLATFORM_DUPLICATE", "PLATFORM_MATRICULE_INVALID", "PLATFORM_TYPE_INVALID"],
        [DirectoryFiles.LegalUnits] = ["COLUMN_COUNT", "DATE_INVALID", "ENCODING_INVALID", "ENTITY_TYPE_INVALID", "FIELD_REQUIRED", "SIREN_DUPLICATE", "SIREN_INVALID", "STATUS_INVALID"],
        [DirectoryFiles.Facilities] = ["COLUMN_COUNT", "FACILITY_TYPE_INVALID", "LEGAL_UNIT_UNKNOWN", "POSTAL_CODE_INVALID", "SIRET_DUPLICATE", "SIRET_INVALID"],
        [DirectoryFiles.RoutingCodes] = ["FACILITY_UNKNOWN", "ROUTING_CODE_DUPLICATE", "ROUTING_CODE_INVALID"],
        [DirectoryFiles.Lines] = ["ADDRESS_INVALID", "DATE_INVALID", "FACILITY_UNKNOWN", "LEGAL_UNIT_UNKNOWN", "LINE_OVERLAP", "PERIOD_INVALID", "PLATFORM_UNKNOWN", "ROUTING_CODE_UNKNOWN"],
    };

    private static ImportOptions Options(string connection, string rejects, int batchSize = 500) =>
        new(TestDatabase.IsPostgres ? DatabaseProvider.Postgres : DatabaseProvider.Sqlite, connection, batchSize, rejects);

    [Fact]
    public async Task A_generated_set_loads_every_row_or_its_reason_once_and_resolves_through_the_directory_service()
    {
        var work = MigrationKit.TempDirectory();
        try
        {
            var files = Path.Combine(work.FullName, "set");
            var rejects = Path.Combine(work.FullName, "rejects");
            DirectoryGenerator.Generate(new DirectoryGeneratorOptions(LegalUnits: 3000, Facilities: 4500, Seed: 7, Defects: 0.05), files);
            var expected = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(files, DirectoryFiles.Expected)))!.AsObject();

            var result = await new DirectoryImporter(Options(app.ConnectionString, rejects), TimeProvider.System).RunAsync(files, CancellationToken.None);

            Assert.False(result.Summary.AlreadyMoved);
            foreach (var file in DirectoryFiles.All)
            {
                var summary = result.Summary.Files.Single(f => f.File == file);
                var wanted = expected[file]!;
                Assert.Equal((wanted["rows"]!.GetValue<long>(), wanted["imported"]!.GetValue<long>()), (summary.Read, summary.Imported));
                Assert.Equal(MigrationKit.DataRows(Path.Combine(files, file)), summary.Read);
                // Every kind of defect is in the set, and each row is rejected with the reason the generator gave it.
                var wantedCodes = wanted["rejects"]!.AsObject().ToDictionary(p => p.Key, p => p.Value!.GetValue<long>());
                Assert.Equal(EveryDefect[file], wantedCodes.Keys.Order(StringComparer.Ordinal));
                Assert.Equal(wantedCodes, result.Rejects[file].ToDictionary());
                Assert.Equal(wantedCodes, MigrationKit.RejectCodes(rejects, file).GroupBy(c => c).ToDictionary(g => g.Key, g => (long)g.Count()));
            }
            var counts = await CountsAsync(app.ConnectionString);
            Assert.Equal(Imported(expected, DirectoryFiles.LegalUnits), counts["directory_legal_units"]);
            Assert.Equal(Imported(expected, DirectoryFiles.Facilities), counts["directory_facilities"]);
            Assert.Equal(Imported(expected, DirectoryFiles.RoutingCodes), counts["directory_routing_codes"]);
            Assert.Equal(Imported(expected, DirectoryFiles.Lines), counts["directory_lines"]);
            Assert.Equal(Imported(expected, DirectoryFiles.Platforms) + 2, counts["directory_platforms"]); // beside the portal and Chorus Pro

            // Run again: nothing is written twice, the counts are re-derived from the files.
            var again = await new DirectoryImporter(Options(app.ConnectionString, rejects), TimeProvider.System).RunAsync(files, CancellationToken.None);
            Assert.True(again.Summary.AlreadyMoved);
            Assert.Equal(result.Summary.Files, again.Summary.Files);
            Assert.Equal(counts, await CountsAsync(app.ConnectionString));

            await AssertResolvesAsync(files);

            // Other files cannot be loaded on top of this load.
            DirectoryGenerator.Generate(new DirectoryGeneratorOptions(LegalUnits: 10, Facilities: 10, Seed: 8), Path.Combine(work.FullName, "other"));
            var refused = await Assert.ThrowsAsync<PortiqueException>(() =>
                new DirectoryImporter(Options(app.ConnectionString, rejects), TimeProvider.System).RunAsync(Path.Combine(work.FullName, "other"), CancellationToken.None));
            Assert.Equal("DIRECTORY_SOURCE_CHANGED", refused.Code);
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task An_import_interrupted_in_the_last_file_resumes_to_the_rows_of_an_uninterrupted_one()
    {
        var work = MigrationKit.TempDirectory();
        try
        {
            var files = Path.Combine(work.FullName, "set");
            DirectoryGenerator.Generate(new DirectoryGeneratorOptions(LegalUnits: 4000, Facilities: 5000, Seed: 11, Defects: 0.01), files);
            // Same seed, same files.
            DirectoryGenerator.Generate(new DirectoryGeneratorOptions(LegalUnits: 4000, Facilities: 5000, Seed: 11, Defects: 0.01), Path.Combine(work.FullName, "again"));
            foreach (var file in DirectoryFiles.All.Append(DirectoryFiles.Expected))
                Assert.Equal(await File.ReadAllBytesAsync(Path.Combine(files, file)), await File.ReadAllBytesAsync(Path.Combine(work.FullName, "again", file)));
            await using var interrupted = await MigrationDatabase.CreateAsync();
            await using var straight = await MigrationDatabase.CreateAsync();

            // Stopped while the lines are copied: the files before are committed and recorded, not one line may remain.
            using var stop = new CancellationTokenSource();
            var progress = new Inline(p =>
            {
                if (p.File == DirectoryFiles.Lines && p.Rows >= 2000)
                    stop.Cancel();
            });
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
                new DirectoryImporter(Options(interrupted.Connection, Path.Combine(work.FullName, "r1")), TimeProvider.System, progress).RunAsync(files, stop.Token));
            var afterStop = await CountsAsync(interrupted.Connection);
            Assert.Equal(0, afterStop["directory_lines"]);
            Assert.True(afterStop["directory_facilities"] > 0, "the facilities file was committed before the stop");

            var resumed = await new DirectoryImporter(Options(interrupted.Connection, Path.Combine(work.FullName, "r1")), TimeProvider.System).RunAsync(files, CancellationToken.None);
            var reference = await new DirectoryImporter(Options(straight.Connection, Path.Combine(work.FullName, "r2")), TimeProvider.System).RunAsync(files, CancellationToken.None);
            Assert.False(resumed.Summary.AlreadyMoved);
            Assert.Equal(reference.Summary.Files, resumed.Summary.Files);
            Assert.Equal(await FingerprintAsync(straight.Connection), await FingerprintAsync(interrupted.Connection));

            // The rebuilt non-overlap rule is the database's again: an overlapping version is refused.
            await using var db = interrupted.Open();
            var line = await db.Set<DirectoryLine>().AsNoTracking().FirstAsync(l => l.ValidTo == null && l.Granularity == Granularity.SIREN);
            db.Add(DirectoryLine.Create(AddressingIdentifier.Parse(line.AddressingIdentifier), null, line.ValidFrom.AddDays(1), DateTimeOffset.UtcNow));
            await Assert.ThrowsAnyAsync<Exception>(() => db.SaveChangesAsync());
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task A_directory_that_holds_legal_units_is_refused_and_left_as_it_was()
    {
        var work = MigrationKit.TempDirectory();
        try
        {
            var files = Path.Combine(work.FullName, "set");
            DirectoryGenerator.Generate(new DirectoryGeneratorOptions(LegalUnits: 50, Facilities: 60, Seed: 3), files);
            await using var database = await MigrationDatabase.CreateAsync();
            await using (var db = database.Open())
            {
                db.Add(LegalUnit.Create(Siren(), "Déjà là SAS", EntityType.PrivateVatRegistered, AdministrativeStatus.A, DateTimeOffset.UtcNow));
                await db.SaveChangesAsync();
            }
            var before = await CountsAsync(database.Connection);
            var refused = await Assert.ThrowsAsync<PortiqueException>(() =>
                new DirectoryImporter(Options(database.Connection, Path.Combine(work.FullName, "r")), TimeProvider.System).RunAsync(files, CancellationToken.None));
            Assert.Equal("DIRECTORY_NOT_EMPTY", refused.Code);
            Assert.Equal(before, await CountsAsync(database.Connection));
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    private async Task AssertResolvesAsync(string files)
    {
        var (_, manager) = await app.SignedInUserAsync();
        var structureId = await Kit.CreateStructureAsync(manager, SiretOf(Siren()));
        var api = await DirectoryServiceClientAsync(app, manager, structureId);
        var lines = File.ReadLines(Path.Combine(files, DirectoryFiles.Lines)).Skip(1).Select(l => l.Split(';')).ToList();
        var today = DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime);
        // A SIREN line in force with a platform, a disabled one, and a routing-code line: as the file says.
        var enabled = lines.First(l => l[0].Length == 9 && l[1].Length == 4 && l[3].Length == 0 && DateOnly.Parse(l[2], System.Globalization.CultureInfo.InvariantCulture) <= today);
        var disabled = lines.First(l => l[0].Length == 9 && l[1].Length == 0 && l[3].Length == 0);
        var routed = lines.First(l => l[0].Split('_').Length == 3 && l[0].Split('_')[1].Length == 14 && l[1].Length == 4);
        Assert.Equal("Enabled", (await GetAsync(api, $"/directory-line/code:{enabled[0]}"))["directoryLineStatus"]!.GetValue<string>());
        Assert.Equal("Disabled", (await GetAsync(api, $"/directory-line/code:{disabled[0]}"))["directoryLineStatus"]!.GetValue<string>());
        var routing = await GetAsync(api, $"/directory-line/code:{routed[0]}");
        Assert.Equal(routed[0], routing["addressingIdentifier"]!.GetValue<string>());
        var unit = File.ReadLines(Path.Combine(files, DirectoryFiles.LegalUnits)).Skip(1).First().Split(';');
        Assert.Equal(unit[1], (await GetAsync(api, $"/siren/code-insee:{unit[0]}"))["businessName"]!.GetValue<string>());
        // A line the import rejected is unknown to the directory.
        var rejected = File.ReadLines(Path.Combine(Path.GetDirectoryName(files)!, "rejects", "directory_lines.rejects.csv")).Skip(1)
            .Select(l => l.Split(';')).First(r => r[1] == "LEGAL_UNIT_UNKNOWN")[2].Trim('"'); // the raw row, quoted
        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync($"/directory-service/v1/directory-line/code:{rejected}")).StatusCode);
    }

    private static async Task<JsonObject> GetAsync(HttpClient api, string path)
    {
        var response = await api.GetAsync("/directory-service/v1" + path);
        await Ok(response, HttpStatusCode.OK);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
    }

    private static long Imported(JsonObject expected, string file) => expected[file]!["imported"]!.GetValue<long>();

    private static readonly string[] Tables = ["directory_platforms", "directory_legal_units", "directory_facilities", "directory_routing_codes", "directory_lines"];

    private static async Task<Dictionary<string, long>> CountsAsync(string connection)
    {
        await using var db = Open(connection);
        var counts = new Dictionary<string, long>();
        foreach (var table in Tables)
        {
            var sql = $"SELECT COUNT(*) AS \"Value\" FROM \"{table}\"";
            counts[table] = await db.Database.SqlQueryRaw<long>(sql).SingleAsync();
        }
        return counts;
    }

    /// <summary>Counts and an order-free digest of the lines (ids with their address and period): equal means the same rows under the same ids.</summary>
    private static async Task<string> FingerprintAsync(string connection)
    {
        var counts = await CountsAsync(connection);
        await using var db = Open(connection);
        var lines = await db.Set<DirectoryLine>().AsNoTracking().OrderBy(l => l.IdInstance)
            .Select(l => new { l.IdInstance, l.AddressingIdentifier, l.PlatformMatricule, l.ValidFrom, l.ValidTo }).ToListAsync();
        var units = await db.Set<LegalUnit>().AsNoTracking().OrderBy(u => u.Siren).Select(u => u.Siren + u.NameKey).ToListAsync();
        return string.Join(",", counts.Select(c => $"{c.Key}:{c.Value}")) + "|" + JsonSerializer.Serialize(lines).GetHashCode(StringComparison.Ordinal)
            + "|" + string.Join("", units).GetHashCode(StringComparison.Ordinal);
    }

    private static PortiqueDb Open(string connection)
    {
        var options = new DbContextOptionsBuilder<PortiqueDb>();
        Database.Configure(options, TestDatabase.IsPostgres ? DatabaseProvider.Postgres : DatabaseProvider.Sqlite, connection);
        return new PortiqueDb(options.Options);
    }

    private sealed class Inline(Action<ImportProgress> report) : IProgress<ImportProgress>
    {
        public void Report(ImportProgress value) => report(value);
    }
}
