using System.Linq.Expressions;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Portique.Common;
using Portique.Common.Data;
using Portique.Organisation;
using static Portique.Annuaire.Afnor.SearchQuery;

namespace Portique.Annuaire.Afnor;

/// <summary>The four resources of the Directory Service: search (filters, sorting, paging, fields) and get by key.</summary>
public sealed class Resources(PortiqueDb db, TimeProvider clock)
{
    public static readonly SearchSpec SirenSpec = new("siren",
        new Dictionary<string, string[]> { ["siren"] = [Strict], ["businessName"] = [Contains, Strict, StartWith], ["entityType"] = [Strict], ["administrativeStatus"] = [Strict] },
        ["siren", "businessName", "entityType", "administrativeStatus", "instructions"], ["siren", "businessName", "entityType", "administrativeStatus"], []);

    public static readonly SearchSpec SiretSpec = new("siret",
        new Dictionary<string, string[]>
        {
            ["siret"] = [Strict], ["siren"] = [Strict], ["facilityType"] = [Strict], ["name"] = [Contains, Strict, StartWith],
            ["addressLines"] = [Contains, StartWith], ["postalCode"] = [StartWith, Strict], ["countrySubdivision"] = [Strict],
            ["locality"] = [Contains, Strict, StartWith], ["administrativeStatus"] = [Strict],
        },
        ["siret", "siren", "name", "facilityType", "administrativeStatus", "siretInstructions", "address", "pmStatus", "pmOnly", "managesPaymentStatus",
            "managesLegalCommitment", "managesLegalCommitmentOrService", "serviceCodeStatus"],
        ["siret", "siren", "name", "facilityType", "administrativeStatus"], ["siren"]);

    public static readonly SearchSpec RoutingCodeSpec = new("routing-code",
        new Dictionary<string, string[]>
        {
            ["routingIdentifier"] = [Contains, Strict], ["siret"] = [Strict], ["routingCodeName"] = [Contains, Strict], ["administrativeStatus"] = [Strict],
            ["addressLines"] = [Contains, StartWith], ["postalCode"] = [StartWith, Strict], ["locality"] = [Contains, Strict, StartWith],
        },
        ["siret", "routingIdentifierType", "routingCodeName", "routingIdentifier", "managesLegalCommitmentCode", "administrativeStatus", "address"],
        ["siret", "routingCodeName", "routingIdentifier"], ["siren", "siret"]);

    public static readonly SearchSpec LineSpec = new("directory-line",
        new Dictionary<string, string[]>
        {
            ["addressingIdentifier"] = [Contains, Strict], ["siren"] = [Strict], ["siret"] = [Strict], ["routingIdentifier"] = [Contains, Strict], ["addressingSuffix"] = [Contains, Strict],
        },
        ["addressingIdentifier", "siren", "siret", "routingIdentifier", "addressingSuffix"],
        ["addressingIdentifier", "siren", "siret", "routingIdentifier", "addressingSuffix"], ["siren", "siret", "routingCode"]);

    private DateOnly Today => clock.GetUtcNow().DayInParis();

    // ---- siren

    public async Task<JsonObject> SearchSirenAsync(SearchQuery q, CancellationToken ct)
    {
        var query = db.Set<LegalUnit>().AsNoTracking();
        foreach (var f in q.Filters)
        {
            if (f.Field == "entityType")
            {
                var type = Enum<EntityType>(f);
                query = query.Where(u => u.EntityType == type);
            }
            else if (f.Field == "administrativeStatus")
            {
                var status = Enum<AdministrativeStatus>(f);
                query = query.Where(u => u.AdministrativeStatus == status);
            }
            else
                query = f.Field == "siren" ? Match(query, u => u.Siren, f.Op, f.Value) : Match(query, u => u.NameKey, f.Op, SearchKey.Of(f.Value));
        }
        var total = await query.CountAsync(ct);
        var page = await q.Sort(query, field => field switch
            {
                "businessName" => u => u.NameKey,
                "entityType" => u => u.EntityType,
                "administrativeStatus" => u => u.AdministrativeStatus,
                _ => u => u.Siren,
            }, u => u.Siren)
            .Skip(q.Ignore).Take(q.Limit).ToListAsync(ct);
        return Answer(q, total, page.Select(Payloads.LegalUnit));
    }

    public async Task<JsonObject> GetSirenAsync(string siren, SearchQuery q, CancellationToken ct)
    {
        var unit = await db.Set<LegalUnit>().AsNoTracking().FirstOrDefaultAsync(u => u.Siren == siren, ct)
            ?? throw PortiqueException.NotFound("SIREN_NOT_FOUND", $"Le SIREN {siren} n'est pas inscrit à l'annuaire.");
        return q.Select(Payloads.LegalUnit(unit));
    }

