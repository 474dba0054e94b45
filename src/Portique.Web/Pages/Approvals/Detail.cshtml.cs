using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Portique.Approvals.DecideApproval;
using Portique.Approvals.GetApproval;
using Portique.Common.Authorization;

namespace Portique.Web.Pages.Approvals;

/// <summary>One request: Approuver, or Refuser with a reason asked in a dialog (and required by the rule on the server).</summary>
[Authorize(Policy = Policies.OrganisationWrite)]
public sealed class DetailModel(GetApprovalHandler get, DecideApprovalHandler decide) : PortiquePage
{
    [FromRoute] public long StructureId { get; set; }
    [FromRoute] public long Id { get; set; }
    [BindProperty] public string? Reason { get; set; }

    public ApprovalView Approval { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken ct) => Approval = await get.HandleAsync(StructureId, Id, ct);

    public Task<IActionResult> OnPostApproveAsync(CancellationToken ct) => Run(async () =>
    {
        await decide.ApproveAsync(StructureId, Id, ct);
        return Done("Demande approuvée : elle prend effet immédiatement.", "/Approvals");
    });

    public Task<IActionResult> OnPostRefuseAsync(CancellationToken ct) => Run(async () =>
    {
        await decide.RefuseAsync(StructureId, Id, Reason, ct);
        return Done("Demande refusée ; le demandeur est prévenu du motif.", "/Approvals");
    });

    protected override async Task OnRefusedAsync() => Approval = await get.HandleAsync(StructureId, Id, HttpContext.RequestAborted);
}
