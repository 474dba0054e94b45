using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Portique.Common;
using Portique.Common.Audit;
using Portique.Common.Authorization;
using Portique.Common.Data;

namespace Portique.Annuaire.RegisterFacility;

public sealed record RegisterFacilityRequest(string Siret, string Name, FacilityType FacilityType = FacilityType.S,
    AdministrativeStatus AdministrativeStatus = AdministrativeStatus.A, FacilityAddress? Address = null, bool Diffusible = true);

public sealed record RegisteredFacility(string Siret);

/// <summary>Registers an establishment of a legal unit already in the directory (operators; the bulk import does the same in volume).</summary>
public sealed class RegisterFacilityHandler(PortiqueDb db, CurrentUser user, TimeProvider clock)
{
    public async Task<RegisteredFacility> HandleAsync(RegisterFacilityRequest request, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var facility = Facility.Create(request.Siret, request.Name, request.FacilityType, request.AdministrativeStatus, request.Address ?? new(), request.Diffusible, now);
        if (!await db.Set<LegalUnit>().AnyAsync(u => u.Siren == facility.Siren, ct))
            throw PortiqueException.NotFound("LEGAL_UNIT_NOT_FOUND", $"Aucune entreprise de SIREN {facility.Siren} n'est inscrite à l'annuaire.");
        if (await db.Set<Facility>().AnyAsync(f => f.Siret == facility.Siret, ct))
            throw PortiqueException.Conflict("FACILITY_DUPLICATE", $"Le SIRET {facility.Siret} est déjà inscrit à l'annuaire.");
        db.Add(facility);
        db.AuditEntries.Add(AuditEntry.Record(now, user.IsAuthenticated ? user.Id : null, "directory.facility.register", details: facility.Siret));
        await db.SaveChangesAsync(ct);
        return new RegisteredFacility(facility.Siret);
    }

    internal static void Map(IEndpointRouteBuilder api) =>
        api.MapPost("/facilities", async Task<Created<RegisteredFacility>> (RegisterFacilityRequest request, RegisterFacilityHandler handler, CancellationToken ct) =>
            {
                var created = await handler.HandleAsync(request, ct);
                return TypedResults.Created($"/directory-service/v1/siret/code-insee:{created.Siret}", created);
            })
            .RequireAuthorization(Policies.Operator)
            .WithSummary("Inscrire un établissement à l'annuaire (opérateurs)");
}
