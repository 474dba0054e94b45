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
            // The generated Initial migration and the hand-written constraints EF cannot express (decision 0025).
            await using (var model = Portique.Cli.Db.DbCommand.Open(provider, connection))
                Assert.Contains($"Applied {model.Database.GetMigrations().Count()} migration(s)", output.ToString(), StringComparison.Ordinal);

            var again = new StringWriter();
            Assert.Equal(0, Portique.Cli.Program.Run(["db", "migrate", "--provider", provider, "--connection", connection], again, TextWriter.Null));
            Assert.Contains("already up to date", again.ToString(), StringComparison.Ordinal);

            await using var db = Portique.Cli.Db.DbCommand.Open(provider, connection);
            Assert.Equal(0, await db.Structures.CountAsync());
            Assert.Empty(await db.Database.GetPendingMigrationsAsync());
            Assert.False(db.Database.HasPendingModelChanges(), "the migrations lag behind the model: run scripts/migrations.sh");
            if (TestDatabase.IsPostgres)
            {
                // Decision 0016: the keys the portal makes are byte-ordered, so that their indexes build fast.
                var collations = await db.Database.SqlQueryRaw<string>("""
                    SELECT table_name || '.' || column_name || '=' || coalesce(collation_name, '') AS "Value" FROM information_schema.columns
                    WHERE (table_name, column_name) IN (('AspNetUsers', 'NormalizedUserName'), ('AspNetUsers', 'NormalizedEmail'),
                      ('structures', 'Identifier'), ('structures', 'IdentifierType'), ('structures', 'Name'))
                    ORDER BY 1
                    """).ToListAsync();
                Assert.Equal(["AspNetUsers.NormalizedEmail=C", "AspNetUsers.NormalizedUserName=C", "structures.Identifier=C", "structures.IdentifierType=C", "structures.Name="],
                    collations);
            }
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
