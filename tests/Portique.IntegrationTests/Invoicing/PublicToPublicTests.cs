using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Portique.Invoicing;
using Portique.IntegrationTests.Cpro;
using Portique.IntegrationTests.Infrastructure;

namespace Portique.IntegrationTests.Invoicing;

/// <summary>
/// Issue 21 point 5: a public structure invoices another public structure on every channel (JSON entry, flow deposit,
/// /cpro soumettre), under the reception parameters the recipient sets on its own structure (chorus-pro.md §4); what is
/// refused (a missing commitment, invoicing oneself, contradictory parameters) says why and stores nothing.
/// </summary>
public sealed class PublicToPublicTests(InvoicingApp app) : IClassFixture<InvoicingApp>
{
    private static object Entry(string number, string recipient, string? commitment) => new
    {
        numeroFacture = number, dateFacture = "2026-11-20", identifiantDestinataire = recipient, numeroEngagement = commitment,
        lignes = new[] { new { designation = "Mise à disposition de personnel", quantite = 1, prixUnitaireHt = 500m, tauxTva = 20m } },
    };

    private static object Submission(string number, string recipient, string? commitment) => new
    {
        modeDepot = "SAISIE_API",
        numeroFactureSaisi = number,
        dateFacture = "2026-11-20",
        destinataire = new { codeDestinataire = recipient },
        references = new { numeroBonCommande = commitment },
        lignePoste = CproKit.TwoLines(),
    };

    [Fact]
    public async Task A_public_structure_invoices_another_on_every_channel_under_the_recipient_reception_parameters()
    {
        var (_, supplierPortal) = await app.SignedInUserAsync();
        var (_, recipientPortal) = await app.SignedInUserAsync();
        var (supplierSiret, recipientSiret) = (Unique.Siret(), Unique.Siret());
        var supplierId = await Kit.CreateStructureAsync(supplierPortal, supplierSiret, isPublic: true, vatNumber: $"FR00{supplierSiret[..9]}");
        var recipientId = await Kit.CreateStructureAsync(recipientPortal, recipientSiret, isPublic: true);

        // The recipient manages its reception parameters from its structure: a commitment number is now required.
        var modified = await recipientPortal.PutAsJsonAsync($"/api/v1/structures/{recipientId}",
            new { name = "Centre hospitalier", parameters = new { commitmentNumberRequired = true } });
        Assert.Equal(HttpStatusCode.NoContent, modified.StatusCode);
        var view = await recipientPortal.GetFromJsonAsync<JsonElement>($"/api/v1/structures/{recipientId}");
        Assert.True(view.GetProperty("parameters").GetProperty("commitmentNumberRequired").GetBoolean());

        // JSON entry: without the commitment the deposit report refuses it, no invoice is created; with it, the recipient receives it.
        var missing = $"PP-{Unique.Next()}";
        var response = await supplierPortal.PostAsJsonAsync($"/api/v1/structures/{supplierId}/invoices/entries", Entry(missing, recipientSiret, null));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var flow = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("numeroFluxDepot").GetString()!;
        await app.ProcessDepositsAsync();
        Assert.Contains("COMMITMENT_NUMBER_REQUIRED", Kit.Rules(await Kit.ReportAsync(supplierPortal, supplierId, flow)));
        Assert.False(await app.Db(db => db.Set<Invoice>().AnyAsync(i => i.SupplierStructureId == supplierId && i.Number == missing)));

        var entered = $"PP-{Unique.Next()}";
        response = await supplierPortal.PostAsJsonAsync($"/api/v1/structures/{supplierId}/invoices/entries", Entry(entered, recipientSiret, "EJ-2026-0042"));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        await app.ProcessDepositsAsync();

        // Flow deposit (UBL) by the public supplier, with the commitment as BT-13.
        var deposited = $"PP-{Unique.Next()}";
        await Kit.DepositAsync(supplierPortal, supplierId, Kit.Ubl(supplierSiret, recipientSiret, deposited, commitment: "EJ-2026-0043"), "facture.xml");
        await app.ProcessDepositsAsync();

        // /cpro soumettre by the public supplier's technical account: refused without the commitment, accepted with it.
        var cpro = await CproClient.ForStructureAsync(app, supplierPortal, supplierId);
        var submitted = $"PP-{Unique.Next()}";
        var answer = await CproKit.SubmitAsync(app, cpro, Submission(submitted, recipientSiret, "EJ-2026-0044"));
        Assert.Equal("MISE_A_DISPOSITION", answer["statutFacture"]!.GetValue<string>());

        var received = await recipientPortal.GetFromJsonAsync<JsonElement>($"/api/v1/structures/{recipientId}/invoices/received");
        var numbers = received.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("numeroFacture").GetString()).ToList();
        Assert.Equal(new[] { entered, deposited, submitted }.Order(StringComparer.Ordinal), numbers.Order(StringComparer.Ordinal));
        // The supplier sees them among its sent invoices, as any supplier would.
        var sent = await supplierPortal.GetFromJsonAsync<JsonElement>($"/api/v1/structures/{supplierId}/invoices/sent");
        Assert.Equal(3, sent.GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task Invoicing_oneself_and_contradictory_reception_parameters_are_refused_and_nothing_changes()
    {
        var (_, portal) = await app.SignedInUserAsync();
        var siret = Unique.Siret();
        var id = await Kit.CreateStructureAsync(portal, siret, isPublic: true, vatNumber: $"FR00{siret[..9]}");
        var invoices = await app.Db(db => db.Set<Invoice>().CountAsync());

        await Kit.AssertProblem(await portal.PostAsJsonAsync($"/api/v1/structures/{id}/invoices/entries", Entry($"SELF-{Unique.Next()}", siret, null)),
            HttpStatusCode.BadRequest, "RECIPIENT_IS_SUPPLIER");
        var cpro = await CproClient.ForStructureAsync(app, portal, id);
        await cpro.RefusedAsync("factures/v1/soumettre", Submission($"SELF-{Unique.Next()}", siret, null), 1, "RECIPIENT_IS_SUPPLIER");
        var number = $"SELF-{Unique.Next()}";
        var flow = await Kit.DepositAsync(portal, id, Kit.Ubl(siret, siret, number), "self.xml");
        await app.ProcessDepositsAsync();
        Assert.Contains("RECIPIENT_IS_SUPPLIER", Kit.Rules(await Kit.ReportAsync(portal, id, flow)));
        Assert.Equal(invoices, await app.Db(db => db.Set<Invoice>().CountAsync()));

        // "Service code or commitment" is a level of its own: combined with another it is refused, the parameters stay.
        await Kit.AssertProblem(await portal.PutAsJsonAsync($"/api/v1/structures/{id}",
                new { name = "Mairie", parameters = new { serviceCodeOrCommitmentRequired = true, commitmentNumberRequired = true } }),
            HttpStatusCode.BadRequest, "STRUCTURE_PARAMETERS_CONTRADICTORY");
        var view = await portal.GetFromJsonAsync<JsonElement>($"/api/v1/structures/{id}");
        Assert.False(view.GetProperty("parameters").GetProperty("serviceCodeOrCommitmentRequired").GetBoolean());
        Assert.False(view.GetProperty("parameters").GetProperty("commitmentNumberRequired").GetBoolean());
        Assert.StartsWith("Structure", view.GetProperty("name").GetString(), StringComparison.Ordinal);
    }
}
