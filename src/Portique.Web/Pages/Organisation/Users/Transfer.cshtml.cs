using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Portique.Common;
using Portique.Common.Authorization;
using Portique.Organisation;
using Portique.Organisation.GetStructure;
using Portique.Organisation.Users;
using Portique.Organisation.Users.ListUsers;
using Portique.Organisation.Users.TransferPrincipalRole;

namespace Portique.Web.Pages.Organisation.Users;

/// <summary>
/// Transfer of the principal manager role in two steps: choose the successor, then confirm. Only the principal passes
/// the rule; a manager holding "Organisation modification" reaches the page and is told why it is refused.
/// </summary>
[Authorize(Policy = Policies.OrganisationWrite)]
public sealed class TransferModel(ListUsersHandler users, GetStructureHandler structures, TransferPrincipalRoleHandler transfer, IStringLocalizer<Labels> l)
    : PortiquePage
{
    [FromRoute] public long StructureId { get; set; }
    [BindProperty] public long? SuccessorId { get; set; }

    public StructureView Structure { get; private set; } = null!;
    public IReadOnlyList<MemberView> Candidates { get; private set; } = [];
    /// <summary>Set once a successor is chosen: the page then asks for confirmation.</summary>
    public MemberView? Successor { get; private set; }

    public Task OnGetAsync(CancellationToken ct) => LoadAsync(ct);

    public Task<IActionResult> OnPostReviewAsync(CancellationToken ct) => Run(async () =>
    {
        await LoadAsync(ct);
        Successor = Candidates.FirstOrDefault(c => c.UserId == SuccessorId)
            ?? throw new PortiqueException("FIELD_REQUIRED", l["Choisissez le nouveau gestionnaire principal."]);
        return Page();
    });

    public Task<IActionResult> OnPostConfirmAsync(CancellationToken ct) => Run(async () =>
    {
        if (SuccessorId is not { } successorId)
            throw new PortiqueException("FIELD_REQUIRED", l["Choisissez le nouveau gestionnaire principal."]);
        var successor = await transfer.HandleAsync(StructureId, successorId, ct);
        return Done(l["{0} est désormais gestionnaire principal de la structure.", successor.DisplayName], $"/Organisation/Structures/{StructureId}/Users");
    });

    protected override Task OnRefusedAsync() => LoadAsync(HttpContext.RequestAborted);

    private async Task LoadAsync(CancellationToken ct)
    {
        Structure = await structures.HandleAsync(StructureId, ct);
        var all = await users.HandleAsync(StructureId, includeDetached: false, new PageRequest(1, PageRequest.MaxSize), ct);
        Candidates = all.Items.Where(m => m.Role == MemberRole.User).ToList();
    }
}
