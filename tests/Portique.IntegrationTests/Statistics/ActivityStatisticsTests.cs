using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Portique.IntegrationTests.Accounts;
using Portique.IntegrationTests.Infrastructure;
using Portique.IntegrationTests.Migration;
using Portique.LegacyMigration;

namespace Portique.IntegrationTests.Statistics;

public sealed class ActivityStatisticsTests(PortiqueApp app) : IClassFixture<PortiqueApp>, IAsyncLifetime
{
    private DirectoryInfo _work = null!;

    public async Task InitializeAsync()
    {
        // A migrated population with known creation dates (no defects: every row is imported).
        _work = MigrationKit.TempDirectory();
        LegacyGenerator.Generate(new GeneratorOptions(Users: 1200, Structures: 1000, Habilitations: 2000, Seed: 21), _work.FullName);
        if (await app.Db(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.AnyAsync(db.Structures)))
            return;
        var connection = await app.Db(db => Task.FromResult(Microsoft.EntityFrameworkCore.RelationalDatabaseFacadeExtensions.GetConnectionString(db.Database)!));
        await new LegacyImporter(new ImportOptions(TestDatabase.IsPostgres ? Common.Data.DatabaseProvider.Postgres : Common.Data.DatabaseProvider.Sqlite,
            connection, 1000, _work.FullName), app.Clock).RunAsync(_work.FullName, write: true, CancellationToken.None);
    }

    public Task DisposeAsync()
    {
        _work.Delete(recursive: true);
        return Task.CompletedTask;
    }

    private Dictionary<string, int> Expected(string file, int column) =>
        File.ReadLines(Path.Combine(_work.FullName, file)).Skip(1).Select(l => l.Split(';')[column][..7])
            .GroupBy(m => m).ToDictionary(g => g.Key, g => g.Count());

    [Fact]
    public async Task Operators_get_creations_per_month_matching_the_data()
    {
        var (_, client) = await app.SignedInUserAsync(isOperator: true);

        var activity = await client.GetFromJsonAsync<JsonElement>("/api/v1/statistics/activity?from=2017-01&to=2022-12");

        var months = activity.GetProperty("months").EnumerateArray().ToList();
        Assert.Equal(72, months.Count);
        var structures = Expected(LegacyFormat.Structures, 10);
        var users = Expected(LegacyFormat.Users, 6);
        foreach (var month in months)
        {
            var key = month.GetProperty("month").GetString()!;
            Assert.Equal(structures.GetValueOrDefault(key), month.GetProperty("structures").GetInt64());
            Assert.Equal(users.GetValueOrDefault(key), month.GetProperty("users").GetInt64());
        }
        Assert.Equal(1000, activity.GetProperty("structuresInRange").GetInt64());
        Assert.Equal(1000, activity.GetProperty("structuresTotal").GetInt64());
        // The signed-in operator was created today, outside the range, but counts in the total.
        Assert.Equal(1200, activity.GetProperty("usersInRange").GetInt64());
        Assert.True(activity.GetProperty("usersTotal").GetInt64() > 1200);
        // January 2017, the go-live, is the peak of the profile.
        Assert.Equal(months.Max(m => m.GetProperty("structures").GetInt64()), months[0].GetProperty("structures").GetInt64());

        var narrow = await client.GetFromJsonAsync<JsonElement>("/api/v1/statistics/activity?from=2022-03&to=2022-04");
        Assert.Equal(["2022-03", "2022-04"], narrow.GetProperty("months").EnumerateArray().Select(m => m.GetProperty("month").GetString()));
        Assert.Equal(structures.GetValueOrDefault("2022-03") + structures.GetValueOrDefault("2022-04"), narrow.GetProperty("structuresInRange").GetInt64());

        var csv = await client.GetStringAsync("/api/v1/statistics/activity.csv?from=2022-03&to=2022-04");
        const string header = "month;structures_created;users_created;invoices_deposited;invoices_DEPOT_FLUX;invoices_SAISIE;invoices_DEPOT_PDF;flows_received;approvals_requested;approvals_decided";
        Assert.Equal($"{header}\n2022-03;{structures.GetValueOrDefault("2022-03")};{users.GetValueOrDefault("2022-03")};0;0;0;0;0;0;0\n2022-04;{structures.GetValueOrDefault("2022-04")};{users.GetValueOrDefault("2022-04")};0;0;0;0;0;0;0\n", csv);
    }

    [Theory]
    [InlineData("from=2022-13&to=2022-12", "STATISTICS_MONTH_INVALID")]
    [InlineData("from=2022-06&to=2022-01", "STATISTICS_RANGE_INVALID")]
    public async Task A_bad_range_is_refused_with_its_code(string query, string code)
    {
        var (_, client) = await app.SignedInUserAsync(isOperator: true);

        var response = await client.GetAsync($"/api/v1/statistics/activity?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(code, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
    }

    [Fact]
    public async Task Only_operators_see_statistics()
    {
        var (_, client) = await app.SignedInUserAsync();

        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/v1/statistics/activity")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/v1/statistics/activity.csv")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().GetAsync("/api/v1/statistics/activity")).StatusCode);
    }

    [Fact]
    public async Task The_page_draws_the_series_with_chartjs_and_offers_the_csv()
    {
        var user = await app.CreateUserAsync(isOperator: true);
        var browser = app.Browser();
        await browser.LoginPageAsync(user.Email!, PortiqueApp.Password);

        var html = await browser.GetStringAsync("/Statistics?from=2021-01&to=2021-12");

        Assert.Contains("lib/chartjs/chart.umd.min.js", html, StringComparison.Ordinal);
        Assert.Contains("id=\"activity-chart\"", html, StringComparison.Ordinal);
        Assert.Contains("\"months\":[\"2021-01\"", html, StringComparison.Ordinal);
        var csv = await browser.GetAsync("/Statistics?handler=Csv&from=2021-01&to=2021-12");
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        Assert.Equal(13, (await csv.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/lib/chartjs/chart.umd.min.js")).StatusCode);
    }
}
