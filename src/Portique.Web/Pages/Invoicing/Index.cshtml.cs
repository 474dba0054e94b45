using Portique.Organisation.MyStructures;

namespace Portique.Web.Pages.Invoicing;

/// <summary>Entry of the invoicing pages: the caller's structures, each with its sent and received invoices and deposits.</summary>
public sealed class IndexModel(MyStructuresHandler handler) : PortiquePage
{
    public IReadOnlyList<MyStructure> Structures { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Structures = await handler.HandleAsync(ct);
}
