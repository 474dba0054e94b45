using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Portique.IntegrationTests.Accounts;
using Portique.IntegrationTests.Infrastructure;
using Portique.News;
using static Portique.IntegrationTests.Organisation.CreateStructureTests;

namespace Portique.IntegrationTests.News;

public sealed class NewsTests(PortiqueApp app) : IClassFixture<PortiqueApp>
{
    [Fact]
    public async Task Publishing_emails_each_subscriber_exactly_once_and_nobody_else()
    {
        var subscribers = new List<string>();
        for (var i = 0; i < 3; i++)
            subscribers.Add((await Subscriber(notifyNews: true)).Address);
        var withContact = await Subscriber(notifyNews: true, contactEmail: Unique.Email("contact"));
        var others = new List<string> { (await Subscriber(notifyNews: false)).Address, withContact.Login };
        var deactivated = await Subscriber(notifyNews: true);
        await app.Db(db => db.Users.Where(u => u.Email == deactivated.Login).ExecuteUpdateAsync(s => s.SetProperty(u => u.IsDeactivated, true)));
        others.Add(deactivated.Login);
        var (_, op) = await app.SignedInUserAsync(isOperator: true);
        var title = $"Nouvelle version {Unique.Next()}";

        var response = await op.PostAsJsonAsync("/api/v1/news",
            new { title, body = "Le dépôt de factures Factur-X est disponible.", webinarAt = "2026-12-10T14:00:00Z", webinarLink = "https://webinaire.example.org/portique" });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
        var queued = await app.Db(db => db.Outbox.Where(m => m.DeduplicationKey!.StartsWith($"news:{id}:user:")).Select(m => m.To).ToListAsync());
        // Other tests of this class may have added subscribers: check ours, and that nobody is queued twice.
        Assert.All(subscribers.Append(withContact.Address), a => Assert.Single(queued, a));
        Assert.All(others, a => Assert.DoesNotContain(a, queued));
        Assert.Equal(queued.Count, queued.Distinct().Count());
        await app.DrainMailAsync();
        foreach (var address in subscribers.Append(withContact.Address))
        {
            var mail = Assert.Single(app.Mailbox.To(address), m => m.Subject!.Contains(title, StringComparison.Ordinal));
            Assert.Contains("https://webinaire.example.org/portique", mail.TextBody, StringComparison.Ordinal);
        }
        foreach (var address in others)
            Assert.DoesNotContain(app.Mailbox.To(address), m => m.Subject!.Contains(title, StringComparison.Ordinal));

        var list = await op.GetFromJsonAsync<JsonElement>("/api/v1/news");
        Assert.Equal(title, list.GetProperty("items")[0].GetProperty("title").GetString());
    }

    [Fact]
    public async Task Only_operators_publish_and_bad_input_writes_nothing()
    {
        await Subscriber(notifyNews: true);
        var (_, user) = await app.SignedInUserAsync();
        var (_, op) = await app.SignedInUserAsync(isOperator: true);
        var before = await Counts();

        Assert.Equal(HttpStatusCode.Forbidden, (await user.PostAsJsonAsync("/api/v1/news", new { title = "T", body = "B" })).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().PostAsJsonAsync("/api/v1/news", new { title = "T", body = "B" })).StatusCode);
        await AssertProblem(await op.PostAsJsonAsync("/api/v1/news", new { title = "", body = "B" }), HttpStatusCode.BadRequest, "FIELD_REQUIRED");
        await AssertProblem(await op.PostAsJsonAsync("/api/v1/news", new { title = new string('t', 201), body = "B" }), HttpStatusCode.BadRequest, "FIELD_TOO_LONG");
        await AssertProblem(await op.PostAsJsonAsync("/api/v1/news", new { title = "T", body = "B", webinarLink = "javascript:alert(1)" }), HttpStatusCode.BadRequest, "NEWS_LINK_INVALID");

        Assert.Equal(before, await Counts());
        Assert.Equal(HttpStatusCode.OK, (await user.GetAsync("/api/v1/news")).StatusCode);
    }

    [Fact]
    public async Task Operator_publishes_on_the_page_and_users_read_it()
    {
        var op = await app.CreateUserAsync(isOperator: true);
        var browser = app.Browser();
        await browser.LoginPageAsync(op.Email!, PortiqueApp.Password);
        Assert.Contains("/Operator/AppointPrincipal", await (await browser.GetAsync("/Operator")).Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var title = $"Maintenance {Unique.Next()}";

        var published = await browser.PostFormAsync("/Operator/News", new() { ["Title"] = title, ["Body"] = "Samedi de 8 h à 10 h.", ["WebinarAt"] = "", ["WebinarLink"] = "" });

        Assert.Equal("/News", published.Headers.Location?.OriginalString);
        var refused = await browser.PostFormAsync("/Operator/News", new() { ["Title"] = "", ["Body"] = "x", ["WebinarAt"] = "", ["WebinarLink"] = "" });
        Assert.Equal("FIELD_REQUIRED", AccountKit.RefusalCode(await refused.Content.ReadAsStringAsync()));
        var reader = app.Browser();
        await reader.LoginPageAsync((await app.CreateUserAsync()).Email!, PortiqueApp.Password);
        Assert.Contains(title, await (await reader.GetAsync("/News")).Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("/Account/AccessDenied", (await reader.GetAsync("/Operator")).Headers.Location!.ToString(), StringComparison.Ordinal);
    }

    private Task<(int News, int Outbox)> Counts() =>
        app.Db(async db => (await db.Set<NewsItem>().CountAsync(), await db.Outbox.CountAsync()));

    private async Task<(string Login, string Address)> Subscriber(bool notifyNews, string? contactEmail = null)
    {
        var user = await app.CreateUserAsync();
        await app.Db(db => db.Users.Where(u => u.Id == user.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.NotifyNews, notifyNews).SetProperty(u => u.ContactEmail, contactEmail)));
        return (user.Email!, contactEmail ?? user.Email!);
    }
}
