using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Portique.Connections;
using Portique.Connections.CreateTechnicalAccount;
using Portique.Connections.ListConnections;
using Portique.Connections.ResetTechnicalPassword;
using Portique.Connections.SetTechnicalAccountActive;

namespace Portique.Web.Pages.Connections;

/// <summary>
/// Step two of the reset form: choose the technical account, submit; the new password is shown once and the old one stops
/// working. Also receives the deactivate/reactivate buttons of the structure's connections page.
/// </summary>
[Authorize(Policy = ConnectionPolicies.Write)]
public sealed class ResetAccountModel(ListConnectionsHandler list, ResetTechnicalPasswordHandler reset, SetTechnicalAccountActiveHandler setActive,
    Microsoft.Extensions.Localization.IStringLocalizer<Labels> l) : PortiquePage
{
    [FromRoute] public long StructureId { get; set; }
    [BindProperty] public long AccountId { get; set; }
    public ConnectionsView View { get; private set; } = null!;
    public TechnicalCredentials? Reset { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => View = await list.HandleAsync(StructureId, ct);

    public Task<IActionResult> OnPostAsync(CancellationToken ct) => Run(async () =>
    {
        Reset = await reset.HandleAsync(StructureId, AccountId, ct);
        // The page carries a secret shown once: no cache may keep it.
        Response.Headers.CacheControl = "no-store";
        View = await list.HandleAsync(StructureId, ct);
        return Page();
    });

    public Task<IActionResult> OnPostDeactivateAsync(CancellationToken ct) => Run(async () =>
    {
        await setActive.HandleAsync(StructureId, AccountId, false, ct);
        return Done(l["Compte technique désactivé."], $"/Connections/Structures/{StructureId}");
    });

    public Task<IActionResult> OnPostActivateAsync(CancellationToken ct) => Run(async () =>
    {
        await setActive.HandleAsync(StructureId, AccountId, true, ct);
        return Done(l["Compte technique réactivé."], $"/Connections/Structures/{StructureId}");
    });

    protected override async Task OnRefusedAsync() => View = await list.HandleAsync(StructureId, HttpContext.RequestAborted);
}
