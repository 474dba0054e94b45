using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Portique.Common.Authorization;
using Portique.Organisation.Users.ExportUsers;

namespace Portique.Web.Pages.Organisation.Users;

/// <summary>Downloads the .xlsx export of the structure's users (same handler as the API).</summary>
[Authorize(Policy = Policies.OrganisationRead)]
public sealed class ExportModel(ExportUsersHandler handler) : PortiquePage
{
    [FromRoute] public long StructureId { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var export = await handler.HandleAsync(StructureId, ct);
        return File(export.Content, UsersExport.ContentType, export.FileName);
    }
}
