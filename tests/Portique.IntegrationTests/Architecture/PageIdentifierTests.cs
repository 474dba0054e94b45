using System.Data.Common;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.RazorPages.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.Extensions.DependencyInjection;
using Portique.IntegrationTests.Infrastructure;
using Portique.IntegrationTests.Invoicing;
using Portique.Invoicing;
using Portique.Organisation;

namespace Portique.IntegrationTests.Architecture;

/// <summary>
/// Issue 13, point 1: a page must act on the structure (and the service, invoice, user…) named in its route, whatever a form
/// field or the query string says. Every POST handler of every page under a structure's route is posted twice by the principal
/// manager of another structure: once with the victim's identifiers in the route (refused), once with his own route and the
/// victim's identifiers in the query string and in every form field that names an identifier. Everything stored about the
/// victim structure (its row and every row that refers to it, found through the EF model) must be unchanged.
/// </summary>
public sealed partial class PageIdentifierTests(InvoicingApp app) : IClassFixture<InvoicingApp>
{
    [Fact]
    public async Task Identifiers_named_in_a_page_route_are_bound_from_the_route_only()
    {
        var offenders = new List<string>();
        foreach (var (endpoint, page) in await PagesAsync())
        {
            var routeNames = endpoint.RoutePattern.Parameters.Select(p => p.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
            var bound = page.BoundProperties.Select(p => (Where: $"property {p.Name}", Name: p.BindingInfo?.BinderModelName ?? p.Name, p.BindingInfo))
                .Concat(page.HandlerMethods.SelectMany(h => h.Parameters.Select(p =>
                    (Where: $"On{h.HttpMethod}{h.Name} parameter {p.Name}", Name: p.BindingInfo?.BinderModelName ?? p.Name, p.BindingInfo))));
            foreach (var (where, name, binding) in bound)
            {
                if (routeNames.Contains(name) && binding?.BindingSource != BindingSource.Path)
                    offenders.Add($"{endpoint.RoutePattern.RawText}: {where} is bound from {binding?.BindingSource?.DisplayName ?? "any source"}, not the route");
            }
        }
        Assert.True(offenders.Count == 0, string.Join("\n", offenders));
    }

    [Fact]
    public async Task Every_page_form_posted_with_foreign_identifiers_in_route_query_and_body_leaves_the_other_structure_unchanged()
    {
        var world = await WorldAsync();
        using var browser = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        browser.DefaultRequestHeaders.Authorization = world.Attacker.DefaultRequestHeaders.Authorization;
        var token = AntiforgeryToken().Match(await browser.GetStringAsync($"/Organisation/Structures/{world.Own.StructureId}/Edit")).Groups[1].Value;
        Assert.NotEmpty(token);

        var posts = new List<(RouteEndpoint Endpoint, CompiledPageActionDescriptor Page, HandlerMethodDescriptor Handler)>();
        foreach (var (endpoint, page) in await PagesAsync())
        {
            if (!endpoint.RoutePattern.Parameters.Any(p => p.Name == "structureId"))
                continue;
            posts.AddRange(page.HandlerMethods.Where(h => h.HttpMethod == "Post").Select(h => (endpoint, page, h)));
        }
        // The forms that must succeed (on the attacker's own structure) go first, the destructive ones (deactivate, detach…) last.
        posts = [.. posts.OrderBy(p => MustAct.Contains(Key(p.Endpoint, p.Handler)) ? 0 : Destructive(p.Handler.Name) ? 2 : 1)];

        var before = await SnapshotAsync(world.Victim.StructureId);
        var failures = new List<string>();
        var outcomes = new List<string>();
        foreach (var (endpoint, page, handler) in posts)
        {
            var key = Key(endpoint, handler);
            var fields = Fields(page, handler, world.Victim, world).ToList();

            // 1. The victim's identifiers in the route: the policy on the route's structure refuses.
            using (var refused = await browser.SendAsync(Post(Url(endpoint, handler, world.Victim, null), fields, token)))
            {
                // A page request is refused with 403, or with the cookie scheme's redirect to the access-denied page.
                var deniedPage = refused.StatusCode == HttpStatusCode.Redirect
                    && refused.Headers.Location?.OriginalString.Contains("/Account/AccessDenied", StringComparison.OrdinalIgnoreCase) == true;
                if (refused.StatusCode is not (HttpStatusCode.Forbidden or HttpStatusCode.NotFound) && !deniedPage)
                    failures.Add($"{key} with the victim's route: {(int)refused.StatusCode} {refused.Headers.Location}");
            }
            // 2. The attacker's own route, the victim's identifiers in the query string and in the form.
            using var response = await browser.SendAsync(Post(Url(endpoint, handler, world.Own, world.Victim), fields, token));
            outcomes.Add($"{key}: {(int)response.StatusCode}");
            if (MustAct.Contains(key) && response.StatusCode != HttpStatusCode.Redirect)
                failures.Add($"{key} should have succeeded on the attacker's own structure (the form is realistic): {(int)response.StatusCode} {Refusal(await response.Content.ReadAsStringAsync())}");

            var after = await SnapshotAsync(world.Victim.StructureId);
            if (Difference(before, after) is { } changed)
            {
                failures.Add($"{key} changed the victim structure: {changed}");
                before = after;
            }
        }

        Console.WriteLine($"page identifier tampering: {posts.Count} forms posted\n  {string.Join("\n  ", outcomes)}");
        Assert.True(failures.Count == 0, string.Join("\n", failures));
        Assert.True(posts.Count >= 25, $"only {posts.Count} page forms found");
        Assert.All(MustAct, k => Assert.Contains(posts, p => Key(p.Endpoint, p.Handler) == k));
        // The successful posts acted on the attacker's own structure, as the route says.
        Assert.True(await app.Db(db => db.Set<Portique.Organisation.BankAccounts.BankAccount>().AnyAsync(b => b.StructureId == world.Own.StructureId && b.Name == "Compte pirate")));
    }

    /// <summary>Forms whose fields are all valid once the identifiers come from the route: they must succeed, which proves the posts are realistic.</summary>
    private static readonly HashSet<string> MustAct =
    [
        "/Organisation/Structures/{structureId:long}/BankAccounts OnPost",
        "/Organisation/Structures/{structureId:long}/Edit OnPost",
        "/Organisation/Structures/{structureId:long}/Services/Create OnPost",
        "/Organisation/Structures/{structureId:long}/Services/{serviceId:long}/Edit OnPost",
        "/Invoicing/{structureId:long}/Deposit OnPost",
        "/Invoicing/{structureId:long}/ToValidate/{invoiceId:long} OnPostValidate",
    ];

    private static bool Destructive(string? handler) => handler is "Deactivate" or "Detach" or "Revoke" or "Confirm" or "Withdraw" or "Refuse" or "Approve";

    private static string Key(RouteEndpoint e, HandlerMethodDescriptor h) => $"/{e.RoutePattern.RawText!.TrimStart('/')} OnPost{h.Name}";

    private async Task<List<(RouteEndpoint Endpoint, CompiledPageActionDescriptor Page)>> PagesAsync()
    {
        var loader = app.Services.GetRequiredService<PageLoader>();
        var pages = new List<(RouteEndpoint, CompiledPageActionDescriptor)>();
        foreach (var e in app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            if (e.Metadata.GetMetadata<PageActionDescriptor>() is not { } descriptor)
                continue;
            var compiled = descriptor as CompiledPageActionDescriptor ?? await loader.LoadAsync(descriptor, e.Metadata);
            pages.Add((e, compiled));
        }
        Assert.NotEmpty(pages);
        return pages;
    }

    // ---- the two structures and what each holds -------------------------------------------------------------------------

    /// <summary>Identifiers of one side: its structure and one of each thing a page route or form can name.</summary>
    private sealed record Side(long StructureId, string Siret, long ServiceId, long BankAccountId, long MemberId, long TechnicalAccountId,
        long ApiClientId, long ApprovalId, long SentInvoiceId, long ReceivedInvoiceId, string FlowNumber, long ToValidateInvoiceId);

    private sealed record World(HttpClient Attacker, Side Own, Side Victim, string ThirdSiret);

    private async Task<World> WorldAsync()
    {
        var (_, attacker) = await app.SignedInUserAsync();
        var (_, victim) = await app.SignedInUserAsync();
        var (_, third) = await app.SignedInUserAsync();
        var thirdSiret = Unique.Siret();
        var thirdId = await Kit.CreateStructureAsync(third, thirdSiret, isPublic: true, vatNumber: $"FR00{thirdSiret[..9]}");
        // A subcontractor whose A9 invoices name each side as validator (Factures à valider).
        var (_, subcontractor) = await app.SignedInUserAsync();
        var subSiret = Unique.Siret();
        var subId = await Kit.CreateStructureAsync(subcontractor, subSiret, isPublic: false, vatNumber: $"FR00{subSiret[..9]}");
        var own = await SideAsync(attacker, third, thirdId, thirdSiret, subcontractor, subId);
        var foreign = await SideAsync(victim, third, thirdId, thirdSiret, subcontractor, subId);
        return new World(attacker, own, foreign, thirdSiret);
    }

    private async Task<Side> SideAsync(HttpClient owner, HttpClient third, long thirdId, string thirdSiret, HttpClient subcontractor, long subId)
    {
        var siret = Unique.Siret();
        var id = await Kit.CreateStructureAsync(owner, siret, isPublic: true, vatNumber: $"FR00{siret[..9]}");
        var serviceId = await app.Db(db => db.Services.Where(s => s.StructureId == id).Select(s => s.Id).FirstAsync());
        var bank = await Created(await owner.PostAsJsonAsync($"/api/v1/structures/{id}/bank-accounts",
            new { nom = "Compte courant", iban = "FR76 3000 6000 0112 3456 7890 189", bic = "BNPAFRPP" }));
        var member = await app.CreateUserAsync();
        await app.Db(async db =>
        {
            var m = Membership.Attach(id, member.Id, MemberRole.User, app.Clock.GetUtcNow());
            m.Grant(PortalApplication.FacturesEmises, HabilitationProfile.Consultation, null);
            db.Memberships.Add(m);
            return await db.SaveChangesAsync();
        });
        var technical = await Created(await owner.PostAsync($"/api/v1/structures/{id}/technical-accounts", null));
        var apiClient = await Created(await owner.PostAsJsonAsync($"/api/v1/structures/{id}/api-clients", new { name = "Logiciel" }));
        var (_, applicant) = await app.SignedInUserAsync();
        var approval = await Created(await applicant.PostAsJsonAsync("/api/v1/approvals/attachment-requests", new { identifierType = "SIRET", identifier = siret }));

        var sentNumber = $"S{Unique.Next()}";
        var flow = await Kit.DepositAsync(owner, id, Kit.Ubl(siret, thirdSiret, sentNumber), $"{sentNumber}.xml");
        var receivedNumber = $"R{Unique.Next()}";
        await Kit.DepositAsync(third, thirdId, Kit.Ubl(thirdSiret, siret, receivedNumber), $"{receivedNumber}.xml");
        var toValidateNumber = $"V{Unique.Next()}";
        var entered = await subcontractor.PostAsJsonAsync($"/api/v1/structures/{subId}/invoices/entries", new
        {
            numeroFacture = toValidateNumber, dateFacture = "2026-11-20", identifiantDestinataire = thirdSiret, cadre = "A9", codeStructureValideur = siret,
            lignes = new[] { new { designation = "Lot sous-traité", quantite = 1, prixUnitaireHt = 100m, tauxTva = 20m } },
        });
        Assert.True(entered.IsSuccessStatusCode, await entered.Content.ReadAsStringAsync());
        await app.ProcessDepositsAsync();
        var toValidate = await app.Db(db => db.Set<Invoice>().Where(i => i.SupplierStructureId == subId && i.Number == toValidateNumber).Select(i => i.Id).SingleAsync());
        var sent = await app.Db(db => db.Set<Invoice>().Where(i => i.SupplierStructureId == id && i.Number == sentNumber).Select(i => i.Id).SingleAsync());
        var received = await app.Db(db => db.Set<Invoice>().Where(i => i.RecipientStructureId == id && i.Number == receivedNumber).Select(i => i.Id).SingleAsync());
        return new Side(id, siret, serviceId, bank, member.Id, technical, apiClient, approval, sent, received, flow, toValidate);
    }

    private static async Task<long> Created(HttpResponseMessage response)
    {
        Assert.True(response.IsSuccessStatusCode, $"{response.RequestMessage?.RequestUri}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
    }

    // ---- the request --------------------------------------------------------------------------------------------------

    /// <summary>What an identifier named <paramref name="name"/> is on <paramref name="side"/>; null for a name that is no identifier.</summary>
    private static string? Identifier(string name, string page, Side side) => name.ToLowerInvariant() switch
    {
        "structureid" => Str(side.StructureId),
        "serviceid" or "serviceids" => Str(side.ServiceId),
        "bankaccountid" or "idcoordonneesbancaires" => Str(side.BankAccountId),
        "userid" or "fromuserid" or "successorid" => Str(side.MemberId),
        "accountid" => Str(side.TechnicalAccountId),
        "id" => Str(page.Contains("ApiClients", StringComparison.Ordinal) ? side.ApiClientId : side.ApprovalId),
        "invoiceid" => Str(page.Contains("/Received", StringComparison.Ordinal) ? side.ReceivedInvoiceId
            : page.Contains("/ToValidate", StringComparison.Ordinal) ? side.ToValidateInvoiceId : side.SentInvoiceId),
        "number" => side.FlowNumber,
        "refundid" => "1",
        _ => null,
    };

    private static string Str(long value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// The page URL with <paramref name="route"/>'s identifiers in the route and, when <paramref name="query"/> is given, its
    /// identifiers again in the query string under every name the page binds.
    /// </summary>
    private static string Url(RouteEndpoint e, HandlerMethodDescriptor handler, Side route, Side? query)
    {
        var page = e.RoutePattern.RawText!;
        var path = "/" + RouteParameter().Replace(page, m => Identifier(m.Groups[1].Value, page, route) ?? "1").TrimStart('/');
        var parameters = new List<string>();
        if (handler.Name is { } name)
            parameters.Add($"handler={name}");
        if (query is not null)
        {
            var names = e.RoutePattern.Parameters.Select(p => p.Name).Concat(IdentifierNames).Distinct(StringComparer.OrdinalIgnoreCase);
            parameters.AddRange(names.Select(n => $"{n}={Uri.EscapeDataString(Identifier(n, page, query) ?? "1")}"));
        }
        return parameters.Count == 0 ? path : $"{path}?{string.Join('&', parameters)}";
    }

    private static readonly string[] IdentifierNames =
        ["structureId", "serviceId", "serviceIds", "bankAccountId", "idCoordonneesBancaires", "userId", "fromUserId", "successorId", "accountId", "id", "invoiceId", "number"];

    private sealed record Field(string Name, string? Value, byte[]? File);

    /// <summary>
    /// Every field the page and its handler bind, named as a browser would post it: identifiers carry the victim's values,
    /// other fields a plausible value, so that a page that wrongly took an identifier from the form would act on the victim.
    /// </summary>
    private static IEnumerable<Field> Fields(CompiledPageActionDescriptor page, HandlerMethodDescriptor handler, Side victim, World world)
    {
        var route = page.AttributeRouteInfo?.Template ?? "";
        var roots = page.BoundProperties.Select(p => (Name: p.BindingInfo?.BinderModelName ?? p.Name, Type: p.ParameterType))
            .Concat(handler.Parameters.Where(p => p.ParameterType != typeof(CancellationToken)).Select(p => (Name: p.BindingInfo?.BinderModelName ?? p.Name, Type: p.ParameterType)));
        foreach (var (name, type) in roots)
        {
            foreach (var field in Leaves(name, name, type, 0, route, victim, world))
                yield return field;
        }
    }

    private static IEnumerable<Field> Leaves(string path, string leaf, Type type, int depth, string page, Side victim, World world)
    {
        var element = ElementOf(type);
        if (typeof(IFormFile).IsAssignableFrom(element))
        {
            yield return new Field(path, null, leaf == "Fichier" ? Kit.Ubl(world.Own.Siret, world.ThirdSiret, $"P{Unique.Next()}") : "%PDF-1.4\n%copie\n%%EOF\n"u8.ToArray());
            yield break;
        }
        if (IsSimple(element))
        {
            yield return new Field(path, Identifier(leaf, page, victim) ?? Plausible(leaf, element, world), null);
            yield break;
        }
        if (depth > 2 || element.Namespace?.StartsWith("System", StringComparison.Ordinal) == true)
            yield break;
        var prefix = element != type ? $"{path}[0]" : path;
        foreach (var property in element.GetProperties().Where(p => p.CanWrite && p.SetMethod?.IsPublic == true))
        {
            foreach (var field in Leaves($"{prefix}.{property.Name}", property.Name, property.PropertyType, depth + 1, page, victim, world))
                yield return field;
        }
    }

    private static Type ElementOf(Type type)
    {
        if (type != typeof(string) && type.GetInterfaces().Concat([type]).FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>)) is { } enumerable)
            return enumerable.GetGenericArguments()[0];
        return type;
    }

    private static bool IsSimple(Type type)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        return t.IsPrimitive || t.IsEnum || t == typeof(string) || t == typeof(decimal) || t == typeof(DateOnly) || t == typeof(DateTime)
            || t == typeof(DateTimeOffset) || t == typeof(Guid);
    }

