using Microsoft.AspNetCore.Mvc;
using Portique.Approvals;
using Portique.Approvals.ListApprovals;
using Portique.Common;

namespace Portique.Web.Pages.Approvals;

/// <summary>"Approbations": the requests of the structures the user manages, pending by default, with filters and paging.</summary>
public sealed class IndexModel(ListApprovalsHandler handler) : PortiquePage
{
    [BindProperty(SupportsGet = true)] public ApprovalState? State { get; set; } = ApprovalState.Pending;
    [BindProperty(SupportsGet = true)] public ApprovalKind? Kind { get; set; }
    [BindProperty(SupportsGet = true)] public long? StructureId { get; set; }
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;

    public Page<ApprovalSummary> Result { get; private set; } = new([], 1, 20, 0);
    public IReadOnlyList<(long Id, string Name)> Structures { get; private set; } = [];

    // The pending count is in the menu (ApprovalsMenu), which reuses the list's count: the page does not count again.
    public async Task OnGetAsync(CancellationToken ct)
    {
        Result = await handler.HandleAsync(new ListApprovalsRequest(State, Kind, StructureId, PageNumber, 20), ct);
        Structures = await handler.ManagedStructuresAsync(ct);
    }

    public static string StateLabel(ApprovalState s) => s switch { ApprovalState.Approved => "Approuvée", ApprovalState.Refused => "Refusée", _ => "En attente" };

    public string PageLink(int page) => $"?State={State}&Kind={Kind}&StructureId={StructureId}&p={page}";
}
