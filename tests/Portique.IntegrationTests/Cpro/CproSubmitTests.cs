using System.Net;
using System.Text.Json.Nodes;
using Portique.Cpro.Transverses;
using Portique.Invoicing;
using Portique.IntegrationTests.Infrastructure;
using Portique.IntegrationTests.Invoicing;

namespace Portique.IntegrationTests.Cpro;

/// <summary>
/// soumettre (SAISIE_API, DEPOT_PDF_API), ajouter/fichier, deposer/pdf and completer with stored files, through a client that
/// knows nothing but HTTP and JSON. Only the "nothing written" checks count rows in the database.
/// </summary>
public sealed class CproSubmitTests(InvoicingApp app) : IClassFixture<InvoicingApp>
{
    private const string FacturX = "factur-x/ferd-2.4/EN16931/EN16931_2_Teilrechnung_fx.pdf";
    private static readonly string Pdf = Convert.ToBase64String("%PDF-1.7\n%facture\n"u8.ToArray());

    private sealed record Parties(CproClient Supplier, CproClient Recipient, long SupplierId, string SupplierSiret, string RecipientSiret);

    private async Task<Parties> PartiesAsync()
    {
        var (_, supplierPortal) = await app.SignedInUserAsync();
        var (_, recipientPortal) = await app.SignedInUserAsync();
        var supplierSiret = Unique.Siret();
        var recipientSiret = Unique.Siret();
        var supplierId = await Kit.CreateStructureAsync(supplierPortal, supplierSiret, isPublic: false, vatNumber: $"FR00{supplierSiret[..9]}");
        var recipientId = await Kit.CreateStructureAsync(recipientPortal, recipientSiret);
        return new Parties(await CproClient.ForStructureAsync(app, supplierPortal, supplierId), await CproClient.ForStructureAsync(app, recipientPortal, recipientId),
            supplierId, supplierSiret, recipientSiret);
    }

    /// <summary>soumettre waits for its flow's integration: the deposit queue runs beside it, as the background worker would.</summary>
    private Task<T> WithWorkerAsync<T>(Task<T> call) => CproKit.WithWorkerAsync(app, call);

    private Task<JsonNode> SubmitAsync(CproClient client, object request) => CproKit.SubmitAsync(app, client, request);

    private static object Entry(string number, string recipient, string mode = "SAISIE_API", object? piece = null, object? references = null, object? totals = null) => new
    {
        modeDepot = mode,
        numeroFactureSaisi = number,
        dateFacture = "2026-11-20",
        idUtilisateurCourant = 331,
        destinataire = new { codeDestinataire = recipient, codeServiceExecutant = "" },
        cadreDeFacturation = new { codeCadreFacturation = "A1_FACTURE_FOURNISSEUR", codeStructureValideur = (string?)null },
        references = references ?? new { deviseFacture = "EUR", typeFacture = "FACTURE", typeTva = "TVA_SUR_DEBIT", numeroBonCommande = "EJ-42", modePaiement = "CHEQUE" },
        lignePoste = new object[]
        {
            new { lignePosteNumero = 1, lignePosteReference = "R1", lignePosteDenomination = "Maintenance", lignePosteQuantite = 2, lignePosteUnite = "lot", lignePosteMontantUnitaireHT = 100.5m, lignePosteMontantRemiseHT = 0, lignePosteTauxTva = "TAUX_20" },
            new { lignePosteNumero = 2, lignePosteReference = "R2", lignePosteDenomination = "Livres", lignePosteQuantite = 3, lignePosteMontantUnitaireHT = 10m, lignePosteTauxTvaManuel = 5.5m },
        },
        montantTotal = totals ?? new { montantHtTotal = 231m, montantTVA = 41.85m, montantTtcTotal = 272.85m, montantRemiseGlobaleTTC = 0, montantAPayer = 272.85m },
        pieceJointePrincipale = piece,
        commentaire = "Saisie API",
    };

    private static Task<JsonNode> AddFileAsync(CproClient client, string name = "facture.pdf", string content = "", string extension = "PDF") =>
        client.OkAsync("transverses/v1/ajouter/fichier", new
        {
            pieceJointeNom = name, pieceJointeTypeMime = "application/pdf", pieceJointeExtension = extension,
            pieceJointeFichier = content.Length == 0 ? Pdf : content, idUtilisateurCourant = 331,
        });

