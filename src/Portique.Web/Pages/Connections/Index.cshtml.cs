using Portique.Common.Authorization;
using Portique.Connections.ListConnections;

namespace Portique.Web.Pages.Connections;

/// <summary>"Raccordements": the structures whose technical accounts and API clients the user may see.</summary>
public sealed class IndexModel(ListConnectionsHandler handler, CurrentUser user) : PortiquePage
{
    public IReadOnlyList<(long Id, string Name)> Structures { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Structures = await handler.MyStructuresAsync(user.Id, ct);
}
