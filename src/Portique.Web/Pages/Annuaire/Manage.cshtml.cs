using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Portique.Annuaire;
using Portique.Annuaire.ChangePlatform;
using Portique.Annuaire.Lookup;
using Portique.Common;
using Portique.Common.Authorization;
using Portique.Common.Data;

namespace Portique.Web.Pages.Annuaire;

/// <summary>
/// A principal manager chooses, for the companies of his structures, which platform receives their invoices, at which
/// granularity and from when (the same handler as POST /api/v1/directory/lines; the previous line closes, history kept).
/// </summary>
[Authorize]
public sealed class ManageModel(PortiqueDb db, CurrentUser user, LookupDirectoryHandler lookup, ChangePlatformHandler change, TimeProvider clock,
    IStringLocalizer<Labels> l) : PortiquePage
{
    public IReadOnlyList<CompanyView> Companies { get; private set; } = [];
    public IReadOnlyList<(string Matricule, string Name)> Platforms { get; private set; } = [];

    [BindProperty] public string? Siren { get; set; }
    [BindProperty] public string? Siret { get; set; }
    [BindProperty] public string? RoutingIdentifier { get; set; }
    [BindProperty] public string? Suffix { get; set; }
    [BindProperty] public string? Platform { get; set; }
    [BindProperty] public DateOnly? ValidFrom { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        ValidFrom ??= clock.GetUtcNow().DayInParis();
        return Page();
    }

    public Task<IActionResult> OnPostAsync(CancellationToken ct) => Run(async () =>
    {
        var line = await change.HandleAsync(new ChangePlatformRequest(Siren ?? "", string.IsNullOrWhiteSpace(Platform) ? null : Platform, ValidFrom, Siret, RoutingIdentifier, Suffix), ct);
        return Done(l["La ligne {0} est enregistrée à partir du {1}.", line.AddressingIdentifier, line.ValidFrom.ToString("dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture)], "/Annuaire/Manage");
    });

    protected override Task OnRefusedAsync() => LoadAsync(HttpContext.RequestAborted);

    protected override (string Key, string Label)? FieldOf(PortiqueException refusal) => refusal.Field switch
    {
        "validFrom" => (nameof(ValidFrom), "À partir du"),
        "siren" => (nameof(Siren), "Entreprise"),
        "siret" => (nameof(Siret), "SIRET"),
        "matricule" => (nameof(Platform), "Plateforme"),
        _ => null,
    };

    private async Task LoadAsync(CancellationToken ct)
    {
        var sirens = user.IsOperator && Siren is not null ? [Siren] : await DirectoryAccess.ManagedSirensAsync(db, user.Id, ct);
        Companies = await lookup.CompaniesAsync(sirens, ct);
        Platforms = await lookup.PlatformsAsync(ct);
    }
}
