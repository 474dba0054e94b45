using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portique.Invoicing;
using Portique.Invoicing.Subcontracting;
using Portique.IntegrationTests.Infrastructure;
using Portique.IntegrationTests.Invoicing;

namespace Portique.IntegrationTests.Cpro;

/// <summary>
/// Issue 21 points 1 and 2: every cadre is accepted or refused clearly on every channel (soumettre, the JSON entry, a flow),
/// and an A9/A12 invoice waits for its validator (titulaire, mandataire) for 15 days before it reaches the public buyer:
/// validated, refused with a reason, or validated tacitly when the clock passes the deadline.
/// </summary>
public sealed class CproCadreAndValidationTests(InvoicingApp app) : IClassFixture<InvoicingApp>
{
    private sealed record Parties(string ValidatorEmail, string RecipientEmail, CproClient Sub, CproClient Validator, CproClient Recipient, HttpClient SubPortal, HttpClient ValidatorPortal, HttpClient RecipientPortal,
        long SubId, long ValidatorId, long RecipientId, string SubSiret, string ValidatorSiret, string RecipientSiret);

    private async Task<Parties> PartiesAsync()
    {
        var (_, subPortal) = await app.SignedInUserAsync();
        var (validatorUser, validatorPortal) = await app.SignedInUserAsync();
        var (recipientUser, recipientPortal) = await app.SignedInUserAsync();
        var (subSiret, validatorSiret, recipientSiret) = (Unique.Siret(), Unique.Siret(), Unique.Siret());
        var subId = await Kit.CreateStructureAsync(subPortal, subSiret, isPublic: false, vatNumber: $"FR00{subSiret[..9]}");
        var validatorId = await Kit.CreateStructureAsync(validatorPortal, validatorSiret, isPublic: false, vatNumber: $"FR00{validatorSiret[..9]}");
        var recipientId = await Kit.CreateStructureAsync(recipientPortal, recipientSiret);
        return new Parties(validatorUser.Email!, recipientUser.Email!, await CproClient.ForStructureAsync(app, subPortal, subId), await CproClient.ForStructureAsync(app, validatorPortal, validatorId),
            await CproClient.ForStructureAsync(app, recipientPortal, recipientId), subPortal, validatorPortal, recipientPortal,
            subId, validatorId, recipientId, subSiret, validatorSiret, recipientSiret);
    }

    private static object Submission(string number, string recipient, string cadre, string? validator = null) => new
    {
        modeDepot = "SAISIE_API",
        numeroFactureSaisi = number,
        dateFacture = "2026-11-20",
        destinataire = new { codeDestinataire = recipient },
        cadreDeFacturation = new { codeCadreFacturation = cadre, codeStructureValideur = validator },
        lignePoste = CproKit.TwoLines(),
    };

    private static object Entry(string number, string recipient, string cadre, string? validator) => new
    {
        numeroFacture = number, dateFacture = "2026-11-20", identifiantDestinataire = recipient, cadre, codeStructureValideur = validator,
        lignes = new[] { new { designation = "Lot sous-traité", quantite = 1, prixUnitaireHt = 1000m, tauxTva = 20m } },
    };

    private Task<int> StoredAsync() => app.Db(async db => await db.Set<Invoice>().CountAsync() + await db.Set<Flow>().CountAsync());

