using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Portique.Connections;
using Portique.Connections.CreateTechnicalAccount;

namespace Portique.Web.Pages.Connections;

/// <summary>Creates a technical account and shows its password in the answer to the POST only: it is never stored in clear nor shown again.</summary>
[Authorize(Policy = ConnectionPolicies.Write)]
public sealed class NewTechnicalAccountModel(CreateTechnicalAccountHandler handler) : PortiquePage
{
    [FromRoute] public long StructureId { get; set; }
    public TechnicalCredentials? Created { get; private set; }

    public void OnGet()
    {
    }

    public Task<IActionResult> OnPostAsync(CancellationToken ct) => Run(async () =>
    {
        Created = await handler.HandleAsync(StructureId, ct);
        // The page carries a secret shown once: no cache may keep it.
        Response.Headers.CacheControl = "no-store";
        return Page();
    });
}
