using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Portique.Connections;
using Portique.Connections.CreateTechnicalAccount;
using Portique.Connections.ListConnections;
using Portique.Connections.ResetTechnicalPassword;

namespace Portique.Web.Pages.Connections;

/// <summary>Step two of the reset form: choose the technical account, submit; the new password is shown once and the old one stops working.</summary>
[Authorize(Policy = ConnectionPolicies.Write)]
public sealed class ResetAccountModel(ListConnectionsHandler list, ResetTechnicalPasswordHandler reset) : PortiquePage
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

    protected override async Task OnRefusedAsync() => View = await list.HandleAsync(StructureId, HttpContext.RequestAborted);
}
