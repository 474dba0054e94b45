using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portique.Invoicing;
using Portique.Invoicing.Deposit;
using Portique.IntegrationTests.Infrastructure;

namespace Portique.IntegrationTests.Invoicing;

public sealed class InvoiceCircuitTests(InvoicingApp app) : IClassFixture<InvoicingApp>
{
    private sealed record Parties(HttpClient Supplier, long SupplierId, string SupplierSiret, HttpClient Recipient, long RecipientId, string RecipientSiret, long SupplierUserId);

    private async Task<Parties> PartiesAsync(object? recipientParameters = null)
    {
        var (supplierUser, supplier) = await app.SignedInUserAsync();
        var (_, recipient) = await app.SignedInUserAsync();
        var supplierSiret = Unique.Siret();
        var recipientSiret = Unique.Siret();
        var supplierId = await Kit.CreateStructureAsync(supplier, supplierSiret, isPublic: false);
        var recipientId = await Kit.CreateStructureAsync(recipient, recipientSiret, isPublic: true, recipientParameters);
        return new Parties(supplier, supplierId, supplierSiret, recipient, recipientId, recipientSiret, supplierUser.Id);
    }

    private async Task<long> DepositOneAsync(Parties p, string number)
    {
        var flow = await Kit.DepositAsync(p.Supplier, p.SupplierId, Kit.Ubl(p.SupplierSiret, p.RecipientSiret, number), $"{number}.xml");
        await app.ProcessDepositsAsync();
        var report = await Kit.ReportAsync(p.Supplier, p.SupplierId, flow);
        Assert.True(report.GetProperty("etatCourantDepotFlux").GetString() == "IN_INTEGRE", report.ToString());
        return report.GetProperty("factures")[0].GetProperty("identifiantFactureCpp").GetInt64();
    }

    private static Task<HttpResponseMessage> ProcessAsync(Parties p, long invoiceId, string status, string? motif = null, string? mandat = null) =>
        p.Recipient.PostAsJsonAsync($"/api/v1/structures/{p.RecipientId}/invoices/received/{invoiceId}/status",
            new { nouveauStatut = status, motif, numeroDPMandat = mandat });