    [Fact]
    public async Task An_invoice_submitted_with_saisie_api_is_integrated_found_by_the_supplier_and_processed_by_the_recipient()
    {
        var p = await PartiesAsync();
        var number = $"SUB-{Unique.Next()}";
        var submitted = await SubmitAsync(p.Supplier, Entry(number, p.RecipientSiret));
        var id = submitted["identifiantFactureCPP"]!.GetValue<long>();
        Assert.Equal(number, submitted["numeroFacture"]!.GetValue<string>());
        Assert.Equal("MISE_A_DISPOSITION", submitted["statutFacture"]!.GetValue<string>());
        Assert.Equal(p.SupplierSiret, submitted["identifiantStructure"]!.GetValue<string>());
        Assert.Matches("^[0-9]{4}-[0-9]{2}-[0-9]{2}$", submitted["dateDepot"]!.GetValue<string>());

        var sent = await p.Supplier.OkAsync("factures/v1/rechercher/fournisseur", new { numeroFacture = number });
        Assert.Equal(id, Assert.Single(sent["listeFactures"]!.AsArray())!["identifiantFactureCPP"]!.GetValue<long>());
        var byFlow = await p.Supplier.OkAsync("factures/v1/rechercher/fournisseur", new { numeroFluxDepot = submitted["numeroFluxDepot"]!.GetValue<string>() });
        Assert.Equal(1, byFlow["parametresRetour"]!["total"]!.GetValue<int>());

        var facture = (await p.Recipient.OkAsync("factures/v1/consulter/recipiendaire", new { identifiantFactureCPP = id }))["facture"]!;
        Assert.Equal("SAISIE", facture["modeDepot"]!.GetValue<string>());
        Assert.Equal(231m, facture["montantTotal"]!["montantHtTotal"]!.GetValue<decimal>());
        Assert.Equal(41.85m, facture["montantTotal"]!["montantTVA"]!.GetValue<decimal>());
        Assert.Equal(272.85m, facture["montantTotal"]!["montantTtcTotal"]!.GetValue<decimal>());
        Assert.Equal("EJ-42", facture["references"]!["numeroBonCommande"]!.GetValue<string>());
        Assert.Equal("A1_FACTURE_FOURNISSEUR", facture["cadreDeFacturation"]!["codeCadreFacturation"]!.GetValue<string>());
        Assert.Equal("FACTURE", facture["references"]!["typeFacture"]!.GetValue<string>());
        await p.Recipient.OkAsync("factures/v1/traiter/recue", new { idFacture = id, nouveauStatut = "SERVICE_FAIT" });
        Assert.Equal("SERVICE_FAIT", (await p.Supplier.OkAsync("factures/v1/consulter/fournisseur", new { identifiantFactureCPP = id }))["facture"]!["statutFacture"]!.GetValue<string>());

        // A credit note in another currency goes the same way (typeFacture and deviseFacture reach the invoice).
        var credit = await SubmitAsync(p.Supplier, Entry($"AV-{Unique.Next()}", p.RecipientSiret, references: new { deviseFacture = "usd", typeFacture = "avoir", numeroMarche = "M-2026-7", numeroFactureOrigine = number, typeTva = "tva_sur_encaissement" }));
        var avoir = (await p.Supplier.OkAsync("factures/v1/consulter/fournisseur", new { identifiantFactureCPP = credit["identifiantFactureCPP"]!.GetValue<long>() }))["facture"]!;
        Assert.Equal("AVOIR", avoir["references"]!["typeFacture"]!.GetValue<string>());
        Assert.Equal("USD", avoir["references"]!["codeDeviseFacture"]!.GetValue<string>());

        var advance = await SubmitAsync(p.Supplier, Entry($"AC-{Unique.Next()}", p.RecipientSiret, references: new { typeFacture = "Acompte" }));
        Assert.Equal("ACOMPTE", (await p.Supplier.OkAsync("factures/v1/consulter/fournisseur", new { identifiantFactureCPP = advance["identifiantFactureCPP"]!.GetValue<long>() }))["facture"]!["references"]!["typeFacture"]!.GetValue<string>());

        // A line discount (lignePosteMontantRemiseHT) is deducted from its line, a line allowance of the invoice (BG-27).
        var discounted = await SubmitAsync(p.Supplier, new
        {
            modeDepot = "SAISIE_API", numeroFactureSaisi = $"RM-{Unique.Next()}", dateFacture = "2026-11-20", destinataire = p.RecipientSiret,
            cadreDeFacturation = new { codeCadreFacturation = "a2_facture_fournisseur_deja_payee" },
            lignePoste = new[] { new { lignePosteDenomination = "Maintenance", lignePosteQuantite = 2, lignePosteMontantUnitaireHT = 100.5m, lignePosteMontantRemiseHT = 21m, lignePosteTauxTva = "TAUX_20" } },
            montantTotal = new { montantHtTotal = 180m, montantTVA = 36m, montantTtcTotal = 216m },
        });
        var remise = (await p.Supplier.OkAsync("factures/v1/consulter/fournisseur", new { identifiantFactureCPP = discounted["identifiantFactureCPP"]!.GetValue<long>() }))["facture"]!;
        Assert.Equal(180m, remise["montantTotal"]!["montantHtTotal"]!.GetValue<decimal>());
        Assert.Equal(216m, remise["montantTotal"]!["montantTtcTotal"]!.GetValue<decimal>());
        // An invoice already paid (A2) keeps its cadre, written as BT-23 "A2" and answered by its Chorus Pro name.
        Assert.Equal("A2_FACTURE_FOURNISSEUR_DEJA_PAYEE", remise["cadreDeFacturation"]!["codeCadreFacturation"]!.GetValue<string>());

        // An exemption reason (references.motifExonerationTva) makes the 0 % lines exempt with that VATEX code (BT-118 E, BT-121).
        var exempt = await SubmitAsync(p.Supplier, new
        {
            modeDepot = "SAISIE_API", numeroFactureSaisi = $"EX-{Unique.Next()}", dateFacture = "2026-11-20", destinataire = p.RecipientSiret,
            references = new { motifExonerationTva = "VATEX-EU-132" },
            lignePoste = new[] { new { lignePosteDenomination = "Formation", lignePosteQuantite = 1, lignePosteMontantUnitaireHT = 500m, lignePosteTauxTvaManuel = 0m } },
        });
        Assert.Equal("MISE_A_DISPOSITION", exempt["statutFacture"]!.GetValue<string>());

        // The contract, the corrected invoice and the comment are written in the invoice (BT-12, BT-25, BT-22).
        var creditId = credit["identifiantFactureCPP"]!.GetValue<long>();
        var zip = await p.Supplier.OkAsync("factures/v1/telecharger/groupe", new { listeFacture = new[] { new { idFacture = creditId } } });
        using var archive = new System.IO.Compression.ZipArchive(new MemoryStream(Convert.FromBase64String(zip["fichierResultat"]!.GetValue<string>())));
        using var reader = new StreamReader(Assert.Single(archive.Entries).Open());
        var xml = System.Xml.Linq.XDocument.Parse(await reader.ReadToEndAsync());
        string? Cbc(params string[] path) => path.Aggregate<string, System.Xml.Linq.XElement?>(xml.Root, (e, name) =>
            e?.Elements().FirstOrDefault(x => x.Name.LocalName == name))?.Value;
        Assert.Equal("CreditNote", xml.Root!.Name.LocalName);
        Assert.Equal("Saisie API", Cbc("Note"));
        Assert.Equal("M-2026-7", Cbc("ContractDocumentReference", "ID"));
        Assert.Equal(number, Cbc("BillingReference", "InvoiceDocumentReference", "ID"));
        // VAT on receipts: due at payment (BT-8, UNTDID 2005 432).
        Assert.Equal("432", Cbc("InvoicePeriod", "DescriptionCode"));
    }

