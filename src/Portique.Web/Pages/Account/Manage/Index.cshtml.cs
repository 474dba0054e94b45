using Microsoft.AspNetCore.Mvc;
using Portique.Accounts.MyAccount;

namespace Portique.Web.Pages.Account.Manage;

/// <summary>"Mon compte": the same handler as GET/PUT /api/v1/me.</summary>
public sealed class IndexModel(MyAccountHandler handler) : PortiquePage
{
    public MyAccountView Account { get; private set; } = null!;
    [BindProperty] public string FirstName { get; set; } = "";
    [BindProperty] public string LastName { get; set; } = "";
    [BindProperty] public string? ContactEmail { get; set; }
    [BindProperty] public bool NotifyInvoicing { get; set; }
    [BindProperty] public bool NotifyNews { get; set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Account = await handler.GetAsync(ct);
        (FirstName, LastName, ContactEmail, NotifyInvoicing, NotifyNews) =
            (Account.FirstName, Account.LastName, Account.ContactEmail, Account.NotifyInvoicing, Account.NotifyNews);
    }

    public Task<IActionResult> OnPostAsync(CancellationToken ct) => Run(async () =>
    {
        await handler.UpdateAsync(new UpdateMyAccountRequest(FirstName, LastName, ContactEmail, NotifyInvoicing, NotifyNews), ct);
        return Done("Vos informations sont enregistrées.", "/Account/Manage");
    });

    protected override async Task OnRefusedAsync() => Account = await handler.GetAsync(HttpContext.RequestAborted);
}
