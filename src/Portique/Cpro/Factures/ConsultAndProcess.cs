using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Portique.Common;
using Portique.Common.Data;
using Portique.Cpro.Common;
using Portique.Cpro.Transverses;
using Portique.Invoicing;
using Portique.Invoicing.Consult;
using Portique.Invoicing.Lifecycle;

namespace Portique.Cpro.Factures;

/// <summary>factures/v1 consultation, history, download and the lifecycle calls (traiter/recue, recycler, completer).</summary>
internal static class ConsultAndProcess
{
    internal static void Map(IEndpointRouteBuilder cpro)
    {
        cpro.MapPost("/factures/v1/consulter/fournisseur", (HttpContext http, GetInvoiceHandler handler, PortiqueDb db, CancellationToken ct) =>
                InvoiceBlock.ConsultAsync(http, InvoiceSide.Sent, handler, db, ct))
            .WithSummary("Consulter une facture émise");
        cpro.MapPost("/factures/v1/consulter/recipiendaire", (HttpContext http, GetInvoiceHandler handler, PortiqueDb db, CancellationToken ct) =>
                InvoiceBlock.ConsultAsync(http, InvoiceSide.Received, handler, db, ct))
            .WithSummary("Consulter une facture reçue");
        cpro.MapPost("/factures/v1/consulter/historique", HistoryAsync).WithSummary("Historique des statuts d'une facture");
        cpro.MapPost("/factures/v1/telecharger/groupe", DownloadAsync).WithSummary("Télécharger des factures (zip en base64)");
        cpro.MapPost("/factures/v1/traiter/recue", ProcessAsync).WithSummary("Traiter une facture reçue (changer son statut)");
        cpro.MapPost("/factures/v1/recycler", RecycleAsync).WithSummary("Recycler une facture à recycler (nouveau destinataire)");
        cpro.MapPost("/factures/v1/completer", CompleteAsync).WithSummary("Compléter une facture suspendue");
    }

    /// <summary>The history is visible from either side: sent first, then received.</summary>
    private static async Task<IResult> HistoryAsync(HttpContext http, GetInvoiceHandler handler, CancellationToken ct)
    {
        var body = await CproBody.ReadAsync(http.Request, ct);
        var id = body.RequiredLong("idFacture", "identifiantFactureCPP");
        var structureId = CproAnswer.StructureId(http);
        InvoiceDetail invoice;
        try
        {
            invoice = await handler.HandleAsync(structureId, InvoiceSide.Sent, id, ct);
        }
        catch (PortiqueException e) when (e.Status == StatusCodes.Status404NotFound)
        {
            invoice = await handler.HandleAsync(structureId, InvoiceSide.Received, id, ct);
        }
        // A line that records an act without changing the status (rejet traité) is an action, not a status.
        var statuses = invoice.Historique.Where(h => h.Action != Invoice.RejectionHandledAction).Select((h, i) => (View: h, Id: i + 1)).ToList();
        var actions = invoice.Historique.Select((h, i) => (View: h, Id: i + 1)).ToList();
        var events = invoice.PiecesJointes.Select((a, i) => (View: a, Id: i + 1)).ToList();
        var last = invoice.Historique.Count == 0 ? null : invoice.Historique[^1];
        var answer = CproAnswer.Ok(
            ("idFacture", invoice.IdentifiantFactureCpp),
            ("numeroFacture", invoice.NumeroFacture),
            ("modeDepot", invoice.ModeDepot),
            ("statutCourantCode", invoice.Statut.ToString()),
            ("derniereAction", new Dictionary<string, object?> { ["derniereActionCode"] = last?.Action, ["derniereActionId"] = invoice.Historique.Count }),
            ("historiquesDesStatuts", CproAnswer.SubList("histoStatut", statuses, body.SubPaging("paramRechercheHistoStatuts"), "HistoStatut", x => new Dictionary<string, object?>
            {
                ["histoStatutId"] = x.Id,
                ["histoStatutCode"] = x.View.Statut.ToString(),
                ["histoStatutDatePassage"] = CproAnswer.Minute(x.View.Date),
                ["histoStatutCommentaire"] = x.View.Commentaire,
                ["histoStatutUtilisateurNom"] = x.View.Auteur?.Nom ?? x.View.Utilisateur,
                ["histoStatutUtilisateurPrenom"] = x.View.Auteur?.Prenom,
                ["histoStatutUtilisateurEmail"] = x.View.Auteur?.Email,
                ["histoStatutUtilisateurTelephone"] = x.View.Auteur?.Telephone,
            })),
            ("historiquesDesActionsUtilisateurs", CproAnswer.SubList("histoAction", actions, body.SubPaging("paramRechercheHistoActionsUtilisateurs"), "HistoAction",
                x => new Dictionary<string, object?>
                {
                    ["histoActionId"] = x.Id,
                    ["histoActionCode"] = x.View.Action,
                    ["histoActionDateHeure"] = CproAnswer.Minute(x.View.Date),
                    ["histoActionCommentaire"] = x.View.Commentaire,
                    ["histoActionUtilisateurNom"] = x.View.Auteur?.Nom ?? x.View.Utilisateur,
                    ["histoActionUtilisateurPrenom"] = x.View.Auteur?.Prenom,
                    ["histoActionUtilisateurEmail"] = x.View.Auteur?.Email,
                    ["histoActionUtilisateurTelephone"] = x.View.Auteur?.Telephone,
                })),
            // The complementary events are the attachments: only the supplier adds them (with the deposit, or completer).
            ("historiquesDesEvenementsComplementaires", CproAnswer.SubList("evenement", events, body.SubPaging("paramRechercheHistoEvenementsComplementaires"), "Evenement",
                x => new Dictionary<string, object?>
                {
                    ["evenementId"] = x.Id,
                    ["evenementDateHeure"] = CproAnswer.Minute(x.View.Date),
                    ["evenementLibelle"] = $"Pièce jointe ajoutée : {x.View.Nom}",
                    ["evenementQui"] = invoice.NomFournisseur,
                })));
        answer["parametresRetour"] = CproAnswer.Paging(1, Math.Max(statuses.Count, 1), statuses.Count);
        return CproAnswer.Json(answer);
    }

