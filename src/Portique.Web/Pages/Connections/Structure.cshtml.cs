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

    /// <summary>Those with "Raccordements" modification (principal managers included) see the deactivate/reactivate buttons.</summary>
    public bool CanManage => HttpContext.Items[Portique.Common.Authorization.HabilitationHandler.MembershipItem] is Portique.Organisation.Membership m
        && m.Allows(Portique.Organisation.PortalApplication.Raccordements, Portique.Organisation.HabilitationProfile.Modification);

    public async Task OnGetAsync(CancellationToken ct) => View = await handler.HandleAsync(StructureId, ct);
}
