using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Portique.Annuaire;
using Portique.Annuaire.RegisterPlatform;
using Portique.Common;
using Portique.Common.Authorization;
using Portique.Common.Data;

namespace Portique.Web.Pages.Operator;

/// <summary>Operators register the receiving platforms that directory lines may name (issue 18 point 4), and see them all.</summary>
[Authorize(Policy = Policies.Operator)]
public sealed class PlatformsModel(PortiqueDb db, RegisterPlatformHandler handler) : PortiquePage
{
    [BindProperty] public string Matricule { get; set; } = "";
    [BindProperty] public string Name { get; set; } = "";
    [BindProperty] public string? BaseUrl { get; set; }

    public IReadOnlyList<Platform> Platforms { get; private set; } = [];

    public Task OnGetAsync(CancellationToken ct) => LoadAsync(ct);

    public Task<IActionResult> OnPostAsync(CancellationToken ct) => Run(async () =>
    {
        var registered = await handler.HandleAsync(new RegisterPlatformRequest(Matricule, Name, string.IsNullOrWhiteSpace(BaseUrl) ? null : BaseUrl), ct);
        return Done($"Plateforme {registered.Matricule} enregistrée.", "/Operator/Platforms");
    });

    protected override Task OnRefusedAsync() => LoadAsync(HttpContext.RequestAborted);

    protected override (string Key, string Label)? FieldOf(PortiqueException refusal) => refusal.Field switch
    {
        "matricule" => ("Matricule", "Matricule"),
        "nom de la plateforme" => ("Name", "Nom"),
        "adresse de la plateforme" or "baseUrl" => ("BaseUrl", "Adresse du service de flux"),
        _ => null,
    };

    private async Task LoadAsync(CancellationToken ct) =>
        Platforms = await db.Set<Platform>().AsNoTracking().OrderBy(p => p.Matricule).ToListAsync(ct);
}
