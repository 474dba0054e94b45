using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Portique.Common;
using Portique.Common.Authorization;
using Portique.Invoicing.Subcontracting;
using Portique.Organisation;

namespace Portique.Web.Pages.Invoicing;

/// <summary>
/// One invoice to validate: what it is, its deadline, and the validator's single decision (valider, or refuser with a listed
/// reason, "Autre" with a precision), confirmed in a dialog. Reading needs Factures à valider consultation on the route's
/// structure; deciding needs modification there, checked before the handler runs.
/// </summary>
[Authorize(Policy = Policies.InvoicesToValidateRead)]
public sealed class ToValidateInvoiceModel(InvoicesToValidateHandler handler, IAuthorizationService authorization, TimeProvider clock) : PortiquePage
{
    [FromRoute] public long StructureId { get; set; }
    [FromRoute] public long InvoiceId { get; set; }
    [BindProperty] public string? MotifRefus { get; set; }
    [BindProperty] public string? ComplementInfo { get; set; }
    /// <summary>The comment of a validation, optional.</summary>
    [BindProperty] public string? Commentaire { get; set; }

    public InvoiceToValidate Invoice { get; private set; } = null!;
    public bool CanAct { get; private set; }
    public DateTimeOffset Now { get; private set; }

    public Task OnGetAsync(CancellationToken ct) => LoadAsync(ct);

    public Task<IActionResult> OnPostValidateAsync(CancellationToken ct) =>
        DecideAsync(new ValidationDecision("VALIDATION", ComplementInfo: Commentaire), "Facture validée : elle est transmise à l'acheteur public.", ct);

    public Task<IActionResult> OnPostRefuseAsync(CancellationToken ct) =>
        DecideAsync(new ValidationDecision("REFUS", string.IsNullOrWhiteSpace(MotifRefus) ? null : MotifRefus, ComplementInfo),
            "Facture refusée : le fournisseur est prévenu du motif.", ct);

    private async Task<IActionResult> DecideAsync(ValidationDecision decision, string message, CancellationToken ct)
    {
        if (!(await authorization.AuthorizeAsync(User, Policies.InvoicesToValidateWrite)).Succeeded)
            return Forbid();
        return await Run(async () =>
        {
            if (decision.Action == "REFUS" && decision.MotifRefus is null)
                throw new PortiqueException("VALIDATION_REASON_INVALID", "Choisissez le motif du refus dans la liste.") { Field = "motifRefus" };
            await handler.DecideAsync(StructureId, InvoiceId, decision, ct);
            return Done(message, $"/Invoicing/{StructureId}/ToValidate/{InvoiceId}");
        });
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Invoice = await handler.GetAsync(StructureId, InvoiceId, ct);
        CanAct = (await authorization.AuthorizeAsync(User, Policies.InvoicesToValidateWrite)).Succeeded;
        Now = clock.GetUtcNow();
    }

    protected override Task OnRefusedAsync() => LoadAsync(HttpContext.RequestAborted);

    protected override (string Key, string Label)? FieldOf(PortiqueException refusal) => refusal.Field switch
    {
        "motifRefus" => ("MotifRefus", "Motif du refus"),
        "complementInfo" => ("ComplementInfo", "Précisions"),
        _ => null,
    };
}