    /// <summary>A value the field accepts, so that the post gets past validation and reaches the handler.</summary>
    private static string Plausible(string name, Type type, World world)
    {
        switch (name)
        {
            case "Nom": return "Compte pirate";
            case "Iban": return "FR14 2004 1010 0505 0001 3M02 606";
            case "Bic": return "BNPAFRPP";
            case "Name": return $"Pirate {Unique.Next()}";
            case "Code": return $"PIRATE{Unique.Next()}";
            case "ValidFrom": return "2026-01-01";
            case "ValidTo": return "";
            case "Email": return "pirate@example.test";
            case "VatNumber": return "";
            case "PostCode": return "75001";
            case "City": return "Paris";
            case "CountryCode": return "FR";
            case "NumeroFacture": return $"P{Unique.Next()}";
            case "DateFacture" or "DeliveryDate": return "2026-11-20";
            case "IdentifiantDestinataire" or "CodeDestinataire": return world.ThirdSiret;
            case "Designation": return "Prestation";
            case "Quantite" or "Quantity": return "1";
            case "PrixUnitaireHt": return "10";
            case "TauxTva": return "20";
            case "Syntaxe": return "IN_DP_E1_UBL_INVOICE";
            case "NouveauStatut": return "SERVICE_FAIT";
            case "Cadre": return "A1";
            case "CodeStructureValideur" or "CodeServiceValideur": return "";
            case "MotifRefus": return "DOUBLON";
            case "Application": return "FacturesEmises";
            case "Profile": return "Modification";
            case "Year": return "2025";
            case "BankDetailsReference": return "FR76 3000 6000 0112 3456 7890 189";
            case "SwornNotInDifficulty": return "true";
        }
        var t = Nullable.GetUnderlyingType(type) ?? type;
        if (t == typeof(bool))
            return "false";
        if (t.IsEnum)
            return Enum.GetNames(t)[0];
        if (t == typeof(DateOnly) || t == typeof(DateTime) || t == typeof(DateTimeOffset))
            return "2026-11-20";
        return t == typeof(string) ? "Pirate" : "1";
    }

