using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Portique.Common;
using Portique.Common.Authorization;
using Portique.Common.Data;
using Portique.Organisation;

namespace Portique.Invoicing.Deposit;

public sealed record FlowFindingView(string Document, string? NumeroFacture, string Regle, bool Erreur, string Message);

public sealed record FlowInvoiceView(long IdentifiantFactureCpp, string NumeroFacture, InvoiceStatus Statut);

/// <summary>consulterCRDetaille: the flow's state and every finding per document; the invoices it produced.</summary>
public sealed record FlowReportView(
    string NumeroFluxDepot, string NomFichier, FlowSyntax SyntaxeFlux, string CodeInterfaceDepotFlux, FlowState EtatCourantDepotFlux,
    DateTimeOffset DateDepotFlux, DateTimeOffset DateHeureEtatCourantFlux, string Empreinte, int FacturesIntegrees, int FacturesRejetees,
    IReadOnlyList<FlowFindingView> Erreurs, IReadOnlyList<FlowInvoiceView> Factures);

public sealed record FlowSummary(string NumeroFluxDepot, string NomFichier, FlowSyntax SyntaxeFlux, FlowState EtatCourantDepotFlux,
    DateTimeOffset DateDepotFlux, int FacturesIntegrees, int FacturesRejetees);

/// <summary>The deposit reports of a structure's flows (Factures émises consultation).</summary>
public sealed class FlowReportHandler(PortiqueDb db)
{
    public async Task<FlowReportView> GetAsync(long structureId, string number, CancellationToken ct)
    {
        var flow = await db.Set<Flow>().AsNoTracking()
            .Where(f => f.StructureId == structureId && f.Number == number)
            .Select(f => new { f.Number, f.FileName, f.Syntax, f.State, f.ReceivedAt, f.StateChangedAt, f.Sha256, f.InvoicesIntegrated, f.InvoicesRejected, f.Findings, f.Id })
            .FirstOrDefaultAsync(ct)
            ?? throw PortiqueException.NotFound("FLOW_NOT_FOUND", $"Le flux {number} n'existe pas pour cette structure.");
        var invoices = await db.Set<Invoice>().AsNoTracking().Where(i => i.FlowId == flow.Id).OrderBy(i => i.Id)
            .Select(i => new FlowInvoiceView(i.Id, i.Number, i.Status)).ToListAsync(ct);
        return new FlowReportView(flow.Number, flow.FileName, flow.Syntax, $"FSO{Flow.InterfaceCode(flow.Syntax)}A", flow.State, flow.ReceivedAt,
            flow.StateChangedAt, flow.Sha256, flow.InvoicesIntegrated, flow.InvoicesRejected,
            [.. flow.Findings.OrderBy(f => f.Id).Select(f => new FlowFindingView(f.Document, f.InvoiceNumber, f.Rule, f.IsError, f.Message))], invoices);
    }

    /// <summary>Newest first; ids follow deposit order (and SQLite cannot sort on DateTimeOffset).</summary>
    public async Task<Page<FlowSummary>> ListAsync(long structureId, PageRequest page, CancellationToken ct)
    {
        var query = db.Set<Flow>().AsNoTracking().Where(f => f.StructureId == structureId);
        var total = await query.CountAsync(ct);
        var items = await query.OrderByDescending(f => f.Id).Skip(page.Skip).Take(page.SafeSize)
            .Select(f => new FlowSummary(f.Number, f.FileName, f.Syntax, f.State, f.ReceivedAt, f.InvoicesIntegrated, f.InvoicesRejected))
            .ToListAsync(ct);
        return new Page<FlowSummary>(items, page.SafePage, page.SafeSize, total);
    }

    internal static void Map(IEndpointRouteBuilder api)
    {
        var policy = Policies.Habilitation(PortalApplication.FacturesEmises, HabilitationProfile.Consultation);
        api.MapGet("/structures/{structureId:long}/invoices/flows/{number}", async Task<Ok<FlowReportView>> (long structureId, string number, FlowReportHandler handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.GetAsync(structureId, number, ct)))
            .RequireAuthorization(policy)
            .WithSummary("Compte rendu détaillé d'un dépôt de flux");
        api.MapGet("/structures/{structureId:long}/invoices/flows", async Task<Ok<Page<FlowSummary>>> (long structureId, int? page, int? size, FlowReportHandler handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.ListAsync(structureId, new PageRequest(page ?? 1, size ?? 20), ct)))
            .RequireAuthorization(policy)
            .WithSummary("Flux déposés par la structure");
    }
}
