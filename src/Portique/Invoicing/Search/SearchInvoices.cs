using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Portique.Common;
using Portique.Common.Authorization;
using Portique.Organisation;

namespace Portique.Invoicing.Search;

public enum InvoiceSort
{
    DateDepot,
    DateFacture,
    NumeroFacture,
    MontantTtc,
    Statut,
}

/// <summary>
/// Filters of rechercher/fournisseur and rechercher/recipiendaire. Contrepartie(s): the other structure's id(s); Services: the
/// recipient's services; Cadre: a BT-23 code, where "A1" also finds the invoices that name no cadre.
/// </summary>
public sealed record InvoiceSearch(
    string? NumeroFacture = null,
    InvoiceStatus? Statut = null,
    DateOnly? DateDepotDu = null,
    DateOnly? DateDepotAu = null,
    DateOnly? DateFactureDu = null,
    DateOnly? DateFactureAu = null,
    decimal? MontantTtcMin = null,
    decimal? MontantTtcMax = null,
    long? Contrepartie = null,
    long? Service = null,
    string? NumeroFluxDepot = null,
    InvoiceSort Tri = InvoiceSort.DateDepot,
    bool Croissant = false,
    int Page = 1,
    int Taille = 20,
    InvoiceStatus[]? Statuts = null,
    long[]? Contreparties = null,
    long[]? Services = null,
    string[]? TypesFacture = null,
    string? ModeDepot = null,
    string? NumeroBonCommande = null,
    string? NumeroMandat = null,
    string? Cadre = null,
    bool? RejetTraite = null);

public sealed record InvoiceSummary(
    long IdentifiantFactureCpp, string NumeroFacture, InvoiceStatus Statut, DateTimeOffset DateDepot, DateOnly DateFacture,
    DateTimeOffset DateHeureEtatCourant, decimal MontantHt, decimal MontantTtc, decimal MontantAPayer, string Devise,
    long IdFournisseur, string NomFournisseur, long IdDestinataire, string NomDestinataire, long? IdServiceExecutant, string TypeFacture,
    long? IdFlux, string ModeDepot, string? NumeroBonCommande, string? Cadre, bool RejetTraite);

/// <summary>
/// Searches one structure's sent or received invoices. Every filter narrows an index prefix (structure, then deposit date);
/// the total is counted up to <see cref="CountCap"/> so a broad search over millions of rows stays fast.
/// </summary>
public sealed class SearchInvoicesHandler(InvoiceAccess access)
{
    public const int CountCap = 10_000;

    public Task<Page<InvoiceSummary>> HandleAsync(long structureId, InvoiceSide side, InvoiceSearch search, CancellationToken ct) =>
        HandleAsync(structureId, [side], search, ct);

