using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Portique.Common;
using Portique.Common.Authorization;
using Portique.Invoicing.Deposit;
using Portique.Organisation;

namespace Portique.Web.Pages.Invoicing;

[Authorize(Policy = Policies.SentInvoicesRead)]
public sealed class FlowsModel(FlowReportHandler handler) : PortiquePage
{
    public long StructureId { get; private set; }
    public Page<FlowSummary> Flows { get; private set; } = new([], 1, 20, 0);

    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;

    public async Task OnGetAsync([FromRoute] long structureId, CancellationToken ct)
    {
        StructureId = structureId;
        Flows = await handler.ListAsync(structureId, new PageRequest(PageNumber, 20), ct);
    }
}
