using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Portique.Common.Authorization;
using Portique.Common.Data;
using Portique.Organisation;

namespace Portique.Refunds.ListRefunds;

public sealed record RefundSummary(long Id, int DeliveryYear, RefundStatus Status, DateTimeOffset DepositedAt, int Lines, decimal Total, decimal? AdvanceAmount, int? AdvanceYear, decimal? Balance);

public sealed record RefundStructure(long Id, string Name, string Identifier, bool CanFile);

/// <summary>A structure's requests, newest delivery year first (one per year, so never many).</summary>
public sealed class ListRefundsHandler(PortiqueDb db, CurrentUser me)
{
    public async Task<IReadOnlyList<RefundSummary>> HandleAsync(long structureId, CancellationToken ct) =>
        (await db.Set<RefundRequest>().AsNoTracking().Where(r => r.StructureId == structureId)
            .Select(r => new RefundSummary(r.Id, r.DeliveryYear, r.Status, r.DepositedAt, r.Lines.Count, r.Total, r.AdvanceAmount, r.AdvanceYear, r.Balance))
            .ToListAsync(ct)).OrderByDescending(r => r.DeliveryYear).ToList();

    /// <summary>The structures where the caller holds "Remboursement de taxes": the entry page of the application.</summary>
    public async Task<IReadOnlyList<RefundStructure>> MyStructuresAsync(CancellationToken ct)
    {
        var memberships = await db.Memberships.AsNoTracking().Where(m => m.UserId == me.Id && m.IsActive).ToListAsync(ct);
        var allowed = memberships.Where(m => m.Allows(PortalApplication.RemboursementTaxes, HabilitationProfile.Consultation))
            .ToDictionary(m => m.StructureId, m => m.Allows(PortalApplication.RemboursementTaxes, HabilitationProfile.Modification));
        var ids = allowed.Keys.ToList();
        return (await db.Structures.AsNoTracking().Where(s => ids.Contains(s.Id)).Select(s => new { s.Id, s.Name, s.Identifier }).ToListAsync(ct))
            .OrderBy(s => s.Name, StringComparer.CurrentCultureIgnoreCase)
            .Select(s => new RefundStructure(s.Id, s.Name, s.Identifier, allowed[s.Id])).ToList();
    }

    internal static void Map(IEndpointRouteBuilder api) =>
        api.MapGet("/structures/{structureId:long}/refunds", async Task<Ok<IReadOnlyList<RefundSummary>>> (long structureId, ListRefundsHandler handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.HandleAsync(structureId, ct)))
            .RequireAuthorization(Policies.Habilitation(PortalApplication.RemboursementTaxes, HabilitationProfile.Consultation))
            .WithSummary("Demandes de remboursement TICPE/TICGN d'une structure");
}
