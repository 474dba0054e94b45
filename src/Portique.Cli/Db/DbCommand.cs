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

    /// <summary>
    /// Options win over environment (Database__Provider, ConnectionStrings__Portique), which wins over the SQLite default.
    /// Without a provider, the connection string says which database it is for ("Host=…" is PostgreSQL, "Data Source=…"
    /// SQLite). Every refusal is an ArgumentException of one line that names the option to fix.
    /// </summary>
    public static PortiqueDb Open(string? provider, string? connection)
    {
        var config = new ConfigurationBuilder().AddEnvironmentVariables().Build();
        var cs = connection ?? config.GetConnectionString("Portique");
        var chosen = provider is not null
            ? Enum.TryParse<DatabaseProvider>(provider, ignoreCase: true, out var p) ? p : throw new ArgumentException($"Unknown provider '{provider}': use --provider sqlite or --provider postgres.")
            : config["Database:Provider"] is { Length: > 0 } ? Database.Provider(config)
            : cs is null ? DatabaseProvider.Sqlite
            : Infer(cs) ?? throw new ArgumentException("The connection string does not say which database it is for: add --provider sqlite or --provider postgres.");
        cs ??= chosen == DatabaseProvider.Sqlite ? Database.DefaultSqlite
            : throw new ArgumentException("PostgreSQL needs a connection string: give --connection \"Host=…;Username=…;Password=…;Database=…\" (or set ConnectionStrings__Portique).");
        Check(chosen, cs);
        var options = new DbContextOptionsBuilder<PortiqueDb>();
        Database.Configure(options, chosen, cs);
        return new PortiqueDb(options.Options);
    }

    /// <summary>PostgreSQL for a connection string with a host or a server, SQLite for one with a data source or file name; null when neither.</summary>
    public static DatabaseProvider? Infer(string connection)
    {
        var keys = connection.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(part => part.Split('=', 2)[0].Trim().ToLowerInvariant()).ToHashSet();
        if (connection.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase) || connection.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase)
            || keys.Overlaps(["host", "server", "username", "user id", "userid", "port"]))
            return DatabaseProvider.Postgres;
        if (keys.Overlaps(["data source", "datasource", "filename"]))
            return DatabaseProvider.Sqlite;
        return null;
    }

    // The providers' own refusal of a connection string ("Keyword not supported: 'host'.") does not say what to do.
    private static void Check(DatabaseProvider provider, string connection)
    {
        try
        {
            _ = provider == DatabaseProvider.Postgres
                ? new Npgsql.NpgsqlConnectionStringBuilder(connection).ConnectionString
                : new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(connection).ConnectionString;
        }
        catch (Exception e) when (e is ArgumentException or FormatException or KeyNotFoundException)
        {
            var other = provider == DatabaseProvider.Postgres ? "sqlite" : "postgres";
            throw new ArgumentException($"The connection string is not a valid {provider} one ({e.Message.TrimEnd('.')}): fix --connection, or use --provider {other} if it is for {(other == "sqlite" ? "SQLite" : "PostgreSQL")}.");
        }
    }
}
