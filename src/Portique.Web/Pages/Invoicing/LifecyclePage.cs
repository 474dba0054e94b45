using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Portique.Common;
using Portique.Common.Authorization;
using Portique.Invoicing;
using Portique.Lifecycle;
using Portique.Lifecycle.SetStatus;
using Portique.Organisation;

namespace Portique.Web.Pages.Invoicing;

/// <summary>
/// Sets a lifecycle status from an invoice page (the form of the InvoiceLifecycle block posts here), through the API's handler;
/// back to the invoice page when done, or this page with the refusal next to the form. The page policy grants consultation of
/// the side; setting a status needs its modification habilitation, checked here as the API's policy does.
/// </summary>
public abstract class LifecyclePageModel(SetStatusHandler handler, IAuthorizationService authorization) : PortiquePage
{
    public abstract InvoiceSide Side { get; }
    public long StructureId { get; private set; }
    public long InvoiceId { get; private set; }
    public bool CanAct { get; private set; }
    public string Segment => Side == InvoiceSide.Sent ? "Sent" : "Received";

    [BindProperty] public string? Statut { get; set; }
    [BindProperty] public string? Motif { get; set; }
    [BindProperty] public string? ActionDemandee { get; set; }
    [BindProperty] public string? Commentaire { get; set; }
    [BindProperty] public List<string?> Montants { get; set; } = [];
    [BindProperty] public List<string?> Taux { get; set; } = [];

    public async Task OnGetAsync([FromRoute] long structureId, [FromRoute] long invoiceId)
    {
        (StructureId, InvoiceId) = (structureId, invoiceId);
        CanAct = await MayActAsync();
    }

    public async Task<IActionResult> OnPostAsync([FromRoute] long structureId, [FromRoute] long invoiceId, CancellationToken ct)
    {
        (StructureId, InvoiceId) = (structureId, invoiceId);
        if (!(CanAct = await MayActAsync()))
            return Forbid();
        return await Run(async () =>
        {
            var status = await handler.HandleAsync(structureId, Side, invoiceId,
                new SetStatusRequest(Statut ?? throw new PortiqueException("FIELD_REQUIRED", "Choisissez le nouveau statut de la facture.") { Field = "statut" },
                    Motif, Commentaire, ActionDemandee, Collected()), ct);
            return Done($"Le statut {status.Statut} ({status.Libelle}) a été donné à la facture ; son message CDAR est enregistré.", $"/Invoicing/{structureId}/{Segment}/{invoiceId}");
        });
    }

    protected override (string Key, string Label)? FieldOf(PortiqueException refusal) => refusal.Field switch
    {
        "statut" => ("Statut", "Nouveau statut"),
        "motif" => ("Motif", "Motif"),
        "actionDemandee" => ("ActionDemandee", "Action demandée"),
        "encaissements" => ("Encaissements", "Montants encaissés"),
        _ => null,
    };

    /// <summary>The amount and rate rows the user filled in; a row with one of the two is refused, a number is read in French or with a dot.</summary>
    private List<CollectedAmount> Collected()
    {
        var rows = new List<CollectedAmount>();
        for (var n = 0; n < Math.Max(Montants.Count, Taux.Count); n++)
        {
            var amount = n < Montants.Count ? Montants[n] : null;
            var rate = n < Taux.Count ? Taux[n] : null;
            if (string.IsNullOrWhiteSpace(amount) && string.IsNullOrWhiteSpace(rate))
                continue;
            rows.Add(new CollectedAmount(Number(amount, "montant encaissé"), Number(rate, "taux de TVA")));
        }
        return rows;
    }

    private static decimal Number(string? text, string field) =>
        decimal.TryParse(text?.Replace(" ", "", StringComparison.Ordinal).Replace(',', '.'), NumberStyles.Number, CultureInfo.InvariantCulture, out var value) ? value
            : throw new PortiqueException("LIFECYCLE_AMOUNT_INVALID", $"Le {field} « {text} » n'est pas un nombre.") { Field = "encaissements" };

    private async Task<bool> MayActAsync() =>
        (await authorization.AuthorizeAsync(User, Policies.Habilitation(Side == InvoiceSide.Sent ? PortalApplication.FacturesEmises : PortalApplication.FacturesRecues,
            HabilitationProfile.Modification))).Succeeded;
}

[Authorize(Policy = Policies.SentInvoicesRead)]
public sealed class SentLifecycleModel(SetStatusHandler handler, IAuthorizationService authorization) : LifecyclePageModel(handler, authorization)
{
    public override InvoiceSide Side => InvoiceSide.Sent;
}

[Authorize(Policy = Policies.ReceivedInvoicesRead)]
public sealed class ReceivedLifecycleModel(SetStatusHandler handler, IAuthorizationService authorization) : LifecyclePageModel(handler, authorization)
{
    public override InvoiceSide Side => InvoiceSide.Received;
}
