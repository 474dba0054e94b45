using Microsoft.EntityFrameworkCore;
using Portique.Common.Data;
using Portique.Demo;

namespace Portique.Web;

internal static class QuickStart
{
    /// <summary>
    /// Migrates the demo database. Until the first release the schema is one regenerated "Initial" migration, so a demo file
    /// made by an older checkout carries a migration this build does not know: it holds only demo data, so it is made again.
    /// </summary>
    public static async Task PrepareDatabaseAsync(PortiqueDb db)
    {
        var known = db.Database.GetMigrations().ToHashSet(StringComparer.Ordinal);
        if ((await db.Database.GetAppliedMigrationsAsync()).Any(m => !known.Contains(m)))
        {
            Console.WriteLine("The demo database was made by another version of Portique: it is recreated with fresh demo data.");
            await db.Database.EnsureDeletedAsync();
        }
        await Schema.MigrateAsync(db);
    }

    public static void Print(ICollection<string> urls, IReadOnlyList<DemoSeed.DemoLogin> logins, string? mailDirectory)
    {
        var url = urls.FirstOrDefault() ?? "http://localhost:5080";
        Console.WriteLine();
        Console.WriteLine("Portique is running (embedded SQLite, data/portique.db).");
        Console.WriteLine($"  Portal:       {url}/");
        Console.WriteLine($"  API docs:     {url}/scalar/v1   (OpenAPI: {url}/openapi/v1.json)");
        if (mailDirectory is not null)
            Console.WriteLine($"  E-mails:      {Path.GetFullPath(mailDirectory)}   (one .eml file per message: activation, reset, news)");
        Console.WriteLine($"  Demo logins (password {DemoSeed.Password}):");
        foreach (var l in logins)
            Console.WriteLine($"    {l.Email,-36} {l.Role}");
        Console.WriteLine($"  Demo API access (POST {url}/api/oauth/token, then {url}/cpro/... with header cpro-account = base64(login:password)):");
        foreach (var c in Portique.Connections.DemoConnections.All)
            Console.WriteLine($"    {c.StructureName}: client_id {c.ClientId} / client_secret {c.ClientSecret}; technical account {c.Login} / {c.Password}");
        Console.WriteLine("  Press Ctrl+C to stop.");
    }
}