    /// <summary>Both sides at once (rechercher/demandePaiement): what the structure sent and what it received, each as visible to the caller.</summary>
    public async Task<Page<InvoiceSummary>> HandleAsync(long structureId, IReadOnlyCollection<InvoiceSide> sides, InvoiceSearch search, CancellationToken ct)
    {
        IQueryable<Invoice>? visible = null;
        foreach (var side in sides.Distinct())
        {
            var sideQuery = await access.VisibleAsync(structureId, side, ct);
            visible = visible is null ? sideQuery : visible.Union(sideQuery);
        }
        var query = (visible ?? throw new ArgumentException("Au moins un côté (émis, reçu) est nécessaire.", nameof(sides))).AsNoTracking();
        if (!string.IsNullOrWhiteSpace(search.NumeroFacture))
            query = query.Where(i => i.Number == search.NumeroFacture.Trim());
        if (search.Statut is { } status)
            query = query.Where(i => i.Status == status);
        if (search.Statuts is { Length: > 0 } statuses)
            query = statuses.Distinct().ToList() is [var only] ? query.Where(i => i.Status == only) : query.Where(i => statuses.Contains(i.Status));
        if (search.DateDepotDu is { } depositFrom)
            query = query.Where(i => i.DepositedOn >= depositFrom);
        if (search.DateDepotAu is { } depositTo)
            query = query.Where(i => i.DepositedOn <= depositTo);
        if (search.DateFactureDu is { } issueFrom)
            query = query.Where(i => i.IssueDate >= issueFrom);
        if (search.DateFactureAu is { } issueTo)
            query = query.Where(i => i.IssueDate <= issueTo);
        if (search.MontantTtcMin is { } min)
        {
            var minCents = (long)Math.Ceiling(min * 100m);
            query = query.Where(i => i.AmountInclVatCents >= minCents);
        }
        if (search.MontantTtcMax is { } max)
        {
            var maxCents = (long)Math.Floor(max * 100m);
            query = query.Where(i => i.AmountInclVatCents <= maxCents);
        }
        var others = (search.Contreparties ?? []).Concat(search.Contrepartie is { } one ? new[] { one } : []).Distinct().ToList();
        if (others.Count > 0)
            query = sides.Distinct().Count() > 1
                ? query.Where(i => (i.SupplierStructureId == structureId && others.Contains(i.RecipientStructureId))
                    || (i.RecipientStructureId == structureId && others.Contains(i.SupplierStructureId)))
                // One counterpart (the usual case) stays an equality, which the (structure, …) indexes serve best.
                : (sides.First(), others) switch
                {
                    (InvoiceSide.Sent, [var only]) => query.Where(i => i.RecipientStructureId == only),
                    (InvoiceSide.Sent, _) => query.Where(i => others.Contains(i.RecipientStructureId)),
                    (_, [var only]) => query.Where(i => i.SupplierStructureId == only),
                    _ => query.Where(i => others.Contains(i.SupplierStructureId)),
                };
        var services = (search.Services ?? []).Concat(search.Service is { } s ? new[] { s } : []).Distinct().ToList();
        if (services is [var single])
            query = query.Where(i => i.RecipientServiceId == single);
        else if (services.Count > 0)
            query = query.Where(i => i.RecipientServiceId != null && services.Contains(i.RecipientServiceId.Value));
        if (search.TypesFacture is { Length: > 0 } types)
        {
            var upper = types.Select(t => t.Trim().ToUpperInvariant()).Distinct().ToList();
            query = query.Where(i => upper.Contains(i.InvoiceType));
        }
        if (Validation.MaxLength(search.ModeDepot, "modeDepot", 30)?.ToUpperInvariant() is { } mode)
            query = query.Where(i => i.DepositMode == mode);
        if (Validation.MaxLength(search.NumeroBonCommande, "numeroBonCommande", 50) is { } commitment)
            query = query.Where(i => i.CommitmentNumber == commitment);
        if (Validation.MaxLength(search.NumeroMandat, "numeroDpMandat", 50) is { } mandate)
            query = query.Where(i => i.MandateNumber == mandate);
        if (Validation.MaxLength(search.Cadre, "cadreFacturation", 20)?.ToUpperInvariant() is { } cadre)
            query = cadre == "A1" ? query.Where(i => i.Cadre == null || i.Cadre == cadre) : query.Where(i => i.Cadre == cadre);
        if (search.RejetTraite is { } handled)
            query = query.Where(i => i.RejectionHandled == handled);
        if (!string.IsNullOrWhiteSpace(search.NumeroFluxDepot))
        {
            var flowNumber = search.NumeroFluxDepot.Trim();
            var flowIds = access.Flows(flowNumber);
            query = query.Where(i => i.FlowId != null && flowIds.Contains(i.FlowId.Value));
        }

        var page = new PageRequest(search.Page, search.Taille);
        // The capped count walks the list's default order, the one the (structure, deposit day, id) indexes hold, whatever
        // the sort asked: the count does not depend on it, and a row limit without an order is what EF flags as unpredictable.
        var counted = await Sort(query, InvoiceSort.DateDepot, false).Take(CountCap + 1).CountAsync(ct);
        var items = await Sort(query, search.Tri, search.Croissant).Skip(page.Skip).Take(page.SafeSize)
            .Select(i => new InvoiceSummary(i.Id, i.Number, i.Status, i.DepositedAt, i.IssueDate, i.StatusChangedAt, i.AmountExclVat, i.AmountInclVat,
                i.AmountDue, i.Currency, i.SupplierStructureId, i.SupplierName, i.RecipientStructureId, i.RecipientName, i.RecipientServiceId, i.InvoiceType,
                i.FlowId, i.DepositMode, i.CommitmentNumber, i.Cadre, i.RejectionHandled))
            .ToListAsync(ct);
        return new Page<InvoiceSummary>(items, page.SafePage, page.SafeSize, Math.Min(counted, CountCap), counted > CountCap);
    }

    /// <summary>The id breaks ties, so paging is stable.</summary>
    private static IQueryable<Invoice> Sort(IQueryable<Invoice> query, InvoiceSort sort, bool ascending) => (sort, ascending) switch
    {
        (InvoiceSort.DateFacture, true) => query.OrderBy(i => i.IssueDate).ThenBy(i => i.Id),
        (InvoiceSort.DateFacture, false) => query.OrderByDescending(i => i.IssueDate).ThenByDescending(i => i.Id),
        (InvoiceSort.NumeroFacture, true) => query.OrderBy(i => i.Number).ThenBy(i => i.Id),
        (InvoiceSort.NumeroFacture, false) => query.OrderByDescending(i => i.Number).ThenByDescending(i => i.Id),
        (InvoiceSort.MontantTtc, true) => query.OrderBy(i => i.AmountInclVatCents).ThenBy(i => i.Id),
        (InvoiceSort.MontantTtc, false) => query.OrderByDescending(i => i.AmountInclVatCents).ThenByDescending(i => i.Id),
        (InvoiceSort.Statut, true) => query.OrderBy(i => i.Status).ThenBy(i => i.Id),
        (InvoiceSort.Statut, false) => query.OrderByDescending(i => i.Status).ThenByDescending(i => i.Id),
        // Deposit day then id (ids follow deposit order): the order of the (structure, deposit day, id) index, which a
        // date range narrows too. SQLite cannot sort a DateTimeOffset; a day and an id it can.
        (_, true) => query.OrderBy(i => i.DepositedOn).ThenBy(i => i.Id),
        _ => query.OrderByDescending(i => i.DepositedOn).ThenByDescending(i => i.Id),
    };

    internal static void Map(IEndpointRouteBuilder api)
    {
        api.MapGet("/structures/{structureId:long}/invoices/sent", async Task<Ok<Page<InvoiceSummary>>> (long structureId, [AsParameters] InvoiceSearch search, SearchInvoicesHandler handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.HandleAsync(structureId, InvoiceSide.Sent, search, ct)))
            .RequireAuthorization(Policies.Habilitation(PortalApplication.FacturesEmises, HabilitationProfile.Consultation))
            .WithSummary("Rechercher les factures émises");
        api.MapGet("/structures/{structureId:long}/invoices/received", async Task<Ok<Page<InvoiceSummary>>> (long structureId, [AsParameters] InvoiceSearch search, SearchInvoicesHandler handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.HandleAsync(structureId, InvoiceSide.Received, search, ct)))
            .RequireAuthorization(Policies.Habilitation(PortalApplication.FacturesRecues, HabilitationProfile.Consultation))
            .WithSummary("Rechercher les factures reçues");
    }
}
