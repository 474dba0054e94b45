using Microsoft.EntityFrameworkCore;
using Portique.Accounts;
using Portique.IntegrationTests.Infrastructure;

namespace Portique.IntegrationTests.Cli;

/// <summary>`portique users grant-role|list-role|revoke-role`: how a fresh installation gets its first operator.</summary>
public sealed class UsersCommandTests
{
    [Fact]
    public async Task The_first_operator_is_appointed_from_the_command_line_listed_and_kept_as_the_last_one()
    {
        var connection = TestDatabase.Create();
        try
        {
            var provider = TestDatabase.IsPostgres ? "postgres" : "sqlite";
            string[] Db(params string[] args) => [.. args, "--provider", provider, "--connection", connection];
            Assert.Equal(0, Portique.Cli.Program.Run(Db("db", "migrate"), TextWriter.Null, TextWriter.Null));
            var email = Unique.Email();
            await using (var db = Portique.Cli.Db.DbCommand.Open(provider, connection))
            {
                db.Users.Add(new User { UserName = email, Email = email, NormalizedEmail = email.ToUpperInvariant(), NormalizedUserName = email.ToUpperInvariant(),
                    EmailConfirmed = true, FirstName = "Première", LastName = "Opératrice", SecurityStamp = "s", CreatedAt = DateTimeOffset.UtcNow });
                await db.SaveChangesAsync();
            }

            var output = new StringWriter();
            Assert.Equal(0, Portique.Cli.Program.Run(Db("users", "grant-role", "--role", "operateur", "--email", email), output, TextWriter.Null));
            Assert.Contains($"now has the role {Roles.Operator}", output.ToString(), StringComparison.Ordinal);
            var list = new StringWriter();
            Assert.Equal(0, Portique.Cli.Program.Run(Db("users", "list-role", "--role", Roles.Operator), list, TextWriter.Null));
            Assert.StartsWith($"{email}\tPremière Opératrice\tactive", list.ToString(), StringComparison.Ordinal);

            var error = new StringWriter();
            Assert.Equal(1, Portique.Cli.Program.Run(Db("users", "revoke-role", "--role", Roles.Operator, "--email", email), TextWriter.Null, error));
            Assert.StartsWith("ROLE_LAST_OPERATOR", error.ToString(), StringComparison.Ordinal);
            var unknown = new StringWriter();
            Assert.Equal(1, Portique.Cli.Program.Run(Db("users", "grant-role", "--role", Roles.Customs, "--email", Unique.Email()), TextWriter.Null, unknown));
            Assert.StartsWith("USER_NOT_FOUND", unknown.ToString(), StringComparison.Ordinal);

            await using var check = Portique.Cli.Db.DbCommand.Open(provider, connection);
            Assert.Equal(1, await check.UserRoles.CountAsync());
            // The role applies from the holder's next request; the security stamp, checked on every request, is left alone.
            Assert.Equal("s", await check.Users.Select(u => u.SecurityStamp).SingleAsync());
        }
        finally
        {
            TestDatabase.Drop(connection);
        }
    }
}
