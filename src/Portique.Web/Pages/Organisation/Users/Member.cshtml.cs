using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Portique.Common;
using Portique.Common.Authorization;
using Portique.Organisation;
using Portique.Organisation.GetStructure;
using Portique.Organisation.Users;
using Portique.Organisation.Users.AssignServices;
using Portique.Organisation.Users.CopyHabilitations;
using Portique.Organisation.Users.DetachUser;
using Portique.Organisation.Users.GrantHabilitation;
using Portique.Organisation.Users.ListUsers;
using Portique.Organisation.Users.WithdrawHabilitation;

namespace Portique.Web.Pages.Organisation.Users;

/// <summary>One user of a structure, for its managers: habilitations (grant, withdraw, copy), services, detachment.</summary>
[Authorize(Policy = Policies.OrganisationWrite)]
public sealed class MemberModel(
    ListUsersHandler users, GetStructureHandler structures, GrantHabilitationHandler grant, WithdrawHabilitationHandler withdraw,
    CopyHabilitationsHandler copy, AssignServicesHandler assignServices, DetachUserHandler detach, IStringLocalizer<Labels> l) : PortiquePage
{
    [FromRoute] public long StructureId { get; set; }
    [FromRoute] public long UserId { get; set; }

    [BindProperty] public PortalApplication Application { get; set; }
    [BindProperty] public HabilitationProfile Profile { get; set; } = HabilitationProfile.Consultation;
    [BindProperty] public long? ServiceId { get; set; }
    [BindProperty] public long? FromUserId { get; set; }
    [BindProperty] public List<long> ServiceIds { get; set; } = [];

    public StructureView Structure { get; private set; } = null!;
    public MemberView Member { get; private set; } = null!;
    /// <summary>Attached simple users whose habilitations can be copied onto this one.</summary>
    public IReadOnlyList<MemberView> CopySources { get; private set; } = [];

    private string Self => $"/Organisation/Structures/{StructureId}/Users/{UserId}";

    public Task OnGetAsync(CancellationToken ct) => LoadAsync(ct);

    public Task<IActionResult> OnPostGrantAsync(CancellationToken ct) => Run(async () =>
    {
        await grant.HandleAsync(StructureId, UserId, new GrantHabilitationRequest(Application, Profile, ServiceId), ct);
        return Done(l["Habilitation attribuée."], Self);
    });

    public Task<IActionResult> OnPostWithdrawAsync(CancellationToken ct) => Run(async () =>
    {
        await withdraw.HandleAsync(StructureId, UserId, Application, ServiceId, ct);
        return Done(l["Habilitation retirée."], Self);
    });

    public Task<IActionResult> OnPostCopyAsync(CancellationToken ct) => Run(async () =>
    {
        if (FromUserId is not { } from)
            throw new PortiqueException("FIELD_REQUIRED", l["Choisissez l'utilisateur dont copier les habilitations."]);
        await copy.HandleAsync(StructureId, UserId, new CopyHabilitationsRequest(from), ct);
        return Done(l["Habilitations copiées."], Self);
    });

    public Task<IActionResult> OnPostServicesAsync(CancellationToken ct) => Run(async () =>
    {
        await assignServices.HandleAsync(StructureId, UserId, new AssignServicesRequest(ServiceIds), ct);
        return Done(l["Services de rattachement enregistrés."], Self);
    });

    public Task<IActionResult> OnPostDetachAsync(CancellationToken ct) => Run(async () =>
    {
        await detach.HandleAsync(StructureId, UserId, ct);
        return Done(l["L'utilisateur est détaché de la structure."], $"/Organisation/Structures/{StructureId}/Users");
    });

    protected override Task OnRefusedAsync() => LoadAsync(HttpContext.RequestAborted);

    private async Task LoadAsync(CancellationToken ct)
    {
        Structure = await structures.HandleAsync(StructureId, ct);
        Member = await users.GetAsync(StructureId, UserId, ct);
        if (ServiceIds.Count == 0)
            ServiceIds = Member.Services.Select(s => s.Id).ToList();
        var all = await users.HandleAsync(StructureId, includeDetached: false, new PageRequest(1, PageRequest.MaxSize), ct);
        CopySources = all.Items.Where(m => m.UserId != UserId && m.Role == MemberRole.User).ToList();
    }
}
