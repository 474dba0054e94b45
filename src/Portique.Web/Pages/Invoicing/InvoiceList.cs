using Microsoft.AspNetCore.Mvc;
using Portique.Common;
using Portique.Invoicing;
using Portique.Invoicing.Search;

namespace Portique.Web.Pages.Invoicing;

/// <summary>Factures émises and Factures reçues share this model; each page adds its own habilitation policy.</summary>
public abstract class InvoiceListModel(SearchInvoicesHandler handler) : PortiquePage
{
    public abstract InvoiceSide Side { get; }
    public long StructureId { get; private set; }
    public Page<InvoiceSummary> Result { get; private set; } = new([], 1, 20, 0);

    [BindProperty(SupportsGet = true)] public string? Numero { get; set; }
    [BindProperty(SupportsGet = true)] public InvoiceStatus? Statut { get; set; }
    [BindProperty(SupportsGet = true)] public DateOnly? Du { get; set; }
    [BindProperty(SupportsGet = true)] public DateOnly? Au { get; set; }
    [BindProperty(SupportsGet = true)] public string? Flux { get; set; }
    [BindProperty(SupportsGet = true)] public InvoiceSort Tri { get; set; }
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;

    public async Task OnGetAsync([FromRoute] long structureId, CancellationToken ct)
    {
        StructureId = structureId;
        Result = await handler.HandleAsync(structureId, Side,
            new InvoiceSearch(NumeroFacture: Numero, Statut: Statut, DateDepotDu: Du, DateDepotAu: Au, NumeroFluxDepot: Flux, Tri: Tri, Page: PageNumber), ct);
    }

    public string Segment => Side == InvoiceSide.Sent ? "Sent" : "Received";
}