    // ---- siret

    public async Task<JsonObject> SearchSiretAsync(SearchQuery q, CancellationToken ct)
    {
        var query = FilterFacilities(db.Set<Facility>().AsNoTracking(), q.Filters);
        var total = await query.CountAsync(ct);
        var page = await q.Sort(query, field => field switch
            {
                "siren" => f => f.Siren,
                "name" => f => f.Name,
                "facilityType" => f => f.FacilityType,
                "administrativeStatus" => f => f.AdministrativeStatus,
                _ => f => f.Siret,
            }, f => f.Siret)
            .Skip(q.Ignore).Take(q.Limit).ToListAsync(ct);
        return Answer(q, total, await FacilitiesAsync(page, q, ct));
    }

    public async Task<JsonObject> GetSiretAsync(string siret, SearchQuery q, CancellationToken ct)
    {
        var facility = await db.Set<Facility>().AsNoTracking().FirstOrDefaultAsync(f => f.Siret == siret, ct)
            ?? throw PortiqueException.NotFound("SIRET_NOT_FOUND", $"Le SIRET {siret} n'est pas inscrit à l'annuaire.");
        return (await FacilitiesAsync([facility], q, ct))[0];
    }

    private static IQueryable<Facility> FilterFacilities(IQueryable<Facility> query, IEnumerable<SearchFilter> filters)
    {
        foreach (var f in filters)
        {
            if (f.Field == "facilityType")
            {
                var type = Enum<FacilityType>(f);
                query = query.Where(x => x.FacilityType == type);
                continue;
            }
            if (f.Field == "administrativeStatus")
            {
                var status = Enum<AdministrativeStatus>(f);
                query = query.Where(x => x.AdministrativeStatus == status);
                continue;
            }
            query = f.Field switch
            {
                "siret" => Match(query, x => x.Siret, f.Op, f.Value),
                "siren" => Match(query, x => x.Siren, f.Op, f.Value),
                "name" => Match(query, x => x.Name, f.Op, f.Value),
                "addressLines" => f.Op == StartWith ? Match(query, x => x.Address.Line1, f.Op, f.Value)
                    : Match(query, x => (x.Address.Line1 ?? "") + " " + (x.Address.Line2 ?? "") + " " + (x.Address.Line3 ?? ""), f.Op, f.Value),
                "postalCode" => Match(query, x => x.Address.PostalCode, f.Op, f.Value),
                "countrySubdivision" => Match(query, x => x.Address.Subdivision, f.Op, f.Value),
                _ => Match(query, x => x.Address.Locality, f.Op, f.Value),
            };
        }
        return query;
    }

    /// <summary>Facilities as payloads, with the B2G data of the public structures of the same SIRET and the legal unit when included.</summary>
    private async Task<List<JsonObject>> FacilitiesAsync(List<Facility> page, SearchQuery q, CancellationToken ct)
    {
        var sirets = page.Select(f => f.Siret).ToList();
        var b2g = await db.Structures.AsNoTracking()
            .Where(s => s.IdentifierType == IdentifierType.SIRET && s.IsPublic && sirets.Contains(s.Identifier))
            .Select(s => new { s.Identifier, s.Parameters }).ToDictionaryAsync(s => s.Identifier, s => s.Parameters, ct);
        var units = q.Include.Contains("siren") ? await UnitsAsync(page.Select(f => f.Siren), ct) : [];
        return [.. page.Select(f =>
        {
            var o = q.Select(Payloads.Facility(f, b2g.GetValueOrDefault(f.Siret)));
            if (units.TryGetValue(f.Siren, out var unit))
                o["legalUnit"] = Payloads.LegalUnit(unit);
            return o;
        })];
    }

    private async Task<Dictionary<string, LegalUnit>> UnitsAsync(IEnumerable<string> sirens, CancellationToken ct)
    {
        var keys = sirens.Distinct().ToList();
        return await db.Set<LegalUnit>().AsNoTracking().Where(u => keys.Contains(u.Siren)).ToDictionaryAsync(u => u.Siren, ct);
    }

    private async Task<Dictionary<string, Facility>> FacilitiesByKeyAsync(IEnumerable<string> sirets, CancellationToken ct)
    {
        var keys = sirets.Distinct().ToList();
        return await db.Set<Facility>().AsNoTracking().Where(f => keys.Contains(f.Siret)).ToDictionaryAsync(f => f.Siret, ct);
    }

