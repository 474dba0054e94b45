using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Portique.Connections;
using Portique.Connections.ApiClients;
using Portique.Connections.ListConnections;

namespace Portique.Web.Pages.Connections;

/// <summary>API client registrations of the structure: register (secret shown once) and revoke.</summary>
[Authorize(Policy = ConnectionPolicies.Write)]
public sealed class ApiClientsModel(ListConnectionsHandler list, ApiClientsHandler clients) : PortiquePage
{
    [FromRoute] public long StructureId { get; set; }
    [BindProperty] public string? Name { get; set; }
    public ConnectionsView View { get; private set; } = null!;
    public ApiClientCredentials? Created { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => View = await list.HandleAsync(StructureId, ct);

    public Task<IActionResult> OnPostRegisterAsync(CancellationToken ct) => Run(async () =>
    {
        Created = await clients.RegisterAsync(StructureId, new RegisterApiClientRequest(Name ?? ""), ct);
        // The page carries a secret shown once: no cache may keep it.
        Response.Headers.CacheControl = "no-store";
        View = await list.HandleAsync(StructureId, ct);
        return Page();
    });

    public Task<IActionResult> OnPostRevokeAsync(long id, CancellationToken ct) => Run(async () =>
    {
        await clients.RevokeAsync(StructureId, id, ct);
        return Done("Client API révoqué : ses jetons sont refusés.", $"/Connections/Structures/{StructureId}/ApiClients");
    });

    protected override async Task OnRefusedAsync() => View = await list.HandleAsync(StructureId, HttpContext.RequestAborted);
}
