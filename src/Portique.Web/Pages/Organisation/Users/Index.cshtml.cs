using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Portique.Common;
using Portique.Common.Authorization;
using Portique.Organisation;
using Portique.Organisation.GetStructure;
using Portique.Organisation.Users;
using Portique.Organisation.Users.ListUsers;

namespace Portique.Web.Pages.Organisation.Users;

/// <summary>The users of a structure. Consultation shows the list and the export; management links appear to managers only.</summary>
[Authorize(Policy = Policies.OrganisationRead)]
public sealed class IndexModel(ListUsersHandler users, GetStructureHandler structures) : PortiquePage
{
    [FromRoute] public long StructureId { get; set; }
    [BindProperty(SupportsGet = true)] public bool Detached { get; set; }
    [BindProperty(Name = "p", SupportsGet = true)] public int PageNumber { get; set; } = 1;

    public StructureView Structure { get; private set; } = null!;
    public Page<MemberView> Members { get; private set; } = null!;
    public bool CanManage { get; private set; }
    public bool IsPrincipal { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Structure = await structures.HandleAsync(StructureId, ct);
        Members = await users.HandleAsync(StructureId, Detached, new PageRequest(PageNumber, 50), ct);
        // Set by the habilitation check; absent for an operator consulting the structure.
        var caller = HttpContext.Items[HabilitationHandler.MembershipItem] as Membership;
        CanManage = caller?.CanManage == true;
        IsPrincipal = caller?.IsPrincipal == true;
    }
}
