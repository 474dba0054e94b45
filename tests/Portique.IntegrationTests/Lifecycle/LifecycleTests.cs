using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Portique.Formats.Cdar;
using Portique.IntegrationTests.Infrastructure;
using Portique.IntegrationTests.Invoicing;
using Portique.Lifecycle;
using static Portique.IntegrationTests.Annuaire.DirectoryKit;

namespace Portique.IntegrationTests.Lifecycle;

/// <summary>
/// Lifecycle statuses of B2B invoices through the JSON API (AFNOR XP Z12-014 use cases 1–4), on SQLite and PostgreSQL: both
/// sides see the same history, every status carries a CDAR message that the engine validates and reads back to the same
/// status, and a refused change stores nothing.
/// </summary>
public sealed class LifecycleTests(InvoicingApp app) : IClassFixture<InvoicingApp>
{
    private sealed record Parties(HttpClient Seller, long SellerId, string SellerSiret, HttpClient Buyer, long BuyerId, string BuyerSiret);

    /// <summary>Two companies on the portal, each created by its own user.</summary>
    private async Task<Parties> CompaniesAsync(bool publicBuyer = false)
    {
        var (_, seller) = await app.SignedInUserAsync();
        var (_, buyer) = await app.SignedInUserAsync();
        var sellerSiret = Unique.Siret();
        var buyerSiret = Unique.Siret();
        var sellerId = await Kit.CreateStructureAsync(seller, sellerSiret, isPublic: false);
        var buyerId = await Kit.CreateStructureAsync(buyer, buyerSiret, isPublic: publicBuyer);
        return new Parties(seller, sellerId, sellerSiret, buyer, buyerId, buyerSiret);
    }

    private async Task<(long Id, string Number)> DepositAsync(Parties p)
    {
        var number = $"L{Unique.Next()}";
        var flow = await Kit.DepositAsync(p.Seller, p.SellerId, Kit.Ubl(p.SellerSiret, p.BuyerSiret, number), $"{number}.xml");
        await app.ProcessDepositsAsync();
        var report = await Kit.ReportAsync(p.Seller, p.SellerId, flow);
        Assert.True(report.GetProperty("etatCourantDepotFlux").GetString() == "IN_INTEGRE", report.ToString());
        return (report.GetProperty("factures")[0].GetProperty("identifiantFactureCpp").GetInt64(), number);
    }

    private static Task<HttpResponseMessage> BuyerSets(Parties p, long id, object body) =>
        p.Buyer.PostAsJsonAsync($"/api/v1/structures/{p.BuyerId}/invoices/received/{id}/lifecycle", body);

    private static Task<HttpResponseMessage> SellerSets(Parties p, long id, object body) =>
        p.Seller.PostAsJsonAsync($"/api/v1/structures/{p.SellerId}/invoices/sent/{id}/lifecycle", body);

    private static async Task<JsonElement> Created(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement;
    }

    private static Task<JsonElement> HistoryAsync(HttpClient client, long structureId, string side, long id) =>
        client.GetFromJsonAsync<JsonElement>($"/api/v1/structures/{structureId}/invoices/{side}/{id}/lifecycle");

    private static List<string> Codes(JsonElement view) =>
        [.. view.GetProperty("historique").EnumerateArray().Select(h => h.GetProperty("statut").GetString()!)];

    /// <summary>Every CDAR message of the history downloads, passes XSD + BR-FR-CDV and reads back to its status and invoice.</summary>
    private static async Task<List<CdarMessage>> AssertMessagesAsync(HttpClient client, JsonElement view, string number)
    {
        var messages = new List<CdarMessage>();
        foreach (var h in view.GetProperty("historique").EnumerateArray())
        {
            var response = await client.GetAsync(h.GetProperty("cdar").GetString());
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("application/xml", response.Content.Headers.ContentType?.MediaType);
            var report = CdarEngine.Validate(await response.Content.ReadAsByteArrayAsync());
            Assert.True(report.IsValid, string.Join("\n", report.Findings.Select(f => $"{f.Rule}: {f.Message}")));
            var document = report.Message!.Acknowledgements.Single().Documents.Single();
            Assert.Equal(h.GetProperty("statut").GetString(), document.ProcessConditionCode);
            Assert.Equal(number, document.IssuerAssignedId);
            Assert.Equal(h.GetProperty("identifiantMessage").GetString(), report.Message.Id);
            messages.Add(report.Message);
        }
        return messages;
    }

