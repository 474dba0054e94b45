using Microsoft.AspNetCore.Mvc;
using Portique.Approvals.ListApprovals;

namespace Portique.Web.ViewComponents;

/// <summary>The "Approbations" entry with the number of requests waiting for the signed-in user, and "Raccordements" where the user may use it.</summary>
public sealed class ApprovalsMenuViewComponent(ListApprovalsHandler approvals, MenuRights menu) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync() =>
        View((await approvals.PendingCountAsync(HttpContext.RequestAborted), (await menu.GetAsync()).Connections));
}
