using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Portique.Common.Authorization;
using Portique.Organisation.BankAccounts.AddBankAccount;
using Portique.Organisation.BankAccounts.SetBankAccountActive;
using Portique.Organisation.GetStructure;

namespace Portique.Web.Pages.Organisation.Structures.BankAccounts;

/// <summary>Adds bank details to a structure; also receives the (de)activate buttons of the structure page.</summary>
[Authorize(Policy = Policies.OrganisationWrite)]
public sealed class IndexModel(IStringLocalizer<Labels> l, GetStructureHandler get, AddBankAccountHandler add, SetBankAccountActiveHandler setActive) : PortiquePage
{
    [FromRoute] public long StructureId { get; set; }
    [BindProperty] public string? Nom { get; set; }
    [BindProperty] public string? Iban { get; set; }
    [BindProperty] public string? Bic { get; set; }
    public string StructureName { get; private set; } = "";

    private string Back => $"/Organisation/Structures/{StructureId}";

    public async Task OnGetAsync() => await OnRefusedAsync();

    public Task<IActionResult> OnPostAsync(CancellationToken ct) => Run(async () =>
    {
        await add.HandleAsync(StructureId, new AddBankAccountRequest(Nom, Iban, Bic), ct);
        return Done(l["Coordonnées bancaires ajoutées."], Back);
    });

    public Task<IActionResult> OnPostDeactivateAsync(long bankAccountId, CancellationToken ct) => Run(async () =>
    {
        await setActive.HandleAsync(StructureId, bankAccountId, false, ct);
        return Done(l["Coordonnées bancaires désactivées."], Back);
    });

    public Task<IActionResult> OnPostActivateAsync(long bankAccountId, CancellationToken ct) => Run(async () =>
    {
        await setActive.HandleAsync(StructureId, bankAccountId, true, ct);
        return Done(l["Coordonnées bancaires réactivées."], Back);
    });

    protected override async Task OnRefusedAsync() => StructureName = (await get.HandleAsync(StructureId, HttpContext.RequestAborted)).Name;
}
