using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.AspNetCore.Mvc;
using Portique.Common;
using Portique.Organisation;
using Portique.Organisation.MyStructures;
using Portique.Organisation.SearchStructures;

namespace Portique.Web.Pages.Organisation.Structures;

/// <summary>The directory of structures with the API's filters; names link to the structure page only where the user belongs.</summary>
public sealed class SearchModel(SearchStructuresHandler search, MyStructuresHandler mine) : PortiquePage
{
    [BindProperty(SupportsGet = true)] public IdentifierType? Type { get; set; }
    [BindProperty(SupportsGet = true)] public string? Identifier { get; set; }
    [BindProperty(SupportsGet = true)] public string? Name { get; set; }
    [BindProperty(SupportsGet = true)] public string? PostCode { get; set; }
    [BindProperty(SupportsGet = true)] public string? Kind { get; set; }
    [BindProperty(SupportsGet = true)] public bool IncludeInactive { get; set; }
    [BindProperty(Name = "p", SupportsGet = true)] public int PageNumber { get; set; } = 1;

    public Page<StructureSummary>? Results { get; private set; }
    public HashSet<long> Mine { get; private set; } = [];

    private bool HasCriteria => Type is not null || !string.IsNullOrWhiteSpace(Identifier) || !string.IsNullOrWhiteSpace(Name)
        || !string.IsNullOrWhiteSpace(PostCode) || Kind is "public" or "private";

    public Task<IActionResult> OnGetAsync(CancellationToken ct) => Run(async () =>
    {
        Mine = (await mine.HandleAsync(ct)).Select(s => s.Id).ToHashSet();
        if (HasCriteria)
        {
            bool? isPublic = Kind switch { "public" => true, "private" => false, _ => null };
            Results = await search.HandleAsync(new SearchStructuresRequest(Type, Identifier, Name, PostCode, isPublic, IncludeInactive, PageNumber), ct);
        }
        return Page();
    });

    public string PageUrl(int page)
    {
        var query = new QueryBuilder();
        if (Type is not null) query.Add("Type", Type.Value.ToString());
        foreach (var (key, value) in new[] { ("Identifier", Identifier), ("Name", Name), ("PostCode", PostCode), ("Kind", Kind) })
        {
            if (!string.IsNullOrWhiteSpace(value))
                query.Add(key, value);
        }
        if (IncludeInactive) query.Add("IncludeInactive", "true");
        query.Add("p", page.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return "/Organisation/Structures/Search" + query.ToQueryString();
    }
}
