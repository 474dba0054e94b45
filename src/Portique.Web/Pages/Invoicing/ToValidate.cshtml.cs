using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Portique.Common.Authorization;
using Portique.Invoicing.Subcontracting;

namespace Portique.Web.Pages.Invoicing;

/// <summary>
/// Factures à valider: the subcontractors' (A9) and co-contractors' (A12) invoices that name this structure as validator,
/// those still waiting (closest deadline first, with the days left) or those already decided. The same handler as the API.
/// </summary>
[Authorize(Policy = Policies.InvoicesToValidateRead)]
public sealed class ToValidateModel(InvoicesToValidateHandler handler, TimeProvider clock) : PortiquePage
{
    [FromRoute] public long StructureId { get; set; }
    /// <summary>False (default): what waits for a decision; true: what was validated, refused or validated tacitly.</summary>
    [BindProperty(SupportsGet = true)] public bool Traitees { get; set; }
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;

    public ValidatorPage Result { get; private set; } = new([], 1, 50, 0);
    public DateTimeOffset Now { get; private set; }
    public int Pages => Math.Max(1, (Result.Total + Result.TaillePage - 1) / Result.TaillePage);

    public async Task OnGetAsync(CancellationToken ct)
    {
        Result = await handler.SearchAsync(StructureId, new ValidatorSearch(Page: PageNumber, Traitees: Traitees), ct);
        Now = clock.GetUtcNow();
    }

    /// <summary>Whole days left before the deadline, rounded up (a deadline tomorrow morning is "1 jour"); 0 once passed.</summary>
    public static int DaysLeft(DateTimeOffset deadline, DateTimeOffset now) => Math.Max(0, (int)Math.Ceiling((deadline - now).TotalDays));

    /// <summary>The validator's decision, in the words of the page.</summary>
    public static string DecisionLabel(ValidationOutcome outcome) => outcome switch
    {
        ValidationOutcome.Validated => "Validée",
        ValidationOutcome.Refused => "Refusée",
        ValidationOutcome.Tacit => "Validée tacitement",
        _ => "En attente de validation",
    };

    /// <summary>The listed label of a refusal reason code (the code itself if it is no longer listed).</summary>
    public static string ReasonLabel(string? code) =>
        InvoiceValidation.Reasons.FirstOrDefault(r => r.Code == code)?.Label ?? code ?? "";
}
