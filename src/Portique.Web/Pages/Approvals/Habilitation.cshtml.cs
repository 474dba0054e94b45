using Microsoft.AspNetCore.Mvc;
using Portique.Approvals.RequestHabilitation;
using Portique.Organisation;

namespace Portique.Web.Pages.Approvals;

/// <summary>An attached user asks for an additional habilitation (application, profile, optional service) with a comment.</summary>
public sealed class HabilitationModel(RequestHabilitationHandler handler) : PortiquePage
{
    [BindProperty(SupportsGet = true)] public long? StructureId { get; set; }
    [BindProperty] public PortalApplication Application { get; set; } = PortalApplication.FacturesEmises;
    [BindProperty] public HabilitationProfile Profile { get; set; } = HabilitationProfile.Consultation;
    [BindProperty] public long? ServiceId { get; set; }
    [BindProperty] public string? Comment { get; set; }

    public IReadOnlyList<AttachedStructure> Structures { get; private set; } = [];
    public AttachedStructure? Selected => Structures.FirstOrDefault(s => s.Id == StructureId);

    public async Task OnGetAsync(CancellationToken ct)
    {
        Structures = await handler.MyStructuresAsync(ct);
        StructureId ??= Structures.Count > 0 ? Structures[0].Id : null;
    }

    public Task<IActionResult> OnPostAsync(CancellationToken ct) => Run(async () =>
    {
        await handler.HandleAsync(new RequestHabilitationRequest(StructureId ?? 0, Application, Profile, ServiceId, Comment), ct);
        return Done("Demande d'habilitation envoyée : un gestionnaire de la structure va l'examiner.", "/Approvals/Mine");
    });

    protected override async Task OnRefusedAsync() => Structures = await handler.MyStructuresAsync(HttpContext.RequestAborted);
}
