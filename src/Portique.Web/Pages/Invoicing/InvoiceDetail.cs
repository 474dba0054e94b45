using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Portique.Common.Authorization;
using Portique.Invoicing;
using Portique.Invoicing.Consult;
using Portique.Organisation;

namespace Portique.Web.Pages.Invoicing;

/// <summary>
/// The invoice page of either side: details, history, downloads and the side's actions. The page policy grants consultation;
/// each action checks the modification habilitation on the same structure before calling the API's handler.
/// </summary>
public abstract class InvoiceDetailModel(GetInvoiceHandler handler, IAuthorizationService authorization) : PortiquePage
{
    public abstract InvoiceSide Side { get; }
    protected abstract PortalApplication Application { get; }
    public long StructureId { get; private set; }
    public InvoiceDetail Invoice { get; private set; } = null!;
    public bool CanAct { get; private set; }

    public string Segment => Side == InvoiceSide.Sent ? "Sent" : "Received";
    public string ApiSegment => Side == InvoiceSide.Sent ? "sent" : "received";

    public async Task OnGetAsync([FromRoute] long structureId, [FromRoute] long invoiceId, CancellationToken ct) => await LoadAsync(structureId, invoiceId, ct);

    protected async Task LoadAsync(long structureId, long invoiceId, CancellationToken ct)
    {
        StructureId = structureId;
        Invoice = await handler.HandleAsync(structureId, Side, invoiceId, ct);
        CanAct = (await authorization.AuthorizeAsync(User, Policies.Habilitation(Application, HabilitationProfile.Modification))).Succeeded;
    }

    /// <summary>Runs an action if the caller may modify on this side; shows the refusal on the reloaded page otherwise.</summary>
    protected async Task<IActionResult> ActAsync(long structureId, long invoiceId, Func<Task> action, string message, CancellationToken ct)
    {
        if (!(await authorization.AuthorizeAsync(User, Policies.Habilitation(Application, HabilitationProfile.Modification))).Succeeded)
            return Forbid();
        StructureId = structureId;
        _reload = () => LoadAsync(structureId, invoiceId, ct);
        return await Run(async () =>
        {
            await action();
            return Done(message, $"/Invoicing/{structureId}/{Segment}/{invoiceId}");
        });
    }

    private Func<Task>? _reload;

    protected override Task OnRefusedAsync() => _reload?.Invoke() ?? Task.CompletedTask;
}
