using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Portique.Common.Authorization;
using Portique.Invoicing;
using Portique.Invoicing.Consult;
using Portique.Invoicing.Lifecycle;
using Portique.Organisation;

namespace Portique.Web.Pages.Invoicing;

[Authorize(Policy = Policies.ReceivedInvoicesRead)]
public sealed class ReceivedInvoiceModel(GetInvoiceHandler handler, IAuthorizationService authorization, ProcessInvoiceHandler process)
    : InvoiceDetailModel(handler, authorization)
{
    public override InvoiceSide Side => InvoiceSide.Received;
    protected override PortalApplication Application => PortalApplication.FacturesRecues;

    [BindProperty] public InvoiceStatus NouveauStatut { get; set; }
    [BindProperty] public string? Motif { get; set; }
    [BindProperty] public string? NumeroMandat { get; set; }

    public Task<IActionResult> OnPostProcessAsync([FromRoute] long structureId, [FromRoute] long invoiceId, CancellationToken ct) =>
        ActAsync(structureId, invoiceId, () => process.HandleAsync(structureId, invoiceId, new ProcessInvoiceRequest(NouveauStatut, Motif, NumeroMandat), ct),
            "Le statut de la facture a été mis à jour.", ct);
}