    private Task<int> CountStatusesAsync() => app.CountAsync<LifecycleStatus>();

    [Fact]
    public async Task UC1_deposited_received_made_available_taken_approved_paid_and_collected_seen_the_same_from_both_sides()
    {
        var p = await CompaniesAsync();
        var (id, number) = await DepositAsync(p);

        var first = await HistoryAsync(p.Buyer, p.BuyerId, "received", id);
        Assert.Equal(["200", "202", "203"], Codes(first));
        Assert.Equal("203", first.GetProperty("statutCourant").GetString());
        Assert.Equal(["204", "205", "206", "207", "208", "210", "211"],
            first.GetProperty("statutsPossibles").EnumerateArray().Select(s => s.GetProperty("statut").GetString()!).Order().ToList());

        await Created(await BuyerSets(p, id, new { statut = "204" }));
        await Created(await BuyerSets(p, id, new { statut = "205", commentaire = "Bon pour paiement" }));
        await Created(await BuyerSets(p, id, new { statut = "211" }));
        var collected = await Created(await SellerSets(p, id, new
        {
            statut = "212",
            encaissements = new[] { new { montant = 1000.00m, tauxTva = 20m }, new { montant = 105.50m, tauxTva = 5.5m } },
        }));
        Assert.Equal("Encaissée", collected.GetProperty("libelle").GetString());

        var seller = await HistoryAsync(p.Seller, p.SellerId, "sent", id);
        var buyer = await HistoryAsync(p.Buyer, p.BuyerId, "received", id);
        Assert.Equal(["200", "202", "203", "204", "205", "211", "212"], Codes(seller));
        Assert.Equal(Codes(seller), Codes(buyer));
        Assert.Equal(seller.GetProperty("historique").EnumerateArray().Select(h => h.GetProperty("id").GetInt64()),
            buyer.GetProperty("historique").EnumerateArray().Select(h => h.GetProperty("id").GetInt64()));
        Assert.Equal(["Platform", "Platform", "Platform", "Buyer", "Buyer", "Buyer", "Seller"],
            seller.GetProperty("historique").EnumerateArray().Select(h => h.GetProperty("emetteur").GetString()!));
        Assert.Equal("212", seller.GetProperty("statutCourant").GetString());

        var messages = await AssertMessagesAsync(p.Seller, seller, number);
        await AssertMessagesAsync(p.Buyer, buyer, number);
        // The mandatory statuses also go to the PPF; the buyer's go to the seller, the seller's to the buyer.
        Assert.Contains(messages[0].Recipients, r => r.RoleCode == "DFH");
        Assert.DoesNotContain(messages[3].Recipients, r => r.RoleCode == "DFH");
        Assert.Equal(p.SellerSiret[..9], messages[3].Recipients.Single(r => r.RoleCode == "SE").GlobalIds.Single().Value);
        Assert.Equal(p.BuyerSiret[..9], messages[6].Recipients.Single(r => r.RoleCode == "BY").GlobalIds.Single().Value);
        var amounts = messages[6].Acknowledgements[0].Documents[0].Statuses.Single().Characteristics;
        Assert.Equal([(1000m, "20.00"), (105.5m, "5.50")], amounts.Select(c => (c.ValueAmount!.AsDecimal()!.Value, c.ValuePercent!)));
        Assert.Equal([1000m, 105.5m], seller.GetProperty("historique")[6].GetProperty("encaissements").EnumerateArray().Select(a => a.GetProperty("montant").GetDecimal()));
    }

