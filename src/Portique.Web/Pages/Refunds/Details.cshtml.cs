using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Portique.Refunds.GetRefund;

namespace Portique.Web.Pages.Refunds;

/// <summary>A request as its beneficiary sees it; after submission it also shows the confirmation (the layout's notice).</summary>
[Authorize(Policy = RefundPolicies.Read)]
public sealed class DetailsModel(GetRefundHandler handler) : PortiquePage
{
    [FromRoute] public long StructureId { get; set; }
    [FromRoute] public long RefundId { get; set; }
    public RefundView View { get; private set; } = null!;
    public string AttachmentBase => $"/api/v1/structures/{StructureId}/refunds/{RefundId}";

    public async Task OnGetAsync(CancellationToken ct) => View = await handler.HandleAsync(StructureId, RefundId, ct);
}