    [Fact]
    public async Task A_cadre_the_structure_may_not_use_is_refused_with_its_code_on_every_channel_and_nothing_is_stored()
    {
        var p = await PartiesAsync();
        var before = await StoredAsync();
        string N() => $"CAD-{Unique.Next()}";
        await p.Sub.RefusedAsync("factures/v1/soumettre", Submission(N(), p.RecipientSiret, "A4_PROJET_DECOMPTE_MENSUEL_FOURNISSEUR"), 1, "CADRE_WORKS_NOT_OPEN");
        await p.Sub.RefusedAsync("factures/v1/soumettre", Submission(N(), p.RecipientSiret, "A3_MEMOIRE_JUSTICE"), 1, "CADRE_JUSTICE_NOT_OPEN");
        await p.Sub.RefusedAsync("factures/v1/soumettre", Submission(N(), p.RecipientSiret, "A21_DEMANDE_REMBOURSEMENT_TIC"), 1, "CADRE_OTHER_CHANNEL");
        // A19 is the MOA's: a private structure may not deposit it.
        await p.Sub.RefusedAsync("factures/v1/soumettre", Submission(N(), p.RecipientSiret, "A19_ETAT_ACOMPTE_VALIDE_MOA"), 1, "CADRE_NOT_ALLOWED");
        await p.Sub.RefusedAsync("factures/v1/soumettre", Submission(N(), p.RecipientSiret, "A26_FACTURE"), 1, "CADRE_UNKNOWN");
        await p.Sub.RefusedAsync("factures/v1/soumettre", Submission(N(), p.RecipientSiret, "A9_FACTURE_SOUSTRAITANT"), 1, "CADRE_VALIDATOR_REQUIRED");
        await p.Sub.RefusedAsync("factures/v1/soumettre", Submission(N(), p.RecipientSiret, "A12_FACTURE_COTRAITANT", Unique.Siret()), 1, "VALIDATOR_NOT_FOUND");
        await p.Sub.RefusedAsync("factures/v1/soumettre", Submission(N(), p.RecipientSiret, "A1_FACTURE_FOURNISSEUR", p.ValidatorSiret), 1, "CADRE_VALIDATOR_UNEXPECTED");
        var message = (await p.Sub.RefusedAsync("factures/v1/soumettre", Submission(N(), p.RecipientSiret, "A15_ETAT_ACOMPTE_MOE"), 1, "CADRE_WORKS_NOT_OPEN"))["message"]!.GetValue<string>();
        Assert.Contains("factures de travaux", message);

        // The JSON entry applies the same rule, by code or name.
        await Kit.AssertProblem(await p.SubPortal.PostAsJsonAsync($"/api/v1/structures/{p.SubId}/invoices/entries", Entry(N(), p.RecipientSiret, "A7", null)),
            HttpStatusCode.BadRequest, "CADRE_WORKS_NOT_OPEN");
        await Kit.AssertProblem(await p.SubPortal.PostAsJsonAsync($"/api/v1/structures/{p.SubId}/invoices/entries", Entry(N(), p.RecipientSiret, "A9", null)),
            HttpStatusCode.BadRequest, "CADRE_VALIDATOR_REQUIRED");
        Assert.Equal(before, await StoredAsync());

        // A flow names its cadre in BT-23: the invoice is refused in the report with the same code, none is created.
        var ubl = System.Text.Encoding.UTF8.GetString(Kit.Ubl(p.SubSiret, p.RecipientSiret, N()))
            .Replace("urn:fdc:peppol.eu:2017:poacc:billing:01:1.0", "A4", StringComparison.Ordinal);
        var flow = await Kit.DepositAsync(p.SubPortal, p.SubId, System.Text.Encoding.UTF8.GetBytes(ubl), "a4.xml");
        await app.ProcessDepositsAsync();
        var report = await Kit.ReportAsync(p.SubPortal, p.SubId, flow);
        Assert.Contains("CADRE_WORKS_NOT_OPEN", Kit.Rules(report));
        Assert.Equal(0, await app.Db(db => db.Set<Invoice>().CountAsync(i => i.SupplierStructureId == p.SubId)));
    }

    [Fact]
    public async Task A_subcontractor_invoice_waits_for_its_titulaire_who_validates_it_once_then_the_public_buyer_gets_it()
    {
        var p = await PartiesAsync();
        var number = $"ST-{Unique.Next()}";
        var submitted = await CproKit.SubmitAsync(app, p.Sub, Submission(number, p.RecipientSiret, "A9_FACTURE_SOUSTRAITANT", p.ValidatorSiret));
        var id = submitted["identifiantFactureCPP"]!.GetValue<long>();
        Assert.Equal("A_VALIDER_1", submitted["statutFacture"]!.GetValue<string>());

        // The public buyer sees nothing yet; the validator sees it with its deadline, 15 days after receipt.
        Assert.Empty((await p.Recipient.OkAsync("factures/v1/rechercher/recipiendaire", new { numeroFacture = number }))["listeFactures"]!.AsArray());
        await p.Recipient.RefusedAsync("factures/v1/consulter/recipiendaire", new { identifiantFactureCPP = id }, 2, "INVOICE_NOT_FOUND");
        var listed = Assert.Single((await p.Validator.OkAsync("factures/v1/rechercher/valideur", new { statutCourant = "A_VALIDER_1", numeroFacture = number }))["listeFactures"]!.AsArray())!;
        Assert.Equal(id, listed["identifiantFactureCPP"]!.GetValue<long>());
        Assert.Equal("A9_FACTURE_SOUSTRAITANT", listed["cadreFacturation"]!.GetValue<string>());
        Assert.Equal(DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime.AddDays(15)).ToString("yyyy-MM-dd"), listed["dateLimiteValidation"]!.GetValue<string>());
        var detail = (await p.Validator.OkAsync("factures/v1/consulter/valideur", new { identifiantFactureCPP = id }))["facture"]!;
        Assert.Equal(number, detail["numeroFacture"]!.GetValue<string>());

