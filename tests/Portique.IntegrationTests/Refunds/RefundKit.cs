using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portique.Accounts;
using Portique.IntegrationTests.Infrastructure;
using Portique.Organisation;
using Portique.Refunds;

namespace Portique.IntegrationTests.Refunds;

/// <summary>Farms, lines and customs officers for the refund tests.</summary>
internal static class RefundKit
{
    public static readonly byte[] Pdf = "%PDF-1.4\n% copie de facture fournisseur\n%%EOF\n"u8.ToArray();

    /// <summary>A moment given in Paris time (the windows are French calendar days), as the clock's UTC instant.</summary>
    public static DateTimeOffset Paris(int year, int month, int day, int hour = 10, int minute = 0)
    {
        var local = new DateTime(year, month, day, hour, minute, 0, DateTimeKind.Unspecified);
        return new DateTimeOffset(local, ParisZone.GetUtcOffset(local)).ToUniversalTime();
    }

    private static readonly TimeZoneInfo ParisZone = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");

    public sealed record Farm(long StructureId, User Owner, HttpClient Client);

    /// <summary>A beneficiary structure; its creator is principal manager, so holds "Remboursement de taxes".</summary>
    public static async Task<Farm> FarmAsync(PortiqueApp app, string name = "GAEC des Prés")
    {
        var owner = await app.CreateUserAsync(Unique.Email("farmer"));
        var client = ClientFor(app, owner.Email!);
        var created = await client.PostAsJsonAsync("/api/v1/structures", new { identifierType = "SIRET", identifier = Unique.Siret(), name, isPublic = false });
        created.EnsureSuccessStatusCode();
        return new Farm((await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64(), owner, client);
    }

    /// <summary>
    /// A client that signs in again whenever the test clock has moved more than half an hour since its last token: the tests
    /// jump across months and bearer tokens live one hour of that clock.
    /// </summary>
    public static HttpClient ClientFor(PortiqueApp app, string email) => app.CreateDefaultClient(new FreshToken(app, email));

    private sealed class FreshToken(PortiqueApp app, string email) : DelegatingHandler
    {
        private string? _token;
        private DateTimeOffset _at;

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
        {
            var now = app.Clock.GetUtcNow();
            if (_token is null || (now - _at).Duration() > TimeSpan.FromMinutes(30))
            {
                using var login = new HttpRequestMessage(HttpMethod.Post, new Uri(request.RequestUri!, "/api/v1/account/login"))
                {
                    Content = JsonContent.Create(new { email, password = PortiqueApp.Password }),
                };
                using var response = await base.SendAsync(login, ct);
                response.EnsureSuccessStatusCode();
                _token = (await response.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("accessToken").GetString();
                _at = now;
            }
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", _token);
            return await base.SendAsync(request, ct);
        }
    }

    public static object Line(string date, string product = "GNR", decimal quantity = 100m, string? invoice = null, byte[]? content = null, bool attach = true) => new
    {
        invoiceNumber = invoice ?? $"F-{Unique.Next()}",
        deliveryDate = date,
        product,
        quantity,
        attachment = attach ? new { fileName = "facture.pdf", content = content ?? Pdf } : null,
    };

    public static object Request(int year, IEnumerable<object> lines, bool? requestAdvance = null, bool sworn = true, string bank = "FR76 3000 4000 0500 0012 3456 789") =>
        new { deliveryYear = year, bankDetailsReference = bank, swornNotInDifficulty = sworn, lines = lines.ToArray(), requestAdvance };

    public static async Task<JsonElement> FileAsync(HttpClient client, long structureId, object request)
    {
        var response = await client.PostAsJsonAsync($"/api/v1/structures/{structureId}/refunds", request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"filing refused: {(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    /// <summary>A member of the customs administration (role "Douane"), signed in through the API.</summary>
    public static async Task<HttpClient> CustomsAsync(PortiqueApp app)
    {
        var officer = await app.CreateUserAsync(Unique.Email("douane"));
        await MakeCustomsAsync(app, officer);
        return ClientFor(app, officer.Email!);
    }

    public static async Task MakeCustomsAsync(PortiqueApp app, User officer)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole<long>>>();
        if (!await roles.RoleExistsAsync(Roles.Customs))
            await roles.CreateAsync(new IdentityRole<long>(Roles.Customs));
        var users = scope.ServiceProvider.GetRequiredService<UserManager<User>>();
        await users.AddToRoleAsync((await users.FindByIdAsync(officer.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)))!, Roles.Customs);
    }

    public static async Task MoveAsync(HttpClient customs, long refundId, params string[] statuses)
    {
        foreach (var status in statuses)
        {
            var response = await customs.PostAsJsonAsync($"/api/v1/customs/refunds/{refundId}/status", new { status, reason = status == "REFUSEE" ? "Factures illisibles" : null });
            Assert.True(response.IsSuccessStatusCode, $"{status}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
    }

    public static Task<(int Requests, int Lines, int Attachments)> CountsAsync(PortiqueApp app) => app.Db(async db =>
        (await db.Set<RefundRequest>().CountAsync(), await db.Set<RefundLine>().CountAsync(), await db.Set<RefundAttachment>().CountAsync()));

    /// <summary>Grants a new user a habilitation on the structure.</summary>
    public static async Task<User> MemberAsync(PortiqueApp app, long structureId, PortalApplication application, HabilitationProfile profile, bool notify = true)
    {
        var user = await app.CreateUserAsync();
        await app.Db(async db =>
        {
            var m = Membership.Attach(structureId, user.Id, MemberRole.User, app.Clock.GetUtcNow());
            m.Grant(application, profile, null);
            db.Memberships.Add(m);
            var u = await db.Users.SingleAsync(x => x.Id == user.Id);
            u.NotifyInvoicing = notify;
            return await db.SaveChangesAsync();
        });
        return user;
    }
}
