using System.Text.Json;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Portique.Common;
using Portique.Connections.Token;

namespace Portique.Annuaire.Afnor;

/// <summary>
/// AFNOR XP Z12-013 Directory Service (annex B, v1.3.0), read only, at /directory-service/v1: searches and gets of legal
/// units, establishments, routing codes and directory lines. OAuth2 client credentials (the portal's token endpoint) and a
/// bearer token; the healthcheck answers without one. Write operations do not exist here (removed from the standard in 1.2).
/// </summary>
public static class DirectoryServiceApi
{
    public const string BasePath = "/directory-service";

    public static IServiceCollection AddDirectoryService(this IServiceCollection services)
    {
        services.AddScoped<Resources>();
        services.AddAuthentication().AddScheme<AuthenticationSchemeOptions, DirectoryServiceAuthentication>(DirectoryServiceAuthentication.SchemeName, null);
        services.AddAuthorizationBuilder().AddPolicy(DirectoryServiceAuthentication.Policy, p => p
            .AddAuthenticationSchemes(DirectoryServiceAuthentication.SchemeName)
            .RequireAuthenticatedUser()
            .RequireClaim(ApiTokens.ClientIdClaim));
        return services;
    }

    public static void MapDirectoryService(this IEndpointRouteBuilder root)
    {
        var v1 = root.MapGroup(BasePath + "/v1").WithTags("AFNOR Directory Service").AddEndpointFilter<DirectoryServiceErrors.Filter>();
        v1.MapGet("/healthcheck", () => Results.Json(new { status = "UP", service = "directory-service", version = "1.3.0" }))
            .AllowAnonymous().WithSummary("État du service annuaire (sans jeton)");

        var api = v1.MapGroup("").RequireAuthorization(DirectoryServiceAuthentication.Policy);
        api.MapPost("/siren/search", (HttpRequest r, Resources res, CancellationToken ct) => Search(r, Resources.SirenSpec, q => res.SearchSirenAsync(q, ct)))
            .WithSummary("Rechercher des unités légales (SIREN)");
        api.MapGet("/siren/code-insee:{siren}", (string siren, HttpRequest r, Resources res, CancellationToken ct) =>
            Get(r, Resources.SirenSpec, q => res.GetSirenAsync(Key(siren, 9, "SIREN"), q, ct))).WithSummary("Lire une unité légale");
        api.MapPost("/siret/search", (HttpRequest r, Resources res, CancellationToken ct) => Search(r, Resources.SiretSpec, q => res.SearchSiretAsync(q, ct)))
            .WithSummary("Rechercher des établissements (SIRET)");
        api.MapGet("/siret/code-insee:{siret}", (string siret, HttpRequest r, Resources res, CancellationToken ct) =>
            Get(r, Resources.SiretSpec, q => res.GetSiretAsync(Key(siret, 14, "SIRET"), q, ct))).WithSummary("Lire un établissement");
        api.MapPost("/routing-code/search", (HttpRequest r, Resources res, CancellationToken ct) => Search(r, Resources.RoutingCodeSpec, q => res.SearchRoutingCodesAsync(q, ct)))
            .WithSummary("Rechercher des codes routage");
        api.MapGet("/routing-code/siret:{siret}/code:{code}", (string siret, string code, HttpRequest r, Resources res, CancellationToken ct) =>
            Get(r, Resources.RoutingCodeSpec, q => res.GetRoutingCodeAsync(Key(siret, 14, "SIRET"), RoutingCode.Checked(code), q, ct))).WithSummary("Lire un code routage");
        api.MapPost("/directory-line/search", (HttpRequest r, Resources res, CancellationToken ct) => Search(r, Resources.LineSpec, q => res.SearchLinesAsync(q, ct)))
            .WithSummary("Rechercher des lignes d'annuaire");
        api.MapGet("/directory-line/code:{addressingIdentifier}", (string addressingIdentifier, HttpRequest r, Resources res, CancellationToken ct) =>
            Get(r, Resources.LineSpec, q => res.GetLineAsync(AddressingIdentifier.Parse(addressingIdentifier).Value, q, ct))).WithSummary("Lire une ligne d'annuaire");
    }

    private static async Task<IResult> Search(HttpRequest request, SearchSpec spec, Func<SearchQuery, Task<System.Text.Json.Nodes.JsonObject>> run)
    {
        JsonDocument body;
        try
        {
            body = await JsonDocument.ParseAsync(request.Body, new JsonDocumentOptions { MaxDepth = 16 }, request.HttpContext.RequestAborted);
        }
        catch (JsonException e)
        {
            throw SearchQuery.Bad("SEARCH_BODY_INVALID", $"Le corps de la recherche n'est pas du JSON valide : {e.Message}");
        }
        using (body)
            return Results.Json(await run(SearchQuery.Parse(body.RootElement, spec)));
    }

    /// <summary>A get accepts the query parameters fields and include (comma-separated or repeated), checked as a search's.</summary>
    private static async Task<IResult> Get(HttpRequest request, SearchSpec spec, Func<SearchQuery, Task<System.Text.Json.Nodes.JsonObject>> run)
    {
        foreach (var key in request.Query.Keys)
        {
            if (key is not ("fields" or "include"))
                throw SearchQuery.Bad("QUERY_PARAMETER_UNKNOWN", $"Paramètre « {key} » inconnu (attendus : fields, include).");
        }
        var body = new Dictionary<string, string[]>();
        foreach (var name in new[] { "fields", "include" })
        {
            var values = request.Query[name].SelectMany(v => (v ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToArray();
            if (values.Length > 0)
                body[name] = values;
        }
        using var doc = JsonDocument.Parse(JsonSerializer.Serialize(body));
        return Results.Json(await run(SearchQuery.Parse(doc.RootElement, spec)));
    }

    private static string Key(string value, int length, string name) =>
        value.Length == length && value.All(char.IsAsciiDigit) ? value
            : throw new PortiqueException($"{name}_INVALID", $"Le {name} « {value} » doit comporter {length} chiffres.");
}
