using Microsoft.Extensions.Localization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Portique.Common;
using Portique.Common.Authorization;
using Portique.Organisation.GetStructure;
using Portique.Organisation.ModifyService;
using Portique.Organisation.SetServiceActive;

namespace Portique.Web.Pages.Organisation.Structures.Services;

/// <summary>Modify page of a service; also receives the activate/deactivate buttons of the structure page.</summary>
[Authorize(Policy = Policies.OrganisationWrite)]
public sealed class EditModel(IStringLocalizer<Labels> l, GetStructureHandler get, ModifyServiceHandler modify, SetServiceActiveHandler setActive) : PortiquePage
{
    [FromRoute] public long StructureId { get; set; }
    [FromRoute] public long ServiceId { get; set; }
    [BindProperty] public ServiceForm Form { get; set; } = new();
    public string StructureName { get; private set; } = "";

    public async Task OnGetAsync(CancellationToken ct) => Form = await LoadAsync(ct);

    public Task<IActionResult> OnPostAsync(CancellationToken ct) => Run(async () =>
    {
        await modify.HandleAsync(StructureId, ServiceId, new ModifyServiceRequest(Form.Name, Form.ValidFrom, Form.ValidTo, Form.CommitmentNumberRequired), ct);
        return Done(l["Service modifié."], Back);
    });

    public Task<IActionResult> OnPostDeactivateAsync(CancellationToken ct) => Run(async () =>
    {
        await setActive.HandleAsync(StructureId, ServiceId, false, ct);
        return Done(l["Service désactivé."], Back);
    });

    public Task<IActionResult> OnPostActivateAsync(CancellationToken ct) => Run(async () =>
    {
        await setActive.HandleAsync(StructureId, ServiceId, true, ct);
        return Done(l["Service activé."], Back);
    });

    /// <summary>A refused modification keeps the posted values; a refused (de)activation shows the service as stored.</summary>
    protected override async Task OnRefusedAsync()
    {
        var stored = await LoadAsync(HttpContext.RequestAborted);
        if (Request.Query["handler"].Count > 0)
            Form = stored;
        else
            Form.Code = stored.Code;
    }

    private async Task<ServiceForm> LoadAsync(CancellationToken ct)
    {
        var s = await get.HandleAsync(StructureId, ct);
        StructureName = s.Name;
        var service = s.Services.FirstOrDefault(x => x.Id == ServiceId)
            ?? throw PortiqueException.NotFound("SERVICE_NOT_FOUND", $"Le service {ServiceId} n'existe pas dans cette structure.");
        return new ServiceForm
        {
            Code = service.Code, Name = service.Name, ValidFrom = service.ValidFrom, ValidTo = service.ValidTo,
            CommitmentNumberRequired = service.CommitmentNumberRequired,
        };
    }

    private string Back => $"/Organisation/Structures/{StructureId}";
}
