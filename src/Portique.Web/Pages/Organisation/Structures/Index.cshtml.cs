using Portique.Organisation.MyStructures;

namespace Portique.Web.Pages.Organisation.Structures;

/// <summary>"Mes structures": where a signed-in user starts.</summary>
public sealed class IndexModel(MyStructuresHandler handler) : PortiquePage
{
    public IReadOnlyList<MyStructure> Structures { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Structures = await handler.HandleAsync(ct);
}
