using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Portique.Common;
using Portique.Common.Audit;
using Portique.Common.Authorization;
using Portique.Common.Data;

namespace Portique.Annuaire.AddRoutingCode;

public sealed record AddRoutingCodeRequest(string Siret, string RoutingIdentifier, string Name, bool ManagesLegalCommitmentCode = false);

public sealed record AddedRoutingCode(string Siret, string RoutingIdentifier);

/// <summary>A private establishment's routing code (a public structure's are its Chorus services, managed in Organisation).</summary>
public sealed class AddRoutingCodeHandler(PortiqueDb db, CurrentUser user, TimeProvider clock)
{
    public async Task<AddedRoutingCode> HandleAsync(AddRoutingCodeRequest request, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var code = RoutingCode.Create(request.Siret, request.RoutingIdentifier, request.Name, request.ManagesLegalCommitmentCode, now);
        await DirectoryAccess.EnsureManagerAsync(db, user, code.Siret[..9], ct);
        if (!await db.Set<Facility>().AnyAsync(f => f.Siret == code.Siret, ct))
            throw PortiqueException.NotFound("FACILITY_NOT_FOUND", $"Aucun établissement de SIRET {code.Siret} n'est inscrit à l'annuaire.");
        if (await RoutingCodes.ExistsAsync(db, code.Siret, code.RoutingIdentifier, ct))
            throw PortiqueException.Conflict("ROUTING_CODE_DUPLICATE", $"Le code routage « {code.RoutingIdentifier} » existe déjà pour l'établissement {code.Siret}.");
        db.Add(code);
        db.AuditEntries.Add(AuditEntry.Record(now, user.Id, "directory.routing_code.add", details: $"{code.Siret} {code.RoutingIdentifier}"));
        await db.SaveChangesAsync(ct);
        return new AddedRoutingCode(code.Siret, code.RoutingIdentifier);
    }

    internal static void Map(IEndpointRouteBuilder api) =>
        api.MapPost("/routing-codes", async Task<Created<AddedRoutingCode>> (AddRoutingCodeRequest request, AddRoutingCodeHandler handler, CancellationToken ct) =>
            {
                var created = await handler.HandleAsync(request, ct);
                return TypedResults.Created($"/directory-service/v1/routing-code/siret:{created.Siret}/code:{created.RoutingIdentifier}", created);
            })
            .RequireAuthorization()
            .WithSummary("Créer un code routage d'un établissement (gestionnaire principal ou opérateur)");
}
