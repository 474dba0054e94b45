using Microsoft.AspNetCore.Mvc.RazorPages;
using Portique.Approvals.ListApprovals;
using Portique.Invoicing.Waiting;
using Portique.Organisation.MyStructures;

namespace Portique.Web.Pages;

/// <summary>
/// The home page says what to do next: without a structure, create one or ask to join one (search by name or identifier);
/// with structures, the invoices waiting for the user and the approvals waiting for his decision.
/// </summary>
public sealed class IndexModel(MyStructuresHandler structures, WaitingInvoicesHandler waiting, ListApprovalsHandler approvals, MenuRights menu) : PageModel
{
    public IReadOnlyList<MyStructure> Structures { get; private set; } = [];
    public IReadOnlyList<WaitingInvoices> Waiting { get; private set; } = [];
    public int PendingApprovals { get; private set; }
    public Rights Rights { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken ct)
    {
        if (User.Identity?.IsAuthenticated != true)
            return;
        Rights = await menu.GetAsync();
        Structures = await structures.HandleAsync(ct);
        PendingApprovals = await approvals.PendingCountAsync(ct);
        if (Rights.Invoicing)
            Waiting = await waiting.HandleAsync(ct);
    }
}
