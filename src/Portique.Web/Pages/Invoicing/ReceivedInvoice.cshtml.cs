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

    /// <summary>None in advance: the user chooses, so a slip of the hand never moves an invoice.</summary>
    [BindProperty] public InvoiceStatus? NouveauStatut { get; set; }
    [BindProperty] public string? Motif { get; set; }
    [BindProperty] public string? NumeroMandat { get; set; }

    public Task<IActionResult> OnPostProcessAsync([FromRoute] long structureId, [FromRoute] long invoiceId, CancellationToken ct) =>
        ActAsync(structureId, invoiceId, () => process.HandleAsync(structureId, invoiceId, new ProcessInvoiceRequest(
                NouveauStatut ?? throw new Portique.Common.PortiqueException("FIELD_REQUIRED", "Choisissez le nouveau statut de la facture.") { Field = "NouveauStatut" },
                Motif, NumeroMandat), ct),
            "Le statut de la facture a été mis à jour.", ct);

    protected override (string Key, string Label)? FieldOf(Portique.Common.PortiqueException refusal) =>
        refusal.Field == "NouveauStatut" ? ("NouveauStatut", "Nouveau statut") : null;
}
