using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Portique.Annuaire.Lookup;

namespace Portique.Web.Pages.Annuaire;

/// <summary>The public lookup of the directory (no login): where to send a company's invoices.</summary>
[AllowAnonymous]
public sealed class IndexModel(LookupDirectoryHandler handler) : PortiquePage
{
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    public IReadOnlyList<CompanyView>? Companies { get; private set; }

    public Task<IActionResult> OnGetAsync(CancellationToken ct) => Run(async () =>
    {
        if (!string.IsNullOrWhiteSpace(Q))
            Companies = await handler.HandleAsync(Q, ct);
        return Page();
    });

    protected override (string Key, string Label)? FieldOf(Portique.Common.PortiqueException refusal) =>
        refusal.Field == "q" ? (nameof(Q), "SIREN, SIRET ou nom") : null;
}
