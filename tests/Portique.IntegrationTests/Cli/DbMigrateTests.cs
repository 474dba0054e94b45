using Microsoft.EntityFrameworkCore;
using Portique.Common.Data;
using Portique.IntegrationTests.Infrastructure;

namespace Portique.IntegrationTests.Cli;

/// <summary>`portique db migrate` creates the schema on an empty database, then finds nothing to do.</summary>
public sealed class DbMigrateTests
{
    [Fact]
    public async Task Migrate_creates_the_schema_then_is_idempotent()
    {
        var connection = TestDatabase.Create();
        try
        {
            var provider = TestDatabase.IsPostgres ? "postgres" : "sqlite";
            var output = new StringWriter();
            Assert.Equal(0, Portique.Cli.Program.Run(["db", "migrate", "--provider", provider, "--connection", connection], output, TextWriter.Null));
            Assert.Contains("Applied 1 migration(s)", output.ToString(), StringComparison.Ordinal);

            var again = new StringWriter();
            Assert.Equal(0, Portique.Cli.Program.Run(["db", "migrate", "--provider", provider, "--connection", connection], again, TextWriter.Null));
            Assert.Contains("already up to date", again.ToString(), StringComparison.Ordinal);

            await using var db = Portique.Cli.Db.DbCommand.Open(provider, connection);
            Assert.Equal(0, await db.Structures.CountAsync());
            Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        }
        finally
        {
            TestDatabase.Drop(connection);
        }
    }

    [Theory]
    [InlineData("oracle", "x")]
    [InlineData("postgres", null)]
    public void Bad_provider_or_missing_connection_is_a_usage_error(string provider, string? connection)
    {
        var error = new StringWriter();
        string[] args = connection is null ? ["db", "migrate", "--provider", provider] : ["db", "migrate", "--provider", provider, "--connection", connection];
        Assert.Equal(2, Portique.Cli.Program.Run(args, TextWriter.Null, error));
        Assert.NotEmpty(error.ToString());
    }
}
