using System.Diagnostics;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Portique.Common;
using Portique.Common.Data;
using Portique.Cpro.Common;
using Portique.Cpro.Transverses;
using Portique.Formats;
using Portique.Invoicing;
using Portique.Invoicing.Consult;
using Portique.Invoicing.Deposit;
using Portique.Invoicing.Entry;

namespace Portique.Cpro.Factures;

/// <summary>
/// factures/v1/soumettre (SAISIE_API, DEPOT_PDF_API) over the portal's entry handler, and factures/v1/deposer/pdf. The entry
/// goes through the deposit queue like every channel; Chorus Pro answers soumettre with the invoice, so the call waits (a
/// bounded time, Cpro:SubmitWaitSeconds) for its flow to be integrated and answers the invoice, or the rejection.
/// </summary>
internal static class Submit
{
    private const string Entry = "SAISIE_API";
    private const string Pdf = "DEPOT_PDF_API";

    internal static void Map(IEndpointRouteBuilder cpro)
    {
        cpro.MapPost("/factures/v1/soumettre", SubmitAsync).WithSummary("Soumettre une facture saisie (SAISIE_API) ou déposée en PDF (DEPOT_PDF_API)");
        cpro.MapPost("/factures/v1/deposer/pdf", DepositPdfAsync).WithSummary("Déposer le PDF d'une facture (→ pieceJointeId, données extraites d'un Factur-X)");
    }

    private static async Task<IResult> SubmitAsync(HttpContext http, EnterInvoiceHandler handler, GetInvoiceHandler invoices, PortiqueDb db, IConfiguration config,
        TimeProvider clock, CancellationToken ct)
    {
        var body = await CproBody.ReadAsync(http.Request, ct);
        var structureId = CproAnswer.StructureId(http);
        var mode = body.RequiredString("modeDepot").ToUpperInvariant();
        if (mode is not (Entry or Pdf))
            throw new PortiqueException(mode == "DEPOT_PDF_SIGNE_API" ? "MODE_DEPOT_UNSUPPORTED" : "FIELD_INVALID",
                $"« modeDepot » doit être {Entry} ou {Pdf} : « {mode} ».");
        if (body.Long("fournisseur", "idFournisseur") is { } supplier && supplier != structureId)
            throw new PortiqueException("SUPPLIER_MISMATCH", "« fournisseur.idFournisseur » doit être la structure du compte technique.");
        var cadre = body.String("cadreDeFacturation", "codeCadreFacturation") ?? body.String("cadreFacturation", "codeCadreFacturation");
        // Every cadre of §3.1 is understood; the entry applies the rule that says whether this structure may deposit it.
        var cadreCode = cadre is null ? Invoicing.Cadres.CadreTable.DefaultCode : Invoicing.Cadres.CadreTable.Find(cadre)?.Code
            ?? throw new PortiqueException("CADRE_UNKNOWN", $"« cadreDeFacturation.codeCadreFacturation » n'est pas un cadre de facturation (A1_FACTURE_FOURNISSEUR … A25) : « {cadre} ».");
        var references = body.Field("references") as JsonObject ?? [];
        var request = new EnterInvoiceRequest(
            NumeroFacture: body.String("numeroFactureSaisi") ?? body.String("numeroFacture"),
            // Chorus Pro dates an invoice submitted without dateFacture on its deposit day; some clients rely on it.
            DateFacture: CproBody.Date(body.Field("dateFacture"), "dateFacture") ?? DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime),
            DateEcheance: CproBody.Date(references["dateEcheancePaiement"] ?? body.Field("dateEcheancePaiement"), "dateEcheancePaiement"),
            IdentifiantDestinataire: body.String("destinataire", "codeDestinataire") ?? body.String("codeDestinataire"),
            CodeService: (body.Field("destinataire") as JsonObject) is { } d ? CproBody.AsString(d["codeServiceExecutant"]) : body.String("codeServiceExecutant"),
            NumeroEngagement: CproBody.AsString(references["numeroBonCommande"]),
            Lignes: Lines(body),
            TypeFacture: CproBody.AsString(references["typeFacture"]),
            Devise: CproBody.AsString(references["deviseFacture"]),
            NumeroMarche: CproBody.AsString(references["numeroMarche"]),
            NumeroFactureOrigine: CproBody.AsString(references["numeroFactureOrigine"]),
            Commentaire: body.String("commentaire"),
            ModePaiement: CproBody.AsString(references["modePaiement"]),
            IdCoordonneesBancaires: body.Long("fournisseur", "codeCoordonneesBancairesFournisseur"),
            Cadre: cadreCode,
            MotifExonerationTva: CproBody.AsString(references["motifExonerationTva"]) ?? body.String("motifExonerationTva"),
            TypeTva: CproBody.AsString(references["typeTva"]) ?? body.String("typeTva"),
            // The validator only in the object form of cadreDeFacturation (a plain string there is the cadre alone).
            CodeStructureValideur: body.Field("cadreDeFacturation") is JsonObject ? body.String("cadreDeFacturation", "codeStructureValideur") : null,
            CodeServiceValideur: body.Field("cadreDeFacturation") is JsonObject ? body.String("cadreDeFacturation", "codeServiceValideur") : null);
        CheckTotals(body, request.Lignes!);
        EntryPdf? pdf = null;
        if (mode == Pdf)
        {
            var id = body.Long("pieceJointePrincipale", "pieceJointePrincipaleId") ?? body.Long("pieceJointeId")
                ?? throw new PortiqueException("FIELD_REQUIRED", "« pieceJointePrincipale » est obligatoire en DEPOT_PDF_API.");
            var file = await StoredFiles.GetAsync(db, structureId, id, ct);
            if (!file.IsPdf)
                throw new PortiqueException("ENTRY_PDF_INVALID", $"La pièce jointe {id} n'est pas un PDF.");
            pdf = new EntryPdf(file.FileName, file.Content);
        }
        // pieceJointeComplementaire: files of ajouter/fichier, embedded in the invoice as the PDF image is.
        var attachments = new List<EntryFile>();
        foreach (var id in body.Strings("pieceJointeComplementaire", "pieceJointeComplementaireId"))
        {
            var file = await StoredFiles.GetAsync(db, structureId, CproBody.AsLong(JsonValue.Create(id), "pieceJointeComplementaireId") ?? 0, ct);
            attachments.Add(new EntryFile(file.NameWithExtension, file.Content));
        }
        var entered = await handler.HandleAsync(structureId, request, ct, pdf, attachments);

