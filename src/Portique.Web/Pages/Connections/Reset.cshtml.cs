using Microsoft.AspNetCore.Mvc;
using Portique.Common.Authorization;
using Portique.Connections.ListConnections;

namespace Portique.Web.Pages.Connections;

/// <summary>
/// The "Réinitialisation du mot de passe d'un compte technique" request form, step one: choose the structure. Step two lives
/// under the structure's route so that its policy ("Raccordements" modification) guards the reset.
/// </summary>
public sealed class ResetModel(ListConnectionsHandler handler, CurrentUser user) : PortiquePage
{
    [BindProperty(SupportsGet = true)] public long? StructureId { get; set; }
    public IReadOnlyList<(long Id, string Name)> Structures { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (StructureId is { } id)
            return Redirect($"/Connections/Structures/{id}/Reset");
        Structures = await handler.MyStructuresAsync(user.Id, ct);
        return Page();
    }
}
