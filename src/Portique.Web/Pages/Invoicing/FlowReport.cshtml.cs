using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Portique.Common.Authorization;
using Portique.Invoicing.Deposit;
using Portique.Organisation;

namespace Portique.Web.Pages.Invoicing;

/// <summary>The detailed deposit report: every finding per document, the invoices created.</summary>
[Authorize(Policy = Policies.SentInvoicesRead)]
public sealed class FlowReportModel(FlowReportHandler handler) : PortiquePage
{
    public long StructureId { get; private set; }
    public FlowReportView Report { get; private set; } = null!;

    public async Task OnGetAsync([FromRoute] long structureId, [FromRoute] string number, CancellationToken ct)
    {
        StructureId = structureId;
        Report = await handler.GetAsync(structureId, number, ct);
    }
}