    [Fact]
    public async Task UC2_a_b2b_invoice_rejected_at_deposit_gets_213_with_the_reform_reason()
    {
        var p = await CompaniesAsync();
        var (_, number) = await DepositAsync(p);
        var again = await Kit.DepositAsync(p.Seller, p.SellerId, Kit.Ubl(p.SellerSiret, p.BuyerSiret, number), "doublon.xml");
        await app.ProcessDepositsAsync();
        Assert.Equal("INVOICE_NUMBER_DUPLICATE", Assert.Single(Kit.Rules(await Kit.ReportAsync(p.Seller, p.SellerId, again))));

        var statuses = await p.Seller.GetFromJsonAsync<JsonElement>($"/api/v1/structures/{p.SellerId}/invoices/flows/{again}/lifecycle");
        var rejected = Assert.Single(statuses.EnumerateArray());
        Assert.Equal(("213", "DOUBLON", number), (rejected.GetProperty("statut").GetString(), rejected.GetProperty("motif").GetString(), rejected.GetProperty("numeroFacture").GetString()));
        var cdar = await p.Seller.GetByteArrayAsync(rejected.GetProperty("cdar").GetString());
        var report = CdarEngine.Validate(cdar);
        Assert.True(report.IsValid, string.Join("\n", report.Findings.Select(f => $"{f.Rule}: {f.Message}")));
        var document = report.Message!.Acknowledgements[0].Documents[0];
        Assert.Equal(("213", "DOUBLON"), (document.ProcessConditionCode, document.Statuses.Single().ReasonCode));
        Assert.Contains(report.Message.Recipients, r => r.RoleCode == "DFH");
        // The buyer's structure sees nothing of another's flow.
        Assert.Equal(HttpStatusCode.NotFound, (await p.Buyer.GetAsync($"/api/v1/structures/{p.BuyerId}/invoices/flows/{again}/lifecycle")).StatusCode);
    }

    [Fact]
    public async Task UC2_the_directory_routes_gives_200_non_transmise_or_213_dest_inc()
    {
        var op = await OperatorAsync(app);
        var silentSiren = Siren();
        await LegalUnitAsync(op, silentSiren, "Atelier Roux");   // known, no platform: not transmitted
        var (_, seller) = await app.SignedInUserAsync();
        var sellerSiret = Unique.Siret();
        var sellerId = await Kit.CreateStructureAsync(seller, sellerSiret, isPublic: false);
        var silent = await Kit.DepositAsync(seller, sellerId, DirectoryInvoice(sellerSiret, silentSiren, $"B{Unique.Next()}"), "silent.xml");
        var unknown = await Kit.DepositAsync(seller, sellerId, DirectoryInvoice(sellerSiret, Siren(), $"B{Unique.Next()}"), "unknown.xml");
        await app.ProcessDepositsAsync();

        foreach (var (flow, code, reason) in new[] { (silent, "200", "NON_TRANSMISE"), (unknown, "213", "DEST_INC") })
        {
            var status = Assert.Single((await seller.GetFromJsonAsync<JsonElement>($"/api/v1/structures/{sellerId}/invoices/flows/{flow}/lifecycle")).EnumerateArray());
            Assert.Equal((code, reason), (status.GetProperty("statut").GetString(), status.GetProperty("motif").GetString()));
            var report = CdarEngine.Validate(await seller.GetByteArrayAsync(status.GetProperty("cdar").GetString()));
            Assert.True(report.IsValid, string.Join("\n", report.Findings.Select(f => $"{f.Rule}: {f.Message}")));
            Assert.Equal(reason, report.Message!.Acknowledgements[0].Documents[0].Statuses.Single().ReasonCode);
        }
    }

    private static byte[] DirectoryInvoice(string supplierSiret, string buyerAddress, string number)
    {
        var placeholder = Unique.Siret();
        var xml = System.Text.Encoding.UTF8.GetString(Kit.Ubl(supplierSiret, placeholder, number));
        return System.Text.Encoding.UTF8.GetBytes(xml.Replace($"<cbc:EndpointID schemeID=\"0009\">{placeholder}</cbc:EndpointID>",
            $"<cbc:EndpointID schemeID=\"0225\">{buyerAddress}</cbc:EndpointID>", StringComparison.Ordinal));
    }

    [Fact]
    public async Task UC3_the_buyer_refuses_with_a_reason_and_nothing_follows()
    {
        var p = await CompaniesAsync();
        var (id, number) = await DepositAsync(p);

        var refused = await Created(await BuyerSets(p, id, new { statut = "210", motif = "tx_tva_err", commentaire = "TVA à 20 % au lieu de 10 %", actionDemandee = "NIN" }));
        Assert.Equal(("TX_TVA_ERR", "NIN"), (refused.GetProperty("motif").GetString(), refused.GetProperty("actionDemandee").GetString()));
        await Kit.AssertProblem(await BuyerSets(p, id, new { statut = "205" }), HttpStatusCode.Conflict, "LIFECYCLE_TRANSITION_ILLEGAL");

        var seller = await HistoryAsync(p.Seller, p.SellerId, "sent", id);
        Assert.Equal(["200", "202", "203", "210"], Codes(seller));
        Assert.Empty(seller.GetProperty("statutsPossibles").EnumerateArray());
        var messages = await AssertMessagesAsync(p.Seller, seller, number);
        var status = messages[3].Acknowledgements[0].Documents[0].Statuses.Single();
        Assert.Equal(("TX_TVA_ERR", "NIN"), (status.ReasonCode, status.RequestedActionCode));
        Assert.Contains(messages[3].Recipients, r => r.RoleCode == "DFH");
    }

