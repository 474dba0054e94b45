using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Portique.Common;
using Portique.Common.Authorization;
using Portique.Common.Data;
using Portique.Invoicing;
using Portique.Organisation;

namespace Portique.Lifecycle.History;

/// <summary>One status of the history, with the address of its CDAR message.</summary>
public sealed record LifecycleStatusView(long Id, int Sequence, string Statut, string Libelle, LifecycleActor Emetteur, DateTimeOffset Date,
    string? Motif, string? Commentaire, string? ActionDemandee, IReadOnlyList<CollectedAmount> Encaissements, string IdentifiantMessage,
    string NumeroFacture, string Cdar)
{
    public static LifecycleStatusView Of(LifecycleStatus s, string cdarUrl) => new(s.Id, s.Sequence, s.Code, LifecycleTable.Label(s.Code), s.Actor, s.At,
        s.Reason, s.Comment, s.RequestedAction, s.CollectedAmounts(), s.MessageId, s.InvoiceNumber, cdarUrl);
}

/// <summary>A statut the caller's side may set next, with what it needs.</summary>
public sealed record NextStatusView(string Statut, string Libelle, bool MotifObligatoire, IReadOnlyList<string> Motifs, bool ActionPossible, bool MontantsObligatoires);

/// <summary>The lifecycle of a B2B invoice seen from one side: current status, what this side may set next, and the history.</summary>
public sealed record LifecycleView(long IdentifiantFactureCpp, string NumeroFacture, string? StatutCourant, string? LibelleStatutCourant,
    IReadOnlyList<NextStatusView> StatutsPossibles, IReadOnlyList<LifecycleStatusView> Historique);

/// <summary>
/// The lifecycle history of an invoice (both sides see the same statuses), the statuses of a deposit's invoices that have no
/// portal invoice (routed to another platform, or rejected: 213), and the download of each stored CDAR message.
/// </summary>
public sealed class LifecycleHistoryHandler(PortiqueDb db, LifecycleSides sides)
{
    public async Task<LifecycleView> HandleAsync(long structureId, InvoiceSide side, long invoiceId, CancellationToken ct)
    {
        var (invoice, _, lifecycle) = await sides.LoadAsync(structureId, side, invoiceId, HabilitationProfile.Consultation, ct);
        var baseUrl = $"/api/v1/structures/{structureId}/invoices/{LifecycleSides.Segment(side)}/{invoiceId}/lifecycle";
        var current = lifecycle.History.Count == 0 ? null : lifecycle.State;
        return new LifecycleView(invoice.Id, invoice.Number, current, current is null ? null : LifecycleTable.Label(current),
            [.. lifecycle.Next(LifecycleSides.ActorOf(side)).Select(r => new NextStatusView(r.Code, r.Status.Label,
                r.ReasonRequired || Formats.Cdar.CdarCodes.StatusesNeedingReason.Contains(r.Code),
                Formats.Cdar.CdarCodes.ReasonsFor(r.Code) is { } own ? [.. own.Order(StringComparer.Ordinal)] : [], r.TakesAction, r.NeedsAmounts))],
            [.. lifecycle.History.Select(s => LifecycleStatusView.Of(s, $"{baseUrl}/{s.Id}/cdar"))]);
    }

    public async Task<(string Name, byte[] Content)> CdarAsync(long structureId, InvoiceSide side, long invoiceId, long statusId, CancellationToken ct)
    {
        var (invoice, _, lifecycle) = await sides.LoadAsync(structureId, side, invoiceId, HabilitationProfile.Consultation, ct);
        var status = lifecycle.History.FirstOrDefault(s => s.Id == statusId)
            ?? throw PortiqueException.NotFound("LIFECYCLE_STATUS_NOT_FOUND", $"La facture {invoice.Number} n'a pas de statut de cycle de vie {statusId}.");
        return (FileName(status), status.Cdar);
    }

    /// <summary>The statuses of a deposit's invoices, seller side: those of invoices routed elsewhere and those rejected (213).</summary>
    public async Task<IReadOnlyList<LifecycleStatusView>> FlowAsync(long structureId, string flowNumber, CancellationToken ct)
    {
        var flowId = await FlowIdAsync(structureId, flowNumber, ct);
        var statuses = await db.Set<LifecycleStatus>().AsNoTracking()
            .Where(s => s.FlowId == flowId && s.SupplierStructureId == structureId && s.InvoiceId == null)
            .OrderBy(s => s.Id).ToListAsync(ct);
        return [.. statuses.Select(s => LifecycleStatusView.Of(s, $"/api/v1/structures/{structureId}/invoices/flows/{flowNumber}/lifecycle/{s.Id}/cdar"))];
    }

