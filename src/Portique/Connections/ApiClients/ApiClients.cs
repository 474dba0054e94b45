using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Portique.Common;
using Portique.Common.Audit;
using Portique.Common.Authorization;
using Portique.Common.Data;
using Portique.Organisation;

namespace Portique.Connections.ApiClients;

public sealed record RegisterApiClientRequest(string Name);

/// <summary>The only time the secret is visible: it is stored hashed.</summary>
public sealed record ApiClientCredentials(long Id, string Name, string ClientId, string ClientSecret);

/// <summary>API client registrations of a structure (the software that asks the token endpoint for bearer tokens).</summary>
public sealed class ApiClientsHandler(PortiqueDb db, CurrentUser user, TimeProvider clock, Secrets secrets)
{
    public async Task<ApiClientCredentials> RegisterAsync(long structureId, RegisterApiClientRequest request, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var secret = Secrets.Generate(40);
        var client = ApiClient.Create(structureId, request.Name, ApiClient.NewClientId(), user.Id, now);
        client.SetSecret(secrets.Hash(client, secret));
        db.ApiClients.Add(client);
        db.AuditEntries.Add(AuditEntry.Record(now, user.Id, "connections.api-client.register", structureId, details: client.ClientId));
        await db.SaveChangesAsync(ct);
        return new ApiClientCredentials(client.Id, client.Name, client.ClientId, secret);
    }

    public async Task RevokeAsync(long structureId, long id, CancellationToken ct)
    {
        var client = await db.ApiClients.FirstOrDefaultAsync(c => c.Id == id && c.StructureId == structureId, ct)
            ?? throw PortiqueException.NotFound("API_CLIENT_NOT_FOUND", $"Le client API {id} n'existe pas dans cette structure.");
        var now = clock.GetUtcNow();
        client.Revoke(now);
        db.AuditEntries.Add(AuditEntry.Record(now, user.Id, "connections.api-client.revoke", structureId, details: client.ClientId));
        await db.SaveChangesAsync(ct);
    }

    internal static void Map(IEndpointRouteBuilder api)
    {
        var modify = ConnectionPolicies.Write;
        api.MapPost("/structures/{structureId:long}/api-clients", async Task<Created<ApiClientCredentials>> (long structureId, RegisterApiClientRequest request, ApiClientsHandler handler, CancellationToken ct) =>
            {
                var created = await handler.RegisterAsync(structureId, request, ct);
                return TypedResults.Created($"/api/v1/structures/{structureId}/connections", created);
            })
            .RequireAuthorization(modify)
            .WithSummary("Enregistrer un client API (client_id + secret montré une fois) pour le point de jeton OAuth2");
        api.MapPost("/structures/{structureId:long}/api-clients/{id:long}/revoke", async Task<NoContent> (long structureId, long id, ApiClientsHandler handler, CancellationToken ct) =>
            {
                await handler.RevokeAsync(structureId, id, ct);
                return TypedResults.NoContent();
            })
            .RequireAuthorization(modify)
            .WithSummary("Révoquer un client API : ses jetons sont refusés aussitôt");
    }
}
