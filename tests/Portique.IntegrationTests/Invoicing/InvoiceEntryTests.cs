using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Portique.Invoicing;
using Portique.Invoicing.Deposit;
using Portique.IntegrationTests.Infrastructure;

namespace Portique.IntegrationTests.Invoicing;

/// <summary>Entry by form (saisie) through the JSON API: same deposit path, same checks, totals computed by the server.</summary>
public sealed class InvoiceEntryTests(InvoicingApp app) : IClassFixture<InvoicingApp>
{
    private sealed record Parties(HttpClient Supplier, long SupplierId, string SupplierSiret, HttpClient Recipient, long RecipientId, string RecipientSiret);

    private async Task<Parties> PartiesAsync(object? recipientParameters = null)
    {
        var (_, supplier) = await app.SignedInUserAsync();
        var (_, recipient) = await app.SignedInUserAsync();
        var supplierSiret = Unique.Siret();
        var supplierId = await Kit.CreateStructureAsync(supplier, supplierSiret, isPublic: false, vatNumber: $"FR00{supplierSiret[..9]}");
        var recipientSiret = Unique.Siret();
        var recipientId = await Kit.CreateStructureAsync(recipient, recipientSiret, isPublic: true, recipientParameters);
        return new Parties(supplier, supplierId, supplierSiret, recipient, recipientId, recipientSiret);
    }

    private static object Entry(string number, string recipient, object[]? lines = null, string? service = null, string? commitment = null,
        string date = "2026-11-20") => new
    {
        numeroFacture = number,
        dateFacture = date,
        dateEcheance = "2027-01-20",
        identifiantDestinataire = recipient,
        codeService = service,
        numeroEngagement = commitment,
        lignes = lines ??
        [
            new { designation = "Maintenance", quantite = 3m, prixUnitaireHt = 33.333m, tauxTva = 20m },
            new { designation = "Livres", quantite = 2m, prixUnitaireHt = 12.5m, tauxTva = 5.5m },
            new { designation = "Frais de port", quantite = 1m, prixUnitaireHt = 7.9m, tauxTva = 20m },
        ],
    };

    private static string Url(Parties p) => $"/api/v1/structures/{p.SupplierId}/invoices/entries";

    [Fact]
    public async Task A_valid_entry_is_deposited_integrated_and_received_with_the_computed_totals()
    {
        var p = await PartiesAsync();
        var number = $"E{Unique.Next()}";
        var response = await p.Supplier.PostAsJsonAsync(Url(p), Entry(number, p.RecipientSiret, commitment: "EJ-9"));
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var entered = await response.Content.ReadFromJsonAsync<JsonElement>();
        var totals = entered.GetProperty("totaux");
        // 3 × 33.333 = 100.00 (rounded line net) + 7.90 at 20 %; 25.00 at 5.5 %.
        Assert.Equal(132.90m, totals.GetProperty("montantHt").GetDecimal());
        Assert.Equal(21.58m + 1.38m, totals.GetProperty("montantTva").GetDecimal());
        Assert.Equal(155.86m, totals.GetProperty("montantTtc").GetDecimal());
        Assert.Equal(2, totals.GetProperty("tva").GetArrayLength());

        await app.ProcessDepositsAsync();
        var report = await Kit.ReportAsync(p.Supplier, p.SupplierId, entered.GetProperty("numeroFluxDepot").GetString()!);
        Assert.True(report.GetProperty("etatCourantDepotFlux").GetString() == "IN_INTEGRE", report.ToString());
        var received = await p.Recipient.GetFromJsonAsync<JsonElement>($"/api/v1/structures/{p.RecipientId}/invoices/received?numeroFacture={number}");
        var id = received.GetProperty("items")[0].GetProperty("identifiantFactureCpp").GetInt64();
        var detail = await p.Recipient.GetFromJsonAsync<JsonElement>($"/api/v1/structures/{p.RecipientId}/invoices/received/{id}");
        Assert.Equal("MISE_A_DISPOSITION", detail.GetProperty("statut").GetString());
        Assert.Equal(155.86m, detail.GetProperty("montantTtc").GetDecimal());
        Assert.Equal("EJ-9", detail.GetProperty("numeroEngagement").GetString());
        Assert.Equal("SAISIE", detail.GetProperty("modeDepot").GetString());
    }

