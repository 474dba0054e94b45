using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Portique.Common.Data;

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

/// <summary>Chooses the provider from settings: "Database:Provider" (Sqlite by default) and "ConnectionStrings:Portique".</summary>
public static class Database
{
    public const string DefaultSqlite = "Data Source=data/portique.db";

    public static DatabaseProvider Provider(IConfiguration config) =>
        Enum.TryParse<DatabaseProvider>(config["Database:Provider"], ignoreCase: true, out var p) ? p : DatabaseProvider.Sqlite;

    public static IServiceCollection AddPortiqueDb(this IServiceCollection services, IConfiguration config)
    {
        var provider = Provider(config);
        var connection = config.GetConnectionString("Portique") ?? (provider == DatabaseProvider.Sqlite ? DefaultSqlite : null)
            ?? throw new InvalidOperationException("ConnectionStrings:Portique is required for PostgreSQL.");
        return services.AddDbContext<PortiqueDb>(o => Configure(o, provider, connection));
    }

    public static void Configure(DbContextOptionsBuilder o, DatabaseProvider provider, string connection)
    {
        if (provider == DatabaseProvider.Postgres)
            o.UseNpgsql(WithAutoPrepare(connection), n => n.MigrationsAssembly("Portique.Migrations.Postgres"));
        else
        {
            EnsureSqliteDirectory(connection);
            o.UseSqlite(connection, s => s.MigrationsAssembly("Portique.Migrations.Sqlite"));
        }
    }

    /// <summary>
    /// Npgsql prepares the statements a connection runs most often when "Max Auto Prepare" is set: it halves PostgreSQL's CPU
    /// per deposited invoice (docs/benchmarks.md). On by default; a connection string that sets it (0 to turn it off) wins.
    /// </summary>
    public static string WithAutoPrepare(string connection)
    {
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(connection);
        if (!connection.Contains("Auto Prepare", StringComparison.OrdinalIgnoreCase) && !connection.Contains("AutoPrepare", StringComparison.OrdinalIgnoreCase))
            builder.MaxAutoPrepare = 32;
        return builder.ConnectionString;
    }

    private static void EnsureSqliteDirectory(string connection)
    {
        var builder = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(connection);
        var dir = Path.GetDirectoryName(Path.GetFullPath(builder.DataSource));
        if (!string.IsNullOrEmpty(dir) && builder.DataSource != ":memory:")
            Directory.CreateDirectory(dir);
    }
}
