using System.IO.Compression;
using System.Net;
using System.Text.Json.Nodes;
using Portique.Formats;
using Portique.Invoicing.Deposit;
using Portique.IntegrationTests.Infrastructure;
using Portique.IntegrationTests.Invoicing;

namespace Portique.IntegrationTests.Cpro;

/// <summary>
/// Full invoicing cycles through /cpro with a client that knows nothing but HTTP and JSON. The structures are set up
/// through the portal's JSON API; only the choice of test files reads them with the engine.
/// </summary>
public sealed class CproCycleTests(InvoicingApp app) : IClassFixture<InvoicingApp>
{

    private const string Cii = "factur-x/ferd-2.4/EN16931/EN16931_1_Teilrechnung.xml";
    private const string FacturX = "factur-x/ferd-2.4/EN16931/EN16931_2_Teilrechnung_fx.pdf";

    private sealed record Parties(CproClient Supplier, CproClient Recipient, CproClient OtherRecipient, string SupplierSiret, string RecipientSiret,
        string OtherSiret, long RecipientId, long OtherId);

    private static (string Seller, string Buyer) Keys(string path)
    {
        var model = InvoiceEngine.Read(File.ReadAllBytes(Path.Combine(InvoicingApp.TestData, path))).Invoice;
        return (FlowProcessor.Identifiers(model.Seller).First(k => k.Length <= 20), FlowProcessor.Identifiers(model.Buyer).First());
    }

    /// <summary>
    /// A supplier matching the CII and Factur-X files' seller (by VAT number) and a UBL SIRET; their buyer; a SIRET recipient and
    /// a second one for recycling. Each structure that calls /cpro gets its own API client and technical account.
    /// </summary>
    private async Task<Parties> PartiesAsync(bool withFiles)
    {
        var (_, supplierPortal) = await app.SignedInUserAsync();
        var (_, recipientPortal) = await app.SignedInUserAsync();
        var (_, otherPortal) = await app.SignedInUserAsync();
        string? sellerKey = null;
        if (withFiles)
        {
            var (seller, buyer) = Keys(Cii);
            Assert.Equal((seller, buyer), Keys(FacturX));
            sellerKey = seller;
            await Kit.CreateStructureAsync(recipientPortal, buyer, type: "AUTRE");
        }
        var supplierSiret = Unique.Siret();
        var recipientSiret = Unique.Siret();
        var otherSiret = Unique.Siret();
        var supplierId = await Kit.CreateStructureAsync(supplierPortal, supplierSiret, isPublic: false, vatNumber: sellerKey);
        var recipientId = await Kit.CreateStructureAsync(recipientPortal, recipientSiret);
        var otherId = await Kit.CreateStructureAsync(otherPortal, otherSiret);
        return new Parties(
            await CproClient.ForStructureAsync(app, supplierPortal, supplierId),
            await CproClient.ForStructureAsync(app, recipientPortal, recipientId),
            await CproClient.ForStructureAsync(app, otherPortal, otherId),
            supplierSiret, recipientSiret, otherSiret, recipientId, otherId);
    }

    private static Task<JsonNode> DepositAsync(CproClient client, byte[] content, string name, string syntax) =>
        client.OkAsync("factures/v1/deposer/flux", new { fichierFlux = Convert.ToBase64String(content), nomFichier = name, syntaxeFlux = syntax, avecSignature = false });

    /// <summary>consulterCRDetaille until the flow is integrated, running the deposit queue between calls as the worker would.</summary>
    private async Task<JsonNode> IntegratedAsync(CproClient client, string flow)
    {
        for (var attempt = 0; ; attempt++)
        {
            var report = await client.OkAsync("transverses/v1/consulterCRDetaille", new { numeroFluxDepot = flow, syntaxeFlux = (string?)null });
            var state = report["etatCourantDepotFlux"]!.GetValue<string>();
            if (state is not ("IN_RECU" or "IN_EN_COURS_TRAITEMENT_CPP") || attempt == 3)
            {
                Assert.True(state == "IN_INTEGRE", report.ToJsonString());
                return report;
            }
            await app.ProcessDepositsAsync();
        }
    }

