using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Portique.Connections;
using Portique.Connections.ListConnections;

namespace Portique.Web.Pages.Connections;

/// <summary>A structure's connections: technical accounts with their password expiry (warned 15 days ahead) and API clients.</summary>
[Authorize(Policy = ConnectionPolicies.Read)]
public sealed class StructureModel(ListConnectionsHandler handler) : PortiquePage
{
    [FromRoute] public long StructureId { get; set; }
    public ConnectionsView View { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken ct) => View = await handler.HandleAsync(StructureId, ct);
}
