using System.IO.Compression;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Portique.IntegrationTests.Infrastructure;
using Portique.IntegrationTests.Invoicing;

namespace Portique.IntegrationTests.Cpro;

/// <summary>
/// Issue 15: what real Chorus Pro clients send and parse, through a client that knows nothing but HTTP and JSON. A supplier's
/// and a recipient's technical accounts each act only with the ids their own searches gave them; the requests are written as
/// go-choruspro and the Python clients write them (zero values sent, flat date filters, paging wrappers).
/// </summary>
public sealed class CproCompatibilityTests(InvoicingApp app) : IClassFixture<InvoicingApp>
{
    private const string Day = @"^\d{4}-\d{2}-\d{2}$";
    private const string Minute = @"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$";

    private sealed record Parties(CproClient Supplier, CproClient Recipient, long SupplierId, long RecipientId, string SupplierSiret, string RecipientSiret, long ServiceId);

    /// <summary>A private supplier and a public recipient with a service "ACHATS", each with its own API client and technical account.</summary>
    private async Task<Parties> PartiesAsync()
    {
        var (_, supplierPortal) = await app.SignedInUserAsync();
        var (_, recipientPortal) = await app.SignedInUserAsync();
        var supplierSiret = Unique.Siret();
        var recipientSiret = Unique.Siret();
        var supplierId = await Kit.CreateStructureAsync(supplierPortal, supplierSiret, isPublic: false, vatNumber: $"FR00{supplierSiret[..9]}");
        var recipientId = await Kit.CreateStructureAsync(recipientPortal, recipientSiret);
        var service = await recipientPortal.PostAsJsonAsync($"/api/v1/structures/{recipientId}/services", new { code = "ACHATS", name = "Service des achats" });
        service.EnsureSuccessStatusCode();
        var serviceId = (await service.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("id").GetInt64();
        return new Parties(await CproClient.ForStructureAsync(app, supplierPortal, supplierId), await CproClient.ForStructureAsync(app, recipientPortal, recipientId),
            supplierId, recipientId, supplierSiret, recipientSiret, serviceId);
    }

    /// <summary>soumettre without dateFacture, to the ACHATS service, with a contract, a commitment, a payment means and a comment.</summary>
    private static object Entry(string number, string recipientSiret) => new
    {
        modeDepot = "SAISIE_API",
        numeroFactureSaisi = number,
        destinataire = new { codeDestinataire = recipientSiret, codeServiceExecutant = "ACHATS" },
        references = new { deviseFacture = "EUR", typeFacture = "FACTURE", typeTva = "TVA_SUR_DEBIT", numeroBonCommande = "EJ-9", numeroMarche = "M-12", modePaiement = "CHEQUE" },
        lignePoste = CproKit.TwoLines(),
        commentaire = "Livraison de mars",
    };

    private static string Today(InvoicingApp app) => app.Clock.GetUtcNow().ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task A_supplier_and_a_recipient_work_an_invoice_through_with_only_the_ids_of_their_own_searches()
    {
        var p = await PartiesAsync();
        var number = $"CMP-{Unique.Next()}";
        // Chorus Pro dates an invoice submitted without dateFacture on its deposit day.
        var submitted = await CproKit.SubmitAsync(app, p.Supplier, Entry(number, p.RecipientSiret));
        Assert.Equal(Today(app), submitted["dateDepot"]!.GetValue<string>());
        var flow = submitted["numeroFluxDepot"]!.GetValue<string>();

        // The supplier finds it by its flow: the item carries chorus-pro.md §1.4's fields.
        var sent = Assert.Single((await p.Supplier.OkAsync("factures/v1/rechercher/fournisseur", new { numeroFluxDepot = flow }))["listeFactures"]!.AsArray())!;
        Assert.Equal(Today(app), sent["dateFacture"]!.GetValue<string>());
        Assert.Equal(flow, sent["numeroFluxDepot"]!.GetValue<string>());
        Assert.Equal("SAISIE", sent["modeDepot"]!.GetValue<string>());
        Assert.Equal(p.SupplierSiret, sent["codeFournisseur"]!.GetValue<string>());
        Assert.Equal("SIRET", sent["typeIdentifiantFournisseur"]!.GetValue<string>());
        Assert.Equal(p.RecipientSiret, sent["codeDestinataire"]!.GetValue<string>());
        Assert.Equal("FACTURE", sent["typeDemandePaiement"]!.GetValue<string>());
        Assert.Equal("ACHATS", sent["codeServiceExecutant"]!.GetValue<string>());
        Assert.Equal("Service des achats", sent["nomServiceExecutant"]!.GetValue<string>());
        Assert.Equal("EJ-9", sent["numeroBonCommande"]!.GetValue<string>());
        Assert.False(sent["rejetTraite"]!.GetValue<bool>());
        Assert.True(sent["taille"]!.GetValue<long>() > 0);

        // The recipient searches as go-choruspro does (paging in paramRecherche, flat dates) and reads idFacture and the paging at the root.
        var received = await p.Recipient.OkAsync("factures/v1/rechercher/recipiendaire", new
        {
            numeroFacture = number, periodeDateDepotDu = Today(app), periodeDateDepotAu = Today(app), statutCourant = new[] { "MISE_A_DISPOSITION" },
            paramRecherche = new { nbResultatsParPage = 5, pageResultatDemandee = 1, triColonne = "DateDepot", triSense = "Ascendant " },
        });
        var item = Assert.Single(received["listeFactures"]!.AsArray())!;
        var id = item["idFacture"]!.GetValue<long>();
        foreach (var (field, value) in new[] { ("total", 1), ("pages", 1), ("pageCourante", 1), ("nbResultatsParPage", 5) })
        {
            Assert.Equal(value, received[field]!.GetValue<int>());
            Assert.Equal(value, received["parametresRetour"]![field]!.GetValue<int>());
        }

        var facture = (await p.Recipient.OkAsync("factures/v1/consulter/recipiendaire", new { identifiantFactureCPP = id, codeLangue = "FR" }))["facture"]!;
        Assert.Equal(p.RecipientSiret, facture["destinataire"]!["codeDestinataire"]!.GetValue<string>());
        Assert.Equal(p.ServiceId, facture["destinataire"]!["idServiceExecutant"]!.GetValue<long>());
        Assert.Equal(p.SupplierSiret, facture["fournisseur"]!["codeFournisseur"]!.GetValue<string>());
        Assert.Equal("CHEQUE", facture["references"]!["modePaiement"]!.GetValue<string>());
        Assert.Equal("TVA_SUR_DEBIT", facture["references"]!["typeTva"]!.GetValue<string>());
        Assert.Equal("M-12", facture["references"]!["numeroMarche"]!.GetValue<string>());
        Assert.Equal("Livraison de mars", facture["commentaire"]!.GetValue<string>());
        Assert.Empty(facture["listeDesPiecesJointes"]!["pieceJointe"]!.AsArray());
        Assert.Equal(0, facture["listeDesPiecesJointes"]!["totalListePiecesJointe"]!.GetValue<int>());
        var lines = facture["lignesDePoste"]!;
        Assert.Equal(["Maintenance", "Livres"], lines["lignePoste"]!.AsArray().Select(l => l!["lignePosteDenomination"]!.GetValue<string>()));
        Assert.Equal("TAUX_20", lines["lignePoste"]![0]!["lignePosteTauxTva"]!.GetValue<string>());
        Assert.Equal(201m, lines["lignePoste"]![0]!["lignePosteMontantHtApresRemise"]!.GetValue<decimal>());
        Assert.Equal(40.2m, lines["lignePoste"]![0]!["lignePosteMontantTva"]!.GetValue<decimal>());
        Assert.Equal(2, lines["totalLignesPoste"]!.GetValue<int>());
        var vat = facture["recapitulatifDeTva"]!["ligneTva"]!.AsArray();
        Assert.Equal([20m, 5.5m], vat.Select(v => v!["ligneTvaTauxRefValeur"]!.GetValue<decimal>()).Order().Reverse());
        Assert.Equal(41.85m, vat.Sum(v => v!["ligneTvaMontantTvaParTaux"]!.GetValue<decimal>()));
        // Sub-lists are paged as Chorus Pro pages them.
        var paged = (await p.Recipient.OkAsync("factures/v1/consulter/recipiendaire", new
        {
            identifiantFactureCPP = id, rechercheLignePoste = new { nbResultatsParPageLignesPoste = 1, pageResultatDemandeeLignesPoste = 2 },
        }))["facture"]!["lignesDePoste"]!;
        Assert.Equal("Livres", Assert.Single(paged["lignePoste"]!.AsArray())!["lignePosteDenomination"]!.GetValue<string>());
        Assert.Equal(2, paged["pagesLignesPoste"]!.GetValue<int>());
        Assert.Equal(2, paged["pageCouranteLignesPoste"]!.GetValue<int>());

        var rejected = await p.Recipient.OkAsync("factures/v1/traiter/recue", new { idFacture = id, nouveauStatut = "REJETEE", motif = "Montant erroné", numeroDPMandat = "", idUtilisateurCourant = 0 });
        Assert.Equal(Today(app), rejected["dateTraitement"]!.GetValue<string>());

        // The supplier finds its rejected invoice and acknowledges the rejection (traiterRejet) with the id of that search.
        var toHandle = Assert.Single((await p.Supplier.OkAsync("factures/v1/rechercher/fournisseur", new { statutCourant = new[] { "REJETEE" }, rejetTraite = false }))["listeFactures"]!.AsArray())!;
        Assert.Equal("Montant erroné", toHandle["commentaireEtatCourant"]!.GetValue<string>());
        var rejectedId = toHandle["identifiantFactureCPP"]!.GetValue<long>();
        await p.Recipient.RefusedAsync("factures/v1/traiterRejet", new { listeDemandePaiement = new[] { new { idDemandePaiement = rejectedId } } }, 2, "INVOICE_NOT_FOUND");
        await p.Supplier.OkAsync("factures/v1/traiterRejet", new { listeDemandePaiement = new[] { new { idDemandePaiement = rejectedId } }, motifRejet = "Avoir émis", cpltInfos = "AV-1" });
        await p.Supplier.OkAsync("factures/v1/traiterRejet", new { listeDemandePaiement = new[] { new { idDemandePaiement = rejectedId } } });
        var handled = Assert.Single((await p.Supplier.OkAsync("factures/v1/rechercher/fournisseur", new { rejetTraite = true, numeroFacture = number }))["listeFactures"]!.AsArray())!;
        Assert.True(handled["rejetTraite"]!.GetValue<bool>());

        var history = await p.Supplier.OkAsync("factures/v1/consulter/historique", new { idFacture = rejectedId, paramRechercheHistoStatuts = new { nbResultatsParPageListeHistoStatut = 10 } });
        var statuses = history["historiquesDesStatuts"]!;
        Assert.Equal(["DEPOSEE", "EN_COURS_ACHEMINEMENT", "MISE_A_DISPOSITION", "REJETEE"], statuses["histoStatut"]!.AsArray().Select(h => h!["histoStatutCode"]!.GetValue<string>()));
        Assert.All(statuses["histoStatut"]!.AsArray(), h => Assert.Matches(Minute, h!["histoStatutDatePassage"]!.GetValue<string>()));
        Assert.Equal(4, statuses["totalHistoStatut"]!.GetValue<int>());
        var acknowledged = history["historiquesDesActionsUtilisateurs"]!["histoAction"]!.AsArray().Last()!;
        Assert.Equal("REJET_TRAITE", acknowledged["histoActionCode"]!.GetValue<string>());
        Assert.Equal("Avoir émis — AV-1", acknowledged["histoActionCommentaire"]!.GetValue<string>());
        Assert.Matches(Minute, acknowledged["histoActionDateHeure"]!.GetValue<string>());

        // rechercher/demandePaiement, from either side.
        var asSupplier = await p.Supplier.OkAsync("factures/v1/rechercher/demandePaiement", new
        {
            numeroFacture = number, structureDestinataire = new { identifiantStructureDestinataire = p.RecipientSiret, typeIdentifiantStructureDestinataire = "SIRET" },
        });
        var request = Assert.Single(asSupplier["listeDemandePaiement"]!.AsArray())!;
        Assert.Equal(rejectedId, request["idDemandePaiement"]!.GetValue<long>());
        Assert.Equal("REJETEE", request["etatCourant"]!.GetValue<string>());
        Assert.Equal("1", request["nombreResultatTotal"]!.GetValue<string>());
        Assert.Single((await p.Recipient.OkAsync("factures/v1/rechercher/demandePaiement", new { numeroFacture = number, roleUtilisateur = "DESTINATAIRE" }))["listeDemandePaiement"]!.AsArray());
        Assert.Empty((await p.Recipient.OkAsync("factures/v1/rechercher/demandePaiement", new { numeroFacture = number, roleUtilisateur = "FOURNISSEUR" }))["listeDemandePaiement"]!.AsArray());
        Assert.Empty((await p.Supplier.OkAsync("factures/v1/rechercher/demandePaiement", new { numeroFacture = number, typeDemandePaiement = "FACTURE_TRAVAUX" }))["listeDemandePaiement"]!.AsArray());
        await p.Supplier.RefusedAsync("factures/v1/rechercher/demandePaiement", new { typeDemandePaiement = "DEVIS" }, 1, "FIELD_INVALID");

        // A rejection can only be acknowledged on a rejected invoice: the whole call is then refused.
        var other = await CproKit.SubmitAsync(app, p.Supplier, Entry($"CMP-{Unique.Next()}", p.RecipientSiret));
        await p.Supplier.RefusedAsync("factures/v1/traiterRejet", new { listeDemandePaiement = new[] { new { idDemandePaiement = other["identifiantFactureCPP"]!.GetValue<long>() } } },
            3, "INVOICE_NOT_REJECTED");
        await p.Supplier.RefusedAsync("factures/v1/traiterRejet", new { motifRejet = "x" }, 1, "FIELD_REQUIRED");

        // The recipient downloads it as a payment request's piece: its readable PDF.
        var piece = await p.Recipient.OkAsync("transverses/v1/telecharger/pieceJointe", new
        {
            objetPieceJointe = "DEMANDE_PAIEMENT",
            demandePaiement = new { avecPiecesJointesComplementaires = "NON", format = "PDF", listeFacture = new[] { new { idFacture = id } } },
        });
        using var archive = new ZipArchive(new MemoryStream(Convert.FromBase64String(piece["pieceJointe"]!.GetValue<string>())));
        var entry = Assert.Single(archive.Entries);
        Assert.EndsWith(".pdf", entry.Name, StringComparison.Ordinal);
        using var reader = new StreamReader(entry.Open());
        Assert.StartsWith("%PDF", await reader.ReadLineAsync(), StringComparison.Ordinal);
    }

    /// <summary>Requests as go-choruspro marshals them (every zero value sent), and fields given as objects or arrays where strings are expected.</summary>
    [Fact]
    public async Task Lenient_binding_takes_zero_valued_requests_and_objects_where_strings_are_expected()
    {
        var p = await PartiesAsync();
        var number = $"LEN-{Unique.Next()}";
        await CproKit.SubmitAsync(app, p.Supplier, Entry(number, p.RecipientSiret));

        // RechercherFactureParFournisseurOptions{} as go-choruspro sends it: no omitempty, every field present.
        const string goSupplier = """
            {"cadreFacturation":{},"coordonneeBancaire":0,"idFournisseur":0,"idServiceFournisseur":0,"idStructureValideur":0,"idUtilisateurCourant":0,
             "idUtilisateurCreateur":null,"listeDestinataire":null,"modeDepot":"","montantApayerMax":0,"montantApayerMin":0,"montantHTMax":0,"montantHTMin":0,
             "montantTTCMax":0,"montantTTCMin":0,"numeroBonCommande":"","numeroFacture":"","numeroFactureOrigine":"","numeroFluxDepot":"","numeroMarche":"",
             "periodeDateDepotAu":"","periodeDateDepotDu":"","periodeDateFactureAu":null,"periodeDateFactureDu":null,"periodeDateHeureEtatCourantAu":null,
             "periodeDateHeureEtatCourantDu":null,"rechercheFactureParFournisseur":null,"rechercheSirenDestinataire":false,"recupererTaille":false,
             "rejetTraite":false,"statutCourant":null,"typeFacture":""}
            """;
        var (status, all) = await p.Supplier.SendAsync("factures/v1/rechercher/fournisseur", goSupplier, "application/json;charset=utf-8");
        Assert.Equal(System.Net.HttpStatusCode.OK, status);
        Assert.Equal(1, all["parametresRetour"]!["total"]!.GetValue<int>());
        // The recipient's and the payment requests' zero values.
        const string zeros = """{"cadreFacturation":"","idDestinataire":0,"listeFournisseurs":[],"listeTypeFacture":[],"statutCourant":[],"paramRecherche":{},"factureTelechargeeParDestinataire":false}""";
        var (recipientStatus, received) = await p.Recipient.SendAsync("factures/v1/rechercher/recipiendaire", zeros);
        Assert.Equal(System.Net.HttpStatusCode.OK, recipientStatus);
        Assert.Equal(1, received["total"]!.GetValue<int>());
        Assert.Equal(1, (await p.Recipient.OkAsync("factures/v1/rechercher/demandePaiement", new { }))["parametresRetour"]!["total"]!.GetValue<int>());

        // Objects and arrays where strings are expected; criteria Portique now applies.
        foreach (var request in new object[]
        {
            new { numeroFacture = new[] { number }, typeFacture = new { typeFacture = "FACTURE" } },
            new { numeroFacture = number, cadreFacturation = new { codeCadreFacturation = "A1_FACTURE_FOURNISSEUR" }, modeDepot = "SAISIE_API" },
            new { numeroFacture = number, statutCourant = new object[] { new { statut = "MISE_A_DISPOSITION" }, "REJETEE" }, numeroBonCommande = "EJ-9" },
            new { numeroFacture = number, listeDestinataire = new[] { new { idDestinataire = p.RecipientId.ToString(System.Globalization.CultureInfo.InvariantCulture), listeIdServiceExecutant = new[] { p.ServiceId } } } },
            new { numeroFacture = number, periodeDateFacture = new { du = Today(app), au = Today(app) }, idFournisseur = p.SupplierId },
        })
            Assert.Equal(1, (await p.Supplier.OkAsync("factures/v1/rechercher/fournisseur", request))["parametresRetour"]!["total"]!.GetValue<int>());
        foreach (var request in new object[]
        {
            new { numeroFacture = number, typeFacture = "AVOIR" },
            new { numeroFacture = number, cadreFacturation = "A2_FACTURE_FOURNISSEUR_DEJA_PAYEE" },
            new { numeroFacture = number, modeDepot = "DEPOT_FLUX" },
            new { numeroFacture = number, rejetTraite = true },
            new { numeroFacture = number, idFournisseur = p.RecipientId },
        })
            Assert.Equal(0, (await p.Supplier.OkAsync("factures/v1/rechercher/fournisseur", request))["parametresRetour"]!["total"]!.GetValue<int>());
        Assert.Equal(0, (await p.Recipient.OkAsync("factures/v1/rechercher/recipiendaire", new { numeroFacture = number, idServiceExecutant = p.ServiceId + 1_000_000 }))["total"]!.GetValue<int>());

        // Criteria on data Portique does not keep are refused, never silently ignored.
        await p.Supplier.RefusedAsync("factures/v1/rechercher/fournisseur", new { numeroMarche = "M-12" }, 1, "FILTER_UNSUPPORTED");
        await p.Supplier.RefusedAsync("factures/v1/rechercher/fournisseur", new { montantHTMin = 10 }, 1, "FILTER_UNSUPPORTED");
        await p.Recipient.RefusedAsync("factures/v1/rechercher/recipiendaire", new { factureTelechargeeParDestinataire = true }, 1, "FILTER_UNSUPPORTED");
        await p.Recipient.RefusedAsync("factures/v1/rechercher/recipiendaire", new { listeFournisseurs = new[] { new { idFournisseur = p.SupplierId, listeIdService = new[] { 4 } } } }, 1, "FILTER_UNSUPPORTED");
        await p.Supplier.RefusedAsync("factures/v1/rechercher/fournisseur", new { periodeDateDepotDu = "20/11/2026" }, 1, "FIELD_INVALID");
    }

    /// <summary>The golden shapes of the invoice operations this issue reshaped or added, with every sub-list holding an item.</summary>
    [Fact]
    public async Task Reshaped_and_new_invoice_answers_have_their_golden_shapes()
    {
        var p = await PartiesAsync();
        var pdf = Convert.ToBase64String("%PDF-1.7\n%facture\n"u8.ToArray());
        async Task<long> StoreAsync(string name) => (await p.Supplier.OkAsync("transverses/v1/ajouter/fichier",
            new { pieceJointeNom = name, pieceJointeTypeMime = "application/pdf", pieceJointeExtension = "PDF", pieceJointeFichier = pdf }))["pieceJointeId"]!.GetValue<long>();
        var image = await StoreAsync("facture.pdf");
        var order = await StoreAsync("bon de commande.pdf");
        var submitted = await CproKit.SubmitAsync(app, p.Supplier, new
        {
            modeDepot = "DEPOT_PDF_API",
            numeroFactureSaisi = $"GLD-{Unique.Next()}",
            dateFacture = "2026-11-20",
            destinataire = new { codeDestinataire = p.RecipientSiret, codeServiceExecutant = "ACHATS" },
            references = new { typeFacture = "FACTURE", typeTva = "TVA_SUR_DEBIT", numeroBonCommande = "EJ-9", numeroMarche = "M-12", modePaiement = "CHEQUE" },
            lignePoste = CproKit.TwoLines(),
            pieceJointePrincipale = new[] { new { pieceJointePrincipaleDesignation = "Facture", pieceJointePrincipaleId = image } },
            pieceJointeComplementaire = new[] { new { pieceJointeComplementaireId = order } },
            commentaire = "Golden",
        });
        var id = submitted["identifiantFactureCPP"]!.GetValue<long>();
        var answers = new Dictionary<string, JsonNode>
        {
            ["consulter-fournisseur"] = await p.Supplier.OkAsync("factures/v1/consulter/fournisseur", new { identifiantFactureCPP = id }),
        };
        var facture = answers["consulter-fournisseur"]["facture"]!;
        Assert.Equal(["FACTURE", "PIECE_JOINTE_COMPLEMENTAIRE"], facture["listeDesPiecesJointes"]!["pieceJointe"]!.AsArray().Select(a => a!["pieceJointeTypeCode"]!.GetValue<string>()));
        Assert.Equal(facture["listeDesPiecesJointes"]!["pieceJointe"]![0]!["pieceJointeId"]!.GetValue<long>(), facture["pieceJointePrincipale"]!["idPieceJointePrincipale"]!.GetValue<long>());
        await p.Recipient.OkAsync("factures/v1/traiter/recue", new { idFacture = id, nouveauStatut = "REJETEE", motif = "Doublon" });
        answers["traiterRejet"] = await p.Supplier.OkAsync("factures/v1/traiterRejet", new { listeDemandePaiement = new[] { new { idDemandePaiement = id } }, motifRejet = "Doublon" });
        answers["rechercher-demandePaiement"] = await p.Supplier.OkAsync("factures/v1/rechercher/demandePaiement", new { numeroFacture = facture["numeroFacture"]!.GetValue<string>() });
        answers["rechercher-fournisseur-rejet-traite"] = await p.Supplier.OkAsync("factures/v1/rechercher/fournisseur", new { rejetTraite = true });
        answers["telecharger-groupe-pdf-pj"] = await p.Recipient.OkAsync("factures/v1/telecharger/groupe",
            new { listeFacture = new[] { new { idFacture = id } }, format = "PDF", avecPiecesJointesComplementaires = "OUI" });
        using (var zip = new ZipArchive(new MemoryStream(Convert.FromBase64String(answers["telecharger-groupe-pdf-pj"]["fichierResultat"]!.GetValue<string>()))))
            Assert.Equal(3, zip.Entries.Count);
        await CproClient.AssertGoldenAsync(answers);
    }
}
