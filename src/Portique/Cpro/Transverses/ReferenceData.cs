using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Portique.Common;
using Portique.Cpro.Common;
using Portique.Invoicing;
using Portique.Organisation;

namespace Portique.Cpro.Transverses;

/// <summary>
/// transverses/v1/recuperer reference lists that Portique holds as data: identifier types and the recipient's legal next
/// statuses come from the domain; countries and currencies from the ISO tables .NET carries (RegionInfo).
/// </summary>
internal static class ReferenceData
{
    internal static void Map(IEndpointRouteBuilder cpro)
    {
        cpro.MapPost("/transverses/v1/recuperer/typeidentifiant/structure", () => CproAnswer.Json(CproAnswer.Ok(("listeTypeIdentifiant",
                Enum.GetValues<IdentifierType>().Select(t => new Dictionary<string, object?> { ["typeIdentifiantStructure"] = t.ToString() }).ToList()))))
            .WithSummary("Types d'identifiant de structure");
        cpro.MapPost("/transverses/v1/recuperer/etats/traitement", StatesAsync).WithSummary("Statuts possibles pour traiter une facture reçue");
        cpro.MapPost("/transverses/v1/recuperer/pays", () => CproAnswer.Json(CproAnswer.Ok(("listePays", Regions
                .Select(r => new Dictionary<string, object?> { ["codePays"] = r.TwoLetterISORegionName, ["libellePays"] = French(r) })
                .ToList()))))
            .WithSummary("Pays (ISO 3166)");
        cpro.MapPost("/transverses/v1/recuperer/devises", () => CproAnswer.Json(CproAnswer.Ok(("listeDevises", Regions
                .GroupBy(r => r.ISOCurrencySymbol, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => new Dictionary<string, object?> { ["codeDevise"] = g.Key, ["libelleDevise"] = g.First().CurrencyEnglishName })
                .ToList()))))
            .WithSummary("Devises (ISO 4217)");
    }

    private static readonly Lazy<IReadOnlyList<RegionInfo>> AllRegions = new(() => CultureInfo.GetCultures(CultureTypes.SpecificCultures)
        .Select(c => new RegionInfo(c.Name))
        .Where(r => r.TwoLetterISORegionName.Length == 2 && !r.TwoLetterISORegionName.Any(char.IsDigit))
        .DistinctBy(r => r.TwoLetterISORegionName)
        .OrderBy(r => r.TwoLetterISORegionName, StringComparer.Ordinal)
        .ToList());

    private static IReadOnlyList<RegionInfo> Regions => AllRegions.Value;

    /// <summary>A country's name as recuperer/pays gives it (French when .NET has it), or null for an unknown code.</summary>
    public static string? CountryLabel(string code) =>
        Regions.FirstOrDefault(r => r.TwoLetterISORegionName.Equals(code, StringComparison.OrdinalIgnoreCase)) is { } region ? French(region) : null;

    /// <summary>A currency's name as recuperer/devises gives it, or null for an unknown code.</summary>
    public static string? CurrencyLabel(string code) =>
        Regions.FirstOrDefault(r => r.ISOCurrencySymbol.Equals(code, StringComparison.OrdinalIgnoreCase))?.CurrencyEnglishName;

    /// <summary>The country's name in French when .NET has a French culture for it, else its English name.</summary>
    private static string French(RegionInfo region)
    {
        try
        {
            return new RegionInfo($"fr-{region.TwoLetterISORegionName}").DisplayName;
        }
        catch (ArgumentException)
        {
            return region.EnglishName;
        }
    }

    /// <summary>{statutCourant} → the statuses a recipient may set next (chorus-pro.md §1.4, the transition table).</summary>
    private static async Task<IResult> StatesAsync(HttpContext http, CancellationToken ct)
    {
        var body = await CproBody.ReadAsync(http.Request, ct);
        var current = CproBody.Enum<InvoiceStatus>(body.String("statutCourant"), "statutCourant")
            ?? throw new PortiqueException("FIELD_REQUIRED", "« statutCourant » est obligatoire.");
        var next = InvoiceTransitions.Next(current, InvoiceActor.Recipient)
            .Select(s => new Dictionary<string, object?> { ["statutPossiblePourTraitement"] = s.ToString() }).ToList();
        return CproAnswer.Json(CproAnswer.Ok(("listeStatutsPossiblesPourTraitement", next)));
    }
}
