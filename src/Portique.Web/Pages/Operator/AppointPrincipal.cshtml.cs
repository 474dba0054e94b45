using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Portique.Common;
using Portique.Common.Authorization;
using Portique.Organisation;
using Portique.Organisation.SearchStructures;
using Portique.Organisation.Users.AppointPrincipal;

namespace Portique.Web.Pages.Operator;

/// <summary>Operators appoint a new principal manager for a structure whose principal has left, found by its identifier.</summary>
[Authorize(Policy = Policies.Operator)]
public sealed class AppointPrincipalModel(SearchStructuresHandler search, AppointPrincipalHandler appoint, IStringLocalizer<Labels> l) : PortiquePage
{
    [BindProperty] public IdentifierType IdentifierType { get; set; } = IdentifierType.SIRET;
    [BindProperty] public string Identifier { get; set; } = "";
    [BindProperty] public string Email { get; set; } = "";

    public void OnGet()
    {
    }

    public Task<IActionResult> OnPostAsync(CancellationToken ct) => Run(async () =>
    {
        var identifier = Validation.Required(Identifier, l["identifiant de la structure"], 80);
        var found = await search.HandleAsync(new SearchStructuresRequest(IdentifierType, identifier, IncludeInactive: true, Size: 1), ct);
        var structure = found.Items.Count > 0 ? found.Items[0] : throw new PortiqueException("STRUCTURE_NOT_FOUND", l["Aucune structure n'a cet identifiant."]);
        var principal = await Portique.Web.Pages.Organisation.Users.UserLabels.OnPage(() => appoint.HandleAsync(structure.Id, new AppointPrincipalRequest(Email), ct));
        return Done(l["{0} est nommé(e) gestionnaire principal de {1}.", principal.DisplayName, structure.Name], "/Operator/AppointPrincipal");
    });
}
