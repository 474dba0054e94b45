using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Portique.IntegrationTests.Infrastructure;

namespace Portique.IntegrationTests.Cpro;

/// <summary>A Chorus Pro client as an integrator writes one: HTTP and JSON only, no Portique type.</summary>
internal sealed class CproClient(HttpClient http)
{
    public HttpClient Http { get; } = http;

    public async Task<(HttpStatusCode Status, JsonNode Body)> SendAsync(string path, string json, string contentType = "application/json")
    {
        using var content = new StringContent(json, Encoding.UTF8);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        var response = await Http.PostAsync($"/cpro/{path}", content);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, JsonNode.Parse(text) ?? throw new InvalidOperationException($"{path}: empty answer"));
    }

    /// <summary>Posts and expects the success envelope (HTTP 200, codeRetour 0).</summary>
    public async Task<JsonNode> OkAsync(string path, object request)
    {
        var (status, body) = await SendAsync(path, JsonSerializer.Serialize(request));
        Assert.True(status == HttpStatusCode.OK, $"{path}: {status} {body.ToJsonString()}");
        Assert.Equal(0, body["codeRetour"]!.GetValue<int>());
        Assert.Equal("TRA_MSG_00.000", body["libelle"]!.GetValue<string>());
        return body;
    }

    /// <summary>Posts and expects a business refusal: HTTP 400, codeRetour ≠ 0 and the stable code as libelle.</summary>
    public async Task<JsonNode> RefusedAsync(string path, object request, int codeRetour, string libelle)
    {
        var (status, body) = await SendAsync(path, request as string ?? JsonSerializer.Serialize(request));
        Assert.True(status == HttpStatusCode.BadRequest, $"{path}: expected 400 {libelle}, got {status} {body.ToJsonString()}");
        Assert.Equal(libelle, body["libelle"]!.GetValue<string>());
        Assert.Equal(codeRetour, body["codeRetour"]!.GetValue<int>());
        return body;
    }

    /// <summary>Portal set-up over the JSON API: an API client and a technical account for the structure, then a token.</summary>
    public static async Task<CproClient> ForStructureAsync(PortiqueApp app, HttpClient manager, long structureId)
    {
        var apiClient = await (await manager.PostAsJsonAsync($"/api/v1/structures/{structureId}/api-clients", new { name = "ERP" })).Content.ReadFromJsonAsync<JsonElement>();
        var account = await (await manager.PostAsync($"/api/v1/structures/{structureId}/technical-accounts", null)).Content.ReadFromJsonAsync<JsonElement>();
        var anonymous = app.CreateClient();
        var token = await (await anonymous.PostAsync("/api/oauth/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = apiClient.GetProperty("clientId").GetString()!,
            ["client_secret"] = apiClient.GetProperty("clientSecret").GetString()!,
            ["scope"] = "openid",
        }))).Content.ReadFromJsonAsync<JsonElement>();
        var http = app.CreateClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.GetProperty("access_token").GetString());
        var login = $"{account.GetProperty("login").GetString()}:{account.GetProperty("password").GetString()}";
        // Header names are case-insensitive in HTTP: an integrator may well write it this way.
        http.DefaultRequestHeaders.Add("CPRO-Account", Convert.ToBase64String(Encoding.UTF8.GetBytes(login)));
        return new CproClient(http);
    }

    private static readonly string GoldenDirectory = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../Cpro/Golden"));

    /// <summary>
    /// Each answer's shape (property names and JSON kinds) against its golden file in Cpro/Golden; PORTIQUE_GOLDEN_UPDATE=1
    /// rewrites the files (review the diff before committing).
    /// </summary>
    public static async Task AssertGoldenAsync(IReadOnlyDictionary<string, JsonNode> answers)
    {
        var update = Environment.GetEnvironmentVariable("PORTIQUE_GOLDEN_UPDATE") == "1";
        foreach (var (name, answer) in answers)
        {
            var file = Path.Combine(GoldenDirectory, $"{name}.txt");
            var shape = Shape(answer) + "\n";
            if (update)
                await File.WriteAllTextAsync(file, shape);
            Assert.True(File.Exists(file), $"golden file {file} missing (run once with PORTIQUE_GOLDEN_UPDATE=1 and review it)");
            Assert.Equal(await File.ReadAllTextAsync(file), shape);
        }
    }

    /// <summary>
    /// The shape of a JSON answer: one "path: kind" line per property, arrays by their first element. Values are ignored but
    /// for the pattern of dates and times, which clients parse strictly: "string date" (YYYY-MM-DD), "string date-minute"
    /// (YYYY-MM-DD HH:MM), "string timestamp" (ISO 8601 with seconds and offset).
    /// </summary>
    public static string Shape(JsonNode? node, string path = "$")
    {
        var lines = new List<string>();
        Walk(node, path, lines);
        return string.Join('\n', lines);
    }

    private static void Walk(JsonNode? node, string path, List<string> lines)
    {
        switch (node)
        {
            case JsonObject o:
                lines.Add($"{path}: object");
                foreach (var (name, value) in o.OrderBy(p => p.Key, StringComparer.Ordinal))
                    Walk(value, $"{path}.{name}", lines);
                break;
            case JsonArray a:
                lines.Add($"{path}: array");
                if (a.Count > 0)
                    Walk(a[0], $"{path}[]", lines);
                break;
            case null:
                lines.Add($"{path}: null");
                break;
            case JsonValue v when v.GetValueKind() == JsonValueKind.String:
                lines.Add($"{path}: string{Pattern(v.GetValue<string>())}");
                break;
            default:
                lines.Add($"{path}: {node.GetValueKind().ToString().ToLowerInvariant().Replace("true", "boolean", StringComparison.Ordinal).Replace("false", "boolean", StringComparison.Ordinal)}");
                break;
        }
    }

    private static string Pattern(string value) => value switch
    {
        _ when Regex.IsMatch(value, @"^\d{4}-\d{2}-\d{2}$") => " date",
        _ when Regex.IsMatch(value, @"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$") => " date-minute",
        _ when Regex.IsMatch(value, @"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$") => " timestamp",
        _ => "",
    };
}
