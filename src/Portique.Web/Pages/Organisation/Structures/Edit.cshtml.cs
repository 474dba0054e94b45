using Microsoft.Extensions.Localization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Portique.Common.Authorization;
using Portique.Organisation.GetStructure;
using Portique.Organisation.ModifyStructure;
using Portique.Organisation.SetStructureActive;

namespace Portique.Web.Pages.Organisation.Structures;

/// <summary>Modify page; also receives the deactivate/reactivate buttons of the structure page (same write policy).</summary>
[Authorize(Policy = Policies.OrganisationWrite)]
public sealed class EditModel(IStringLocalizer<Labels> l, GetStructureHandler get, ModifyStructureHandler modify, SetStructureActiveHandler setActive) : PortiquePage
{
    [FromRoute] public long StructureId { get; set; }
    [BindProperty] public StructureForm Form { get; set; } = new();
    public string Title { get; private set; } = "";

    public async Task OnGetAsync(CancellationToken ct)
    {
        var s = await get.HandleAsync(StructureId, ct);
        Title = s.Name;
        Form = StructureForm.From(s.Name, s.Email, s.VatNumber, s.Address, s.Parameters);
    }

    public Task<IActionResult> OnPostAsync(CancellationToken ct) => Run(async () =>
    {
        await modify.HandleAsync(StructureId, new ModifyStructureRequest(Form.Name, Form.Email, Form.VatNumber, Form.Address, Form.Parameters), ct);
        return Done(l["Structure modifiée."], Back);
    });

    public Task<IActionResult> OnPostDeactivateAsync(CancellationToken ct) => Run(async () =>
    {
        await setActive.HandleAsync(StructureId, false, ct);
        return Done(l["Structure désactivée."], Back);
    });

    public Task<IActionResult> OnPostReactivateAsync(CancellationToken ct) => Run(async () =>
    {
        await setActive.HandleAsync(StructureId, true, ct);
        return Done(l["Structure réactivée."], Back);
    });

    /// <summary>A refused modification keeps the posted form; a refused (de)activation shows the structure's current values.</summary>
    protected override async Task OnRefusedAsync()
    {
        var s = await get.HandleAsync(StructureId, HttpContext.RequestAborted);
        Title = s.Name;
        if (Request.Query["handler"].Count > 0)
            Form = StructureForm.From(s.Name, s.Email, s.VatNumber, s.Address, s.Parameters);
    }

    private string Back => $"/Organisation/Structures/{StructureId}";
}
