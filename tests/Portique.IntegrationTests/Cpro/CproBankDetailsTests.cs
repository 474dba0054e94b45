using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using Microsoft.EntityFrameworkCore;
using Portique.IntegrationTests.Infrastructure;
using Portique.IntegrationTests.Invoicing;

namespace Portique.IntegrationTests.Cpro;

/// <summary>
/// recuperer/coordbanc/valides and a credit transfer submitted with fournisseur.codeCoordonneesBancairesFournisseur: the
/// invoice carries the account (EN 16931 BT-81/84/85/86). HTTP and JSON only; the accounts are added on the portal API.
/// </summary>
public sealed class CproBankDetailsTests(InvoicingApp app) : IClassFixture<InvoicingApp>
{
    private sealed record Supplier(HttpClient Portal, CproClient Cpro, long Id, string Siret);

    private async Task<Supplier> SupplierAsync()
    {
        var (_, portal) = await app.SignedInUserAsync();
        var siret = Unique.Siret();
        var id = await Kit.CreateStructureAsync(portal, siret, isPublic: false, vatNumber: $"FR00{siret[..9]}");
        return new Supplier(portal, await CproClient.ForStructureAsync(app, portal, id), id, siret);
    }

    private static async Task<long> AddAccountAsync(Supplier s, string name, string iban, string? bic = null)
    {
        var response = await s.Portal.PostAsJsonAsync($"/api/v1/structures/{s.Id}/bank-accounts", new { nom = name, iban, bic });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
    }

    private Task<JsonNode> SubmitAsync(CproClient client, object request) => CproKit.SubmitAsync(app, client, request);

    private static object Transfer(string number, string recipient, long? account, string? mode = "VIREMENT") => new
    {
        modeDepot = "SAISIE_API",
        numeroFactureSaisi = number,
        dateFacture = "2026-11-20",
        destinataire = new { codeDestinataire = recipient },
        fournisseur = new { codeCoordonneesBancairesFournisseur = account },
        references = new { modePaiement = mode },
        lignePoste = new[] { new { lignePosteDenomination = "Audit", lignePosteQuantite = 1, lignePosteMontantUnitaireHT = 500m, lignePosteTauxTvaManuel = 20m } },
    };

    [Fact]
    public async Task Valid_bank_details_are_listed_and_a_credit_transfer_invoice_carries_the_chosen_account()
    {
        var s = await SupplierAsync();
        var (_, recipientPortal) = await app.SignedInUserAsync();
        var recipientSiret = Unique.Siret();
        await Kit.CreateStructureAsync(recipientPortal, recipientSiret);
        var main = await AddAccountAsync(s, "Compte principal", "FR76 3000 6000 0112 3456 7890 189", "BNPAFRPP");
        var closed = await AddAccountAsync(s, "Ancien compte", "DE89370400440532013000");
        (await s.Portal.PostAsync($"/api/v1/structures/{s.Id}/bank-accounts/{closed}/deactivate", null)).EnsureSuccessStatusCode();

        var listed = await s.Cpro.OkAsync("transverses/v1/recuperer/coordbanc/valides", new { idStructure = s.Id });
        var only = Assert.Single(listed["listeCoordonneeBancaire"]!.AsArray())!;
        Assert.Equal(main, only["idCoordonneeBancaire"]!.GetValue<long>());
        Assert.Equal("Compte principal", only["nomCoordonneeBancaire"]!.GetValue<string>());
        // The structure defaults to the technical account's; "not set" forms of idStructure are read so.
        Assert.Single((await s.Cpro.OkAsync("transverses/v1/recuperer/coordbanc/valides", new { idStructure = 0 }))["listeCoordonneeBancaire"]!.AsArray());

        var number = $"VIR-{Unique.Next()}";
        var submitted = await SubmitAsync(s.Cpro, Transfer(number, recipientSiret, main));
        var zip = await s.Cpro.OkAsync("factures/v1/telecharger/groupe", new { listeFacture = new[] { new { idFacture = submitted["identifiantFactureCPP"]!.GetValue<long>() } } });
        using var archive = new System.IO.Compression.ZipArchive(new MemoryStream(Convert.FromBase64String(zip["fichierResultat"]!.GetValue<string>())));
        using var reader = new StreamReader(Assert.Single(archive.Entries).Open());
        var means = XDocument.Parse(await reader.ReadToEndAsync()).Root!.Elements().Single(e => e.Name.LocalName == "PaymentMeans");
        string? Value(params string[] path) => path.Aggregate<string, XElement?>(means, (e, name) => e?.Elements().FirstOrDefault(x => x.Name.LocalName == name))?.Value;
        Assert.Equal("30", Value("PaymentMeansCode"));
        Assert.Equal("FR7630006000011234567890189", Value("PayeeFinancialAccount", "ID"));
        Assert.Equal("Compte principal", Value("PayeeFinancialAccount", "Name"));
        Assert.Equal("BNPAFRPP", Value("PayeeFinancialAccount", "FinancialInstitutionBranch", "ID"));

        await CproClient.AssertGoldenAsync(new Dictionary<string, JsonNode> { ["recuperer-coordbanc-valides"] = listed });
    }

    [Fact]
    public async Task A_transfer_without_an_active_account_of_the_supplier_is_refused_and_nothing_is_deposited()
    {
        var a = await SupplierAsync();
        var b = await SupplierAsync();
        var (_, recipientPortal) = await app.SignedInUserAsync();
        var recipientSiret = Unique.Siret();
        await Kit.CreateStructureAsync(recipientPortal, recipientSiret);
        var aAccount = await AddAccountAsync(a, "A", "FR76 3000 6000 0112 3456 7890 189");
        var bClosed = await AddAccountAsync(b, "B fermé", "BE68539007547034");
        (await b.Portal.PostAsync($"/api/v1/structures/{b.Id}/bank-accounts/{bClosed}/deactivate", null)).EnsureSuccessStatusCode();
        var flowsBefore = await app.Db(db => db.Set<Portique.Invoicing.Flow>().CountAsync(f => f.StructureId == b.Id));

        await b.Cpro.RefusedAsync("factures/v1/soumettre", Transfer($"X-{Unique.Next()}", recipientSiret, account: null), 1, "ENTRY_BANK_ACCOUNT_REQUIRED");
        await b.Cpro.RefusedAsync("factures/v1/soumettre", Transfer($"X-{Unique.Next()}", recipientSiret, aAccount), 1, "BANK_ACCOUNT_NOT_FOUND");
        await b.Cpro.RefusedAsync("factures/v1/soumettre", Transfer($"X-{Unique.Next()}", recipientSiret, bClosed), 1, "BANK_ACCOUNT_NOT_FOUND");
        await b.Cpro.RefusedAsync("factures/v1/soumettre", Transfer($"X-{Unique.Next()}", recipientSiret, aAccount, mode: "CHEQUE"), 1, "ENTRY_BANK_ACCOUNT_UNEXPECTED");
        await b.Cpro.RefusedAsync("factures/v1/soumettre", Transfer($"X-{Unique.Next()}", recipientSiret, null, mode: "TROC"), 1, "ENTRY_PAYMENT_MODE_INVALID");
        // B's technical account does not read A's bank details either.
        await b.Cpro.RefusedAsync("transverses/v1/recuperer/coordbanc/valides", new { idStructure = a.Id }, 2, "STRUCTURE_NOT_FOUND");

        Assert.Equal(flowsBefore, await app.Db(db => db.Set<Portique.Invoicing.Flow>().CountAsync(f => f.StructureId == b.Id)));
    }
}