        var invoiceId = await IntegratedAsync(db, structureId, entered.NumeroFluxDepot, TimeSpan.FromSeconds(config.GetValue("Cpro:SubmitWaitSeconds", 10)), ct);
        var invoice = invoiceId is { } found ? await invoices.HandleAsync(structureId, InvoiceSide.Sent, found, ct) : null;
        var structure = await db.Structures.AsNoTracking().Where(s => s.Id == structureId).Select(s => s.Identifier).FirstAsync(ct);
        return CproAnswer.Json(CproAnswer.Ok(
            ("identifiantFactureCPP", invoice?.IdentifiantFactureCpp),
            ("numeroFacture", invoice?.NumeroFacture ?? request.NumeroFacture?.Trim()),
            ("identifiantStructure", structure),
            ("empreinteCertificatDepot", invoice?.EmpreinteCertificatDepot),
            ("dateDepot", CproAnswer.Day(DateOnly.FromDateTime(entered.DateDepot.UtcDateTime))),
            ("statutFacture", invoice?.Statut.ToString()),
            ("numeroFluxDepot", entered.NumeroFluxDepot)));
    }

    /// <summary>lignePoste[]: the rate is lignePosteTauxTvaManuel (a percentage) or the code lignePosteTauxTva of recuperer/tauxtva.</summary>
    private static List<EntryLine> Lines(CproBody body)
    {
        var lines = body.Field("lignePoste") switch
        {
            JsonArray a => a.ToList(),
            JsonObject o => [o],
            _ => [],
        };
        return [.. lines.Select((node, i) =>
        {
            var line = node as JsonObject ?? throw new PortiqueException("FIELD_INVALID", $"« lignePoste[{i}] » doit être un objet.");
            var rate = body.DecimalWithZero(line["lignePosteTauxTvaManuel"], $"lignePoste[{i}].lignePosteTauxTvaManuel")
                ?? ReferenceLists.Rate(CproBody.AsString(line["lignePosteTauxTva"]), $"lignePoste[{i}].lignePosteTauxTva");
            return new EntryLine(
                CproBody.AsString(line["lignePosteDenomination"]) ?? CproBody.AsString(line["lignePosteReference"]),
                body.Decimal(line["lignePosteQuantite"], $"lignePoste[{i}].lignePosteQuantite") ?? 0m,
                body.Decimal(line["lignePosteMontantUnitaireHT"], $"lignePoste[{i}].lignePosteMontantUnitaireHT") ?? 0m,
                rate,
                body.Decimal(line["lignePosteMontantRemiseHT"], $"lignePoste[{i}].lignePosteMontantRemiseHT") ?? 0m);
        })];
    }

    /// <summary>The totals are computed from the lines; totals sent with them must agree, and a global discount is not supported.</summary>
    private static void CheckTotals(CproBody body, IReadOnlyList<EntryLine> lines)
    {
        if (body.Field("montantTotal") is not JsonObject given || lines.Count == 0)
            return;
        if (body.Decimal(given["montantRemiseGlobaleTTC"], "montantTotal.montantRemiseGlobaleTTC") is { } discount && discount != 0)
            throw new PortiqueException("ENTRY_ALLOWANCE_UNSUPPORTED", "La remise globale (montantTotal.montantRemiseGlobaleTTC) n'est pas prise en charge.");
        var totals = EnterInvoiceHandler.Compute(lines);
        foreach (var (field, computed) in new[] { ("montantHtTotal", totals.MontantHt), ("montantTVA", totals.MontantTva), ("montantTtcTotal", totals.MontantTtc), ("montantAPayer", totals.MontantTtc) })
            if (body.Decimal(given[field], $"montantTotal.{field}") is { } value && value != computed)
                throw new PortiqueException("ENTRY_TOTALS_MISMATCH", $"« montantTotal.{field} » vaut {value} mais les lignes donnent {computed}.");
    }

    /// <summary>
    /// Waits for the entry's flow to leave the queue: its invoice once integrated, its first error once rejected (as the
    /// refusal), null when the worker has not reached it within the bound (then numeroFluxDepot and consulterCRDetaille follow it).
    /// </summary>
    private static async Task<long?> IntegratedAsync(PortiqueDb db, long structureId, string flowNumber, TimeSpan wait, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var flow = await db.Set<Flow>().AsNoTracking().Where(f => f.StructureId == structureId && f.Number == flowNumber)
                .Select(f => new { f.Id, f.State }).FirstAsync(ct);
            if (flow.State is FlowState.IN_INTEGRE or FlowState.IN_INTEGRE_PARTIEL)
                return await db.Set<Invoice>().AsNoTracking().Where(i => i.FlowId == flow.Id).Select(i => (long?)i.Id).FirstOrDefaultAsync(ct);
            if (flow.State == FlowState.IN_REJETE)
            {
                var error = await db.Set<FlowFinding>().AsNoTracking().Where(f => f.FlowId == flow.Id && f.IsError).OrderBy(f => f.Id)
                    .Select(f => new { f.Rule, f.Message }).FirstOrDefaultAsync(ct);
                throw new PortiqueException(error?.Rule ?? "FLOW_REJECTED", $"Facture rejetée (flux {flowNumber}) : {error?.Message}");
            }
            if (clock.Elapsed >= wait)
                return null;
            await Task.Delay(TimeSpan.FromMilliseconds(100), ct);
        }
    }

    /// <summary>
    /// deposer/pdf: the PDF goes to the structure's file store (its pieceJointeId is then given to soumettre DEPOT_PDF_API).
    /// Portique does no OCR: the invoice fields are read only from a Factur-X PDF's embedded XML, else null.
    /// </summary>
    private static async Task<IResult> DepositPdfAsync(HttpContext http, PortiqueDb db, TimeProvider clock, CancellationToken ct)
    {
        var body = await CproBody.ReadAsync(http.Request, ct);
        var content = StoredFiles.Decode(body.RequiredString("fichierFacture"), "fichierFacture");
        if (!content.AsSpan().StartsWith("%PDF-"u8))
            throw new PortiqueException("ENTRY_PDF_INVALID", "« fichierFacture » n'est pas un fichier PDF.");
        var format = body.String("formatDepot");
        if (format is not null && !format.Equals("PDF_NON_SIGNE", StringComparison.OrdinalIgnoreCase))
            throw new PortiqueException(format.Equals("PDF_SIGNE", StringComparison.OrdinalIgnoreCase) ? "MODE_DEPOT_UNSUPPORTED" : "FIELD_INVALID",
                $"« formatDepot » doit être PDF_NON_SIGNE : « {format} ».");
        var file = await StoredFiles.StoreAsync(db, http, AttachmentTypes.InvoiceImage, body.String("nomFichier") ?? "facture.pdf", "application/pdf", "PDF", content,
            clock.GetUtcNow(), ct);
        var model = Extract(content);
        return CproAnswer.Json(CproAnswer.Ok(
            ("pieceJointeId", file.Id),
            ("numeroFacture", model?.Number),
            ("dateFacture", CproAnswer.Day(model?.IssueDate)),
            ("codeDestinataire", Identifier(model?.Buyer)),
            ("codeServiceExecutant", model?.BuyerReference),
            ("codeFournisseur", Identifier(model?.Seller)),
            ("codeDeviseFacture", model?.CurrencyCode),
            ("typeFacture", model is null ? null : FlowTypeName(model.TypeCode)),
            ("typeTva", EnterInvoiceHandler.TypeTvaOf(model?.VatPointDateCode)),
            ("numeroBonCommande", model?.PurchaseOrderReference),
            ("montantTtcAvantRemiseGlobalTTC", model?.Totals?.TaxInclusiveAmount),
            ("montantAPayer", model?.Totals?.PayableAmount),
            ("montantHtTotal", model?.Totals?.TaxExclusiveAmount),
            ("montantTVA", model?.Totals?.VatTotal)));
    }

    private static Formats.Model.Invoice? Extract(byte[] pdf)
    {
        try
        {
            return InvoiceEngine.Read(pdf).Invoice;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A plain PDF has no invoice data to read: the fields stay null, as when Chorus Pro's OCR finds nothing.
            return null;
        }
    }

    /// <summary>The party's first identifier, the way the deposit matches parties to structures.</summary>
    private static string? Identifier(Formats.Model.Party? party) => party is null ? null : FlowProcessor.Identifiers(party).FirstOrDefault();

    private static string FlowTypeName(string? typeCode) => typeCode switch
    {
        "381" or "396" or "532" => "AVOIR",
        "386" => "ACOMPTE",
        _ => "FACTURE",
    };
}
