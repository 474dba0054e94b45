using Microsoft.AspNetCore.Mvc;
using Portique.Approvals.MyRequests;
using Portique.Common;

namespace Portique.Web.Pages.Approvals;

/// <summary>The requester's side: his requests, their decision and the reason of a refusal.</summary>
public sealed class MineModel(MyRequestsHandler handler) : PortiquePage
{
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;
    public Page<MyRequest> Result { get; private set; } = new([], 1, 20, 0);

    public async Task OnGetAsync(CancellationToken ct) => Result = await handler.HandleAsync(PageNumber, 20, ct);
}
