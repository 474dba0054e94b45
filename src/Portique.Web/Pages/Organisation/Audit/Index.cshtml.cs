using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Portique.Common;
using Portique.Common.Authorization;
using Portique.Organisation.AuditLog;
using Portique.Organisation.GetStructure;

namespace Portique.Web.Pages.Organisation.Audit;

/// <summary>The structure's audit log, newest first, for its managers.</summary>
[Authorize(Policy = Policies.OrganisationWrite)]
public sealed class IndexModel(AuditLogHandler audit, GetStructureHandler structures) : PortiquePage
{
    [FromRoute] public long StructureId { get; set; }
    [BindProperty(Name = "p", SupportsGet = true)] public int PageNumber { get; set; } = 1;

    public StructureView Structure { get; private set; } = null!;
    public Page<AuditView> Entries { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken ct)
    {
        Structure = await structures.HandleAsync(StructureId, ct);
        Entries = await audit.HandleAsync(StructureId, new PageRequest(PageNumber, 50), ct);
    }
}