    private static async Task<long> InvoiceOfFlowAsync(CproClient supplier, string flow)
    {
        var found = await supplier.OkAsync("factures/v1/rechercher/fournisseur", new { numeroFluxDepot = flow });
        var invoice = Assert.Single(found["listeFactures"]!.AsArray())!;
        Assert.Equal(1, found["parametresRetour"]!["total"]!.GetValue<int>());
        return invoice["identifiantFactureCPP"]!.GetValue<long>();
    }

    private static Task<JsonNode> ProcessAsync(CproClient recipient, long id, string status, string? motif = null, string? mandat = null) =>
        recipient.OkAsync("factures/v1/traiter/recue", new { idFacture = id, nouveauStatut = status, motif, numeroDPMandat = mandat, idUtilisateurCourant = 331 });

    private static async Task<string> StatusAsync(CproClient client, string side, long id) =>
        (await client.OkAsync($"factures/v1/consulter/{side}", new { identifiantFactureCPP = id, codeLangue = "Fr" }))["facture"]!["statutFacture"]!.GetValue<string>();

    [Fact]
    public async Task Ubl_cii_and_facturx_flows_go_through_deposit_report_search_and_the_whole_processing_cycle()
    {
        var p = await PartiesAsync(withFiles: true);
        var number = $"CPRO-{Unique.Next()}";
        var ublFlow = (await DepositAsync(p.Supplier, Kit.Ubl(p.SupplierSiret, p.RecipientSiret, number), $"{number}.xml", "IN_DP_E1_UBL_INVOICE"))["numeroFluxDepot"]!.GetValue<string>();
        Assert.Matches("^CPP0011100[0-9]{15}$", ublFlow);
        var ciiFlow = (await DepositAsync(p.Supplier, await File.ReadAllBytesAsync(Path.Combine(InvoicingApp.TestData, Cii)), "cii.xml", "IN_DP_E1_CII"))["numeroFluxDepot"]!.GetValue<string>();
        var fxFlow = (await DepositAsync(p.Supplier, await File.ReadAllBytesAsync(Path.Combine(InvoicingApp.TestData, FacturX)), "fx.pdf", "IN_DP_E2_CII_FACTURX"))["numeroFluxDepot"]!.GetValue<string>();
        foreach (var flow in new[] { ublFlow, ciiFlow, fxFlow })
        {
            var report = await IntegratedAsync(p.Supplier, flow);
            Assert.Empty(report["listeErreurDP"]!.AsArray());
            await InvoiceOfFlowAsync(p.Supplier, flow);
        }
        Assert.Equal("FSO1117A", (await p.Supplier.OkAsync("transverses/v1/consulterCRDetaille", new { numeroFluxDepot = fxFlow }))["codeInterfaceDepotFlux"]!.GetValue<string>());
        var cr = await p.Supplier.OkAsync("transverses/v1/consulterCR", new { numeroFluxDepot = ublFlow });
        Assert.StartsWith($"{ublFlow};IN_INTEGRE;1;0", System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(cr["fichierCR"]!.GetValue<string>())), StringComparison.Ordinal);

        var id = await InvoiceOfFlowAsync(p.Supplier, ublFlow);
        var received = await p.Recipient.OkAsync("factures/v1/rechercher/recipiendaire", new { numeroFacture = number, rechercheFactureParRecipiendaire = new { nbResultatsParPage = 10, pageResultatDemandee = 1 } });
        Assert.Equal(id, received["listeFactures"]![0]!["identifiantFactureCPP"]!.GetValue<long>());
        Assert.Equal("MISE_A_DISPOSITION", await StatusAsync(p.Recipient, "recipiendaire", id));

