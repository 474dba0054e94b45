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

/// <summary>deposer/flux: the file in base64 (JSON) or as a multipart part named "fichierFlux".</summary>
public sealed record DepositFlowRequest(string FichierFlux, string NomFichier, FlowSyntax SyntaxeFlux, bool AvecSignature = false);

public sealed record DepositedFlow(string NumeroFluxDepot, DateTimeOffset DateDepot, FlowSyntax SyntaxeFlux, FlowState EtatCourantFlux);

/// <summary>
/// Stores the flow as received and its work-queue job in one transaction, then acknowledges it with its number: from then
/// on the flow cannot be lost (DepositWorker integrates it, woken at once on this node). The supplier structure is the
/// route's, the depositor must hold Factures émises modification there (route policy), and the structure must be active.
/// On PostgreSQL the whole acknowledgement is one statement (docs/decisions/0014).
/// </summary>
public sealed class DepositFlowHandler(PortiqueDb db, CurrentUser user, TimeProvider clock, DepositSignal signal, DepositQuota quota)
{
    public async Task<DepositedFlow> HandleAsync(long structureId, string fileName, FlowSyntax syntax, byte[] content, CancellationToken ct,
        string depositMode = DepositModes.Flow)
    {
        if (!Enum.IsDefined(syntax))
            throw new PortiqueException("FLOW_SYNTAX_INVALID", "Syntaxe de flux inconnue.");
        var flow = Flow.Receive(structureId, user.Id, FileNames.Safe(fileName), syntax, content, clock.GetUtcNow(), depositMode);
        quota.Take(structureId);
        var number = (db.IsPostgres ? await StoreInOneStatementAsync(flow, ct) : null) ?? await StoreAsync(flow, ct);
        signal.Notify();
        return new DepositedFlow(number, flow.ReceivedAt, flow.Syntax, flow.State);
    }

    /// <summary>
    /// Flow and job in one INSERT (atomic on its own, one round trip): the id is drawn from the flows' sequence first so that
    /// the number is written with the row, and nothing is written unless the structure exists and is active. Null when it is
    /// not, so that <see cref="StoreAsync"/> says why.
    /// </summary>
    private async Task<string?> StoreInOneStatementAsync(Flow flow, CancellationToken ct)
    {
        var prefix = Flow.NumberPrefix(flow.Syntax);
        var syntax = flow.Syntax.ToString();
        var state = flow.State.ToString();
        var rows = await db.Database.SqlQuery<string>($"""
            WITH id AS (
                SELECT nextval(pg_get_serial_sequence('flows', 'Id')) AS "Id" FROM structures WHERE "Id" = {flow.StructureId} AND "IsActive"),
            flow AS (
                INSERT INTO flows ("Id", "Number", "StructureId", "DepositorUserId", "FileName", "Syntax", "DepositMode", "Content", "Sha256",
                    "State", "ReceivedAt", "StateChangedAt", "InvoicesIntegrated", "InvoicesRejected")
                SELECT "Id", {prefix} || lpad("Id"::text, 15, '0'), {flow.StructureId}, {flow.DepositorUserId}, {flow.FileName}, {syntax},
                    {flow.DepositMode}, {flow.Content}, {flow.Sha256}, {state}, {flow.ReceivedAt}, {flow.StateChangedAt}, 0, 0 FROM id
                RETURNING "Id", "Number"),
            job AS (
                INSERT INTO deposit_jobs ("FlowId", "CreatedAt", "Attempts") SELECT "Id", {flow.ReceivedAt}, 0 FROM flow)
            SELECT "Number" AS "Value" FROM flow
            """).ToListAsync(ct);
        return rows.Count == 1 ? rows[0] : null;
    }

    private async Task<string> StoreAsync(Flow flow, CancellationToken ct)
    {
        var structure = await db.Structures.AsNoTracking().FirstOrDefaultAsync(s => s.Id == flow.StructureId, ct)
            ?? throw PortiqueException.NotFound("STRUCTURE_NOT_FOUND", $"La structure {flow.StructureId} n'existe pas.");
        structure.EnsureActive();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        db.Add(flow);
        await db.SaveChangesAsync(ct);
        flow.AssignNumber();
        db.Add(DepositJob.For(flow.Id, flow.ReceivedAt));
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return flow.Number;
    }

    internal static void Map(IEndpointRouteBuilder api) =>
        api.MapPost("/structures/{structureId:long}/invoices/flows", async Task<Created<DepositedFlow>> (long structureId, HttpRequest http, DepositFlowHandler handler, CancellationToken ct) =>
            {
                var (name, syntax, content) = await ReadAsync(http, ct);
                var flow = await handler.HandleAsync(structureId, name, syntax, content, ct);
                return TypedResults.Created($"/api/v1/structures/{structureId}/invoices/flows/{flow.NumeroFluxDepot}", flow);
            })
            .RequireAuthorization(Policies.Habilitation(PortalApplication.FacturesEmises, HabilitationProfile.Modification))
            .Accepts<DepositFlowRequest>("application/json", "multipart/form-data")
            .WithSummary("Déposer un flux de factures (UBL, CII, Factur-X ; zip ou tar.gz pour plusieurs)");

    private static async Task<(string Name, FlowSyntax Syntax, byte[] Content)> ReadAsync(HttpRequest http, CancellationToken ct)
    {
        if (http.HasFormContentType)
        {
            var form = await http.ReadFormAsync(ct);
            var file = form.Files["fichierFlux"] ?? throw new PortiqueException("FIELD_REQUIRED", "Le fichier (fichierFlux) est obligatoire.");
            if (!Enum.TryParse<FlowSyntax>(form["syntaxeFlux"].ToString(), out var formSyntax))
                throw new PortiqueException("FLOW_SYNTAX_INVALID", $"Syntaxe de flux inconnue : « {form["syntaxeFlux"]} ».");
            using var buffer = new MemoryStream();
            await file.CopyToAsync(buffer, ct);
            return (file.FileName, formSyntax, buffer.ToArray());
        }
        DepositFlowRequest? request;
        try
        {
            request = await http.ReadFromJsonAsync<DepositFlowRequest>(ct);
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or InvalidOperationException)
        {
            throw new PortiqueException("REQUEST_INVALID", $"Requête illisible : {e.Message}");
        }
        if (request is null)
            throw new PortiqueException("REQUEST_INVALID", "Corps de requête manquant.");
        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(request.FichierFlux ?? "");
        }
        catch (FormatException)
        {
            throw new PortiqueException("FLOW_BASE64_INVALID", "Le fichier (fichierFlux) n'est pas encodé en base64.");
        }
        return (request.NomFichier ?? "", request.SyntaxeFlux, bytes);
    }
}
