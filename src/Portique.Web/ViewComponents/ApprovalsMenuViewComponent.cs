using Microsoft.AspNetCore.Mvc;
using Portique.Approvals.ListApprovals;

namespace Portique.Web.ViewComponents;

/// <summary>The "Approbations" entry with the number of requests waiting for the signed-in user, and "Raccordements".</summary>
public sealed class ApprovalsMenuViewComponent(ListApprovalsHandler approvals) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync() => View(await approvals.PendingCountAsync(HttpContext.RequestAborted));
}