        // Suspension, answered by the supplier with a comment, then the processing statuses up to payment.
        await p.Recipient.RefusedAsync("factures/v1/traiter/recue", new { idFacture = id, nouveauStatut = "SUSPENDUE" }, 1, "INVOICE_REASON_REQUIRED");
        await ProcessAsync(p.Recipient, id, "SUSPENDUE", "Bon de livraison manquant");
        await p.Recipient.RefusedAsync("factures/v1/traiter/recue", new { idFacture = id, nouveauStatut = "SERVICE_FAIT" }, 3, "INVOICE_TRANSITION_ILLEGAL");
        var completed = await p.Supplier.OkAsync("factures/v1/completer", new { identifiantFactureCPP = id, commentaire = "Voici le bon", idUtilisateurCourant = 0 });
        Assert.Equal(number, completed["numeroFacture"]!.GetValue<string>());
        Assert.Equal("COMPLETEE", await StatusAsync(p.Supplier, "fournisseur", id));
        await ProcessAsync(p.Recipient, id, "SERVICE_FAIT");
        await p.Recipient.RefusedAsync("factures/v1/traiter/recue", new { idFacture = id, nouveauStatut = "MANDATEE" }, 1, "INVOICE_MANDATE_NUMBER_REQUIRED");
        await ProcessAsync(p.Recipient, id, "MANDATEE", mandat: "M-77");
        var paid = await ProcessAsync(p.Recipient, id, "mise_en_paiement");
        Assert.Equal("MISE_EN_PAIEMENT", paid["nouveauStatut"]!.GetValue<string>());

        var history = await p.Supplier.OkAsync("factures/v1/consulter/historique", new { idFacture = id });
        Assert.Equal(
            ["DEPOSEE", "EN_COURS_ACHEMINEMENT", "MISE_A_DISPOSITION", "SUSPENDUE", "COMPLETEE", "SERVICE_FAIT", "MANDATEE", "MISE_EN_PAIEMENT"],
            history["historiquesDesStatuts"]!["histoStatut"]!.AsArray().Select(h => h!["histoStatutCode"]!.GetValue<string>()));
        Assert.Equal("MISE_EN_PAIEMENT", history["statutCourantCode"]!.GetValue<string>());
        // A status set by a person names him: the recipient's agent who declared the service done.
        var done = history["historiquesDesStatuts"]!["histoStatut"]!.AsArray().Single(h => h!["histoStatutCode"]!.GetValue<string>() == "SERVICE_FAIT")!;
        Assert.Contains('@', done["histoStatutUtilisateurEmail"]!.GetValue<string>());
        Assert.False(string.IsNullOrEmpty(done["histoStatutUtilisateurNom"]!.GetValue<string>()));
        Assert.Equal(history.ToJsonString(), (await p.Recipient.OkAsync("factures/v1/consulter/historique", new { idFacture = id })).ToJsonString());

