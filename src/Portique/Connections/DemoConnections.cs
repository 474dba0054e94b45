using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Portique.Common.Data;
using Portique.Organisation;

namespace Portique.Connections;

/// <summary>
/// Quick-start API access: an API client and a technical account on a demo supplier and a demo public recipient. The
/// credentials are fixed and printed (like the demo users' password) so a newcomer can call /cpro at once; never for production.
/// </summary>
public static class DemoConnections
{
    public sealed record Credentials(string StructureName, string Siret, string ClientId, string ClientSecret, string Login, string Password);

    public static readonly IReadOnlyList<Credentials> All =
    [
        new("Fournitures Dupont SARL", "44812345600015", "demo-dupont", "Portique-demo-client-dupont", "TECH_1_0000000001@cpro.portique", "Portique-demo-tech-dupont-2026"),
        new("Commune de Villeneuve-Démo", "21300010700010", "demo-villeneuve", "Portique-demo-client-villeneuve", "TECH_1_0000000002@cpro.portique", "Portique-demo-tech-mairie-2026"),
    ];

    public static async Task SeedAsync(IServiceProvider services, TimeProvider clock, CancellationToken ct = default)
    {
        var db = services.GetRequiredService<PortiqueDb>();
        var secrets = services.GetRequiredService<Secrets>();
        var settings = services.GetRequiredService<IOptions<ConnectionSettings>>().Value;
        var now = clock.GetUtcNow();
        foreach (var c in All)
        {
            var structure = await db.Structures.SingleAsync(s => s.IdentifierType == IdentifierType.SIRET && s.Identifier == c.Siret, ct);
            var manager = await db.Memberships.Where(m => m.StructureId == structure.Id && m.Role == MemberRole.PrincipalManager).Select(m => m.UserId).FirstAsync(ct);
            var client = ApiClient.Create(structure.Id, "Client API de démonstration", c.ClientId, manager, now);
            client.SetSecret(secrets.Hash(client, c.ClientSecret));
            var account = TechnicalAccount.Create(structure.Id, c.Login, manager, now);
            account.SetPassword(secrets.Hash(account, c.Password), now, settings.PasswordLifetime);
            db.ApiClients.Add(client);
            db.TechnicalAccounts.Add(account);
        }
        await db.SaveChangesAsync(ct);
    }
}