        // Another structure is not the validator: it neither finds nor reads nor decides it.
        Assert.Empty((await p.Recipient.OkAsync("factures/v1/rechercher/valideur", new { numeroFacture = number }))["listeFactures"]!.AsArray());
        await p.Recipient.RefusedAsync("factures/v1/consulter/valideur", new { identifiantFactureCPP = id }, 2, "INVOICE_NOT_FOUND");
        await p.Sub.RefusedAsync("factures/v1/traiter/factureAValider", new { idFacture = id, action = "VALIDATION" }, 2, "INVOICE_NOT_FOUND");

        // Bad input changes nothing: an unknown action, a refusal without a listed reason.
        await p.Validator.RefusedAsync("factures/v1/traiter/factureAValider", new { idFacture = id, action = "APPROUVER" }, 1, "VALIDATION_ACTION_INVALID");
        await p.Validator.RefusedAsync("factures/v1/traiter/factureAValider", new { idFacture = id, action = "REFUS", motifRefus = "PAS_CONTENT" }, 1, "VALIDATION_REASON_INVALID");
        await p.Validator.RefusedAsync("factures/v1/traiter/factureAValider", new { idFacture = id, action = "REFUS", motifRefus = "AUTRE" }, 1, "VALIDATION_COMMENT_REQUIRED");
        Assert.Equal(InvoiceStatus.A_VALIDER_1, await app.Db(db => db.Set<Invoice>().Where(i => i.Id == id).Select(i => i.Status).FirstAsync()));

        var validated = await p.Validator.OkAsync("factures/v1/traiter/factureAValider", new { idFacture = id, action = "VALIDATION", complementInfo = "Conforme" });
        Assert.Equal("MISE_A_DISPOSITION", validated["statutFacture"]!.GetValue<string>());
        // A second decision on the same invoice is refused.
        await p.Validator.RefusedAsync("factures/v1/traiter/factureAValider", new { idFacture = id, action = "REFUS", motifRefus = 1 }, 3, "VALIDATION_ALREADY_DECIDED");

        // The public buyer now has it and processes it as a plain invoice; the history shows the validation.
        Assert.Single((await p.Recipient.OkAsync("factures/v1/rechercher/recipiendaire", new { numeroFacture = number }))["listeFactures"]!.AsArray());
        await p.Recipient.OkAsync("factures/v1/traiter/recue", new { idFacture = id, nouveauStatut = "SERVICE_FAIT" });
        var history = (await p.Sub.OkAsync("factures/v1/consulter/historique", new { idFacture = id }))["historiquesDesStatuts"]!["histoStatut"]!.AsArray()
            .Select(h => h!["histoStatutCode"]!.GetValue<string>()).ToList();
        Assert.Equal(["DEPOSEE", "A_VALIDER_1", "VALIDEE_1", "EN_COURS_ACHEMINEMENT", "MISE_A_DISPOSITION", "SERVICE_FAIT"], history);

