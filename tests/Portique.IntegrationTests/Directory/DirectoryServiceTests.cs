using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Portique.Annuaire;
using Portique.IntegrationTests.Cpro;
using Portique.IntegrationTests.Infrastructure;
using Portique.IntegrationTests.Invoicing;
using static Portique.IntegrationTests.Annuaire.DirectoryKit;

namespace Portique.IntegrationTests.Annuaire;

/// <summary>The AFNOR XP Z12-013 Directory Service (read API) over HTTP with an OAuth2 client-credentials token (SQLite and PostgreSQL).</summary>
public sealed class DirectoryServiceTests(PortiqueApp app) : IClassFixture<PortiqueApp>
{
    private const string V1 = "/directory-service/v1";

    /// <summary>A company with a public and a private side: the public one a portal structure with a service, lines at every granularity.</summary>
    private sealed record World(HttpClient Api, string Siren, string Siret, string PublicSiren, string PublicSiret, string Platform, string Name);

    private async Task<World> WorldAsync()
    {
        var op = await OperatorAsync(app);
        var platform = await PlatformAsync(op);
        var n = Unique.Next();
        var name = $"Scierie Vallée {n}";
        var siren = Siren();
        var siret = SiretOf(siren);
        await LegalUnitAsync(op, siren, name, platform: platform);
        await FacilityAsync(op, siret, $"{name} Lyon", facilityType: "P");
        await RoutingCodeAsync(op, siret, "ACHATS");
        await LineAsync(op, new { siren, siret, routingIdentifier = "ACHATS", platformMatricule = platform });
        await LineAsync(op, new { siren, suffix = "STATUTS", platformMatricule = platform });

        var publicSiren = Siren();
        var publicSiret = SiretOf(publicSiren);
        await LegalUnitAsync(op, publicSiren, $"Commune {n}", isPublic: true);
        await FacilityAsync(op, publicSiret, $"Mairie {n}", facilityType: "P", diffusible: false);
        var (_, manager) = await app.SignedInUserAsync();
        var structureId = await Kit.CreateStructureAsync(manager, publicSiret, parameters: new { serviceCodeRequired = true });
        (await manager.PostAsJsonAsync($"/api/v1/structures/{structureId}/services", new { code = "VOIRIE", name = "Service voirie" })).EnsureSuccessStatusCode();
        await LineAsync(op, new { siren = publicSiren, siret = publicSiret, routingIdentifier = "VOIRIE", platformMatricule = "9999" });
        return new World(await DirectoryServiceClientAsync(app, manager, structureId), siren, siret, publicSiren, publicSiret, platform, name);
    }


    private static async Task<JsonObject> PostAsync(HttpClient api, string path, object body)
    {
        var response = await api.PostAsJsonAsync(V1 + path, body);
        await Ok(response, HttpStatusCode.OK);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
    }

    private static async Task<JsonObject> GetAsync(HttpClient api, string path)
    {
        var response = await api.GetAsync(V1 + path);
        await Ok(response, HttpStatusCode.OK);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
    }

