using Microsoft.Extensions.Localization;
using Microsoft.AspNetCore.Mvc;
using Portique.Organisation;
using Portique.Organisation.CreateStructure;

namespace Portique.Web.Pages.Organisation.Structures;

public sealed class CreateModel(IStringLocalizer<Labels> l, CreateStructureHandler handler) : PortiquePage
{
    [BindProperty] public IdentifierType IdentifierType { get; set; } = IdentifierType.SIRET;
    [BindProperty] public string Identifier { get; set; } = "";
    [BindProperty] public bool IsPublic { get; set; }
    [BindProperty] public StructureForm Form { get; set; } = new();

    public void OnGet()
    {
    }

    public Task<IActionResult> OnPostAsync(CancellationToken ct) => Run(async () =>
    {
        var created = await handler.HandleAsync(
            new CreateStructureRequest(IdentifierType, Identifier, Form.Name, IsPublic, Form.Email, Form.VatNumber, Form.Address, Form.Parameters), ct);
        return Done(l["Structure créée : vous en êtes le gestionnaire principal."], $"/Organisation/Structures/{created.Id}");
    });
}
