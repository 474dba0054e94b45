using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Portique.Common;
using Portique.Refunds;
using Portique.Refunds.Processing;

namespace Portique.Web.Pages.Refunds.Douane;

[Authorize(Policy = RefundsModule.CustomsPolicy)]
public sealed class IndexModel(CustomsRefundsHandler handler) : PortiquePage
{
    [BindProperty(SupportsGet = true)] public string? Status { get; set; }
    [BindProperty(SupportsGet = true)] public int? Year { get; set; }
    [BindProperty(SupportsGet = true)] public string? Identifier { get; set; }
    [BindProperty(SupportsGet = true)] public int PageNumber { get; set; } = 1;
    public Page<CustomsRefundRow>? Result { get; private set; }

    public Task<IActionResult> OnGetAsync(CancellationToken ct) => Run(async () =>
    {
        Result = await handler.ListAsync(Status, Year, Identifier, new PageRequest(PageNumber, 50), ct);
        return Page();
    });
}