    private static async Task Refused(HttpResponseMessage response, HttpStatusCode status, string code)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"expected {status}, got {response.StatusCode}: {body}");
        var error = JsonNode.Parse(body)!;
        Assert.Equal(code, error["errorCode"]!.GetValue<string>());
        Assert.False(string.IsNullOrWhiteSpace(error["errorMessage"]!.GetValue<string>()));
    }

    private static readonly string GoldenFolder = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../Directory/Golden"));

    /// <summary>Shapes (property paths and kinds) against Directory/Golden; PORTIQUE_GOLDEN_UPDATE=1 rewrites them for review.</summary>
    private static async Task AssertGoldenAsync(string name, JsonNode answer)
    {
        var file = Path.Combine(GoldenFolder, $"{name}.txt");
        var shape = CproClient.Shape(answer) + "\n";
        if (Environment.GetEnvironmentVariable("PORTIQUE_GOLDEN_UPDATE") == "1")
            await File.WriteAllTextAsync(file, shape);
        Assert.True(File.Exists(file), $"golden file {file} missing");
        Assert.Equal(await File.ReadAllTextAsync(file), shape);
    }

    [Fact]
    public async Task Answers_have_the_shapes_of_the_standard()
    {
        var w = await WorldAsync();
        await AssertGoldenAsync("siren-get", await GetAsync(w.Api, $"/siren/code-insee:{w.Siren}"));
        await AssertGoldenAsync("siren-search", await PostAsync(w.Api, "/siren/search", new { filters = new { siren = new { op = "strict", value = w.Siren } } }));
        var facility = await GetAsync(w.Api, $"/siret/code-insee:{w.Siret}?include=siren");
        await AssertGoldenAsync("siret-get", facility);
        Assert.Equal("69003", facility["address"]!["postalCode"]!.GetValue<string>());
        // The public establishment: its B2G data are its portal structure's parameters; not diffusible, so no address.
        var mairie = await GetAsync(w.Api, $"/siret/code-insee:{w.PublicSiret}");
        await AssertGoldenAsync("siret-get-public", mairie);
        Assert.True(mairie["b2gAdditionalData"]!["serviceCodeStatus"]!.GetValue<bool>());
        Assert.True(mairie["siretInstructions"]!["isSalesProspectingForbidden"]!.GetValue<bool>());
        Assert.Null(mairie["address"]);
        await AssertGoldenAsync("routing-code-get", await GetAsync(w.Api, $"/routing-code/siret:{w.Siret}/code:ACHATS"));
        // A public structure's Chorus service is its routing code.
        var voirie = await GetAsync(w.Api, $"/routing-code/siret:{w.PublicSiret}/code:VOIRIE");
        Assert.Equal("Service voirie", voirie["routingCodeName"]!.GetValue<string>());
        var line = await GetAsync(w.Api, $"/directory-line/code:{w.Siren}_{w.Siret}_ACHATS?include=siren,siret");
        await AssertGoldenAsync("directory-line-get", line);
        Assert.Equal(("Enabled", "WK", "ACHATS"), (line["directoryLineStatus"]!.GetValue<string>(), line["platformType"]!.GetValue<string>(), line["routingCode"]!["routingIdentifier"]!.GetValue<string>()));
        await AssertGoldenAsync("directory-line-search", await PostAsync(w.Api, "/directory-line/search", new
        {
            filters = new { siren = new { op = "strict", value = w.Siren } }, sorting = new[] { new { field = "addressingIdentifier", order = "ascending" } }, limit = 10,
        }));
        var disabled = await GetAsync(w.Api, $"/directory-line/code:{w.PublicSiren}");
        Assert.Equal("Enabled", disabled["directoryLineStatus"]!.GetValue<string>());

        var health = await app.CreateClient().GetAsync(V1 + "/healthcheck");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    [Fact]
    public async Task Every_filter_operator_narrows_the_results()
    {
        var w = await WorldAsync();
        async Task<int> Count(string resource, object filters) => (await PostAsync(w.Api, $"/{resource}/search", new { filters }))["totalNumberOfResults"]!.GetValue<int>();
        var key = w.Name.ToUpperInvariant();
        Assert.Equal(1, await Count("siren", new { businessName = new { op = "strict", value = w.Name.ToLowerInvariant() } }));
        Assert.Equal(1, await Count("siren", new { businessName = new { op = "startWith", value = w.Name[..12] }, siren = new { op = "strict", value = w.Siren } }));
        Assert.Equal(1, await Count("siren", new { businessName = new { op = "contains", value = w.Name[8..] } }));
        Assert.Equal(0, await Count("siren", new { businessName = new { op = "startWith", value = w.Name[8..] } }));
        Assert.Equal(1, await Count("siren", new { siren = new { op = "strict", value = w.PublicSiren }, entityType = new { op = "strict", value = "Public" } }));
        Assert.Equal(0, await Count("siren", new { siren = new { op = "strict", value = w.Siren }, entityType = new { op = "strict", value = "Public" } }));
        Assert.Equal(1, await Count("siren", new { siren = new { op = "strict", value = w.Siren }, administrativeStatus = new { op = "strict", value = "A" } }));

        Assert.Equal(1, await Count("siret", new { siren = new { op = "strict", value = w.Siren }, name = new { op = "contains", value = "Lyon" } }));
        Assert.Equal(1, await Count("siret", new { siret = new { op = "strict", value = w.Siret }, addressLines = new { op = "contains", value = "des Lilas" } }));
        Assert.Equal(1, await Count("siret", new { siret = new { op = "strict", value = w.Siret }, addressLines = new { op = "startWith", value = "12 rue" } }));
        Assert.Equal(0, await Count("siret", new { siret = new { op = "strict", value = w.Siret }, addressLines = new { op = "startWith", value = "rue" } }));
        Assert.Equal(1, await Count("siret", new { siret = new { op = "strict", value = w.Siret }, postalCode = new { op = "startWith", value = "69" }, locality = new { op = "strict", value = "Lyon" } }));
        Assert.Equal(0, await Count("siret", new { siret = new { op = "strict", value = w.Siret }, postalCode = new { op = "strict", value = "69" } }));
        Assert.Equal(1, await Count("siret", new { siret = new { op = "strict", value = w.Siret }, facilityType = new { op = "strict", value = "P" } }));

        Assert.Equal(1, await Count("routing-code", new { siret = new { op = "strict", value = w.Siret }, routingIdentifier = new { op = "contains", value = "CHA" } }));
        Assert.Equal(0, await Count("routing-code", new { siret = new { op = "strict", value = w.Siret }, routingIdentifier = new { op = "strict", value = "CHA" } }));
        Assert.Equal(1, await Count("routing-code", new { siret = new { op = "strict", value = w.PublicSiret }, routingCodeName = new { op = "contains", value = "voirie" } }));
        Assert.Equal(1, await Count("routing-code", new { siret = new { op = "strict", value = w.Siret }, locality = new { op = "startWith", value = "Ly" } }));

        Assert.Equal(3, await Count("directory-line", new { siren = new { op = "strict", value = w.Siren } }));
        Assert.Equal(1, await Count("directory-line", new { addressingIdentifier = new { op = "strict", value = $"{w.Siren}_STATUTS" } }));
        Assert.Equal(3, await Count("directory-line", new { addressingIdentifier = new { op = "contains", value = w.Siren } }));
        Assert.Equal(1, await Count("directory-line", new { siren = new { op = "strict", value = w.Siren }, addressingSuffix = new { op = "contains", value = "TUT" } }));
        Assert.Equal(1, await Count("directory-line", new { siret = new { op = "strict", value = w.Siret }, routingIdentifier = new { op = "strict", value = "ACHATS" } }));
        // LIKE wildcards in a value are literal characters.
        Assert.Equal(0, await Count("directory-line", new { siren = new { op = "strict", value = w.Siren }, addressingSuffix = new { op = "contains", value = "%" } }));
        Assert.DoesNotContain("%", key, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Searches_page_beyond_one_hundred_results_with_an_exact_total()
    {
        var w = await WorldAsync();
        var op = await OperatorAsync(app);
        for (var i = 0; i < 150; i++)
            await LineAsync(op, new { siren = w.Siren, suffix = $"S{i:D3}", platformMatricule = w.Platform });
        object Body(int limit, int ignore) => new
        {
            filters = new { siren = new { op = "strict", value = w.Siren }, addressingSuffix = new { op = "contains", value = "S" } },
            sorting = new[] { new { field = "addressingSuffix", sortingOrder = "descending" } }, fields = new[] { "addressingIdentifier", "addressingSuffix" }, limit, ignore,
        };
        var first = await PostAsync(w.Api, "/directory-line/search", Body(120, 0));
        var second = await PostAsync(w.Api, "/directory-line/search", Body(120, 120));
        Assert.Equal(151, first["totalNumberOfResults"]!.GetValue<int>());   // STATUTS contains an S too
        Assert.Equal(120, first["results"]!.AsArray().Count);
        Assert.Equal(31, second["results"]!.AsArray().Count);
        var suffixes = first["results"]!.AsArray().Concat(second["results"]!.AsArray()).Select(r => r!["addressingSuffix"]!.GetValue<string>()).ToList();
        Assert.Equal(suffixes.OrderDescending(StringComparer.Ordinal), suffixes);
        Assert.Equal(151, suffixes.Distinct().Count());
        Assert.Equal(["addressingIdentifier", "addressingSuffix"], first["results"]![0]!.AsObject().Select(p => p.Key).Order());
        Assert.Equal(120, first["search"]!["limit"]!.GetValue<int>());
    }

    [Fact]
    public async Task Bad_requests_get_a_400_naming_the_fault_and_nothing_is_written()
    {
        var w = await WorldAsync();
        async Task Bad(string path, object body, string code) => await Refused(await w.Api.PostAsJsonAsync(V1 + path, body), HttpStatusCode.BadRequest, code);
        await Bad("/siren/search", new { filters = new { color = new { op = "strict", value = "x" } } }, "SEARCH_FILTER_UNKNOWN");
        await Bad("/siren/search", new { filter = new { } }, "SEARCH_KEY_UNKNOWN");
        await Bad("/siren/search", new { filters = new { siren = new { op = "contains", value = "1" } } }, "SEARCH_OPERATOR_INVALID");
        await Bad("/siren/search", new { filters = new { siren = new { op = "strict", value = new[] { 1 } } } }, "SEARCH_VALUE_INVALID");
        await Bad("/siren/search", new { filters = new { entityType = new { op = "strict", value = "Private" } } }, "SEARCH_VALUE_INVALID");
        await Bad("/siren/search", new { limit = 0 }, "SEARCH_VALUE_INVALID");
        await Bad("/siren/search", new { limit = 100000 }, "SEARCH_VALUE_INVALID");
        await Bad("/siren/search", new { ignore = -1 }, "SEARCH_VALUE_INVALID");
        await Bad("/siren/search", new { fields = new[] { "password" } }, "SEARCH_FIELD_UNKNOWN");
        await Bad("/siret/search", new { sorting = new[] { new { field = "siret", order = "upward" } } }, "SEARCH_SORTING_INVALID");
        await Bad("/directory-line/search", new { include = new[] { "platform" } }, "SEARCH_FIELD_UNKNOWN");
        await Refused(await w.Api.PostAsync(V1 + "/siren/search", new StringContent("{not json", Encoding.UTF8, "application/json")), HttpStatusCode.BadRequest, "SEARCH_BODY_INVALID");
        await Refused(await w.Api.GetAsync(V1 + "/siren/code-insee:12345"), HttpStatusCode.BadRequest, "SIREN_INVALID");
        await Refused(await w.Api.GetAsync(V1 + $"/siren/code-insee:{w.Siren}?expand=all"), HttpStatusCode.BadRequest, "QUERY_PARAMETER_UNKNOWN");
        await Refused(await w.Api.GetAsync(V1 + "/directory-line/code:12_%2F"), HttpStatusCode.BadRequest, "ADDRESS_INVALID");
        await Refused(await w.Api.GetAsync(V1 + $"/siren/code-insee:{Siren()}"), HttpStatusCode.NotFound, "SIREN_NOT_FOUND");
        await Refused(await w.Api.GetAsync(V1 + $"/directory-line/code:{w.Siren}_NOPE"), HttpStatusCode.NotFound, "DIRECTORY_LINE_NOT_FOUND");
        await Refused(await app.CreateClient().PostAsJsonAsync(V1 + "/siren/search", new { }), HttpStatusCode.Unauthorized, "TOKEN_MISSING");

        // No write through the read API: the paths of the older versions' writes do not exist.
        var before = await app.Db(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(db.Set<DirectoryLine>()));
        var post = await w.Api.PostAsJsonAsync(V1 + "/directory-line", new { addressingInformation = new { siren = w.Siren, addressingSuffix = "PIRATE" } });
        Assert.True(post.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.MethodNotAllowed, post.StatusCode.ToString());
        var delete = await w.Api.DeleteAsync(V1 + $"/directory-line/code:{w.Siren}");
        Assert.True(delete.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.MethodNotAllowed, delete.StatusCode.ToString());
        Assert.Equal(before, await app.Db(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(db.Set<DirectoryLine>())));
    }
}
