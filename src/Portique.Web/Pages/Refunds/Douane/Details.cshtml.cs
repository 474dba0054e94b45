using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Portique.Refunds;
using Portique.Refunds.GetRefund;
using Portique.Refunds.Processing;

namespace Portique.Web.Pages.Refunds.Douane;

/// <summary>The customs officer moves a request on; validating it deducts the advance already paid on its year.</summary>
[Authorize(Policy = RefundsModule.CustomsPolicy)]
public sealed class DetailsModel(GetRefundHandler get, CustomsRefundsHandler process) : PortiquePage
{
    [FromRoute] public long RefundId { get; set; }
    [BindProperty] public RefundStatus NewStatus { get; set; }
    [BindProperty] public string? Reason { get; set; }
    public RefundView View { get; private set; } = null!;
    public string AttachmentBase => $"/api/v1/customs/refunds/{RefundId}";

    public async Task OnGetAsync(CancellationToken ct) => await OnRefusedAsync();

    public Task<IActionResult> OnPostAsync(CancellationToken ct) => Run(async () =>
    {
        await process.MoveAsync(RefundId, new MoveRefundRequest(NewStatus, Reason), ct);
        return Done($"Demande {RefundId} : {NewStatus.Label()}.", $"/Refunds/Douane/{RefundId}");
    });

    protected override async Task OnRefusedAsync() => View = await get.HandleAsync(null, RefundId, HttpContext.RequestAborted);
}
