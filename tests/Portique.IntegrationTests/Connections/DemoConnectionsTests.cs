using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Portique.Connections;
using Portique.Demo;
using Portique.IntegrationTests.Infrastructure;

namespace Portique.IntegrationTests.Connections;

/// <summary>The quick start's printed API credentials work as printed, for the supplier and for the public recipient.</summary>
public sealed class DemoConnectionsTests(PortiqueApp app) : IClassFixture<PortiqueApp>
{
    [Fact]
    public async Task Printed_demo_credentials_open_the_api()
    {
        await using (var scope = app.Services.CreateAsyncScope())
            await DemoSeed.SeedAsync(scope.ServiceProvider, app.Clock);
        var http = app.CreateClient();

        Assert.Equal(["Fournitures Dupont SARL", "Commune de Villeneuve-Démo"], DemoConnections.All.Select(c => c.StructureName));
        foreach (var c in DemoConnections.All)
        {
            var token = await (await ConnectionTests.TokenAsync(http, c.ClientId, c.ClientSecret)).Content.ReadFromJsonAsync<JsonElement>();
            var response = await http.SendAsync(ConnectionTests.HealthCheck(token.GetProperty("access_token").GetString(), ConnectionTests.Account(c.Login, c.Password)));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
    }

    [Fact]
    public async Task The_demo_supplier_can_enter_an_invoice_with_vat_paid_by_transfer_to_its_bank_account()
    {
        await using (var scope = app.Services.CreateAsyncScope())
            await DemoSeed.SeedAsync(scope.ServiceProvider, app.Clock);
        var http = app.CreateClient();
        var login = await http.PostAsJsonAsync("/api/v1/account/login", new { email = "compta.dupont@portique.demo", password = DemoSeed.Password });
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer",
            (await login.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString());
        var dupont = (await http.GetFromJsonAsync<JsonElement>("/api/v1/structures/mine")).EnumerateArray().Single();
        var id = dupont.GetProperty("id").GetInt64();
        var account = (await http.GetFromJsonAsync<JsonElement>($"/api/v1/structures/{id}/bank-accounts?actives=true")).EnumerateArray().Single();

        var entered = await http.PostAsJsonAsync($"/api/v1/structures/{id}/invoices/entries", new
        {
            numeroFacture = "DEMO-1", dateFacture = "2026-11-20", identifiantDestinataire = "21300010700010", codeService = "SERVICE_FINANCIER",
            lignes = new[] { new { designation = "Ramettes de papier", quantite = 10, prixUnitaireHt = 4.5m, tauxTva = 20 } },
            modePaiement = "VIREMENT", idCoordonneesBancaires = account.GetProperty("id").GetInt64(),
        });

        Assert.Equal(HttpStatusCode.Created, entered.StatusCode);
    }
}