    [Fact]
    public async Task UC4_the_buyer_disputes_then_the_seller_cancels_after_its_credit_note()
    {
        var p = await CompaniesAsync();
        var (id, number) = await DepositAsync(p);

        await Created(await BuyerSets(p, id, new { statut = "204" }));
        await Created(await BuyerSets(p, id, new { statut = "207", motif = "QTE_ERR", commentaire = "12 livrés, 15 facturés", actionDemandee = "CNP" }));
        var seller = await HistoryAsync(p.Seller, p.SellerId, "sent", id);
        Assert.Equal("207", seller.GetProperty("statutCourant").GetString());
        Assert.Contains(seller.GetProperty("statutsPossibles").EnumerateArray(), s => s.GetProperty("statut").GetString() == "220");
        await Created(await SellerSets(p, id, new { statut = "220", commentaire = "Annulée par l'avoir A-1" }));

        var buyer = await HistoryAsync(p.Buyer, p.BuyerId, "received", id);
        Assert.Equal(["200", "202", "203", "204", "207", "220"], Codes(buyer));
        await AssertMessagesAsync(p.Buyer, buyer, number);
    }

    [Theory]
    [InlineData("buyer", "204", null, null, false, HttpStatusCode.Conflict, "LIFECYCLE_TRANSITION_ILLEGAL", null)]
    [InlineData("buyer", "210", null, null, false, HttpStatusCode.BadRequest, "LIFECYCLE_REASON_REQUIRED", "BR-FR-CDV-15")]
    [InlineData("buyer", "210", "JUSTIF_ABS", null, false, HttpStatusCode.BadRequest, "LIFECYCLE_REASON_NOT_ALLOWED", "BR-FR-CDV-CL-09")]
    [InlineData("buyer", "207", "QTE_ERR", "XXX", false, HttpStatusCode.BadRequest, "LIFECYCLE_ACTION_NOT_ALLOWED", "BR-FR-CDV-CL-10")]
    [InlineData("seller", "212", null, null, false, HttpStatusCode.BadRequest, "LIFECYCLE_AMOUNTS_REQUIRED", "BR-FR-CDV-14")]
    [InlineData("buyer", "212", null, null, true, HttpStatusCode.Forbidden, "LIFECYCLE_ACTOR_NOT_ALLOWED", null)]
    [InlineData("seller", "205", null, null, false, HttpStatusCode.Forbidden, "LIFECYCLE_ACTOR_NOT_ALLOWED", null)]
    [InlineData("buyer", "299", null, null, false, HttpStatusCode.BadRequest, "LIFECYCLE_STATUS_UNKNOWN", null)]
    [InlineData("buyer", "214", null, null, false, HttpStatusCode.BadRequest, "LIFECYCLE_STATUS_UNKNOWN", null)]
    public async Task A_bad_change_is_refused_with_its_code_and_stores_nothing(string who, string status, string? reason, string? action, bool amounts,
        HttpStatusCode expected, string code, string? rule)
    {
        var p = await CompaniesAsync();
        var (id, _) = await DepositAsync(p);
        await Created(await BuyerSets(p, id, new { statut = "204" }));
        var before = await CountStatusesAsync();

        var body = new { statut = status, motif = reason, actionDemandee = action, encaissements = amounts ? new[] { new { montant = 10m, tauxTva = 20m } } : null };
        var response = who == "buyer" ? await BuyerSets(p, id, body) : await SellerSets(p, id, body);

        var text = await response.Content.ReadAsStringAsync();
        await Kit.AssertProblem(response, expected, code);
        if (rule is not null)
            Assert.Contains(rule, text, StringComparison.Ordinal);
        Assert.Equal(before, await CountStatusesAsync());
        Assert.Equal(["200", "202", "203", "204"], Codes(await HistoryAsync(p.Seller, p.SellerId, "sent", id)));
    }

