using Portique.Refunds.ListRefunds;

namespace Portique.Web.Pages.Refunds;

/// <summary>Entry of the application: the structures where the user holds "Remboursement de taxes".</summary>
public sealed class IndexModel(ListRefundsHandler handler) : PortiquePage
{
    public IReadOnlyList<RefundStructure> Structures { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Structures = await handler.MyStructuresAsync(ct);
}