    [Fact]
    public async Task A_line_discount_is_deducted_from_the_line_and_written_as_a_line_allowance()
    {
        var p = await PartiesAsync();
        var number = $"R{Unique.Next()}";
        var response = await p.Supplier.PostAsJsonAsync(Url(p), Entry(number, p.RecipientSiret,
        [
            new { designation = "Maintenance", quantite = 3m, prixUnitaireHt = 33.333m, tauxTva = 20m, remiseHt = 10m },
            new { designation = "Livres", quantite = 2m, prixUnitaireHt = 12.5m, tauxTva = 5.5m, remiseHt = 0m },
        ]));
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var totals = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("totaux");
        // 3 × 33.333 = 100.00, less 10.00: 90.00 at 20 % (18.00); 25.00 at 5.5 % (1.38).
        Assert.Equal(115.00m, totals.GetProperty("montantHt").GetDecimal());
        Assert.Equal(19.38m, totals.GetProperty("montantTva").GetDecimal());

        await app.ProcessDepositsAsync();
        var sent = await p.Supplier.GetFromJsonAsync<JsonElement>($"/api/v1/structures/{p.SupplierId}/invoices/sent?numeroFacture={number}");
        var id = sent.GetProperty("items")[0].GetProperty("identifiantFactureCpp").GetInt64();
        Assert.Equal(134.38m, (await p.Supplier.GetFromJsonAsync<JsonElement>($"/api/v1/structures/{p.SupplierId}/invoices/sent/{id}")).GetProperty("montantTtc").GetDecimal());
        var xml = System.Xml.Linq.XDocument.Parse(await p.Supplier.GetStringAsync($"/api/v1/structures/{p.SupplierId}/invoices/sent/{id}/original"));
        var line = xml.Root!.Elements().First(e => e.Name.LocalName == "InvoiceLine");
        var allowance = Assert.Single(line.Elements(), e => e.Name.LocalName == "AllowanceCharge");
        Assert.Equal("false", allowance.Elements().Single(e => e.Name.LocalName == "ChargeIndicator").Value);
        decimal Amount(System.Xml.Linq.XElement parent, string name) =>
            decimal.Parse(parent.Elements().Single(e => e.Name.LocalName == name).Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(10m, Amount(allowance, "Amount"));
        Assert.Equal(90m, Amount(line, "LineExtensionAmount"));
    }

    [Fact]
    public async Task Complementary_documents_sent_with_an_entry_become_the_invoices_attachments()
    {
        var p = await PartiesAsync();
        var number = $"J{Unique.Next()}";
        var csv = Convert.ToBase64String("ref;qte\nA;1\n"u8.ToArray());
        var entry = new
        {
            numeroFacture = number, dateFacture = "2026-11-20", identifiantDestinataire = p.RecipientSiret,
            lignes = new[] { new { designation = "x", quantite = 1m, prixUnitaireHt = 10m, tauxTva = 20m } },
            piecesJointes = new[] { new { nom = "bon.csv", contenu = csv } },
        };
        var response = await p.Supplier.PostAsJsonAsync(Url(p), entry);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        await app.ProcessDepositsAsync();
        var sent = await p.Supplier.GetFromJsonAsync<JsonElement>($"/api/v1/structures/{p.SupplierId}/invoices/sent?numeroFacture={number}");
        var id = sent.GetProperty("items")[0].GetProperty("identifiantFactureCpp").GetInt64();
        var detail = await p.Supplier.GetFromJsonAsync<JsonElement>($"/api/v1/structures/{p.SupplierId}/invoices/sent/{id}");
        Assert.Equal(["bon.csv"], detail.GetProperty("piecesJointes").EnumerateArray().Select(a => a.GetProperty("nom").GetString()));

        var flows = await app.CountAsync<Flow>();
        await Kit.AssertProblem(await p.Supplier.PostAsJsonAsync(Url(p), entry with { numeroFacture = $"K{Unique.Next()}", piecesJointes = new[] { new { nom = "note.txt", contenu = csv } } }),
            HttpStatusCode.BadRequest, "ATTACHMENT_TYPE_UNSUPPORTED");
        await Kit.AssertProblem(await p.Supplier.PostAsJsonAsync(Url(p), entry with { numeroFacture = $"K{Unique.Next()}", piecesJointes = new[] { new { nom = "bon.csv", contenu = "@@" } } }),
            HttpStatusCode.BadRequest, "ATTACHMENT_BASE64_INVALID");
        Assert.Equal(flows, await app.CountAsync<Flow>());
    }

    [Fact]
    public async Task A_supplier_without_a_vat_number_invoices_zero_rated_or_exempt_lines_with_the_reason()
    {
        var p = await PartiesAsync();
        var (_, owner) = await app.SignedInUserAsync();
        var siret = Unique.Siret();
        var noVat = await Kit.CreateStructureAsync(owner, siret, isPublic: false);
        async Task<System.Xml.Linq.XElement> EnteredAsync(string number, string? reason)
        {
            var response = await owner.PostAsJsonAsync($"/api/v1/structures/{noVat}/invoices/entries", new
            {
                numeroFacture = number, dateFacture = "2026-11-20", identifiantDestinataire = p.RecipientSiret, motifExonerationTva = reason,
                lignes = new[] { new { designation = "Cours de piano", quantite = 4m, prixUnitaireHt = 30m, tauxTva = 0m } },
            });
            Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
            await app.ProcessDepositsAsync();
            var sent = await owner.GetFromJsonAsync<JsonElement>($"/api/v1/structures/{noVat}/invoices/sent?numeroFacture={number}");
            var id = sent.GetProperty("items")[0].GetProperty("identifiantFactureCpp").GetInt64();
            return System.Xml.Linq.XDocument.Parse(await owner.GetStringAsync($"/api/v1/structures/{noVat}/invoices/sent/{id}/original")).Root!;
        }
        static IEnumerable<string> Values(System.Xml.Linq.XElement root, string name) => root.Descendants().Where(e => e.Name.LocalName == name).Select(e => e.Value);

        // Zero rated (Z) without a reason; the seller's SIREN stands for the missing VAT number (BT-32, BR-Z-02).
        var zero = await EnteredAsync($"Z{Unique.Next()}", null);
        Assert.Contains(siret[..9], Values(zero, "CompanyID"));
        Assert.Contains("Z", Values(zero, "ID"));
        // Franchise en base: exempt (E) with its VATEX code and text (BT-121, BT-120).
        var exempt = await EnteredAsync($"F{Unique.Next()}", "vatex-fr-franchise");
        Assert.Contains("VATEX-FR-FRANCHISE", Values(exempt, "TaxExemptionReasonCode"));
        Assert.Contains("E", Values(exempt, "ID"));

        var url = $"/api/v1/structures/{noVat}/invoices/entries";
        await Kit.AssertProblem(await owner.PostAsJsonAsync(url, new
        {
            numeroFacture = "X1", dateFacture = "2026-11-20", identifiantDestinataire = p.RecipientSiret, motifExonerationTva = "VATEX-XX",
            lignes = new[] { new { designation = "x", quantite = 1m, prixUnitaireHt = 1m, tauxTva = 0m } },
        }), HttpStatusCode.BadRequest, "ENTRY_EXEMPTION_INVALID");
        await Kit.AssertProblem(await p.Supplier.PostAsJsonAsync(Url(p), new
        {
            numeroFacture = "X1", dateFacture = "2026-11-20", identifiantDestinataire = p.RecipientSiret, motifExonerationTva = "VATEX-EU-132",
            lignes = new[] { new { designation = "x", quantite = 1m, prixUnitaireHt = 1m, tauxTva = 20m } },
        }), HttpStatusCode.BadRequest, "ENTRY_EXEMPTION_UNEXPECTED");
    }

    /// <summary>A small PDF made by the portal itself: the rendering of an invoice deposited earlier.</summary>
    private async Task<byte[]> SomePdfAsync(Parties p)
    {
        var number = $"I{Unique.Next()}";
        (await p.Supplier.PostAsJsonAsync(Url(p), Entry(number, p.RecipientSiret))).EnsureSuccessStatusCode();
        await app.ProcessDepositsAsync();
        var sent = await p.Supplier.GetFromJsonAsync<JsonElement>($"/api/v1/structures/{p.SupplierId}/invoices/sent?numeroFacture={number}");
        var id = sent.GetProperty("items")[0].GetProperty("identifiantFactureCpp").GetInt64();
        return await p.Supplier.GetByteArrayAsync($"/api/v1/structures/{p.SupplierId}/invoices/sent/{id}/pdf");
    }

    [Fact]
    public async Task A_pdf_deposit_keeps_the_pdf_as_the_invoice_rendering_and_its_first_attachment()
    {
        var p = await PartiesAsync();
        var image = await SomePdfAsync(p);
        var number = $"P{Unique.Next()}";
        var response = await p.Supplier.PostAsJsonAsync($"/api/v1/structures/{p.SupplierId}/invoices/pdf",
            new { facture = Entry(number, p.RecipientSiret), fichierPdf = Convert.ToBase64String(image), nomFichierPdf = "facture.pdf" });
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        await app.ProcessDepositsAsync();

        var received = await p.Recipient.GetFromJsonAsync<JsonElement>($"/api/v1/structures/{p.RecipientId}/invoices/received?numeroFacture={number}");
        var id = received.GetProperty("items")[0].GetProperty("identifiantFactureCpp").GetInt64();
        var detail = await p.Recipient.GetFromJsonAsync<JsonElement>($"/api/v1/structures/{p.RecipientId}/invoices/received/{id}");
        Assert.Equal("DEPOT_PDF", detail.GetProperty("modeDepot").GetString());
        Assert.Equal("facture.pdf", detail.GetProperty("piecesJointes")[0].GetProperty("nom").GetString());
        Assert.Equal(image, await p.Recipient.GetByteArrayAsync($"/api/v1/structures/{p.RecipientId}/invoices/received/{id}/pdf"));
    }

    [Fact]
    public async Task A_pdf_deposit_without_a_pdf_or_with_a_duplicate_number_is_refused_and_stores_nothing()
    {
        var p = await PartiesAsync();
        var url = $"/api/v1/structures/{p.SupplierId}/invoices/pdf";
        var flows = await app.CountAsync<Flow>();
        var notPdf = Convert.ToBase64String("<html></html>"u8.ToArray());
        await Kit.AssertProblem(await p.Supplier.PostAsJsonAsync(url, new { facture = Entry($"P{Unique.Next()}", p.RecipientSiret), fichierPdf = notPdf, nomFichierPdf = "f.pdf" }),
            HttpStatusCode.BadRequest, "ENTRY_PDF_INVALID");
        await Kit.AssertProblem(await p.Supplier.PostAsJsonAsync(url, new { facture = Entry($"P{Unique.Next()}", p.RecipientSiret), fichierPdf = "%%", nomFichierPdf = "f.pdf" }),
            HttpStatusCode.BadRequest, "ENTRY_PDF_INVALID");
        await Kit.AssertProblem(await p.Supplier.PostAsJsonAsync(url, new { facture = Entry("", p.RecipientSiret), fichierPdf = Convert.ToBase64String("%PDF-1.7"u8.ToArray()), nomFichierPdf = "f.pdf" }),
            HttpStatusCode.BadRequest, "FIELD_REQUIRED");
        Assert.Equal(flows, await app.CountAsync<Flow>());

        // The number of an entered invoice cannot be reused by a PDF deposit.
        var number = $"P{Unique.Next()}";
        (await p.Supplier.PostAsJsonAsync(Url(p), Entry(number, p.RecipientSiret))).EnsureSuccessStatusCode();
        await app.ProcessDepositsAsync();
        var before = await app.CountAsync<Flow>();
        await Kit.AssertProblem(await p.Supplier.PostAsJsonAsync(url, new { facture = Entry(number, p.RecipientSiret), fichierPdf = Convert.ToBase64String("%PDF-1.7"u8.ToArray()), nomFichierPdf = "f.pdf" }),
            HttpStatusCode.Conflict, "INVOICE_NUMBER_DUPLICATE");
        Assert.Equal(before, await app.CountAsync<Flow>());
    }

    [Fact]
    public async Task A_bad_entry_is_refused_naming_the_field_and_stores_nothing()
    {
        var p = await PartiesAsync();
        var flows = await app.CountAsync<Flow>();
        var jobs = await app.CountAsync<DepositJob>();

        async Task Refused(object entry, string code, string field)
        {
            var response = await p.Supplier.PostAsJsonAsync(Url(p), entry);
            var body = await response.Content.ReadAsStringAsync();
            await Kit.AssertProblem(response, HttpStatusCode.BadRequest, code);
            Assert.Contains(field, body, StringComparison.Ordinal);
        }

        await Refused(Entry("", p.RecipientSiret), "FIELD_REQUIRED", "numeroFacture");
        await Refused(Entry("E1", ""), "FIELD_REQUIRED", "identifiantDestinataire");
        await Refused(Entry("E1", p.RecipientSiret, []), "ENTRY_LINES_REQUIRED", "lignes");
        await Refused(Entry("E1", p.RecipientSiret, [new { designation = "", quantite = 1m, prixUnitaireHt = 1m, tauxTva = 20m }]), "FIELD_REQUIRED", "lignes[0].designation");
        await Refused(Entry("E1", p.RecipientSiret, [new { designation = "x", quantite = 0m, prixUnitaireHt = 1m, tauxTva = 20m }]), "ENTRY_QUANTITY_INVALID", "lignes[0].quantite");
        await Refused(Entry("E1", p.RecipientSiret, [new { designation = "x", quantite = 1m, prixUnitaireHt = -1m, tauxTva = 20m }]), "ENTRY_PRICE_INVALID", "lignes[0].prixUnitaireHt");
        await Refused(Entry("E1", p.RecipientSiret, [new { designation = "x", quantite = 1m, prixUnitaireHt = 1m, tauxTva = 19.6m }]), "ENTRY_VAT_RATE_INVALID", "lignes[0].tauxTva");
        await Refused(Entry("E1", p.RecipientSiret, [new { designation = "x", quantite = 2m, prixUnitaireHt = 5m, tauxTva = 20m, remiseHt = 10.01m }]), "ENTRY_DISCOUNT_INVALID", "lignes[0].remiseHt");
        await Refused(Entry("E1", p.RecipientSiret, [new { designation = "x", quantite = 2m, prixUnitaireHt = 5m, tauxTva = 20m, remiseHt = -1m }]), "ENTRY_DISCOUNT_INVALID", "lignes[0].remiseHt");
        // Without a VAT number the supplier may only invoice zero-rated lines.
        var (_, other) = await app.SignedInUserAsync();
        var noVat = await Kit.CreateStructureAsync(other, Unique.Siret(), isPublic: false);
        await Kit.AssertProblem(await other.PostAsJsonAsync($"/api/v1/structures/{noVat}/invoices/entries", Entry("E1", p.RecipientSiret)),
            HttpStatusCode.BadRequest, "ENTRY_SUPPLIER_VAT_REQUIRED");
        Assert.Equal(flows, await app.CountAsync<Flow>());
        Assert.Equal(jobs, await app.CountAsync<DepositJob>());
    }

    [Fact]
    public async Task A_duplicate_number_is_refused_whether_entered_or_deposited_as_a_file()
    {
        var p = await PartiesAsync();
        var number = $"D{Unique.Next()}";
        // Dated in the year of the file below (Kit.Ubl keeps the example's 2019-01-25): numbers are unique per supplier and year.
        (await p.Supplier.PostAsJsonAsync(Url(p), Entry(number, p.RecipientSiret, date: "2019-01-10"))).EnsureSuccessStatusCode();
        await app.ProcessDepositsAsync();
        var invoices = await app.CountAsync<Invoice>();
        var flows = await app.CountAsync<Flow>();

        await Kit.AssertProblem(await p.Supplier.PostAsJsonAsync(Url(p), Entry(number, p.RecipientSiret, date: "2019-03-01")), HttpStatusCode.Conflict, "INVOICE_NUMBER_DUPLICATE");
        Assert.Equal(flows, await app.CountAsync<Flow>());

        // The same number in a file is refused by the deposit processing, whose report names the rule.
        var flow = await Kit.DepositAsync(p.Supplier, p.SupplierId, Kit.Ubl(p.SupplierSiret, p.RecipientSiret, number), "dup.xml");
        await app.ProcessDepositsAsync();
        Assert.Contains("INVOICE_NUMBER_DUPLICATE", Kit.Rules(await Kit.ReportAsync(p.Supplier, p.SupplierId, flow)));
        Assert.Equal(invoices, await app.CountAsync<Invoice>());
    }

    [Fact]
    public async Task Recipient_checks_apply_to_an_entry_as_to_a_file()
    {
        var p = await PartiesAsync(new { serviceCodeRequired = true });
        var before = await app.CountAsync<Invoice>();
        var missing = await p.Supplier.PostAsJsonAsync(Url(p), Entry($"R{Unique.Next()}", p.RecipientSiret));
        var unknown = await p.Supplier.PostAsJsonAsync(Url(p), Entry($"R{Unique.Next()}", Unique.Siret()));
        await app.ProcessDepositsAsync();
        foreach (var (response, code) in new[] { (missing, "SERVICE_CODE_REQUIRED"), (unknown, "RECIPIENT_NOT_FOUND") })
        {
            var flow = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("numeroFluxDepot").GetString()!;
            var report = await Kit.ReportAsync(p.Supplier, p.SupplierId, flow);
            Assert.Equal("IN_REJETE", report.GetProperty("etatCourantDepotFlux").GetString());
            Assert.Contains(code, Kit.Rules(report));
        }
        Assert.Equal(before, await app.CountAsync<Invoice>());
    }

    [Fact]
    public async Task A_user_of_another_structure_cannot_enter_an_invoice_for_it()
    {
        var p = await PartiesAsync();
        var response = await p.Recipient.PostAsJsonAsync(Url(p), Entry($"O{Unique.Next()}", p.RecipientSiret));
        Assert.True(response.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.NotFound, response.StatusCode.ToString());
    }
}
