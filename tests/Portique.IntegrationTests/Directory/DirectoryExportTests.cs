using Portique.Common;
using Portique.IntegrationTests.Infrastructure;
using static Portique.IntegrationTests.Annuaire.DirectoryKit;

namespace Portique.IntegrationTests.Annuaire;

/// <summary>`portique directory export`: the full file and the delta a platform downloads to route (SQLite and PostgreSQL).</summary>
public sealed class DirectoryExportTests(PortiqueApp app) : IClassFixture<PortiqueApp>
{
    [Fact]
    public async Task The_export_holds_every_version_and_the_delta_only_the_recent_ones()
    {
        var op = await OperatorAsync(app);
        var platform = await PlatformAsync(op);
        var siren = Siren();
        var first = await LegalUnitAsync(op, siren, "Imprimerie Faure", validFrom: "2026-01-01");
        var today = app.Clock.GetUtcNow().DayInParis();
        var second = (await LineAsync(op, new { siren, platformMatricule = platform, validFrom = today.AddDays(3).ToString("yyyy-MM-dd") })).GetProperty("idInstance").GetInt64();
        var provider = TestDatabase.IsPostgres ? "postgres" : "sqlite";
        var file = Path.Combine(Path.GetTempPath(), $"annuaire-{Unique.Next()}.csv");
        try
        {
            string[] Export(params string[] args) => ["directory", "export", "--provider", provider, "--connection", app.ConnectionString, "--out", file, .. args];
            var error = new StringWriter();
            Assert.Equal(0, Portique.Cli.Program.Run(Export(), TextWriter.Null, error));
            var lines = await File.ReadAllLinesAsync(file);
            Assert.Equal(Portique.Annuaire.Export.DirectoryExport.Header, lines[0]);
            var mine = lines.Where(l => l.Split(',')[3] == siren).ToList();
            Assert.Equal([
                $"{first},{siren},SIREN,{siren},,,,,,2026-01-01,{today.AddDays(3):yyyy-MM-dd}",
                $"{second},{siren},SIREN,{siren},,,,{platform},WK,{today.AddDays(3):yyyy-MM-dd},",
            ], mine.Select(l => l[..l.LastIndexOf(',')]));
            Assert.Contains("ligne(s) d'annuaire exportée(s)", error.ToString(), StringComparison.Ordinal);

            Assert.Equal(0, Portique.Cli.Program.Run(Export("--since", today.AddDays(1).ToString("yyyy-MM-dd")), TextWriter.Null, TextWriter.Null));
            Assert.DoesNotContain(await File.ReadAllLinesAsync(file), l => l.Contains(siren, StringComparison.Ordinal));
            Assert.Equal(0, Portique.Cli.Program.Run(Export("--since", today.ToString("yyyy-MM-dd")), TextWriter.Null, TextWriter.Null));
            Assert.Equal(2, (await File.ReadAllLinesAsync(file)).Count(l => l.Contains(siren, StringComparison.Ordinal)));

            var bad = new StringWriter();
            Assert.Equal(Portique.Cli.Program.UsageError, Portique.Cli.Program.Run(Export("--since", "07/12/2026"), TextWriter.Null, bad));
            Assert.Contains("AAAA-MM-JJ", bad.ToString(), StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
