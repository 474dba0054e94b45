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
}
