using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Portique.Common;
using Portique.Common.Data;

namespace Portique.Organisation.SearchStructures;

public sealed record SearchStructuresRequest(
    IdentifierType? IdentifierType = null,
    string? Identifier = null,
    string? Name = null,
    string? PostCode = null,
    bool? IsPublic = null,
    bool IncludeInactive = false,
    int Page = 1,
    int Size = 20);

public sealed record StructureSummary(long Id, IdentifierType IdentifierType, string Identifier, string Name, bool IsPublic, string? PostCode, string? City, bool IsActive);

/// <summary>
/// The directory of structures, open to every signed-in user (one must find a structure to ask to join it or to invoice it).
/// Identifier search is exact; name search is a case-insensitive prefix, served by an index on each provider.
/// </summary>
public sealed class SearchStructuresHandler(PortiqueDb db)
{
    /// <summary>
    /// Counting stops here: a three-letter prefix can match tens of thousands of structures, and an exact count of them
    /// costs more than the page itself; beyond this many results the user narrows the search (docs/benchmarks.md).
    /// </summary>
    public const int CountLimit = 1000;

    public async Task<Page<StructureSummary>> HandleAsync(SearchStructuresRequest r, CancellationToken ct)
    {
        var paging = new PageRequest(r.Page, r.Size);
        var query = db.Structures.AsNoTracking();
        if (!r.IncludeInactive)
            query = query.Where(s => s.IsActive);
        if (r.IdentifierType is { } type)
            query = query.Where(s => s.IdentifierType == type);
        if (Validation.MaxLength(r.Identifier, "identifiant", 80) is { } identifier)
        {
            // Identifiers are stored in canonical form, so an exact match serves the unique index.
            var key = StructureIdentifier.Canonical(r.IdentifierType, identifier);
            query = query.Where(s => s.Identifier == key);
        }
        if (Validation.MaxLength(r.Name, "raison sociale", 200) is { } name)
        {
            var prefix = SearchKey.Of(name);
            query = query.Where(s => s.NameKey.StartsWith(prefix));
        }
        if (Validation.MaxLength(r.PostCode, "code postal", 10) is { } postCode)
            query = query.Where(s => s.Address.PostCode == postCode);
        if (r.IsPublic is { } isPublic)
            query = query.Where(s => s.IsPublic == isPublic);

        // PostgreSQL sorts in "C" so that the name index, built in that collation, also delivers the order.
        var ordered = db.IsPostgres ? query.OrderBy(s => EF.Functions.Collate(s.NameKey, "C")) : query.OrderBy(s => s.NameKey);
        // The capped count takes its rows in the name index's order too: a row limit without an order is what EF flags as
        // unpredictable (at every search), and this order keeps the count an index-only walk that stops at the cap.
        var counted = await ordered.Take(CountLimit + 1).CountAsync(ct);
        var capped = counted > CountLimit;
        var total = Math.Min(counted, CountLimit);
        // Pages past the counted results are empty without asking the database (and without a large OFFSET).
        if (paging.Skip >= total)
            return new Page<StructureSummary>([], paging.SafePage, paging.SafeSize, total, capped);
        var items = await ordered.ThenBy(s => s.Id)
            .Skip(paging.Skip).Take(Math.Min(paging.SafeSize, total - paging.Skip))
            // A structure INSEE does not publish (nonDiffusibleInsee) is found by name or identifier, without its address.
            .Select(s => new StructureSummary(s.Id, s.IdentifierType, s.Identifier, s.Name, s.IsPublic,
                s.Parameters.InseeNonDiffusible ? null : s.Address.PostCode, s.Parameters.InseeNonDiffusible ? null : s.Address.City, s.IsActive))
            .ToListAsync(ct);
        return new Page<StructureSummary>(items, paging.SafePage, paging.SafeSize, total, capped);
    }

    internal static void Map(IEndpointRouteBuilder api) =>
        api.MapGet("/structures", async Task<Ok<Page<StructureSummary>>> ([AsParameters] SearchStructuresRequest request, SearchStructuresHandler handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.HandleAsync(request, ct)))
            .RequireAuthorization()
            .WithSummary("Rechercher des structures (type + identifiant, nom, code postal, public/privé)");
}
