using System.CommandLine;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Portique.Common.Data;

namespace Portique.Cli.Db;

/// <summary>`portique db migrate`: applies the schema migrations of the configured provider — the explicit step a production deployment runs.</summary>
internal static class DbCommand
{
    public static Command Create()
    {
        var provider = new Option<string?>("--provider") { Description = "sqlite or postgres (default: setting Database:Provider, else sqlite)" };
        provider.AcceptOnlyFromAmong("sqlite", "postgres");
        var connection = new Option<string?>("--connection") { Description = "connection string (default: setting ConnectionStrings:Portique)" };
        var migrate = new Command("migrate", "Create or upgrade the database schema.") { provider, connection };
        migrate.SetAction(async (parse, ct) =>
        {
            PortiqueDb db;
            try
            {
                db = Open(parse.GetValue(provider), parse.GetValue(connection));
            }
            catch (ArgumentException e)
            {
                parse.InvocationConfiguration.Error.WriteLine(e.Message);
                return Program.UsageError;
            }
            await using var _ = db;
            var pending = (await db.Database.GetPendingMigrationsAsync(ct)).ToList();
            await Schema.MigrateAsync(db, ct);
            parse.InvocationConfiguration.Output.WriteLine(pending.Count == 0
                ? "Schema already up to date."
                : $"Applied {pending.Count} migration(s): {string.Join(", ", pending)}");
            return 0;
        });
        var command = new Command("db", "Database administration.");
        command.Subcommands.Add(migrate);
        return command;
    }

    /// <summary>Options win over environment (Database__Provider, ConnectionStrings__Portique), which wins over the SQLite default.</summary>
    public static PortiqueDb Open(string? provider, string? connection)
    {
        var config = new ConfigurationBuilder().AddEnvironmentVariables().Build();
        var chosen = provider is null ? Database.Provider(config)
            : Enum.TryParse<DatabaseProvider>(provider, ignoreCase: true, out var p) ? p
            : throw new ArgumentException($"Unknown provider '{provider}': use sqlite or postgres.");
        var cs = connection ?? config.GetConnectionString("Portique") ?? (chosen == DatabaseProvider.Sqlite ? Database.DefaultSqlite
            : throw new ArgumentException("PostgreSQL needs --connection or ConnectionStrings__Portique."));
        var options = new DbContextOptionsBuilder<PortiqueDb>();
        Database.Configure(options, chosen, cs);
        return new PortiqueDb(options.Options);
    }
}