        var zip = await p.Recipient.OkAsync("factures/v1/telecharger/groupe", new { listeFacture = new[] { new { idFacture = id } }, format = "PIVOT" });
        using (var archive = new ZipArchive(new MemoryStream(Convert.FromBase64String(zip["fichierResultat"]!.GetValue<string>()))))
            Assert.Equal($"{id}-{number}.xml", Assert.Single(archive.Entries).Name);
    }

    [Fact]
    public async Task An_invoice_to_recycle_is_sent_by_the_supplier_to_another_recipient()
    {
        var p = await PartiesAsync(withFiles: false);
        var number = $"RCY-{Unique.Next()}";
        var flow = (await DepositAsync(p.Supplier, Kit.Ubl(p.SupplierSiret, p.RecipientSiret, number), "r.xml", "IN_DP_E1_UBL_INVOICE"))["numeroFluxDepot"]!.GetValue<string>();
        await IntegratedAsync(p.Supplier, flow);
        var id = await InvoiceOfFlowAsync(p.Supplier, flow);

        await p.Supplier.RefusedAsync("factures/v1/recycler", new { identifiantFactureCPP = id, destinataire = new { codeDestinataire = p.OtherSiret } }, 3, "INVOICE_TRANSITION_ILLEGAL");
        await ProcessAsync(p.Recipient, id, "A_RECYCLER", "Mauvais destinataire");
        await p.Supplier.RefusedAsync("factures/v1/recycler", new { identifiantFactureCPP = id, destinataire = new { codeDestinataire = Unique.Siret() } }, 1, "RECIPIENT_NOT_FOUND");
        var recycled = await p.Supplier.OkAsync("factures/v1/recycler",
            new { identifiantFactureCPP = id, destinataire = new { codeDestinataire = p.OtherSiret, codeServiceExecutant = "" }, commentaire = "Bon destinataire", idUtilisateurCourant = 1 });
        Assert.Equal(number, recycled["numeroFacture"]!.GetValue<string>());

        Assert.Equal("MISE_A_DISPOSITION", await StatusAsync(p.OtherRecipient, "recipiendaire", id));
        await p.Recipient.RefusedAsync("factures/v1/consulter/recipiendaire", new { identifiantFactureCPP = id }, 2, "INVOICE_NOT_FOUND");
        var sent = await p.Supplier.OkAsync("factures/v1/rechercher/fournisseur", new { numeroFacture = number });
        Assert.Equal(p.OtherId, sent["listeFactures"]![0]!["idDestinataire"]!.GetValue<long>());
    }

    /// <summary>Structure B's technical account, supplier or recipient, sees nothing of A's invoices and flows and can act on none.</summary>
    [Fact]
    public async Task A_technical_account_cannot_see_or_act_on_another_structures_invoices_through_any_path()
    {
        var a = await PartiesAsync(withFiles: false);
        var b = await PartiesAsync(withFiles: false);
        var number = $"ISO-{Unique.Next()}";
        var flow = (await DepositAsync(a.Supplier, Kit.Ubl(a.SupplierSiret, a.RecipientSiret, number), "i.xml", "IN_DP_E1_UBL_INVOICE"))["numeroFluxDepot"]!.GetValue<string>();
        await IntegratedAsync(a.Supplier, flow);
        var id = await InvoiceOfFlowAsync(a.Supplier, flow);

        foreach (var intruder in new[] { b.Supplier, b.Recipient, a.OtherRecipient })
        {
            await intruder.RefusedAsync("transverses/v1/consulterCRDetaille", new { numeroFluxDepot = flow }, 2, "FLOW_NOT_FOUND");
            await intruder.RefusedAsync("transverses/v1/consulterCR", new { numeroFluxDepot = flow }, 2, "FLOW_NOT_FOUND");
            foreach (var side in new[] { "fournisseur", "recipiendaire" })
            {
                Assert.Equal(0, (await intruder.OkAsync($"factures/v1/rechercher/{side}", new { numeroFluxDepot = flow }))["parametresRetour"]!["total"]!.GetValue<int>());
                Assert.Equal(0, (await intruder.OkAsync($"factures/v1/rechercher/{side}", new { numeroFacture = number }))["parametresRetour"]!["total"]!.GetValue<int>());
                await intruder.RefusedAsync($"factures/v1/consulter/{side}", new { identifiantFactureCPP = id }, 2, "INVOICE_NOT_FOUND");
            }
            await intruder.RefusedAsync("factures/v1/consulter/historique", new { idFacture = id }, 2, "INVOICE_NOT_FOUND");
            await intruder.RefusedAsync("factures/v1/telecharger/groupe", new { listeFacture = new[] { new { idFacture = id } } }, 2, "INVOICE_NOT_FOUND");
            await intruder.RefusedAsync("factures/v1/traiter/recue", new { idFacture = id, nouveauStatut = "REJETEE", motif = "x" }, 2, "INVOICE_NOT_FOUND");
            await intruder.RefusedAsync("factures/v1/completer", new { identifiantFactureCPP = id, commentaire = "x" }, 2, "INVOICE_NOT_FOUND");
            await intruder.RefusedAsync("factures/v1/recycler", new { identifiantFactureCPP = id, destinataire = new { codeDestinataire = b.RecipientSiret } }, 2, "INVOICE_NOT_FOUND");
        }
        // The supplier's own account cannot process it as if it had received it.
        await a.Supplier.RefusedAsync("factures/v1/traiter/recue", new { idFacture = id, nouveauStatut = "REJETEE", motif = "x" }, 2, "INVOICE_NOT_FOUND");
        Assert.Equal("MISE_A_DISPOSITION", await StatusAsync(a.Recipient, "recipiendaire", id));
    }

    [Fact]
    public async Task Filters_are_bound_liberally_and_bad_values_are_refused_with_the_envelope()
    {
        var p = await PartiesAsync(withFiles: false);
        var numbers = new[] { $"LB-A-{Unique.Next()}", $"LB-B-{Unique.Next()}", $"LB-C-{Unique.Next()}" };
        foreach (var n in numbers)
            await IntegratedAsync(p.Supplier, (await DepositAsync(p.Supplier, Kit.Ubl(p.SupplierSiret, p.RecipientSiret, n), $"{n}.xml", "IN_DP_E1_UBL_INVOICE"))["numeroFluxDepot"]!.GetValue<string>());

        // Empty and meaningless filters, unknown fields, paging in its wrapper with strings for numbers, any content type.
        const string empty = """
            { "numeroFacture": "", "numeroFluxDepot": null, "statutCourant": [], "idDestinataire": 0, "listeDestinataire": [],
              "periodeDateDepot": {}, "montantTTC": {}, "rejetTraite": false, "cadreFacturation": {}, "typeFacture": "",
              "champInconnu": { "x": [1, 2] }, "idUtilisateurCourant": 331,
              "rechercheFactureParFournisseur": { "nbResultatsParPage": "2", "pageResultatDemandee": "1", "triColonne": "NumeroFacture", "triSens": "descendant" } }
            """;
        foreach (var type in new[] { "application/json", "text/json", "text/plain", "application/json; charset=utf-8" })
        {
            var (status, body) = await p.Supplier.SendAsync("factures/v1/rechercher/fournisseur", empty, type);
            Assert.Equal(HttpStatusCode.OK, status);
            Assert.Equal(3, body["parametresRetour"]!["total"]!.GetValue<int>());
            Assert.Equal(2, body["parametresRetour"]!["pages"]!.GetValue<int>());
            Assert.Equal(2, body["parametresRetour"]!["nbResultatsParPage"]!.GetValue<int>());
            Assert.Equal(numbers[2], body["listeFactures"]![0]!["numeroFacture"]!.GetValue<string>());
        }

        // The same filter as a string, an array of strings, an array of objects; dates as days or as timestamps.
        foreach (var statut in new object[] { "MISE_A_DISPOSITION", new[] { "mise_a_disposition" }, new[] { new { statut = "MISE_A_DISPOSITION" } } })
            Assert.Equal(3, (await p.Supplier.OkAsync("factures/v1/rechercher/fournisseur", new { statutCourant = statut }))["parametresRetour"]!["total"]!.GetValue<int>());
        Assert.Equal(0, (await p.Supplier.OkAsync("factures/v1/rechercher/fournisseur", new { statutCourant = "REJETEE" }))["parametresRetour"]!["total"]!.GetValue<int>());
        var today = app.Clock.GetUtcNow();
        foreach (var day in new[] { today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), today.ToString("O", System.Globalization.CultureInfo.InvariantCulture) })
        {
            Assert.Equal(3, (await p.Supplier.OkAsync("factures/v1/rechercher/fournisseur", new { periodeDateDepot = new { du = day, au = day } }))["parametresRetour"]!["total"]!.GetValue<int>());
            Assert.Equal(3, (await p.Supplier.OkAsync("factures/v1/rechercher/fournisseur", new { dateDepotDu = day }))["parametresRetour"]!["total"]!.GetValue<int>());
        }
        Assert.Equal(0, (await p.Supplier.OkAsync("factures/v1/rechercher/fournisseur", new { periodeDateDepot = new { Du = today.AddDays(1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) } }))["parametresRetour"]!["total"]!.GetValue<int>());
        Assert.Equal(3, (await p.Supplier.OkAsync("factures/v1/rechercher/fournisseur", new { idDestinataire = p.RecipientId.ToString(System.Globalization.CultureInfo.InvariantCulture) }))["parametresRetour"]!["total"]!.GetValue<int>());
        Assert.Equal(3, (await p.Supplier.OkAsync("factures/v1/rechercher/fournisseur", new { listeDestinataire = new[] { new { idDestinataire = p.RecipientId } } }))["parametresRetour"]!["total"]!.GetValue<int>());
        Assert.Equal(0, (await p.Supplier.OkAsync("factures/v1/rechercher/fournisseur", new { idDestinataire = p.OtherId }))["parametresRetour"]!["total"]!.GetValue<int>());

        // Bad values: HTTP 400, codeRetour 1 and the stable code.
        await p.Supplier.RefusedAsync("factures/v1/rechercher/fournisseur", new { periodeDateDepot = new { du = "27/11/2026" } }, 1, "FIELD_INVALID");
        await p.Supplier.RefusedAsync("factures/v1/rechercher/fournisseur", new { statutCourant = "PAYEE" }, 1, "FIELD_INVALID");
        await p.Supplier.RefusedAsync("factures/v1/rechercher/fournisseur", new { idDestinataire = "abc" }, 1, "FIELD_INVALID");
        await p.Supplier.RefusedAsync("factures/v1/rechercher/fournisseur", "{ not json", 1, "REQUEST_INVALID");
        await p.Supplier.RefusedAsync("factures/v1/consulter/fournisseur", new { codeLangue = "fr" }, 1, "FIELD_REQUIRED");
        await p.Supplier.RefusedAsync("factures/v1/consulter/fournisseur", new { identifiantFactureCPP = 1, codeLangue = "DE" }, 1, "FIELD_INVALID");
        await p.Supplier.RefusedAsync("factures/v1/deposer/flux", new { fichierFlux = "%%%", nomFichier = "x.xml", syntaxeFlux = "IN_DP_E1_UBL_INVOICE" }, 1, "FLOW_BASE64_INVALID");
        await p.Supplier.RefusedAsync("factures/v1/deposer/flux", new { fichierFlux = "PGEvPg==", nomFichier = "x.xml", syntaxeFlux = "IN_DP_E1_XCBL" }, 1, "FIELD_INVALID");
        Assert.Equal(3, (await p.Supplier.OkAsync("factures/v1/rechercher/fournisseur", new { }))["parametresRetour"]!["total"]!.GetValue<int>());

        // Authentication failures stay HTTP 401.
        var anonymous = new CproClient(app.CreateClient());
        var (unauthenticated, _) = await anonymous.SendAsync("factures/v1/rechercher/fournisseur", "{}");
        Assert.Equal(HttpStatusCode.Unauthorized, unauthenticated);
    }

    /// <summary>Each answer's shape (property names and JSON kinds) against its golden file in Cpro/Golden.</summary>
    [Fact]
    public async Task Answers_have_the_golden_shapes()
    {
        var p = await PartiesAsync(withFiles: false);
        var number = $"GLD-{Unique.Next()}";
        var deposit = await DepositAsync(p.Supplier, Kit.Ubl(p.SupplierSiret, p.RecipientSiret, number, commitment: "EJ-1"), "g.xml", "IN_DP_E1_UBL_INVOICE");
        var flow = deposit["numeroFluxDepot"]!.GetValue<string>();
        var detailed = await IntegratedAsync(p.Supplier, flow);
        var id = await InvoiceOfFlowAsync(p.Supplier, flow);
        var answers = new Dictionary<string, JsonNode>
        {
            ["deposer-flux"] = deposit,
            ["consulterCRDetaille"] = detailed,
            ["consulterCR"] = await p.Supplier.OkAsync("transverses/v1/consulterCR", new { numeroFluxDepot = flow }),
            ["rechercher-fournisseur"] = await p.Supplier.OkAsync("factures/v1/rechercher/fournisseur", new { numeroFluxDepot = flow }),
            ["rechercher-recipiendaire"] = await p.Recipient.OkAsync("factures/v1/rechercher/recipiendaire", new { numeroFacture = number }),
            ["consulter-recipiendaire"] = await p.Recipient.OkAsync("factures/v1/consulter/recipiendaire", new { identifiantFactureCPP = id }),
            ["traiter-recue"] = await ProcessAsync(p.Recipient, id, "SUSPENDUE", "Pièce manquante"),
            ["completer"] = await p.Supplier.OkAsync("factures/v1/completer", new { identifiantFactureCPP = id, commentaire = "Voici" }),
            ["consulter-historique"] = await p.Supplier.OkAsync("factures/v1/consulter/historique", new { idFacture = id }),
            ["telecharger-groupe"] = await p.Supplier.OkAsync("factures/v1/telecharger/groupe", new { listeFacture = new[] { new { idFacture = id } } }),
            ["erreur"] = await p.Supplier.RefusedAsync("factures/v1/consulter/fournisseur", new { identifiantFactureCPP = id + 1_000_000 }, 2, "INVOICE_NOT_FOUND"),
        };
        await ProcessAsync(p.Recipient, id, "A_RECYCLER", "Autre service");
        answers["recycler"] = await p.Supplier.OkAsync("factures/v1/recycler", new { identifiantFactureCPP = id, destinataire = p.OtherSiret });

        await CproClient.AssertGoldenAsync(answers);
    }
}
