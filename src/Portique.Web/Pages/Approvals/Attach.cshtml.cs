using Microsoft.AspNetCore.Mvc;
using Portique.Approvals.RequestAttachment;
using Portique.Common;
using Portique.Organisation;

namespace Portique.Web.Pages.Approvals;

/// <summary>Search a structure by identifier type + identifier, choose services if any, comment, and ask to be attached.</summary>
public sealed class AttachModel(RequestAttachmentHandler handler) : PortiquePage
{
    [BindProperty(SupportsGet = true)] public IdentifierType IdentifierType { get; set; } = IdentifierType.SIRET;
    [BindProperty(SupportsGet = true)] public string? Identifier { get; set; }
    [BindProperty] public List<long> ServiceIds { get; set; } = [];
    [BindProperty] public string? Comment { get; set; }

    public AttachmentTarget? Target { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        if (!string.IsNullOrWhiteSpace(Identifier))
            await FindAsync(ct);
    }

    public Task<IActionResult> OnPostAsync(CancellationToken ct) => Run(async () =>
    {
        await handler.HandleAsync(new RequestAttachmentRequest(IdentifierType, Identifier ?? "", ServiceIds, Comment), ct);
        return Done("Demande de rattachement envoyée : un gestionnaire de la structure va l'examiner.", "/Approvals/Mine");
    });

    protected override Task OnRefusedAsync() => FindAsync(HttpContext.RequestAborted);

    // A structure that does not exist is an answer to the search, shown on the page rather than as an error page.
    private async Task FindAsync(CancellationToken ct)
    {
        try
        {
            Target = await handler.FindAsync(IdentifierType, Identifier, ct);
        }
        catch (PortiqueException e)
        {
            ModelState.AddModelError(string.Empty, e.Message);
        }
    }
}
