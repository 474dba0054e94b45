using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Portique.Common.Authorization;
using Portique.Common.Data;
using Portique.Invoicing;
using Portique.Lifecycle.History;
using Portique.Organisation;

namespace Portique.Lifecycle.SetStatus;

/// <summary>
/// A lifecycle status set by the buyer or the seller: the status code (spec §2.1), the reason code (MDT-113) and its text,
/// the requested action (MDT-121) and, for 212, the amounts collected per VAT rate.
/// </summary>
public sealed record SetStatusRequest(string Statut, string? Motif = null, string? Commentaire = null, string? ActionDemandee = null,
    IReadOnlyList<CollectedAmount>? Encaissements = null);

/// <summary>
/// Sets a status on a B2B invoice from the side of the caller's structure: the seller's statuses from Factures émises, the
/// buyer's from Factures reçues (modification habilitation). The change is checked against the transition table, its CDAR
/// message written and validated by the engine, then stored with it in one statement; a refusal stores nothing.
/// </summary>
public sealed class SetStatusHandler(PortiqueDb db, LifecycleSides sides, LifecycleSettings settings, CurrentUser user, TimeProvider clock)
{
    public async Task<LifecycleStatusView> HandleAsync(long structureId, InvoiceSide side, long invoiceId, SetStatusRequest request, CancellationToken ct)
    {
        var (_, subject, lifecycle) = await sides.LoadAsync(structureId, side, invoiceId, HabilitationProfile.Modification, ct);
        var actor = LifecycleSides.ActorOf(side);
        var change = lifecycle.Check(new LifecycleChange(request.Statut, request.Motif, request.Commentaire, request.ActionDemandee)
        {
            Collected = request.Encaissements ?? [],
        }, actor);
        var now = clock.GetUtcNow();
        var (messageId, cdar) = LifecycleMessages.Write(settings, subject, change, actor, now);
        var status = LifecycleStatus.Of(subject, lifecycle.NextSequence, change, actor, user.Id, now, messageId, cdar);
        db.Add(status);
        await db.SaveChangesAsync(ct);
        return LifecycleStatusView.Of(status, $"/api/v1/structures/{structureId}/invoices/{LifecycleSides.Segment(side)}/{invoiceId}/lifecycle/{status.Id}/cdar");
    }

    internal static void Map(IEndpointRouteBuilder api)
    {
        foreach (var side in new[] { InvoiceSide.Sent, InvoiceSide.Received })
        {
            var segment = LifecycleSides.Segment(side);
            api.MapPost($"/structures/{{structureId:long}}/invoices/{segment}/{{invoiceId:long}}/lifecycle",
                    async Task<Created<LifecycleStatusView>> (long structureId, long invoiceId, SetStatusRequest request, SetStatusHandler handler, CancellationToken ct) =>
                    {
                        var created = await handler.HandleAsync(structureId, side, invoiceId, request, ct);
                        return TypedResults.Created(created.Cdar, created);
                    })
                .RequireAuthorization(Policies.Habilitation(LifecycleSides.ApplicationOf(side), HabilitationProfile.Modification))
                .WithSummary(side == InvoiceSide.Sent
                    ? "Donner un statut de cycle de vie (vendeur : 209, 212, 220, 224–228) à une facture B2B émise ; produit son message CDAR"
                    : "Donner un statut de cycle de vie (acheteur : 204–208, 210, 211) à une facture B2B reçue ; produit son message CDAR");
        }
    }
}
