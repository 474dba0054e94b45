using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Portique.Common;
using Portique.Common.Audit;
using Portique.Common.Authorization;
using Portique.Common.Data;

namespace Portique.Annuaire.RegisterLegalUnit;

/// <summary>
/// <paramref name="PlatformMatricule"/>: who receives at the default SIREN line; none → the line is Disabled (the company is
/// known, invoices to it are not transmitted). A public entity receives through Chorus Pro unless told otherwise.
/// </summary>
public sealed record RegisterLegalUnitRequest(string Siren, string BusinessName, EntityType EntityType = EntityType.PrivateVatRegistered,
    AdministrativeStatus AdministrativeStatus = AdministrativeStatus.A, string? PlatformMatricule = null, DateOnly? ValidFrom = null);

public sealed record RegisteredLegalUnit(string Siren, long DefaultLineId);

/// <summary>Registers a legal unit with its mandatory default SIREN line, in one transaction: no SIREN without its line.</summary>
public sealed class RegisterLegalUnitHandler(PortiqueDb db, CurrentUser user, TimeProvider clock)
{
    public async Task<RegisteredLegalUnit> HandleAsync(RegisterLegalUnitRequest request, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var unit = LegalUnit.Create(request.Siren, request.BusinessName, request.EntityType, request.AdministrativeStatus, now);
        if (await db.Set<LegalUnit>().AnyAsync(u => u.Siren == unit.Siren, ct))
            throw PortiqueException.Conflict("LEGAL_UNIT_DUPLICATE", $"Le SIREN {unit.Siren} est déjà inscrit à l'annuaire.");
        var platform = request.PlatformMatricule ?? (unit.IsPublic ? Platform.ChorusPro : null);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        db.Add(unit);
        await db.SaveChangesAsync(ct);
        var line = await DirectoryLines.AppendAsync(db, AddressingIdentifier.Parse(unit.Siren), platform, request.ValidFrom ?? now.DayInParis(), now, ct);
        db.AuditEntries.Add(AuditEntry.Record(now, user.IsAuthenticated ? user.Id : null, "directory.legal_unit.register", details: unit.Siren));
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return new RegisteredLegalUnit(unit.Siren, line.IdInstance);
    }

    internal static void Map(IEndpointRouteBuilder api) =>
        api.MapPost("/legal-units", async Task<Created<RegisteredLegalUnit>> (RegisterLegalUnitRequest request, RegisterLegalUnitHandler handler, CancellationToken ct) =>
            {
                var created = await handler.HandleAsync(request, ct);
                return TypedResults.Created($"/directory-service/v1/siren/code-insee:{created.Siren}", created);
            })
            .RequireAuthorization(Policies.Operator)
            .WithSummary("Inscrire une unité légale à l'annuaire, avec sa ligne SIREN par défaut (opérateurs)");
}