    [Fact]
    public async Task Deposit_is_acknowledged_integrated_routed_and_the_recipient_processes_it_with_full_history_and_mail()
    {
        var p = await PartiesAsync();
        await app.Db(async db =>
        {
            var user = await db.Users.SingleAsync(u => u.Id == p.SupplierUserId);
            user.NotifyInvoicing = true;
            return await db.SaveChangesAsync();
        });
        var number = $"F{Unique.Next()}";
        var content = Kit.Ubl(p.SupplierSiret, p.RecipientSiret, number);

        var flow = await Kit.DepositAsync(p.Supplier, p.SupplierId, content, "facture.xml");
        Assert.Matches("^CPP0011100[0-9]{15}$", flow);
        Assert.Equal("IN_RECU", (await Kit.ReportAsync(p.Supplier, p.SupplierId, flow)).GetProperty("etatCourantDepotFlux").GetString());
        await app.ProcessDepositsAsync();
        var report = await Kit.ReportAsync(p.Supplier, p.SupplierId, flow);
        Assert.Equal("IN_INTEGRE", report.GetProperty("etatCourantDepotFlux").GetString());
        var id = report.GetProperty("factures")[0].GetProperty("identifiantFactureCpp").GetInt64();

        var received = await p.Recipient.GetFromJsonAsync<JsonElement>($"/api/v1/structures/{p.RecipientId}/invoices/received?numeroFacture={number}");
        Assert.Equal(id, received.GetProperty("items")[0].GetProperty("identifiantFactureCpp").GetInt64());
        Assert.Equal("MISE_A_DISPOSITION", received.GetProperty("items")[0].GetProperty("statut").GetString());

        await Kit.AssertProblem(await ProcessAsync(p, id, "SUSPENDUE"), HttpStatusCode.BadRequest, "INVOICE_REASON_REQUIRED");
        (await ProcessAsync(p, id, "SUSPENDUE", "Bon de livraison manquant")).EnsureSuccessStatusCode();
        await Kit.AssertProblem(await ProcessAsync(p, id, "COMPLETEE"), HttpStatusCode.Forbidden, "INVOICE_ACTOR_NOT_ALLOWED");
        await Kit.AssertProblem(await ProcessAsync(p, id, "SERVICE_FAIT"), HttpStatusCode.Conflict, "INVOICE_TRANSITION_ILLEGAL");
        (await p.Supplier.PostAsJsonAsync($"/api/v1/structures/{p.SupplierId}/invoices/sent/{id}/complete",
            new { commentaire = "Voici le bon", piecesJointes = new[] { new { nom = "bl.txt", contenu = Convert.ToBase64String("BL 42"u8.ToArray()) } } }))
            .EnsureSuccessStatusCode();
        (await ProcessAsync(p, id, "SERVICE_FAIT")).EnsureSuccessStatusCode();
        await Kit.AssertProblem(await ProcessAsync(p, id, "MANDATEE"), HttpStatusCode.BadRequest, "INVOICE_MANDATE_NUMBER_REQUIRED");
        (await ProcessAsync(p, id, "MANDATEE", mandat: "M-77")).EnsureSuccessStatusCode();
        (await ProcessAsync(p, id, "MISE_EN_PAIEMENT")).EnsureSuccessStatusCode();
        await Kit.AssertProblem(await ProcessAsync(p, id, "REJETEE", "trop tard"), HttpStatusCode.Conflict, "INVOICE_TRANSITION_ILLEGAL");

        foreach (var (client, side, structure) in new[] { (p.Supplier, "sent", p.SupplierId), (p.Recipient, "received", p.RecipientId) })
        {
            var detail = await client.GetFromJsonAsync<JsonElement>($"/api/v1/structures/{structure}/invoices/{side}/{id}");
            Assert.Equal(
                ["DEPOSEE", "EN_COURS_ACHEMINEMENT", "MISE_A_DISPOSITION", "SUSPENDUE", "COMPLETEE", "SERVICE_FAIT", "MANDATEE", "MISE_EN_PAIEMENT"],
                detail.GetProperty("historique").EnumerateArray().Select(h => h.GetProperty("statut").GetString()));
            Assert.Equal("Bon de livraison manquant", detail.GetProperty("historique")[3].GetProperty("commentaire").GetString());
            Assert.Equal("M-77", detail.GetProperty("numeroDpMandat").GetString());
            Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(content)), detail.GetProperty("empreinteCertificatDepot").GetString());
            Assert.Equal("bl.txt", detail.GetProperty("piecesJointes")[0].GetProperty("nom").GetString());
            Assert.Equal(content, await client.GetByteArrayAsync($"/api/v1/structures/{structure}/invoices/{side}/{id}/original"));
            Assert.Contains(number, await client.GetStringAsync($"/api/v1/structures/{structure}/invoices/{side}/{id}/html"), StringComparison.Ordinal);
            using var pdf = await client.GetAsync($"/api/v1/structures/{structure}/invoices/{side}/{id}/pdf");
            Assert.Equal(HttpStatusCode.OK, pdf.StatusCode);
            Assert.Equal("application/pdf", pdf.Content.Headers.ContentType?.MediaType);
            var pdfText = System.Text.Encoding.Latin1.GetString(await pdf.Content.ReadAsByteArrayAsync());
            Assert.StartsWith("%PDF-", pdfText, StringComparison.Ordinal);
            // The document title carries the invoice number.
            Assert.Contains(number, pdfText, StringComparison.Ordinal);
        }

        // One e-mail per status change to the supplier user who asked for invoicing notifications (the recipient's did not).
        await app.DrainMailAsync();
        var email = (await app.Db(db => db.Users.SingleAsync(u => u.Id == p.SupplierUserId))).Email!;
        var mails = app.Mailbox.To(email);
        // Integrated (routed to the recipient), suspended, completed, service done, mandated, paid.
        Assert.Equal(6, mails.Count);
        Assert.Contains(mails, m => (m.Subject ?? "").Contains("Suspendue", StringComparison.Ordinal));
        Assert.Contains(mails, m => (m.Subject ?? "").Contains("Mise en paiement", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_duplicate_number_is_refused_in_another_flow_and_within_one_archive_and_leaves_only_its_report()
    {
        var p = await PartiesAsync();
        var number = $"D{Unique.Next()}";
        await DepositOneAsync(p, number);
        var before = await app.CountAsync<Invoice>();

        var again = await Kit.DepositAsync(p.Supplier, p.SupplierId, Kit.Ubl(p.SupplierSiret, p.RecipientSiret, number), "again.xml");
        await app.ProcessDepositsAsync();
        var report = await Kit.ReportAsync(p.Supplier, p.SupplierId, again);
        Assert.Equal("IN_REJETE", report.GetProperty("etatCourantDepotFlux").GetString());
        Assert.Contains("INVOICE_NUMBER_DUPLICATE", Kit.Rules(report));
        Assert.Equal(before, await app.CountAsync<Invoice>());

        var fresh = $"Z{Unique.Next()}";
        using var zip = new MemoryStream();
        using (var archive = new ZipArchive(zip, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, n) in new[] { ("a.xml", fresh), ("b.xml", fresh), ("c.xml", $"Y{Unique.Next()}") })
            {
                await using var entry = await archive.CreateEntry(name).OpenAsync();
                await entry.WriteAsync(Kit.Ubl(p.SupplierSiret, p.RecipientSiret, n));
            }
        }
        var partial = await Kit.DepositAsync(p.Supplier, p.SupplierId, zip.ToArray(), "lot.zip");
        await app.ProcessDepositsAsync();
        report = await Kit.ReportAsync(p.Supplier, p.SupplierId, partial);
        Assert.Equal("IN_INTEGRE_PARTIEL", report.GetProperty("etatCourantDepotFlux").GetString());
        Assert.Equal(2, report.GetProperty("facturesIntegrees").GetInt32());
        Assert.Equal("b.xml", report.GetProperty("erreurs").EnumerateArray().Single(e => e.GetProperty("regle").GetString() == "INVOICE_NUMBER_DUPLICATE").GetProperty("document").GetString());
        Assert.Equal(before + 2, await app.CountAsync<Invoice>());
    }

    [Theory]
    [InlineData("SERVICE_CODE_REQUIRED", "", "EJ-1")]
    [InlineData("SERVICE_NOT_FOUND", "INCONNU", "EJ-1")]
    [InlineData("COMMITMENT_NUMBER_REQUIRED", "COMPTA", "")]
    public async Task Recipient_parameters_are_enforced(string code, string serviceCode, string commitment)
    {
        var p = await PartiesAsync(new { serviceCodeRequired = true, commitmentNumberRequired = true });
        (await p.Recipient.PostAsJsonAsync($"/api/v1/structures/{p.RecipientId}/services", new { code = "COMPTA", name = "Comptabilité" })).EnsureSuccessStatusCode();
        var before = await app.CountAsync<Invoice>();

        var flow = await Kit.DepositAsync(p.Supplier, p.SupplierId, Kit.Ubl(p.SupplierSiret, p.RecipientSiret, $"P{Unique.Next()}", serviceCode, commitment), "f.xml");
        await app.ProcessDepositsAsync();

        var report = await Kit.ReportAsync(p.Supplier, p.SupplierId, flow);
        Assert.Equal("IN_REJETE", report.GetProperty("etatCourantDepotFlux").GetString());
        Assert.Contains(code, Kit.Rules(report));
        // A commitment number and a known service pass.
        var ok = await Kit.DepositAsync(p.Supplier, p.SupplierId, Kit.Ubl(p.SupplierSiret, p.RecipientSiret, $"P{Unique.Next()}", "COMPTA", "EJ-2026-1"), "ok.xml");
        await app.ProcessDepositsAsync();
        Assert.Equal("IN_INTEGRE", (await Kit.ReportAsync(p.Supplier, p.SupplierId, ok)).GetProperty("etatCourantDepotFlux").GetString());
        Assert.Equal(before + 1, await app.CountAsync<Invoice>());
    }

    [Fact]
    public async Task Inactive_service_unknown_and_inactive_recipient_are_refused()
    {
        var p = await PartiesAsync();
        var created = await p.Recipient.PostAsJsonAsync($"/api/v1/structures/{p.RecipientId}/services", new { code = "FERME", name = "Fermé" });
        var serviceId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
        (await p.Recipient.PostAsync($"/api/v1/structures/{p.RecipientId}/services/{serviceId}/deactivate", null)).EnsureSuccessStatusCode();

        var closed = await Kit.DepositAsync(p.Supplier, p.SupplierId, Kit.Ubl(p.SupplierSiret, p.RecipientSiret, $"S{Unique.Next()}", "FERME"), "s.xml");
        var unknown = await Kit.DepositAsync(p.Supplier, p.SupplierId, Kit.Ubl(p.SupplierSiret, Unique.Siret(), $"S{Unique.Next()}"), "u.xml");
        await app.ProcessDepositsAsync();
        Assert.Contains("SERVICE_INACTIVE", Kit.Rules(await Kit.ReportAsync(p.Supplier, p.SupplierId, closed)));
        Assert.Contains("RECIPIENT_NOT_FOUND", Kit.Rules(await Kit.ReportAsync(p.Supplier, p.SupplierId, unknown)));

        (await p.Recipient.PostAsync($"/api/v1/structures/{p.RecipientId}/deactivate", null)).EnsureSuccessStatusCode();
        var inactive = await Kit.DepositAsync(p.Supplier, p.SupplierId, Kit.Ubl(p.SupplierSiret, p.RecipientSiret, $"S{Unique.Next()}"), "i.xml");
        await app.ProcessDepositsAsync();
        Assert.Contains("RECIPIENT_INACTIVE", Kit.Rules(await Kit.ReportAsync(p.Supplier, p.SupplierId, inactive)));
    }

    [Fact]
    public async Task The_seller_must_be_the_depositing_structure()
    {
        var p = await PartiesAsync();
        var flow = await Kit.DepositAsync(p.Supplier, p.SupplierId, Kit.Ubl(Unique.Siret(), p.RecipientSiret, $"X{Unique.Next()}"), "x.xml");
        await app.ProcessDepositsAsync();
        Assert.Contains("SUPPLIER_MISMATCH", Kit.Rules(await Kit.ReportAsync(p.Supplier, p.SupplierId, flow)));
    }

    [Fact]
    public async Task Bad_deposits_are_refused_at_once_and_write_nothing()
    {
        var p = await PartiesAsync();
        var flows = await app.CountAsync<Flow>();
        var jobs = await app.CountAsync<DepositJob>();
        var url = $"/api/v1/structures/{p.SupplierId}/invoices/flows";

        await Kit.AssertProblem(await p.Supplier.PostAsJsonAsync(url, new { fichierFlux = "%%%", nomFichier = "a.xml", syntaxeFlux = "IN_DP_E1_UBL_INVOICE" }),
            HttpStatusCode.BadRequest, "FLOW_BASE64_INVALID");
        await Kit.AssertProblem(await p.Supplier.PostAsJsonAsync(url, new { fichierFlux = "", nomFichier = "a.xml", syntaxeFlux = "IN_DP_E1_UBL_INVOICE" }),
            HttpStatusCode.BadRequest, "FLOW_EMPTY");
        await Kit.AssertProblem(await p.Supplier.PostAsJsonAsync(url, new { fichierFlux = "AAAA", nomFichier = "a.xml", syntaxeFlux = "IN_DP_E2_FACTURX_MINIMUM" }),
            HttpStatusCode.BadRequest, "REQUEST_INVALID");
        Assert.Equal(flows, await app.CountAsync<Flow>());
        Assert.Equal(jobs, await app.CountAsync<DepositJob>());
    }

    [Fact]
    public async Task Multipart_deposit_of_a_tar_gz_with_the_wrong_syntax_is_reported_per_document()
    {
        var p = await PartiesAsync();
        using var tgz = new MemoryStream();
        await using (var gzip = new GZipStream(tgz, CompressionLevel.Fastest, leaveOpen: true))
        await using (var tar = new System.Formats.Tar.TarWriter(gzip))
        {
            var entry = new System.Formats.Tar.PaxTarEntry(System.Formats.Tar.TarEntryType.RegularFile, "one.xml")
            {
                DataStream = new MemoryStream(Kit.Ubl(p.SupplierSiret, p.RecipientSiret, $"T{Unique.Next()}")),
            };
            await tar.WriteEntryAsync(entry);
        }
        using var form = new MultipartFormDataContent
        {
            { new ByteArrayContent(tgz.ToArray()), "fichierFlux", "lot.tar.gz" },
            { new StringContent("IN_DP_E1_CII"), "syntaxeFlux" },
        };
        var response = await p.Supplier.PostAsync($"/api/v1/structures/{p.SupplierId}/invoices/flows", form);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var flow = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("numeroFluxDepot").GetString()!;
        await app.ProcessDepositsAsync();
        var report = await Kit.ReportAsync(p.Supplier, p.SupplierId, flow);
        Assert.Equal("IN_REJETE", report.GetProperty("etatCourantDepotFlux").GetString());
        Assert.Equal("one.xml", report.GetProperty("erreurs").EnumerateArray().Single(e => e.GetProperty("regle").GetString() == "FLOW_SYNTAX_MISMATCH").GetProperty("document").GetString());
    }

    [Fact]
    public async Task A_user_of_another_structure_can_neither_see_nor_act_on_an_invoice()
    {
        var p = await PartiesAsync();
        var id = await DepositOneAsync(p, $"V{Unique.Next()}");
        var (_, stranger) = await app.SignedInUserAsync();
        var strangerStructure = await Kit.CreateStructureAsync(stranger, Unique.Siret());

        foreach (var (structure, side) in new[] { (p.SupplierId, "sent"), (p.RecipientId, "received") })
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await stranger.GetAsync($"/api/v1/structures/{structure}/invoices/{side}")).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await stranger.GetAsync($"/api/v1/structures/{structure}/invoices/{side}/{id}")).StatusCode);
        }
        Assert.Equal(HttpStatusCode.Forbidden, (await stranger.PostAsJsonAsync($"/api/v1/structures/{p.RecipientId}/invoices/received/{id}/status", new { nouveauStatut = "REJETEE", motif = "x" })).StatusCode);
        // Through its own structure, the invoice does not exist for it.
        await Kit.AssertProblem(await stranger.GetAsync($"/api/v1/structures/{strangerStructure}/invoices/received/{id}"), HttpStatusCode.NotFound, "INVOICE_NOT_FOUND");
        await Kit.AssertProblem(await stranger.PostAsJsonAsync($"/api/v1/structures/{strangerStructure}/invoices/received/{id}/status", new { nouveauStatut = "REJETEE", motif = "x" }),
            HttpStatusCode.NotFound, "INVOICE_NOT_FOUND");
        await Kit.AssertProblem(await stranger.PostAsJsonAsync($"/api/v1/structures/{strangerStructure}/invoices/received/download", new { ids = new[] { id } }),
            HttpStatusCode.NotFound, "INVOICE_NOT_FOUND");
        Assert.Equal(0, (await stranger.GetFromJsonAsync<JsonElement>($"/api/v1/structures/{strangerStructure}/invoices/received")).GetProperty("total").GetInt32());
        // The supplier, on the recipient's side of its own structure, sees nothing either.
        await Kit.AssertProblem(await p.Supplier.PostAsJsonAsync($"/api/v1/structures/{p.SupplierId}/invoices/received/{id}/status", new { nouveauStatut = "SERVICE_FAIT" }),
            HttpStatusCode.NotFound, "INVOICE_NOT_FOUND");
        Assert.Equal("MISE_A_DISPOSITION", await app.Db(db => db.Set<Invoice>().Where(i => i.Id == id).Select(i => i.Status.ToString()).SingleAsync()));
    }

    [Fact]
    public async Task Recycling_sends_the_invoice_to_another_recipient_keeping_its_number()
    {
        var p = await PartiesAsync();
        var number = $"R{Unique.Next()}";
        var id = await DepositOneAsync(p, number);
        var (_, other) = await app.SignedInUserAsync();
        var otherSiret = Unique.Siret();
        var otherId = await Kit.CreateStructureAsync(other, otherSiret);
        var recycle = $"/api/v1/structures/{p.SupplierId}/invoices/sent/{id}/recycle";

        await Kit.AssertProblem(await p.Supplier.PostAsJsonAsync(recycle, new { codeDestinataire = otherSiret }), HttpStatusCode.Conflict, "INVOICE_TRANSITION_ILLEGAL");
        (await ProcessAsync(p, id, "A_RECYCLER", "Mauvais destinataire")).EnsureSuccessStatusCode();
        await Kit.AssertProblem(await p.Supplier.PostAsJsonAsync(recycle, new { codeDestinataire = Unique.Siret() }), HttpStatusCode.BadRequest, "RECIPIENT_NOT_FOUND");
        (await p.Supplier.PostAsJsonAsync(recycle, new { codeDestinataire = otherSiret, commentaire = "Bon destinataire" })).EnsureSuccessStatusCode();

        var seen = await other.GetFromJsonAsync<JsonElement>($"/api/v1/structures/{otherId}/invoices/received/{id}");
        Assert.Equal(number, seen.GetProperty("numeroFacture").GetString());
        Assert.Equal("MISE_A_DISPOSITION", seen.GetProperty("statut").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await p.Recipient.GetAsync($"/api/v1/structures/{p.RecipientId}/invoices/received/{id}")).StatusCode);
    }

    [Fact]
    public async Task Search_filters_sorts_pages_and_downloads_several_as_zip()
    {
        var p = await PartiesAsync();
        var ids = new List<long>();
        for (var i = 0; i < 3; i++)
            ids.Add(await DepositOneAsync(p, $"S{i}-{Unique.Next()}"));
        (await ProcessAsync(p, ids[1], "SERVICE_FAIT")).EnsureSuccessStatusCode();
        var url = $"/api/v1/structures/{p.SupplierId}/invoices/sent";

        var all = await p.Supplier.GetFromJsonAsync<JsonElement>($"{url}?taille=2&tri=NumeroFacture&croissant=true");
        Assert.Equal(3, all.GetProperty("total").GetInt32());
        Assert.Equal(2, all.GetProperty("items").GetArrayLength());
        Assert.StartsWith("S0-", all.GetProperty("items")[0].GetProperty("numeroFacture").GetString(), StringComparison.Ordinal);
        var done = await p.Supplier.GetFromJsonAsync<JsonElement>($"{url}?statut=SERVICE_FAIT&contrepartie={p.RecipientId}");
        Assert.Equal(ids[1], done.GetProperty("items").EnumerateArray().Single().GetProperty("identifiantFactureCpp").GetInt64());
        var byAmount = await p.Supplier.GetFromJsonAsync<JsonElement>($"{url}?tri=MontantTtc&dateDepotDu={app.Clock.GetUtcNow():yyyy-MM-dd}");
        Assert.Equal(3, byAmount.GetProperty("items").GetArrayLength());
        var none = await p.Supplier.GetFromJsonAsync<JsonElement>($"{url}?montantTtcMin=1000000");
        Assert.Equal(0, none.GetProperty("total").GetInt32());

        var response = await p.Supplier.PostAsJsonAsync($"{url}/download", new { ids });
        response.EnsureSuccessStatusCode();
        using var zip = new ZipArchive(await response.Content.ReadAsStreamAsync());
        Assert.Equal(3, zip.Entries.Count);
    }

    [Fact]
    public async Task A_worker_that_dies_holding_a_flow_loses_nothing_the_flow_is_taken_over_after_the_lease()
    {
        var p = await PartiesAsync();
        var flow = await Kit.DepositAsync(p.Supplier, p.SupplierId, Kit.Ubl(p.SupplierSiret, p.RecipientSiret, $"L{Unique.Next()}"), "l.xml");
        // A worker leased the job then died before integrating it.
        await app.Db(async db =>
        {
            var job = await db.Set<DepositJob>().SingleAsync();
            job.Lease(app.Clock.GetUtcNow() + app.Services.GetRequiredService<DepositWorker>().Lease);
            return await db.SaveChangesAsync();
        });
        await app.ProcessDepositsAsync();
        Assert.Equal("IN_RECU", (await Kit.ReportAsync(p.Supplier, p.SupplierId, flow)).GetProperty("etatCourantDepotFlux").GetString());

        app.Clock.Advance(app.Services.GetRequiredService<DepositWorker>().Lease + TimeSpan.FromSeconds(1));
        await app.ProcessDepositsAsync();
        var report = await Kit.ReportAsync(p.Supplier, p.SupplierId, flow);
        Assert.Equal("IN_INTEGRE", report.GetProperty("etatCourantDepotFlux").GetString());
        Assert.Equal(1, report.GetProperty("factures").GetArrayLength());
        Assert.Equal(0, await app.CountAsync<DepositJob>());
    }
}
