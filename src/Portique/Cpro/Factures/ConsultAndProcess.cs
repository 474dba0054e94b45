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
        cpro.MapPost("/factures/v1/consulter/fournisseur", (HttpContext http, GetInvoiceHandler handler, CancellationToken ct) => ConsultAsync(http, InvoiceSide.Sent, handler, ct))
            .WithSummary("Consulter une facture émise");
        cpro.MapPost("/factures/v1/consulter/recipiendaire", (HttpContext http, GetInvoiceHandler handler, CancellationToken ct) => ConsultAsync(http, InvoiceSide.Received, handler, ct))
            .WithSummary("Consulter une facture reçue");
        cpro.MapPost("/factures/v1/consulter/historique", HistoryAsync).WithSummary("Historique des statuts d'une facture");
        cpro.MapPost("/factures/v1/telecharger/groupe", DownloadAsync).WithSummary("Télécharger des factures (zip en base64)");
        cpro.MapPost("/factures/v1/traiter/recue", ProcessAsync).WithSummary("Traiter une facture reçue (changer son statut)");
        cpro.MapPost("/factures/v1/recycler", RecycleAsync).WithSummary("Recycler une facture à recycler (nouveau destinataire)");
        cpro.MapPost("/factures/v1/completer", CompleteAsync).WithSummary("Compléter une facture suspendue");
    }

    private static async Task<IResult> ConsultAsync(HttpContext http, InvoiceSide side, GetInvoiceHandler handler, CancellationToken ct)
    {
        var body = await CproBody.ReadAsync(http.Request, ct);
        Language(body);
        var invoice = await handler.HandleAsync(CproAnswer.StructureId(http), side, body.RequiredLong("identifiantFactureCPP", "idFacture"), ct);
        var facture = new Dictionary<string, object?>
        {
            ["identifiantFactureCPP"] = invoice.IdentifiantFactureCpp,
            ["numeroFacture"] = invoice.NumeroFacture,
            ["statutFacture"] = invoice.Statut.ToString(),
            ["modeDepot"] = invoice.ModeDepot,
            ["numeroFluxDepot"] = invoice.NumeroFluxDepot,
            ["cadreDeFacturation"] = new Dictionary<string, object?> { ["codeCadreFacturation"] = ReferenceLists.CadreName(invoice.CadreFacturation) },
            ["destinataire"] = new Dictionary<string, object?>
            {
                ["idDestinataire"] = invoice.IdDestinataire,
                ["designationDestinataire"] = invoice.NomDestinataire,
                ["codeServiceExecutant"] = invoice.CodeServiceExecutant,
            },
            ["fournisseur"] = new Dictionary<string, object?>
            {
                ["idFournisseur"] = invoice.IdFournisseur,
                ["designationFournisseur"] = invoice.NomFournisseur,
            },
            ["references"] = new Dictionary<string, object?>
            {
                ["dateFacture"] = CproAnswer.Day(invoice.DateFacture),
                ["dateDepot"] = CproAnswer.Day(DateOnly.FromDateTime(invoice.DateDepot.UtcDateTime)),
                ["dateEcheancePaiement"] = CproAnswer.Day(invoice.DateEcheancePaiement),
                ["typeFacture"] = invoice.TypeFacture,
                ["codeDeviseFacture"] = invoice.Devise,
                ["numeroBonCommande"] = invoice.NumeroEngagement,
                ["numeroDpMandat"] = invoice.NumeroDpMandat,
            },
            ["montantTotal"] = new Dictionary<string, object?>
            {
                ["montantHtTotal"] = invoice.MontantHt,
                ["montantTVA"] = invoice.MontantTva,
                ["montantTtcTotal"] = invoice.MontantTtc,
                ["montantAPayer"] = invoice.MontantAPayer,
            },
            ["listeDesPiecesJointes"] = invoice.PiecesJointes.Select(a => new Dictionary<string, object?>
            {
                ["pieceJointeId"] = a.Id,
                ["pieceJointeDesignation"] = a.Nom,
            }).ToList(),
            ["empreinteCertificatDepot"] = invoice.EmpreinteCertificatDepot,
        };
        return CproAnswer.Json(CproAnswer.Ok(("facture", facture)));
    }

    /// <summary>Chorus Pro answers in FR or EN; the labels here are codes, so the language is only checked (in any case).</summary>
    private static void Language(CproBody body)
    {
        var language = body.String("codeLangue");
        if (language is not null && !language.Equals("FR", StringComparison.OrdinalIgnoreCase) && !language.Equals("EN", StringComparison.OrdinalIgnoreCase))
            throw new PortiqueException("FIELD_INVALID", $"« codeLangue » doit être FR ou EN : « {language} ».");
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
        var statuses = invoice.Historique.Select((h, index) => new Dictionary<string, object?>
        {
            ["histoStatutId"] = index + 1,
            ["histoStatutCode"] = h.Statut.ToString(),
            ["histoStatutDatePassage"] = CproAnswer.Stamp(h.Date),
            ["histoStatutCommentaire"] = h.Commentaire,
            ["histoStatutUtilisateurNom"] = h.Auteur?.Nom ?? h.Utilisateur,
            ["histoStatutUtilisateurPrenom"] = h.Auteur?.Prenom,
            ["histoStatutUtilisateurEmail"] = h.Auteur?.Email,
            ["histoStatutUtilisateurTelephone"] = h.Auteur?.Telephone,
        }).ToList();
        var actions = invoice.Historique.Select((h, index) => new Dictionary<string, object?>
        {
            ["histoActionId"] = index + 1,
            ["histoActionCode"] = h.Action,
            ["histoActionDateHeure"] = CproAnswer.Stamp(h.Date),
            ["histoActionUtilisateurNom"] = h.Auteur?.Nom ?? h.Utilisateur,
            ["histoActionUtilisateurPrenom"] = h.Auteur?.Prenom,
            ["histoActionUtilisateurEmail"] = h.Auteur?.Email,
            ["histoActionUtilisateurTelephone"] = h.Auteur?.Telephone,
        }).ToList();
        // The complementary events are the attachments: only the supplier adds them (with the deposit, or completer).
        var events = invoice.PiecesJointes.Select((a, index) => new Dictionary<string, object?>
        {
            ["evenementId"] = index + 1,
            ["evenementDateHeure"] = CproAnswer.Stamp(a.Date),
            ["evenementLibelle"] = $"Pièce jointe ajoutée : {a.Nom}",
            ["evenementQui"] = invoice.NomFournisseur,
        }).ToList();
        var last = invoice.Historique.Count == 0 ? null : invoice.Historique[^1];
        return CproAnswer.Json(CproAnswer.Ok(
            ("idFacture", invoice.IdentifiantFactureCpp),
            ("numeroFacture", invoice.NumeroFacture),
            ("modeDepot", invoice.ModeDepot),
            ("statutCourantCode", invoice.Statut.ToString()),
            ("derniereAction", new Dictionary<string, object?> { ["derniereActionCode"] = last?.Action, ["derniereActionId"] = invoice.Historique.Count }),
            ("historiquesDesStatuts", new Dictionary<string, object?> { ["histoStatut"] = statuses }),
            ("historiquesDesActionsUtilisateurs", new Dictionary<string, object?> { ["histoAction"] = actions }),
            ("historiquesDesEvenementsComplementaires", new Dictionary<string, object?> { ["evenement"] = events }),
            ("parametresRetour", CproAnswer.Paging(1, Math.Max(statuses.Count, 1), statuses.Count))));
    }

    /// <summary>The originals as a zip; the invoices must all be sent, or all received, by the structure.</summary>
    private static async Task<IResult> DownloadAsync(HttpContext http, GetInvoiceHandler handler, CancellationToken ct)
    {
        var body = await CproBody.ReadAsync(http.Request, ct);
        var ids = body.Strings("listeFacture", "idFacture")
            .Select(s => CproBody.AsLong(System.Text.Json.Nodes.JsonValue.Create(s), "idFacture") ?? 0).Where(id => id != 0).ToList();
        var structureId = CproAnswer.StructureId(http);
        byte[] zip;
        try
        {
            zip = await handler.ZipAsync(structureId, InvoiceSide.Sent, ids, ct);
        }
        catch (PortiqueException e) when (e.Status == StatusCodes.Status404NotFound)
        {
            zip = await handler.ZipAsync(structureId, InvoiceSide.Received, ids, ct);
        }
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
            ("dateTraitement", CproAnswer.Stamp(changed.DateTraitement))));
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
            ("dateTraitement", CproAnswer.Stamp(changed.DateTraitement))));
    }
}