    private static HttpRequestMessage Post(string url, IReadOnlyList<Field> fields, string token)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url);
        if (fields.Any(f => f.File is not null))
        {
            var multipart = new MultipartFormDataContent { { new StringContent(token), "__RequestVerificationToken" } };
            foreach (var f in fields)
            {
                if (f.File is not null)
                    multipart.Add(new ByteArrayContent(f.File), f.Name, f.Name.Contains("Fichier", StringComparison.Ordinal) ? "facture.xml" : "piece.pdf");
                else
                    multipart.Add(new StringContent(f.Value ?? ""), f.Name);
            }
            request.Content = multipart;
        }
        else
        {
            request.Content = new FormUrlEncodedContent(fields.Select(f => KeyValuePair.Create(f.Name, f.Value ?? ""))
                .Append(KeyValuePair.Create("__RequestVerificationToken", token)));
        }
        return request;
    }

    private static string Refusal(string html) => RefusalCode().Match(html) is { Success: true } m ? m.Value : "";

    // ---- what is stored about a structure ---------------------------------------------------------------------------------

    /// <summary>
    /// The structure's row and every row that refers to it, directly (a foreign key to it, or a column named *StructureId) or
    /// through another such row, as text per table. Found through the EF model, so a new table is covered without a change here.
    /// </summary>
    private Task<Dictionary<string, List<string>>> SnapshotAsync(long structureId) => app.Db(async db =>
    {
        var tables = new Dictionary<string, (IEntityType Type, List<Dictionary<string, string>> Rows)>();
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync();
        try
        {
            foreach (var type in db.Model.GetEntityTypes().Where(t => !t.IsOwned() && t.GetTableName() is not null))
            {
                var table = type.GetTableName()!;
                if (tables.ContainsKey(table))
                    continue;
                await using var command = connection.CreateCommand();
                command.CommandText = $"SELECT * FROM \"{table}\"";
                await using var reader = await command.ExecuteReaderAsync();
                var rows = new List<Dictionary<string, string>>();
                while (await reader.ReadAsync())
                    rows.Add(Enumerable.Range(0, reader.FieldCount).ToDictionary(reader.GetName, i => Text(reader, i)));
                tables[table] = (type, rows);
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }

        var structureTable = db.Model.FindEntityType(typeof(Structure))!.GetTableName()!;
        var kept = tables.ToDictionary(t => t.Key, _ => new HashSet<int>());
        var id = Str(structureId);
        foreach (var (table, (type, rows)) in tables)
        {
            var columns = type.GetProperties().Where(p => p.Name.EndsWith("StructureId", StringComparison.Ordinal)).Select(p => p.GetColumnName()).ToList();
            for (var i = 0; i < rows.Count; i++)
            {
                if (table == structureTable ? rows[i]["Id"] == id : columns.Any(c => rows[i].GetValueOrDefault(c) == id))
                    kept[table].Add(i);
            }
        }
        // Rows whose foreign key points at a kept row, until nothing is added.
        for (var grew = true; grew;)
        {
            grew = false;
            foreach (var (table, (type, rows)) in tables)
            {
                foreach (var fk in type.GetForeignKeys())
                {
                    var principal = fk.PrincipalEntityType.GetTableName()!;
                    if (!tables.TryGetValue(principal, out var target))
                        continue;
                    var keyColumns = fk.PrincipalKey.Properties.Select(p => p.GetColumnName()).ToList();
                    var keys = kept[principal].Select(i => string.Join("|", keyColumns.Select(c => target.Rows[i][c]))).ToHashSet();
                    var fkColumns = fk.Properties.Select(p => p.GetColumnName()).ToList();
                    for (var i = 0; i < rows.Count; i++)
                    {
                        if (!kept[table].Contains(i) && keys.Contains(string.Join("|", fkColumns.Select(c => rows[i][c]))) && kept[table].Add(i))
                            grew = true;
                    }
                }
            }
        }
        return kept.Where(k => k.Value.Count > 0).ToDictionary(k => k.Key,
            k => k.Value.Select(i => string.Join(", ", tables[k.Key].Rows[i].OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => $"{c.Key}={c.Value}"))).Order(StringComparer.Ordinal).ToList());
    });

    private static string Text(DbDataReader reader, int i) => reader.IsDBNull(i) ? "∅" : reader.GetValue(i) switch
    {
        byte[] bytes => Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(bytes)),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        var v => v.ToString() ?? "",
    };

    private static string? Difference(Dictionary<string, List<string>> before, Dictionary<string, List<string>> after)
    {
        var changes = new StringBuilder();
        foreach (var table in before.Keys.Union(after.Keys).Order(StringComparer.Ordinal))
        {
            var was = before.GetValueOrDefault(table) ?? [];
            var now = after.GetValueOrDefault(table) ?? [];
            foreach (var row in now.Except(was))
                changes.Append(CultureInfo.InvariantCulture, $"\n    + {table}: {row}");
            foreach (var row in was.Except(now))
                changes.Append(CultureInfo.InvariantCulture, $"\n    - {table}: {row}");
        }
        return changes.Length == 0 ? null : changes.ToString();
    }

    [GeneratedRegex(@"\{([A-Za-z]+)(:[^}]*)?\}")]
    private static partial Regex RouteParameter();

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();

    [GeneratedRegex("[A-Z][A-Z0-9]+(_[A-Z0-9]+)+")]
    private static partial Regex RefusalCode();
}