        // The refusal reasons are listed for A9 and A12.
        var reasons = (await p.Validator.OkAsync("transverses/v1/recuperer/motifs/refus/Facture/AValider", new { codeCadreFacturationAValider = "A12_FACTURE_COTRAITANT" }))["listeMotifRefusFactureAValider"]!.AsArray();
        Assert.Contains(reasons, r => r!["codeMotif"]!.GetValue<string>() == "AUTRE");
    }

    [Fact]
    public async Task A_co_contractor_invoice_is_refused_with_a_reason_or_validated_tacitly_after_15_days_of_silence()
    {
        var p = await PartiesAsync();
        async Task<long> EnterAsync(string number)
        {
            var response = await p.SubPortal.PostAsJsonAsync($"/api/v1/structures/{p.SubId}/invoices/entries", Entry(number, p.RecipientSiret, "A12_FACTURE_COTRAITANT", p.ValidatorSiret));
            Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
            await app.ProcessDepositsAsync();
            return await app.Db(db => db.Set<Invoice>().Where(i => i.SupplierStructureId == p.SubId && i.Number == number).Select(i => i.Id).FirstAsync());
        }
        var refusedNumber = $"CO-R-{Unique.Next()}";
        var silentNumber = $"CO-T-{Unique.Next()}";
        var refusedId = await EnterAsync(refusedNumber);
        var silentId = await EnterAsync(silentNumber);
        var list = $"/api/v1/structures/{p.ValidatorId}/invoices/to-validate";

        // Another structure's user may not read this validator's list.
        var foreign = (await p.RecipientPortal.GetAsync(list)).StatusCode;
        Assert.True(foreign is HttpStatusCode.Forbidden or HttpStatusCode.NotFound, $"got {foreign}");

        var refused = await p.ValidatorPortal.PostAsJsonAsync($"{list}/{refusedId}/decision", new { action = "REFUS", motifRefus = "MONTANT_ERRONE", complementInfo = "Dépasse la part cotraitée" });
        Assert.True(refused.IsSuccessStatusCode, await refused.Content.ReadAsStringAsync());
        var refusedView = await refused.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("REFUSEE_1", refusedView.GetProperty("statut").GetString());
        Assert.Equal("MONTANT_ERRONE", refusedView.GetProperty("motifRefus").GetString());

        // Day 14: still waiting. Day 15 passed: validated tacitly, routed to the buyer, and no decision any more.
        app.Clock.Advance(TimeSpan.FromDays(14));
        // Sessions do not outlive days of the test clock: the users sign in again.
        p = p with { ValidatorPortal = await app.ClientForAsync(p.ValidatorEmail), RecipientPortal = await app.ClientForAsync(p.RecipientEmail) };
        var waiting = await p.ValidatorPortal.GetFromJsonAsync<JsonElement>($"{list}/{silentId}");
        Assert.Equal("A_VALIDER_1", waiting.GetProperty("statut").GetString());
        app.Clock.Advance(TimeSpan.FromDays(1) + TimeSpan.FromMinutes(1));
        p = p with { ValidatorPortal = await app.ClientForAsync(p.ValidatorEmail), RecipientPortal = await app.ClientForAsync(p.RecipientEmail) };
        var page = await p.ValidatorPortal.GetFromJsonAsync<JsonElement>($"{list}?numeroFacture={silentNumber}");
        var tacit = Assert.Single(page.GetProperty("factures").EnumerateArray().ToList());
        Assert.Equal("MISE_A_DISPOSITION", tacit.GetProperty("statut").GetString());
        Assert.Equal("Tacit", tacit.GetProperty("decision").GetString());
        await Kit.AssertProblem(await p.ValidatorPortal.PostAsJsonAsync($"{list}/{silentId}/decision", new { action = "VALIDATION" }), HttpStatusCode.Conflict, "VALIDATION_ALREADY_DECIDED");

        var received = await p.RecipientPortal.GetFromJsonAsync<JsonElement>($"/api/v1/structures/{p.RecipientId}/invoices/received");
        var numbers = received.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("numeroFacture").GetString()).ToList();
        Assert.Contains(silentNumber, numbers);
        Assert.DoesNotContain(refusedNumber, numbers);
        var history = await app.Db(db => db.Set<Invoice>().Where(i => i.Id == silentId).SelectMany(i => i.History).OrderBy(h => h.Id).Select(h => h.Status).ToListAsync());
        Assert.Contains(InvoiceStatus.ABSENCE_VALIDATION_1_HORS_DELAI, history);

        // The sweep settles each invoice once: running it again changes nothing.
        await using var scope = app.Services.CreateAsyncScope();
        Assert.Equal(0, await scope.ServiceProvider.GetRequiredService<ValidationDeadlines>().SweepAsync(default));
    }
}
