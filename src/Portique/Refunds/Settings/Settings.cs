using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Portique.Common.Audit;
using Portique.Common.Authorization;
using Portique.Common.Data;
using Portique.Refunds.FileRefund;

namespace Portique.Refunds.Settings;

public sealed record SetRateRequest(int Year, RefundProduct Product, decimal Rate);

/// <summary>
/// One cell of the rate table as users and operators read it: the rate in force (Rate, null when none) and where it comes from.
/// State: Published (the data file's rate), Entered (an operator's rate, audited), Unknown (not published yet: to enter),
/// NotApplicable (no refund that year).
/// </summary>
public sealed record RateTableRow(int Year, RefundProduct Product, string Unit, decimal? Rate, RateTableState State, string? Source);

public enum RateTableState { Published, Entered, Unknown, NotApplicable }

public sealed record CampaignView(int Year, decimal AdvancePercent, DateOnly? AutomaticFrom, DateOnly? AutomaticTo, DateOnly CheckboxFrom);

/// <summary>The rate table and the advance campaigns: read by everyone signed in, changed by operators (audited).</summary>
public sealed class RefundSettingsHandler(PortiqueDb db, CurrentUser me, TimeProvider clock)
{
    public async Task<IReadOnlyList<RateView>> RatesAsync(CancellationToken ct) =>
        (await db.Set<RefundRate>().AsNoTracking().ToListAsync(ct))
            .OrderByDescending(r => r.Year).ThenBy(r => r.Product).Select(r => new RateView(r.Year, r.Product, r.Product.Unit(), r.Rate)).ToList();

    /// <summary>Every product of every year from 2019 (and any earlier year in the table) to this year, newest first.</summary>
    public async Task<IReadOnlyList<RateTableRow>> TableAsync(CancellationToken ct)
    {
        var stored = (await db.Set<RefundRate>().AsNoTracking().ToListAsync(ct)).ToDictionary(r => (r.Year, r.Product), r => r.Rate);
        var thisYear = RefundRules.ParisDay(clock.GetUtcNow()).Year;
        var years = Enumerable.Range(FirstYear, Math.Max(0, thisYear - FirstYear + 1)).Concat(stored.Keys.Select(k => k.Year)).Distinct().OrderDescending();
        return years.SelectMany(year => RefundProducts.All.Select(product => Row(year, product, stored))).ToList();
    }

    /// <summary>The first delivery year the published table covers in full.</summary>
    public const int FirstYear = 2019;

    private static RateTableRow Row(int year, RefundProduct product, Dictionary<(int, RefundProduct), decimal> stored)
    {
        var published = RefundRateTable.Find(year, product);
        if (stored.TryGetValue((year, product), out var rate))
        {
            return published is { State: RateState.Published } p && p.Rate == rate
                ? new RateTableRow(year, product, product.Unit(), rate, RateTableState.Published, p.Source)
                : new RateTableRow(year, product, product.Unit(), rate, RateTableState.Entered, null);
        }
        return published is { State: RateState.NotApplicable } n
            ? new RateTableRow(year, product, product.Unit(), null, RateTableState.NotApplicable, n.Source)
            : new RateTableRow(year, product, product.Unit(), null, RateTableState.Unknown, published?.Source);
    }

    public async Task SetRateAsync(SetRateRequest r, CancellationToken ct)
    {
        var rate = await db.Set<RefundRate>().FirstOrDefaultAsync(x => x.Year == r.Year && x.Product == r.Product, ct);
        if (rate is null)
            db.Set<RefundRate>().Add(RefundRate.Create(r.Year, r.Product, r.Rate));
        else
            rate.Change(r.Rate);
        db.AuditEntries.Add(AuditEntry.Record(clock.GetUtcNow(), me.Id, "refund.rate", details: $"{r.Year} {r.Product} {r.Rate}"));
        await db.SaveChangesAsync(ct);
    }

    public async Task<IReadOnlyList<CampaignView>> CampaignsAsync(CancellationToken ct) =>
        (await db.Set<RefundCampaign>().AsNoTracking().ToListAsync(ct)).OrderBy(c => c.Year)
            .Select(c => new CampaignView(c.Year, c.AdvancePercent, c.AutomaticFrom, c.AutomaticTo, c.CheckboxFrom)).ToList();

    public async Task SetCampaignAsync(CampaignView c, CancellationToken ct)
    {
        var campaign = await db.Set<RefundCampaign>().FirstOrDefaultAsync(x => x.Year == c.Year, ct);
        if (campaign is null)
            db.Set<RefundCampaign>().Add(RefundCampaign.Create(c.Year, c.AdvancePercent, c.AutomaticFrom, c.AutomaticTo, c.CheckboxFrom));
        else
            campaign.Change(c.AdvancePercent, c.AutomaticFrom, c.AutomaticTo, c.CheckboxFrom);
        db.AuditEntries.Add(AuditEntry.Record(clock.GetUtcNow(), me.Id, "refund.campaign", details: $"{c.Year} {c.AdvancePercent} %"));
        await db.SaveChangesAsync(ct);
    }

    internal static void Map(IEndpointRouteBuilder api)
    {
        api.MapGet("/refunds/rates", async Task<Ok<IReadOnlyList<RateView>>> (RefundSettingsHandler h, CancellationToken ct) => TypedResults.Ok(await h.RatesAsync(ct)))
            .RequireAuthorization()
            .WithSummary("Barème des taux de remboursement par année de livraison et produit");
        api.MapGet("/refunds/rates/table", async Task<Ok<IReadOnlyList<RateTableRow>>> (RefundSettingsHandler h, CancellationToken ct) => TypedResults.Ok(await h.TableAsync(ct)))
            .RequireAuthorization()
            .WithSummary("Barème complet depuis 2019 : taux publié (avec sa source), saisi par un opérateur, non publié ou sans objet");
        api.MapPut("/refunds/rates", async Task<NoContent> (SetRateRequest request, RefundSettingsHandler h, CancellationToken ct) =>
            {
                await h.SetRateAsync(request, ct);
                return TypedResults.NoContent();
            })
            .RequireAuthorization(Policies.Operator)
            .WithSummary("Opérateurs : créer ou corriger un taux du barème");
        api.MapGet("/refunds/campaigns", async Task<Ok<IReadOnlyList<CampaignView>>> (RefundSettingsHandler h, CancellationToken ct) => TypedResults.Ok(await h.CampaignsAsync(ct)))
            .RequireAuthorization()
            .WithSummary("Campagnes d'avance : pourcentage et fenêtres");
        api.MapPut("/refunds/campaigns", async Task<NoContent> (CampaignView request, RefundSettingsHandler h, CancellationToken ct) =>
            {
                await h.SetCampaignAsync(request, ct);
                return TypedResults.NoContent();
            })
            .RequireAuthorization(Policies.Operator)
            .WithSummary("Opérateurs : créer ou modifier une campagne d'avance");
    }
}
