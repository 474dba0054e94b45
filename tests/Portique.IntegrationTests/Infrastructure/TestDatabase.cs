using Npgsql;

namespace Portique.IntegrationTests.Infrastructure;

/// <summary>
/// Which database the integration tests run on: SQLite by default; PostgreSQL when PORTIQUE_TEST_DB=postgres, with the
/// server given by PORTIQUE_TEST_PG (e.g. "Host=127.0.0.1;Port=5433;Username=postgres"). Each fixture gets a fresh database.
/// </summary>
public static class TestDatabase
{
    public static bool IsPostgres => string.Equals(Environment.GetEnvironmentVariable("PORTIQUE_TEST_DB"), "postgres", StringComparison.OrdinalIgnoreCase);

    public static string ProviderName => IsPostgres ? "Postgres" : "Sqlite";

    public static string Create()
    {
        var name = $"portique_test_{Guid.NewGuid():N}";
        if (!IsPostgres)
            return $"Data Source={Path.Combine(Path.GetTempPath(), name + ".db")}";
        var server = Environment.GetEnvironmentVariable("PORTIQUE_TEST_PG")
            ?? throw new InvalidOperationException("PORTIQUE_TEST_DB=postgres needs PORTIQUE_TEST_PG (a connection string to the server).");
        using (var conn = new NpgsqlConnection(server))
        {
            conn.Open();
            using var cmd = new NpgsqlCommand($"CREATE DATABASE {name}", conn);
            cmd.ExecuteNonQuery();
        }
        return new NpgsqlConnectionStringBuilder(server) { Database = name, MaxPoolSize = 30 }.ConnectionString;
    }

    public static void Drop(string connectionString)
    {
        if (!IsPostgres)
        {
            var file = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(connectionString).DataSource;
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            foreach (var f in new[] { file, file + "-wal", file + "-shm" })
                File.Delete(f);
            return;
        }
        NpgsqlConnection.ClearAllPools();
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        var db = builder.Database;
        builder.Database = "postgres";
        using var conn = new NpgsqlConnection(builder.ConnectionString);
        conn.Open();
        using var cmd = new NpgsqlCommand($"DROP DATABASE IF EXISTS {db} WITH (FORCE)", conn);
        cmd.ExecuteNonQuery();
    }
}