    // ---- routing codes

    /// <summary>The directory's own routing codes and the public structures' services, as one queryable.</summary>
    private IQueryable<RoutingCodeRow> RoutingCodeRows() =>
        db.Set<RoutingCode>().AsNoTracking().Select(r => new RoutingCodeRow
        {
            Siret = r.Siret, RoutingIdentifier = r.RoutingIdentifier, Name = r.Name, ManagesLegalCommitmentCode = r.ManagesLegalCommitmentCode,
            Closed = r.AdministrativeStatus == AdministrativeStatus.C,
        })
        .Concat(
            from s in db.Structures.AsNoTracking()
            where s.IdentifierType == IdentifierType.SIRET && s.IsPublic
            from v in s.Services
            select new RoutingCodeRow { Siret = s.Identifier, RoutingIdentifier = v.Code, Name = v.Name, ManagesLegalCommitmentCode = v.CommitmentNumberRequired, Closed = !v.IsActive });

    public async Task<JsonObject> SearchRoutingCodesAsync(SearchQuery q, CancellationToken ct)
    {
        var query = RoutingCodeRows();
        var addressFilters = q.Filters.Where(f => f.Field is "addressLines" or "postalCode" or "locality").ToList();
        if (addressFilters.Count > 0)
        {
            var facilities = FilterFacilities(db.Set<Facility>().AsNoTracking(), addressFilters);
            query = query.Where(r => facilities.Any(f => f.Siret == r.Siret));
        }
        foreach (var f in q.Filters.Except(addressFilters))
        {
            query = f.Field switch
            {
                "routingIdentifier" => Match(query, r => r.RoutingIdentifier, f.Op, f.Value),
                "siret" => Match(query, r => r.Siret, f.Op, f.Value),
                "routingCodeName" => Match(query, r => r.Name, f.Op, f.Value),
                _ => Enum<AdministrativeStatus>(f) == AdministrativeStatus.C ? query.Where(r => r.Closed) : query.Where(r => !r.Closed),
            };
        }
        var total = await query.CountAsync(ct);
        var page = await q.Sort(query, field => field switch
            {
                "routingCodeName" => r => r.Name,
                "routingIdentifier" => r => r.RoutingIdentifier,
                _ => r => r.Siret,
            }, r => r.Siret + "/" + r.RoutingIdentifier)
            .Skip(q.Ignore).Take(q.Limit).ToListAsync(ct);
        return Answer(q, total, await RoutingCodesAsync(page, q, ct));
    }

    public async Task<JsonObject> GetRoutingCodeAsync(string siret, string code, SearchQuery q, CancellationToken ct)
    {
        var row = await RoutingCodeRows().Where(r => r.Siret == siret && r.RoutingIdentifier == code).OrderBy(r => r.Closed).FirstOrDefaultAsync(ct)
            ?? throw PortiqueException.NotFound("ROUTING_CODE_NOT_FOUND", $"Le code routage « {code} » n'existe pas pour l'établissement {siret}.");
        return (await RoutingCodesAsync([row], q, ct))[0];
    }

    private async Task<List<JsonObject>> RoutingCodesAsync(List<RoutingCodeRow> page, SearchQuery q, CancellationToken ct)
    {
        var facilities = await FacilitiesByKeyAsync(page.Select(r => r.Siret), ct);
        var units = q.Include.Contains("siren") ? await UnitsAsync(page.Select(r => r.Siret[..9]), ct) : [];
        return [.. page.Select(r =>
        {
            var o = Payloads.RoutingCode(r);
            if (facilities.TryGetValue(r.Siret, out var facility) && facility.Diffusible && Payloads.Address(facility.Address) is { } address)
                o["address"] = address;
            o = q.Select(o);
            if (units.TryGetValue(r.Siret[..9], out var unit))
                o["legalUnit"] = Payloads.LegalUnit(unit);
            if (q.Include.Contains("siret") && facility is not null)
                o["facility"] = Payloads.Facility(facility, null, included: true);
            return o;
        })];
    }

    // ---- directory lines

    /// <summary>The versions that are current: in force today or still to come (history is not served since 1.1).</summary>
    private IQueryable<DirectoryLine> CurrentLines()
    {
        var today = Today;
        return db.Set<DirectoryLine>().AsNoTracking().Where(l => l.ValidTo == null || l.ValidTo > today);
    }

