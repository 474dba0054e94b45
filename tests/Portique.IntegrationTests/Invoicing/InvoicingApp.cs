using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portique.Invoicing.Deposit;
using Portique.IntegrationTests.Infrastructure;

namespace Portique.IntegrationTests.Invoicing;

/// <summary>The portal with the deposit worker stopped: tests integrate the queue themselves, deterministically.</summary>
public class InvoicingApp : PortiqueApp
{
    public static readonly string TestData = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../../data"));

    /// <summary>Integrates every due flow, as the background worker would.</summary>
    public async Task ProcessDepositsAsync()
    {
        var worker = Services.GetRequiredService<DepositWorker>();
        while (await worker.ProcessOnceAsync(CancellationToken.None))
        {
        }
    }

    public Task<int> CountAsync<T>() where T : class => Db(db => db.Set<T>().CountAsync());
}

/// <summary>Structures, deposits and reports through the JSON API.</summary>
public static class Kit
{
    /// <summary>For a browser: the supplier's e-mail to sign in with (private structure with a VAT number), and a public recipient structure of another user, both by SIRET.</summary>
    public static async Task<(string Supplier, long SupplierId, string SupplierSiret, string RecipientSiret)> SupplierToSignInAndRecipientAsync(PortiqueApp app)
    {
        var supplierUser = await app.CreateUserAsync(Unique.Email("fournisseur"));
        var recipientUser = await app.CreateUserAsync(Unique.Email("destinataire"));
        var supplierSiret = Unique.Siret();
        var recipientSiret = Unique.Siret();
        var supplierId = await CreateStructureAsync(await app.ClientForAsync(supplierUser.Email!), supplierSiret, isPublic: false, vatNumber: $"FR00{supplierSiret[..9]}");
        await CreateStructureAsync(await app.ClientForAsync(recipientUser.Email!), recipientSiret);
        return (supplierUser.Email!, supplierId, supplierSiret, recipientSiret);
    }

    public static async Task<long> CreateStructureAsync(HttpClient client, string identifier, bool isPublic = true, object? parameters = null,
        string type = "SIRET", string? vatNumber = null)
    {
        var response = await client.PostAsJsonAsync("/api/v1/structures",
            new { identifierType = type, identifier, name = $"Structure {identifier}", isPublic, parameters, vatNumber });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
    }

    /// <summary>A supplier (a private structure, with its manager's client) and a public recipient, each created by its own user.</summary>
    public static async Task<(HttpClient Supplier, long SupplierId, string SupplierSiret, string RecipientSiret)> SupplierAndRecipientAsync(PortiqueApp app)
    {
        var (_, supplier) = await app.SignedInUserAsync();
        var (_, recipient) = await app.SignedInUserAsync();
        var supplierSiret = Unique.Siret();
        var recipientSiret = Unique.Siret();
        var supplierId = await CreateStructureAsync(supplier, supplierSiret, isPublic: false);
        await CreateStructureAsync(recipient, recipientSiret);
        return (supplier, supplierId, supplierSiret, recipientSiret);
    }

    public static async Task<string> DepositAsync(HttpClient client, long structureId, byte[] content, string name, string syntax = "IN_DP_E1_UBL_INVOICE")
    {
        var response = await client.PostAsJsonAsync($"/api/v1/structures/{structureId}/invoices/flows",
            new { fichierFlux = Convert.ToBase64String(content), nomFichier = name, syntaxeFlux = syntax });
        await ServerErrors.AssertStatusAsync(HttpStatusCode.Created, response);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("IN_RECU", body.GetProperty("etatCourantFlux").GetString());
        return body.GetProperty("numeroFluxDepot").GetString()!;
    }

    public static Task<JsonElement> ReportAsync(HttpClient client, long structureId, string flowNumber) =>
        client.GetFromJsonAsync<JsonElement>($"/api/v1/structures/{structureId}/invoices/flows/{flowNumber}");

    public static IEnumerable<string> Rules(JsonElement report) =>
        report.GetProperty("erreurs").EnumerateArray().Where(e => e.GetProperty("erreur").GetBoolean()).Select(e => e.GetProperty("regle").GetString()!);

    /// <summary>
    /// A valid EN 16931 UBL invoice (the Peppol BIS 3 example of the CEN artefacts) rewritten for the test: the seller and buyer identified by SIRET
    /// (scheme 0009), its own number, a service code (BT-10) and a commitment number (BT-13).
    /// </summary>
    public static byte[] Ubl(string supplierSiret, string recipientSiret, string number, string? serviceCode = null, string? commitment = null)
    {
        var xml = File.ReadAllText(Path.Combine(InvoicingApp.TestData, "examples/en16931/ubl/BIS3_Invoice_positive.XML"));
        xml = xml.Replace("schemeID=\"0184\">DK12345678", $"schemeID=\"0009\">{supplierSiret}", StringComparison.Ordinal)
            .Replace("schemeID=\"0184\">DK87654321", $"schemeID=\"0009\">{recipientSiret}", StringComparison.Ordinal)
            .Replace("<cbc:BuyerReference>n/a</cbc:BuyerReference>", $"<cbc:BuyerReference>{serviceCode ?? "n/a"}</cbc:BuyerReference>", StringComparison.Ordinal)
            ;
        xml = System.Text.RegularExpressions.Regex.Replace(xml, @"(<cac:OrderReference>\s*<cbc:ID>)n/a(</cbc:ID>)", $"${{1}}{commitment ?? "n/a"}${{2}}");
        // An empty value removes the element: no service code, no commitment number.
        xml = xml.Replace("<cbc:BuyerReference></cbc:BuyerReference>", "", StringComparison.Ordinal);
        xml = System.Text.RegularExpressions.Regex.Replace(xml, @"<cac:OrderReference>\s*<cbc:ID></cbc:ID>\s*</cac:OrderReference>", "");
        var first = xml.IndexOf("<cbc:ID>12345</cbc:ID>", StringComparison.Ordinal);
        xml = xml[..first] + $"<cbc:ID>{number}</cbc:ID>" + xml[(first + "<cbc:ID>12345</cbc:ID>".Length)..];
        return System.Text.Encoding.UTF8.GetBytes(xml);
    }

    public static async Task AssertProblem(HttpResponseMessage response, HttpStatusCode status, string code)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"expected {status}, got {response.StatusCode}: {body}");
        Assert.Equal(code, JsonDocument.Parse(body).RootElement.GetProperty("code").GetString());
    }
}
