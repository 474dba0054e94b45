using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Portique.IntegrationTests.Infrastructure;

namespace Portique.IntegrationTests.Invoicing;

/// <summary>
/// A habilitation on "Factures reçues" limited to one service opens the structure's received invoices of that service
/// only: reading where consultation is held, processing where modification is held; the other services' invoices are not found.
/// </summary>
public sealed class ServiceHabilitationTests(InvoicingApp app) : IClassFixture<InvoicingApp>
{
    [Fact]
    public async Task A_member_habilitated_on_one_service_sees_and_processes_only_that_services_invoices()
    {
        var (_, supplier) = await app.SignedInUserAsync();
        var (_, manager) = await app.SignedInUserAsync();
        var supplierSiret = Unique.Siret();
        var recipientSiret = Unique.Siret();
        var supplierId = await Kit.CreateStructureAsync(supplier, supplierSiret, isPublic: false);
        var recipientId = await Kit.CreateStructureAsync(manager, recipientSiret, isPublic: true);
        async Task<long> ServiceAsync(string code) =>
            (await (await manager.PostAsJsonAsync($"/api/v1/structures/{recipientId}/services", new { code, name = code })).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
        var compta = await ServiceAsync("COMPTA");
        await ServiceAsync("ACHATS");
        async Task<long> DepositAsync(string service)
        {
            var flow = await Kit.DepositAsync(supplier, supplierId, Kit.Ubl(supplierSiret, recipientSiret, $"S{Unique.Next()}", service), "f.xml");
            await app.ProcessDepositsAsync();
            return (await Kit.ReportAsync(supplier, supplierId, flow)).GetProperty("factures")[0].GetProperty("identifiantFactureCpp").GetInt64();
        }
        var forCompta = await DepositAsync("COMPTA");
        var forAchats = await DepositAsync("ACHATS");

        var agent = await app.CreateUserAsync();
        (await manager.PostAsJsonAsync($"/api/v1/structures/{recipientId}/users", new { email = agent.Email })).EnsureSuccessStatusCode();
        var habilitations = $"/api/v1/structures/{recipientId}/users/{agent.Id}/habilitations";
        (await manager.PostAsJsonAsync(habilitations, new { application = "FacturesRecues", profile = "Consultation", serviceId = compta })).EnsureSuccessStatusCode();
        var client = await app.ClientForAsync(agent.Email!);

        var list = await client.GetFromJsonAsync<JsonElement>($"/api/v1/structures/{recipientId}/invoices/received");
        Assert.Equal([forCompta], list.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("identifiantFactureCpp").GetInt64()));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/v1/structures/{recipientId}/invoices/received/{forCompta}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/v1/structures/{recipientId}/invoices/received/{forAchats}")).StatusCode);
        // Consultation does not process.
        Assert.Equal(HttpStatusCode.Forbidden, (await client.PostAsJsonAsync($"/api/v1/structures/{recipientId}/invoices/received/{forCompta}/status",
            new { nouveauStatut = "SERVICE_FAIT" })).StatusCode);

        (await manager.PostAsJsonAsync(habilitations, new { application = "FacturesRecues", profile = "Modification", serviceId = compta })).EnsureSuccessStatusCode();
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync($"/api/v1/structures/{recipientId}/invoices/received/{forCompta}/status",
            new { nouveauStatut = "SERVICE_FAIT" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.PostAsJsonAsync($"/api/v1/structures/{recipientId}/invoices/received/{forAchats}/status",
            new { nouveauStatut = "SERVICE_FAIT" })).StatusCode);
        // The sent side and the organisation stay structure-wide rights, which the agent does not hold.
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync($"/api/v1/structures/{recipientId}/invoices/sent")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await manager.GetAsync($"/api/v1/structures/{recipientId}/invoices/received/{forAchats}")).StatusCode);
    }
}
