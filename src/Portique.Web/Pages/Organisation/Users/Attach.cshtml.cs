using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Portique.Common.Authorization;
using Portique.Organisation.GetStructure;
using Portique.Organisation.Users.AttachUser;

namespace Portique.Web.Pages.Organisation.Users;

/// <summary>Attaches an existing account by its login e-mail, optionally to some services.</summary>
[Authorize(Policy = Policies.OrganisationWrite)]
public sealed class AttachModel(AttachUserHandler handler, GetStructureHandler structures, IStringLocalizer<Labels> l) : PortiquePage
{
    [FromRoute] public long StructureId { get; set; }
    [BindProperty] public string Email { get; set; } = "";
    [BindProperty] public List<long> ServiceIds { get; set; } = [];

    public StructureView Structure { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken ct) => Structure = await structures.HandleAsync(StructureId, ct);

    public Task<IActionResult> OnPostAsync(CancellationToken ct) => Run(async () =>
    {
        var member = await UserLabels.OnPage(() => handler.HandleAsync(StructureId, new AttachUserRequest(Email, ServiceIds), ct));
        return Done(l["{0} est rattaché(e) à la structure.", member.DisplayName], $"/Organisation/Structures/{StructureId}/Users/{member.UserId}");
    });

    protected override async Task OnRefusedAsync() => Structure = await structures.HandleAsync(StructureId, HttpContext.RequestAborted);
}