    public async Task<(string Name, byte[] Content)> FlowCdarAsync(long structureId, string flowNumber, long statusId, CancellationToken ct)
    {
        var flowId = await FlowIdAsync(structureId, flowNumber, ct);
        var status = await db.Set<LifecycleStatus>().AsNoTracking()
            .FirstOrDefaultAsync(s => s.Id == statusId && s.FlowId == flowId && s.SupplierStructureId == structureId && s.InvoiceId == null, ct)
            ?? throw PortiqueException.NotFound("LIFECYCLE_STATUS_NOT_FOUND", $"Le flux {flowNumber} n'a pas de statut de cycle de vie {statusId}.");
        return (FileName(status), status.Cdar);
    }

    private async Task<long> FlowIdAsync(long structureId, string flowNumber, CancellationToken ct) =>
        await db.Set<Flow>().Where(f => f.Number == flowNumber && f.StructureId == structureId).Select(f => (long?)f.Id).FirstOrDefaultAsync(ct)
            ?? throw PortiqueException.NotFound("FLOW_NOT_FOUND", $"Le flux {flowNumber} n'existe pas ou n'a pas été déposé par cette structure.");

    private static string FileName(LifecycleStatus status) => FileNames.Safe($"{status.InvoiceNumber}-CDV-{status.Code}-{status.Sequence}.xml") is { Length: > 0 } name ? name : $"cdv-{status.Id}.xml";

    internal static void Map(IEndpointRouteBuilder api)
    {
        foreach (var side in new[] { InvoiceSide.Sent, InvoiceSide.Received })
        {
            var segment = LifecycleSides.Segment(side);
            var policy = Policies.Habilitation(LifecycleSides.ApplicationOf(side), HabilitationProfile.Consultation);
            api.MapGet($"/structures/{{structureId:long}}/invoices/{segment}/{{invoiceId:long}}/lifecycle",
                    async Task<Ok<LifecycleView>> (long structureId, long invoiceId, LifecycleHistoryHandler handler, CancellationToken ct) =>
                        TypedResults.Ok(await handler.HandleAsync(structureId, side, invoiceId, ct)))
                .RequireAuthorization(policy)
                .WithSummary("Cycle de vie d'une facture B2B : statut courant, statuts possibles, historique");
            api.MapGet($"/structures/{{structureId:long}}/invoices/{segment}/{{invoiceId:long}}/lifecycle/{{statusId:long}}/cdar",
                    async Task<FileContentHttpResult> (long structureId, long invoiceId, long statusId, LifecycleHistoryHandler handler, CancellationToken ct) =>
                    {
                        var (name, content) = await handler.CdarAsync(structureId, side, invoiceId, statusId, ct);
                        return TypedResults.File(content, "application/xml", name);
                    })
                .RequireAuthorization(policy)
                .WithSummary("Télécharger le message CDAR d'un statut de cycle de vie");
        }
        var flows = Policies.Habilitation(PortalApplication.FacturesEmises, HabilitationProfile.Consultation);
        api.MapGet("/structures/{structureId:long}/invoices/flows/{number}/lifecycle",
                async Task<Ok<IReadOnlyList<LifecycleStatusView>>> (long structureId, string number, LifecycleHistoryHandler handler, CancellationToken ct) =>
                    TypedResults.Ok(await handler.FlowAsync(structureId, number, ct)))
            .RequireAuthorization(flows)
            .WithSummary("Statuts de cycle de vie des factures d'un flux sans facture sur le portail (routées vers une autre plateforme, rejetées 213)");
        api.MapGet("/structures/{structureId:long}/invoices/flows/{number}/lifecycle/{statusId:long}/cdar",
                async Task<FileContentHttpResult> (long structureId, string number, long statusId, LifecycleHistoryHandler handler, CancellationToken ct) =>
                {
                    var (name, content) = await handler.FlowCdarAsync(structureId, number, statusId, ct);
                    return TypedResults.File(content, "application/xml", name);
                })
            .RequireAuthorization(flows)
            .WithSummary("Télécharger le message CDAR d'un statut d'une facture du flux");
    }
}