    public async Task<JsonObject> SearchLinesAsync(SearchQuery q, CancellationToken ct)
    {
        var query = CurrentLines();
        foreach (var f in q.Filters)
        {
            query = f.Field switch
            {
                "addressingIdentifier" => Match(query, l => l.AddressingIdentifier, f.Op, f.Value),
                "siren" => Match(query, l => l.Siren, f.Op, f.Value),
                "siret" => Match(query, l => l.Siret, f.Op, f.Value),
                "routingIdentifier" => Match(query, l => l.RoutingIdentifier, f.Op, f.Value),
                _ => Match(query, l => l.Suffix, f.Op, f.Value),
            };
        }
        var total = await query.CountAsync(ct);
        var page = await q.Sort(query, field => field switch
            {
                "siren" => l => l.Siren,
                "siret" => l => l.Siret,
                "routingIdentifier" => l => l.RoutingIdentifier,
                "addressingSuffix" => l => l.Suffix,
                _ => l => l.AddressingIdentifier,
            }, l => l.IdInstance)
            .Skip(q.Ignore).Take(q.Limit).ToListAsync(ct);
        return Answer(q, total, await LinesAsync(page, q, ct));
    }

    public async Task<JsonObject> GetLineAsync(string addressingIdentifier, SearchQuery q, CancellationToken ct)
    {
        var line = await CurrentLines().Where(l => l.AddressingIdentifier == addressingIdentifier).OrderBy(l => l.ValidFrom).FirstOrDefaultAsync(ct)
            ?? throw PortiqueException.NotFound("DIRECTORY_LINE_NOT_FOUND", $"Aucune ligne d'annuaire en vigueur ou à venir pour l'adresse « {addressingIdentifier} ».");
        return (await LinesAsync([line], q, ct))[0];
    }

    /// <summary>Lines as payloads; the routing code is embedded even without include (clients expect it, §6.4).</summary>
    private async Task<List<JsonObject>> LinesAsync(List<DirectoryLine> page, SearchQuery q, CancellationToken ct)
    {
        var matricules = page.Select(l => l.PlatformMatricule).OfType<string>().Distinct().ToList();
        var platforms = matricules.Count == 0 ? [] : await db.Set<Platform>().AsNoTracking().Where(p => matricules.Contains(p.Matricule)).ToDictionaryAsync(p => p.Matricule, ct);
        var withCode = page.Where(l => l.RoutingIdentifier is not null).ToList();
        var codes = new Dictionary<(string, string), RoutingCodeRow>();
        if (withCode.Count > 0)
        {
            var sirets = withCode.Select(l => l.Siret!).Distinct().ToList();
            foreach (var row in await RoutingCodeRows().Where(r => sirets.Contains(r.Siret)).ToListAsync(ct))
                codes.TryAdd((row.Siret, row.RoutingIdentifier), row);
        }
        var units = q.Include.Contains("siren") ? await UnitsAsync(page.Select(l => l.Siren), ct) : [];
        var facilities = q.Include.Contains("siret") ? await FacilitiesByKeyAsync(page.Select(l => l.Siret).OfType<string>(), ct) : [];
        var today = Today;
        return [.. page.Select(l =>
        {
            var o = q.Select(Payloads.Line(l, l.PlatformMatricule is null ? null : platforms.GetValueOrDefault(l.PlatformMatricule), today));
            if (l.RoutingIdentifier is not null && codes.TryGetValue((l.Siret!, l.RoutingIdentifier), out var code))
                o["routingCode"] = Payloads.RoutingCode(code, lineEmbedded: true);
            if (units.TryGetValue(l.Siren, out var unit))
                o["legalUnit"] = Payloads.LegalUnit(unit);
            if (l.Siret is not null && facilities.TryGetValue(l.Siret, out var facility))
                o["facility"] = Payloads.Facility(facility, null, included: true);
            return o;
        })];
    }

    // ---- common

    private static JsonObject Answer(SearchQuery q, int total, IEnumerable<JsonObject> results) => new()
    {
        ["search"] = q.Echo.DeepClone(),
        ["totalNumberOfResults"] = total,
        ["results"] = new JsonArray([.. results]),
    };

    private static T Enum<T>(SearchFilter f) where T : struct, System.Enum =>
        System.Enum.TryParse<T>(f.Value, ignoreCase: false, out var value) && System.Enum.IsDefined(value) && !f.Value.All(char.IsAsciiDigit) ? value
            : throw Bad("SEARCH_VALUE_INVALID", $"Valeur « {f.Value} » impossible pour « {f.Field} » (possibles : {string.Join(", ", System.Enum.GetNames<T>())}).");
}