    [Fact]
    public async Task A_user_of_another_structure_can_neither_set_nor_read_nor_download()
    {
        var p = await CompaniesAsync();
        var (id, _) = await DepositAsync(p);
        var (_, outsider) = await app.SignedInUserAsync();
        var outsiderId = await Kit.CreateStructureAsync(outsider, Unique.Siret(), isPublic: false);
        var history = await HistoryAsync(p.Seller, p.SellerId, "sent", id);
        var statusId = history.GetProperty("historique")[0].GetProperty("id").GetInt64();
        var before = await CountStatusesAsync();

        // Through the buyer's structure: no habilitation there. Through his own: the invoice is not his.
        Assert.Equal(HttpStatusCode.Forbidden, (await outsider.PostAsJsonAsync($"/api/v1/structures/{p.BuyerId}/invoices/received/{id}/lifecycle", new { statut = "204" })).StatusCode);
        await Kit.AssertProblem(await outsider.PostAsJsonAsync($"/api/v1/structures/{outsiderId}/invoices/received/{id}/lifecycle", new { statut = "204" }),
            HttpStatusCode.NotFound, "INVOICE_NOT_FOUND");
        await Kit.AssertProblem(await outsider.PostAsJsonAsync($"/api/v1/structures/{outsiderId}/invoices/sent/{id}/lifecycle", new { statut = "212", encaissements = new[] { new { montant = 1m, tauxTva = 20m } } }),
            HttpStatusCode.NotFound, "INVOICE_NOT_FOUND");
        Assert.Equal(HttpStatusCode.Forbidden, (await outsider.GetAsync($"/api/v1/structures/{p.SellerId}/invoices/sent/{id}/lifecycle")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync($"/api/v1/structures/{outsiderId}/invoices/sent/{id}/lifecycle/{statusId}/cdar")).StatusCode);
        // The buyer may not set a status from the seller's side, nor the seller from the buyer's.
        Assert.Equal(HttpStatusCode.Forbidden, (await p.Buyer.PostAsJsonAsync($"/api/v1/structures/{p.SellerId}/invoices/sent/{id}/lifecycle", new { statut = "209" })).StatusCode);
        await Kit.AssertProblem(await p.Seller.PostAsJsonAsync($"/api/v1/structures/{p.SellerId}/invoices/received/{id}/lifecycle", new { statut = "204" }),
            HttpStatusCode.NotFound, "INVOICE_NOT_FOUND");
        Assert.Equal(before, await CountStatusesAsync());
    }

    [Fact]
    public async Task A_public_sector_invoice_keeps_the_chorus_statuses_only()
    {
        var p = await CompaniesAsync(publicBuyer: true);
        var before = await CountStatusesAsync();
        var (id, _) = await DepositAsync(p);

        Assert.Equal(before, await CountStatusesAsync());
        await Kit.AssertProblem(await BuyerSets(p, id, new { statut = "204" }), HttpStatusCode.Conflict, "LIFECYCLE_NOT_B2B");
        await Kit.AssertProblem(await p.Seller.GetAsync($"/api/v1/structures/{p.SellerId}/invoices/sent/{id}/lifecycle"), HttpStatusCode.Conflict, "LIFECYCLE_NOT_B2B");
    }

    [Fact]
    public async Task Two_changes_from_the_same_status_cannot_both_be_stored()
    {
        var p = await CompaniesAsync();
        var (id, _) = await DepositAsync(p);
        var statuses = await app.Db(db => db.Set<LifecycleStatus>().AsNoTracking().Where(s => s.InvoiceId == id).ToListAsync());

        // A row at an already used place of the history (what a lost race would write) is refused by the unique index.
        var third = statuses.Single(s => s.Sequence == 3);
        var error = await Assert.ThrowsAnyAsync<DbUpdateException>(() => app.Db(async db =>
        {
            var copy = await db.Set<LifecycleStatus>().AsNoTracking().SingleAsync(s => s.Id == third.Id);
            db.Entry(copy).Property(s => s.Id).CurrentValue = 0;
            db.Entry(copy).Property(s => s.MessageId).CurrentValue = "0999-duplicate-place";
            db.Entry(copy).State = EntityState.Added;
            return await db.SaveChangesAsync();
        }));
        Assert.True(Portique.Common.Errors.ErrorHandler.IsUniqueViolation(error), error.ToString());
    }
}
