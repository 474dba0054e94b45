using Microsoft.AspNetCore.Mvc;
using Portique.Common;
using Portique.Invoicing;
using Portique.Lifecycle.History;

namespace Portique.Web.ViewComponents;

/// <summary>What the lifecycle block of an invoice page shows: the view, and whether the user may set a status from this side.</summary>
public sealed record InvoiceLifecycleBlock(long StructureId, InvoiceSide Side, long InvoiceId, LifecycleView View, bool CanAct)
{
    public string Segment => Side == InvoiceSide.Sent ? "Sent" : "Received";
}

/// <summary>
/// The reform's lifecycle of a B2B invoice on its page (history with the CDAR of each status, and the form to set the next
/// one); nothing for a public-sector invoice, whose Chorus Pro statuses the page already shows.
/// </summary>
public sealed class InvoiceLifecycleViewComponent(LifecycleHistoryHandler handler) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(long structureId, InvoiceSide side, long invoiceId, bool canAct)
    {
        try
        {
            return View(new InvoiceLifecycleBlock(structureId, side, invoiceId, await handler.HandleAsync(structureId, side, invoiceId, HttpContext.RequestAborted), canAct));
        }
        catch (PortiqueException e) when (e.Code == "LIFECYCLE_NOT_B2B")
        {
            return Content("");
        }
    }
}