    /// <summary>
    /// The invoices asked for as a zip: originals (format PIVOT, the default) or readable PDFs (PDF), with their attachments when
    /// avecPiecesJointesComplementaires is OUI; each invoice from the side it is visible on.
    /// </summary>
    private static async Task<IResult> DownloadAsync(HttpContext http, GetInvoiceHandler handler, PortiqueDb db, CancellationToken ct)
    {
        var body = await CproBody.ReadAsync(http.Request, ct);
        var ids = body.Strings("listeFacture", "idFacture")
            .Select(s => CproBody.AsLong(System.Text.Json.Nodes.JsonValue.Create(s), "idFacture") ?? 0).Where(id => id != 0).ToList();
        var zip = await InvoiceDownloads.ZipAsync(handler, db, CproAnswer.StructureId(http), ids, body.String("format"),
            InvoiceDownloads.WithAttachments(body.String("avecPiecesJointesComplementaires")), ct);
        return CproAnswer.Json(CproAnswer.Ok(("fichierResultat", Convert.ToBase64String(zip)), ("format", "ZIP")));
    }

    private static async Task<IResult> ProcessAsync(HttpContext http, ProcessInvoiceHandler handler, CancellationToken ct)
    {
        var body = await CproBody.ReadAsync(http.Request, ct);
        var id = body.RequiredLong("idFacture", "identifiantFactureCPP");
        var status = CproBody.Enum<InvoiceStatus>(body.String("nouveauStatut"), "nouveauStatut")
            ?? throw new PortiqueException("FIELD_REQUIRED", "« nouveauStatut » est obligatoire.");
        var changed = await handler.HandleAsync(CproAnswer.StructureId(http), id, new ProcessInvoiceRequest(status, body.String("motif"), body.String("numeroDPMandat")), ct);
        return CproAnswer.Json(CproAnswer.Ok(
            ("idFacture", changed.IdentifiantFactureCpp),
            ("numeroFacture", changed.NumeroFacture),
            ("nouveauStatut", changed.NouveauStatut.ToString()),
            ("dateTraitement", CproAnswer.Day(DateOnly.FromDateTime(changed.DateTraitement.UtcDateTime)))));
    }

    /// <summary>destinataire may be an object {codeDestinataire, codeServiceExecutant} or the recipient's identifier as a string.</summary>
    private static async Task<IResult> RecycleAsync(HttpContext http, RecycleInvoiceHandler handler, CancellationToken ct)
    {
        var body = await CproBody.ReadAsync(http.Request, ct);
        var id = body.RequiredLong("identifiantFactureCPP", "idFacture");
        var recipient = body.String("destinataire", "codeDestinataire") ?? body.String("codeDestinataire")
            ?? throw new PortiqueException("FIELD_REQUIRED", "« destinataire.codeDestinataire » est obligatoire.");
        var service = (body.Field("destinataire") as System.Text.Json.Nodes.JsonObject) is { } d ? CproBody.AsString(d["codeServiceExecutant"]) : body.String("codeServiceExecutant");
        var commitment = body.String("reference", "numeroEngagement") ?? body.String("references", "numeroBonCommande");
        var changed = await handler.HandleAsync(CproAnswer.StructureId(http), id, new RecycleInvoiceRequest(recipient, service, commitment, body.String("commentaire")), ct);
        return CproAnswer.Json(CproAnswer.Ok(
            ("identifiantFactureCPP", changed.IdentifiantFactureCpp),
            ("numeroFacture", changed.NumeroFacture),
            ("dateDepot", CproAnswer.Day(DateOnly.FromDateTime(changed.DateTraitement.UtcDateTime))),
            ("dateTraitement", CproAnswer.Day(DateOnly.FromDateTime(changed.DateTraitement.UtcDateTime))),
            ("statutFacture", changed.NouveauStatut.ToString())));
    }

    /// <summary>The comment and the attachments by pieceJointeId (ajouter/fichier, the caller's file store) complete the invoice.</summary>
    private static async Task<IResult> CompleteAsync(HttpContext http, CompleteInvoiceHandler handler, PortiqueDb db, CancellationToken ct)
    {
        var body = await CproBody.ReadAsync(http.Request, ct);
        var id = body.RequiredLong("identifiantFactureCPP", "idFacture");
        var structureId = CproAnswer.StructureId(http);
        var attachments = new List<AttachmentUpload>();
        foreach (var fileId in body.Strings("pieceJointeComplementaire", "pieceJointeComplementaireId"))
        {
            var file = await StoredFiles.GetAsync(db, structureId, CproBody.AsLong(System.Text.Json.Nodes.JsonValue.Create(fileId), "pieceJointeComplementaireId") ?? 0, ct);
            attachments.Add(new AttachmentUpload(file.FileName, Convert.ToBase64String(file.Content)));
        }
        var changed = await handler.HandleAsync(structureId, id, new CompleteInvoiceRequest(body.String("commentaire"), attachments), ct);
        return CproAnswer.Json(CproAnswer.Ok(
            ("identifiantFactureCPP", changed.IdentifiantFactureCpp),
            ("numeroFacture", changed.NumeroFacture),
            ("dateTraitement", CproAnswer.Day(DateOnly.FromDateTime(changed.DateTraitement.UtcDateTime)))));
    }
}