    [Fact]
    public async Task A_pdf_added_to_the_file_store_is_submitted_with_depot_pdf_api_in_each_form_and_completes_a_suspended_invoice()
    {
        var p = await PartiesAsync();
        var ids = new List<long>();
        foreach (var form in new Func<long, object>[]
        {
            piece => new { pieceJointePrincipaleDesignation = "Facture", pieceJointePrincipaleId = piece },
            piece => new[] { new { pieceJointePrincipaleDesignation = "Facture", pieceJointePrincipaleId = piece } },
            piece => piece.ToString(System.Globalization.CultureInfo.InvariantCulture),
        })
        {
            var piece = (await AddFileAsync(p.Supplier))["pieceJointeId"]!.GetValue<long>();
            var submitted = await SubmitAsync(p.Supplier, Entry($"PDF-{Unique.Next()}", p.RecipientSiret, "DEPOT_PDF_API", form(piece)));
            ids.Add(submitted["identifiantFactureCPP"]!.GetValue<long>());
        }
        foreach (var id in ids)
        {
            var facture = (await p.Recipient.OkAsync("factures/v1/consulter/recipiendaire", new { identifiantFactureCPP = id }))["facture"]!;
            Assert.Equal("DEPOT_PDF", facture["modeDepot"]!.GetValue<string>());
            Assert.Equal("facture.pdf", Assert.Single(facture["listeDesPiecesJointes"]!["pieceJointe"]!.AsArray())!["pieceJointeDesignation"]!.GetValue<string>());
        }

        // Complementary documents (pieceJointeComplementaire, files of ajouter/fichier) travel with the invoice: after the
        // image in a PDF deposit, alone in an entry.
        var order = (await AddFileAsync(p.Supplier, "bon de commande", extension: "PDF"))["pieceJointeId"]!.GetValue<long>();
        var image = (await AddFileAsync(p.Supplier))["pieceJointeId"]!.GetValue<long>();
        var lines = new[] { new { lignePosteDenomination = "Audit", lignePosteQuantite = 1, lignePosteMontantUnitaireHT = 100m, lignePosteTauxTva = "TAUX_20" } };
        var withImage = await SubmitAsync(p.Supplier, new
        {
            modeDepot = "DEPOT_PDF_API", numeroFactureSaisi = $"PJ-{Unique.Next()}", dateFacture = "2026-11-20", destinataire = p.RecipientSiret, lignePoste = lines,
            pieceJointePrincipale = new { pieceJointePrincipaleId = image }, pieceJointeComplementaire = order,
        });
        var both = (await p.Recipient.OkAsync("factures/v1/consulter/recipiendaire", new { identifiantFactureCPP = withImage["identifiantFactureCPP"]!.GetValue<long>() }))["facture"]!;
        Assert.Equal(["facture.pdf", "bon de commande.pdf"], both["listeDesPiecesJointes"]!["pieceJointe"]!.AsArray().Select(a => a!["pieceJointeDesignation"]!.GetValue<string>()));
        var entryOnly = await SubmitAsync(p.Supplier, new
        {
            modeDepot = "SAISIE_API", numeroFactureSaisi = $"PJ-{Unique.Next()}", dateFacture = "2026-11-20", destinataire = p.RecipientSiret,
            lignePoste = lines,
            pieceJointeComplementaire = new[] { new { pieceJointeComplementaireId = order, pieceJointeComplementaireDesignation = "Bon de commande" } },
        });
        var attached = (await p.Recipient.OkAsync("factures/v1/consulter/recipiendaire", new { identifiantFactureCPP = entryOnly["identifiantFactureCPP"]!.GetValue<long>() }))["facture"]!;
        Assert.Equal(["bon de commande.pdf"], attached["listeDesPiecesJointes"]!["pieceJointe"]!.AsArray().Select(a => a!["pieceJointeDesignation"]!.GetValue<string>()));

        // deposer/pdf: a Factur-X gives its data, a plain PDF none; either is then submitted by its pieceJointeId.
        var fx = await p.Supplier.OkAsync("factures/v1/deposer/pdf", new
        {
            fichierFacture = Convert.ToBase64String(await File.ReadAllBytesAsync(Path.Combine(InvoicingApp.TestData, FacturX))), nomFichier = "fx.pdf", formatDepot = "PDF_NON_SIGNE",
        });
        Assert.False(string.IsNullOrEmpty(fx["numeroFacture"]!.GetValue<string>()));
        Assert.True(fx["montantAPayer"]!.GetValue<decimal>() > 0);
        var plain = await p.Supplier.OkAsync("factures/v1/deposer/pdf", new { fichierFacture = Pdf, nomFichier = "scan.pdf" });
        Assert.Null(plain["numeroFacture"]);
        Assert.Null(plain["montantAPayer"]);
        var fromScan = await SubmitAsync(p.Supplier, Entry($"SCAN-{Unique.Next()}", p.RecipientSiret, "depot_pdf_api", plain["pieceJointeId"]!.GetValue<long>()));

        // completer takes stored files by pieceJointeComplementaire, in any of its forms.
        var suspended = fromScan["identifiantFactureCPP"]!.GetValue<long>();
        await p.Recipient.OkAsync("factures/v1/traiter/recue", new { idFacture = suspended, nouveauStatut = "SUSPENDUE", motif = "Bon de livraison" });
        var bon = (await AddFileAsync(p.Supplier, "bon.txt", Convert.ToBase64String("bon de livraison"u8.ToArray()), "txt"))["pieceJointeId"]!.GetValue<long>();
        var pv = (await AddFileAsync(p.Supplier, "pv.pdf"))["pieceJointeId"]!.GetValue<long>();
        await p.Supplier.OkAsync("factures/v1/completer", new
        {
            identifiantFactureCPP = suspended, commentaire = "Voici",
            pieceJointeComplementaire = new object[] { new { pieceJointeComplementaireId = bon, pieceJointeComplementaireDesignation = "Bon" }, pv },
        });
        var completed = (await p.Recipient.OkAsync("factures/v1/consulter/recipiendaire", new { identifiantFactureCPP = suspended }))["facture"]!;
        Assert.Equal("COMPLETEE", completed["statutFacture"]!.GetValue<string>());
        Assert.Equal(["scan.pdf", "bon.txt", "pv.pdf"], completed["listeDesPiecesJointes"]!["pieceJointe"]!.AsArray().Select(a => a!["pieceJointeDesignation"]!.GetValue<string>()));
        var events = (await p.Supplier.OkAsync("factures/v1/consulter/historique", new { idFacture = suspended }))["historiquesDesEvenementsComplementaires"]!["evenement"]!.AsArray();
        Assert.Equal(["Pièce jointe ajoutée : scan.pdf", "Pièce jointe ajoutée : bon.txt", "Pièce jointe ajoutée : pv.pdf"], events.Select(e => e!["evenementLibelle"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Bad_submissions_and_files_are_refused_with_the_envelope_and_nothing_is_written()
    {
        var p = await PartiesAsync();
        var text = (await AddFileAsync(p.Supplier, "note.txt", Convert.ToBase64String("x"u8.ToArray()), "TXT"))["pieceJointeId"]!.GetValue<long>();
        var flows = await app.CountAsync<Flow>();
        var files = await app.CountAsync<StoredFile>();
        var number = $"BAD-{Unique.Next()}";
        var line = new { lignePosteDenomination = "X", lignePosteQuantite = 1, lignePosteMontantUnitaireHT = 10, lignePosteTauxTva = "TAUX_20" };
        var cases = new (object Request, int Code, string Libelle)[]
        {
            (new { numeroFactureSaisi = number }, 1, "FIELD_REQUIRED"),
            (new { modeDepot = "DEPOT_PDF_SIGNE_API" }, 1, "MODE_DEPOT_UNSUPPORTED"),
            (new { modeDepot = "PAPIER" }, 1, "FIELD_INVALID"),
            (new { modeDepot = "SAISIE_API", numeroFactureSaisi = number, dateFacture = "2026-11-20", destinataire = p.RecipientSiret }, 1, "ENTRY_LINES_REQUIRED"),
            (new { modeDepot = "SAISIE_API", numeroFactureSaisi = number, dateFacture = "20/11/2026", destinataire = p.RecipientSiret, lignePoste = new[] { line } }, 1, "FIELD_INVALID"),
            (new { modeDepot = "SAISIE_API", numeroFactureSaisi = number, dateFacture = "2026-11-20", destinataire = p.RecipientSiret, lignePoste = new[] { line with { lignePosteTauxTva = "TVA99" } } }, 1, "ENTRY_VAT_RATE_INVALID"),
            (new { modeDepot = "SAISIE_API", numeroFactureSaisi = number, dateFacture = "2026-11-20", destinataire = p.RecipientSiret, lignePoste = new[] { line with { lignePosteTauxTva = "7" } } }, 1, "ENTRY_VAT_RATE_INVALID"),
            (new { modeDepot = "SAISIE_API", numeroFactureSaisi = number, dateFacture = "2026-11-20", destinataire = p.RecipientSiret, lignePoste = new[] { new { lignePosteDenomination = "X", lignePosteQuantite = 1, lignePosteMontantUnitaireHT = 10, lignePosteTauxTva = "TAUX_20", lignePosteMontantRemiseHT = 11 } } }, 1, "ENTRY_DISCOUNT_INVALID"),
            (new { modeDepot = "SAISIE_API", numeroFactureSaisi = number, dateFacture = "2026-11-20", destinataire = p.RecipientSiret, lignePoste = new[] { line }, montantTotal = new { montantRemiseGlobaleTTC = 5 } }, 1, "ENTRY_ALLOWANCE_UNSUPPORTED"),
            (new { modeDepot = "SAISIE_API", numeroFactureSaisi = number, dateFacture = "2026-11-20", destinataire = p.RecipientSiret, lignePoste = new[] { line }, references = new { motifExonerationTva = "EXONERE" } }, 1, "ENTRY_EXEMPTION_INVALID"),
            (new { modeDepot = "SAISIE_API", numeroFactureSaisi = number, dateFacture = "2026-11-20", destinataire = p.RecipientSiret, lignePoste = new[] { line }, references = new { typeTva = "TVA_MIXTE" } }, 1, "ENTRY_VAT_TYPE_INVALID"),
            (new { modeDepot = "SAISIE_API", numeroFactureSaisi = number, dateFacture = "2026-11-20", destinataire = p.RecipientSiret, lignePoste = new[] { line }, montantTotal = new { montantTtcTotal = 13 } }, 1, "ENTRY_TOTALS_MISMATCH"),
            (new { modeDepot = "SAISIE_API", numeroFactureSaisi = number, dateFacture = "2026-11-20", destinataire = p.RecipientSiret, lignePoste = new[] { line }, cadreDeFacturation = "A9_FACTURE_SOUSTRAITANT" }, 1, "CADRE_VALIDATOR_REQUIRED"),
            (new { modeDepot = "SAISIE_API", numeroFactureSaisi = number, dateFacture = "2026-11-20", destinataire = p.RecipientSiret, lignePoste = new[] { line }, fournisseur = new { idFournisseur = p.SupplierId + 1 } }, 1, "SUPPLIER_MISMATCH"),
            (new { modeDepot = "SAISIE_API", numeroFactureSaisi = number, dateFacture = "2026-11-20", destinataire = p.RecipientSiret, lignePoste = new[] { line }, references = new { typeFacture = "DEVIS" } }, 1, "ENTRY_TYPE_INVALID"),
            (new { modeDepot = "SAISIE_API", numeroFactureSaisi = number, dateFacture = "2026-11-20", destinataire = p.RecipientSiret, lignePoste = new[] { line }, pieceJointeComplementaire = new[] { text } }, 1, "ATTACHMENT_TYPE_UNSUPPORTED"),
            (new { modeDepot = "DEPOT_PDF_API", numeroFactureSaisi = number, dateFacture = "2026-11-20", destinataire = p.RecipientSiret, lignePoste = new[] { line } }, 1, "FIELD_REQUIRED"),
            (new { modeDepot = "DEPOT_PDF_API", numeroFactureSaisi = number, dateFacture = "2026-11-20", destinataire = p.RecipientSiret, lignePoste = new[] { line }, pieceJointePrincipale = text }, 1, "ENTRY_PDF_INVALID"),
            (new { modeDepot = "DEPOT_PDF_API", numeroFactureSaisi = number, dateFacture = "2026-11-20", destinataire = p.RecipientSiret, lignePoste = new[] { line }, pieceJointePrincipale = text + 1_000_000 }, 2, "ATTACHMENT_NOT_FOUND"),
        };
        foreach (var (request, code, libelle) in cases)
            await p.Supplier.RefusedAsync("factures/v1/soumettre", request, code, libelle);
        foreach (var (request, libelle) in new (object, string)[]
        {
            (new { pieceJointeNom = "a.exe", pieceJointeExtension = "EXE", pieceJointeFichier = Pdf }, "ATTACHMENT_TYPE_INVALID"),
            (new { pieceJointeNom = "a.pdf", pieceJointeExtension = "PDF", pieceJointeFichier = "%%%" }, "ATTACHMENT_BASE64_INVALID"),
            (new { pieceJointeNom = "a.pdf", pieceJointeExtension = "PDF", pieceJointeFichier = "" }, "FIELD_REQUIRED"),
            (new { pieceJointeNom = new string('n', 51) + ".pdf", pieceJointeFichier = Pdf }, "FIELD_TOO_LONG"),
        })
            await p.Supplier.RefusedAsync("transverses/v1/ajouter/fichier", request, 1, libelle);
        await p.Supplier.RefusedAsync("factures/v1/deposer/pdf", new { fichierFacture = Convert.ToBase64String("<xml/>"u8.ToArray()), nomFichier = "x.pdf" }, 1, "ENTRY_PDF_INVALID");
        await p.Supplier.RefusedAsync("factures/v1/deposer/pdf", new { fichierFacture = Pdf, formatDepot = "PDF_SIGNE" }, 1, "MODE_DEPOT_UNSUPPORTED");
        Assert.Equal(flows, await app.CountAsync<Flow>());
        Assert.Equal(files, await app.CountAsync<StoredFile>());

        // A refusal found while integrating (unknown recipient) is the answer of soumettre, with the deposit report's code.
        await WithWorkerAsync(p.Supplier.RefusedAsync("factures/v1/soumettre", Entry(number, Unique.Siret()), 1, "RECIPIENT_NOT_FOUND"));
    }

    /// <summary>Structure B's technical account can neither use A's stored files nor learn that they exist.</summary>
    [Fact]
    public async Task A_technical_account_cannot_use_another_structures_stored_files()
    {
        var a = await PartiesAsync();
        var b = await PartiesAsync();
        var piece = (await AddFileAsync(a.Supplier))["pieceJointeId"]!.GetValue<long>();
        var number = $"ISOF-{Unique.Next()}";
        var refused = await b.Supplier.RefusedAsync("factures/v1/soumettre", Entry(number, b.RecipientSiret, "DEPOT_PDF_API", piece), 2, "ATTACHMENT_NOT_FOUND");
        var unknown = await b.Supplier.RefusedAsync("factures/v1/soumettre", Entry(number, b.RecipientSiret, "DEPOT_PDF_API", piece + 1_000_000), 2, "ATTACHMENT_NOT_FOUND");
        Assert.Equal(unknown["message"]!.GetValue<string>().Replace((piece + 1_000_000).ToString(System.Globalization.CultureInfo.InvariantCulture), "#", StringComparison.Ordinal),
            refused["message"]!.GetValue<string>().Replace(piece.ToString(System.Globalization.CultureInfo.InvariantCulture), "#", StringComparison.Ordinal));

        var own = await SubmitAsync(b.Supplier, Entry(number, b.RecipientSiret));
        var id = own["identifiantFactureCPP"]!.GetValue<long>();
        await b.Recipient.OkAsync("factures/v1/traiter/recue", new { idFacture = id, nouveauStatut = "SUSPENDUE", motif = "Pièce" });
        await b.Supplier.RefusedAsync("factures/v1/completer", new { identifiantFactureCPP = id, pieceJointeComplementaire = new[] { new { pieceJointeComplementaireId = piece } } }, 2, "ATTACHMENT_NOT_FOUND");
        // The recipient of A's own invoices is not its owner either.
        await a.Recipient.RefusedAsync("factures/v1/soumettre", Entry(number, a.SupplierSiret, "DEPOT_PDF_API", piece), 2, "ATTACHMENT_NOT_FOUND");
        Assert.Equal("SUSPENDUE", (await b.Supplier.OkAsync("factures/v1/consulter/fournisseur", new { identifiantFactureCPP = id }))["facture"]!["statutFacture"]!.GetValue<string>());
    }

    [Fact]
    public async Task Submissions_are_bound_liberally()
    {
        var p = await PartiesAsync();
        var piece = (await AddFileAsync(p.Supplier))["pieceJointeId"]!.GetValue<long>();
        // Numbers as strings, destinataire and cadre as plain strings, one line as an object, a timestamp for the date, unknown
        // fields, meaningless values, text/plain, lower-case enumerations.
        var json = $$"""
            { "modeDepot": "depot_pdf_api", "numeroFactureSaisi": "LIB-{{Unique.Next()}}", "dateFacture": "2026-11-20T10:15:00+01:00",
              "destinataire": "{{p.RecipientSiret}}", "fournisseur": { "idFournisseur": "{{p.SupplierId}}", "idServiceFournisseur": null },
              "cadreDeFacturation": "a1_facture_fournisseur", "references": { "typeFacture": "", "deviseFacture": null, "champInconnu": 1 },
              "lignePoste": { "lignePosteDenomination": "Conseil", "lignePosteQuantite": "1.5", "lignePosteMontantUnitaireHT": "200", "lignePosteTauxTva": "taux_10", "lignePosteMontantRemiseHT": "" },
              "ligneTva": [], "montantTotal": {}, "pieceJointePrincipale": [{ "pieceJointePrincipaleId": "{{piece}}" }],
              "pieceJointeComplementaire": [], "idUtilisateurCourant": 0, "autre": { "x": [1] } }
            """;
        var (status, body) = await WithWorkerAsync(p.Supplier.SendAsync("factures/v1/soumettre", json, "text/plain"));
        Assert.True(status == HttpStatusCode.OK, body.ToJsonString());
        var facture = (await p.Supplier.OkAsync("factures/v1/consulter/fournisseur", new { identifiantFactureCPP = body["identifiantFactureCPP"]!.GetValue<long>() }))["facture"]!;
        Assert.Equal("2026-11-20", facture["references"]!["dateFacture"]!.GetValue<string>());
        Assert.Equal(330m, facture["montantTotal"]!["montantTtcTotal"]!.GetValue<decimal>());

        // ajouter/fichier: the extension from the name when not given, in any case.
        var added = await p.Supplier.OkAsync("transverses/v1/ajouter/fichier", new { pieceJointeNom = "Annexe.Pdf", pieceJointeExtension = "", pieceJointeTypeMime = (string?)null, pieceJointeFichier = Pdf });
        Assert.True(added["pieceJointeId"]!.GetValue<long>() > piece);
    }

    /// <summary>Each new answer's shape against its golden file (PORTIQUE_GOLDEN_UPDATE=1 rewrites them, then review).</summary>
    [Fact]
    public async Task New_answers_have_the_golden_shapes()
    {
        var p = await PartiesAsync();
        var added = await AddFileAsync(p.Supplier);
        var answers = new Dictionary<string, JsonNode>
        {
            ["ajouter-fichier"] = added,
            ["soumettre"] = await SubmitAsync(p.Supplier, Entry($"GS-{Unique.Next()}", p.RecipientSiret, "DEPOT_PDF_API", added["pieceJointeId"]!.GetValue<long>())),
            ["deposer-pdf"] = await p.Supplier.OkAsync("factures/v1/deposer/pdf", new
            {
                fichierFacture = Convert.ToBase64String(await File.ReadAllBytesAsync(Path.Combine(InvoicingApp.TestData, FacturX))), nomFichier = "fx.pdf",
            }),
        };
        foreach (var list in new[] { "tauxtva", "motifs/exonerationtva", "modereglements", "modedepot", "cadrefacturation", "formatflux" })
            answers[$"recuperer-{list.Replace('/', '-')}"] = await p.Supplier.OkAsync($"transverses/v1/recuperer/{list}", new { });

        await CproClient.AssertGoldenAsync(answers);
    }

    [Fact]
    public async Task Reference_lists_hold_the_codes_of_the_spec_and_the_standards()
    {
        var p = await PartiesAsync();
        async Task<IReadOnlyList<string>> Codes(string path, string list, string field) =>
            [.. (await p.Supplier.OkAsync($"transverses/v1/recuperer/{path}", new { codeLangue = "FR" }))[list]!.AsArray().Select(x => x![field]!.GetValue<string>())];
        var cadres = await Codes("cadrefacturation", "listeCadreFacturation", "codeCadreFacturation");
        Assert.Equal(25, cadres.Count);
        Assert.Equal("A1_FACTURE_FOURNISSEUR", cadres[0]);
        Assert.Equal("A25_DECOMPTE_GENERAL_DEFINITIF_MOE_PROCEDURE_TACITE", cadres[^1]);
        Assert.Contains("VIREMENT", await Codes("modereglements", "listeModePaiement", "modePaiement"));
        Assert.Contains("VATEX-FR-FRANCHISE", await Codes("motifs/exonerationtva", "listeMotifsExonerationTva", "codeMotifExonerationTva"));
        Assert.Equal(["SAISIE_API", "DEPOT_PDF_API", "DEPOT_FLUX", "SAISIE", "DEPOT_PDF"], await Codes("modedepot", "listeModeDepot", "modeDepot"));
        Assert.Equal(["IN_DP_E1_STRUCT", "IN_DP_E2_FACTURX"], await Codes("formatflux", "listeFormatFlux", "formatFlux"));

        // Every listed rate is accepted by soumettre under its code, and gives its value.
        var rates = (await p.Supplier.OkAsync("transverses/v1/recuperer/tauxtva", new { }))["listeTauxTva"]!.AsArray();
        Assert.Contains(rates, r => r!["codeTauxTva"]!.GetValue<string>() == "TAUX_5_5" && r["valeurTauxTva"]!.GetValue<decimal>() == 5.5m);
        var submitted = await SubmitAsync(p.Supplier, new
        {
            modeDepot = "SAISIE_API", numeroFactureSaisi = $"TX-{Unique.Next()}", dateFacture = "2026-11-20", destinataire = p.RecipientSiret,
            lignePoste = rates.Select(r => new { lignePosteDenomination = r!["libelleTauxTva"]!.GetValue<string>(), lignePosteQuantite = 1, lignePosteMontantUnitaireHT = 100, lignePosteTauxTva = r["codeTauxTva"]!.GetValue<string>() }).ToArray(),
        });
        var facture = (await p.Supplier.OkAsync("factures/v1/consulter/fournisseur", new { identifiantFactureCPP = submitted["identifiantFactureCPP"]!.GetValue<long>() }))["facture"]!;
        Assert.Equal(rates.Sum(r => r!["valeurTauxTva"]!.GetValue<decimal>()), facture["montantTotal"]!["montantTVA"]!.GetValue<decimal>());
    }
}
