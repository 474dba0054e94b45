using Microsoft.Extensions.Localization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Portique.Common.Authorization;
using Portique.Organisation.CreateService;
using Portique.Organisation.GetStructure;

namespace Portique.Web.Pages.Organisation.Structures.Services;

[Authorize(Policy = Policies.OrganisationWrite)]
public sealed class CreateModel(IStringLocalizer<Labels> l, GetStructureHandler get, CreateServiceHandler create) : PortiquePage
{
    [FromRoute] public long StructureId { get; set; }
    [BindProperty] public ServiceForm Form { get; set; } = new();
    public string StructureName { get; private set; } = "";

    public async Task OnGetAsync(CancellationToken ct) => await OnRefusedAsync();

    public Task<IActionResult> OnPostAsync(CancellationToken ct) => Run(async () =>
    {
        await create.HandleAsync(StructureId, new CreateServiceRequest(Form.Code, Form.Name, Form.ValidFrom, Form.ValidTo, Form.CommitmentNumberRequired), ct);
        return Done(l["Service créé."], $"/Organisation/Structures/{StructureId}");
    });

    protected override async Task OnRefusedAsync() => StructureName = (await get.HandleAsync(StructureId, HttpContext.RequestAborted)).Name;
}
