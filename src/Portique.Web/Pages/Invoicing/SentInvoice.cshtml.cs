using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Portique.Common.Authorization;
using Portique.Invoicing;
using Portique.Invoicing.Consult;
using Portique.Invoicing.Lifecycle;
using Portique.Organisation;

namespace Portique.Web.Pages.Invoicing;

[Authorize(Policy = Policies.SentInvoicesRead)]
public sealed class SentInvoiceModel(GetInvoiceHandler handler, IAuthorizationService authorization, CompleteInvoiceHandler complete, RecycleInvoiceHandler recycle)
    : InvoiceDetailModel(handler, authorization)
{
    public override InvoiceSide Side => InvoiceSide.Sent;
    protected override PortalApplication Application => PortalApplication.FacturesEmises;

    [BindProperty] public string? Commentaire { get; set; }
    [BindProperty] public List<IFormFile> PiecesJointes { get; set; } = [];
    [BindProperty] public string? CodeDestinataire { get; set; }
    [BindProperty] public string? CodeService { get; set; }
    [BindProperty] public string? NumeroEngagement { get; set; }

    public Task<IActionResult> OnPostCompleteAsync([FromRoute] long structureId, [FromRoute] long invoiceId, CancellationToken ct) =>
        ActAsync(structureId, invoiceId, async () =>
        {
            var uploads = new List<AttachmentUpload>();
            foreach (var file in PiecesJointes)
            {
                using var buffer = new MemoryStream();
                await file.CopyToAsync(buffer, ct);
                uploads.Add(new AttachmentUpload(Path.GetFileName(file.FileName), Convert.ToBase64String(buffer.ToArray())));
            }
            await complete.HandleAsync(structureId, invoiceId, new CompleteInvoiceRequest(Commentaire, uploads), ct);
        }, "La facture a été complétée.", ct);

    public Task<IActionResult> OnPostRecycleAsync([FromRoute] long structureId, [FromRoute] long invoiceId, CancellationToken ct) =>
        ActAsync(structureId, invoiceId, () => recycle.HandleAsync(structureId, invoiceId,
            new RecycleInvoiceRequest(CodeDestinataire ?? "", CodeService, NumeroEngagement, Commentaire), ct), "La facture a été recyclée.", ct);
}
