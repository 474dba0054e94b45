using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Portique.Common.Data;
using Portique.Refunds.ListRefunds;

namespace Portique.Web.Pages.Refunds;

[Authorize(Policy = RefundPolicies.Read)]
public sealed class StructureModel(ListRefundsHandler handler, PortiqueDb db) : PortiquePage
{
    [FromRoute] public long StructureId { get; set; }
    public string StructureName { get; private set; } = "";
    public IReadOnlyList<RefundSummary> Requests { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        StructureName = await RefundPages.StructureNameAsync(db, StructureId, ct);
        Requests = await handler.HandleAsync(StructureId, ct);
    }
}
