using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Portique.Common.Authorization;
using Portique.Organisation;
using Portique.Organisation.BankAccounts.ListBankAccounts;
using Portique.Organisation.GetStructure;

namespace Portique.Web.Pages.Organisation.Structures;

/// <summary>The structure page: details, parameters, services, bank details; management actions for those who may manage.</summary>
[Authorize(Policy = Policies.OrganisationRead)]
public sealed class DetailsModel(GetStructureHandler handler, ListBankAccountsHandler bankAccounts) : PortiquePage
{
    public StructureView Structure { get; private set; } = null!;

    /// <summary>Operators read every structure but hold no membership, so they see no management actions.</summary>
    public bool CanManage => HttpContext.Items[HabilitationHandler.MembershipItem] is Membership { CanManage: true };

    public IReadOnlyList<BankAccountView> BankAccounts { get; private set; } = [];

    public async Task OnGetAsync([FromRoute] long structureId, CancellationToken ct)
    {
        Structure = await handler.HandleAsync(structureId, ct);
        BankAccounts = await bankAccounts.HandleAsync(structureId, activeOnly: false, ct);
    }
}
