using Portique.Common.Data;
using Portique.IntegrationTests.Infrastructure;

namespace Portique.IntegrationTests.Cli;

/// <summary>Issue 17, point 11: the command line tells people what is wrong in one line, with what to do; never a stack trace.</summary>
public sealed class CliErrorsTests
{
    [Theory]
    [InlineData("Host=127.0.0.1;Port=5432;Username=postgres", DatabaseProvider.Postgres)]
    [InlineData("Server=db.example;User ID=portique;Password=x", DatabaseProvider.Postgres)]
    [InlineData("postgresql://portique@127.0.0.1/portique", DatabaseProvider.Postgres)]
    [InlineData("Data Source=data/portique.db", DatabaseProvider.Sqlite)]
    [InlineData("Filename=/tmp/x.db", DatabaseProvider.Sqlite)]
    public void A_connection_string_says_which_database_it_is_for(string connection, DatabaseProvider expected) =>
        Assert.Equal(expected, Portique.Cli.Db.DbCommand.Infer(connection));

    [Fact]
    public void A_postgresql_connection_string_without_provider_is_recognised_and_an_unreachable_server_is_one_line()
    {
        // Port 1 on the loopback: nothing listens there, the connection is refused at once.
        var (exit, error) = Run("db", "migrate", "--connection", "Host=127.0.0.1;Port=1;Username=postgres;Timeout=3");
        Assert.Equal(3, exit);
        Assert.Single(Lines(error));
        Assert.StartsWith("Cannot reach the PostgreSQL server", error, StringComparison.Ordinal);
        Assert.Contains("--connection", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new[] { "db", "migrate", "--provider", "sqlite", "--connection", "Host=127.0.0.1;Username=postgres" }, "--provider postgres")]
    [InlineData(new[] { "db", "migrate", "--connection", "Mode=Memory" }, "--provider sqlite or --provider postgres")]
    [InlineData(new[] { "db", "migrate", "--provider", "oracle" }, "--help")]
    [InlineData(new[] { "db", "migrat" }, "--help")]
    [InlineData(new[] { "users", "grant-role", "--role", "Operateur" }, "--help")]
    public void Usage_errors_are_one_line_naming_what_to_change(string[] args, string hint)
    {
        var (exit, error) = Run(args);
        Assert.Equal(Portique.Cli.Program.UsageError, exit);
        Assert.Single(Lines(error));
        Assert.Contains(hint, error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_sqlite_file_that_cannot_be_opened_is_one_line()
    {
        var dir = Path.Combine(Path.GetTempPath(), $"ro-{Guid.NewGuid():N}");
        File.WriteAllText(dir, "not a directory");
        try
        {
            var (exit, error) = Run("db", "migrate", "--connection", $"Data Source={Path.Combine(dir, "x.db")}");
            Assert.NotEqual(0, exit);
            Assert.Single(Lines(error));
            Assert.DoesNotContain(" at Portique", error, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(dir);
        }
    }

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static (int Exit, string Error) Run(params string[] args)
    {
        var error = new StringWriter();
        var exit = Portique.Cli.Program.Run(args, TextWriter.Null, error);
        return (exit, error.ToString());
    }
}
