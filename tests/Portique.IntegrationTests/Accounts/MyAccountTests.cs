using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Portique.IntegrationTests.Infrastructure;
using static Portique.IntegrationTests.Organisation.CreateStructureTests;

namespace Portique.IntegrationTests.Accounts;

public sealed class MyAccountTests(PortiqueApp app) : IClassFixture<PortiqueApp>
{
    [Fact]
    public async Task Switches_are_off_by_default_and_the_owner_changes_them_through_the_api()
    {
        var (user, client) = await app.SignedInUserAsync();
        var me = await client.GetFromJsonAsync<JsonElement>("/api/v1/me");
        Assert.False(me.GetProperty("notifyNews").GetBoolean());
        Assert.False(me.GetProperty("notifyInvoicing").GetBoolean());

        var updated = await client.PutAsJsonAsync("/api/v1/me",
            new { firstName = "Lou", lastName = "Bernard", contactEmail = "compta@example.org", notifyInvoicing = true, notifyNews = true });

        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        var stored = await app.Db(db => db.Users.AsNoTracking().SingleAsync(u => u.Id == user.Id));
        Assert.Equal(("Lou", "Bernard", "compta@example.org", true, true), (stored.FirstName, stored.LastName, stored.ContactEmail, stored.NotifyInvoicing, stored.NotifyNews));
        Assert.True(await app.Db(db => db.AuditEntries.AnyAsync(a => a.Action == "account.update" && a.TargetUserId == user.Id)));
    }

    [Theory]
    [InlineData("Lou", "pas-une-adresse", "EMAIL_INVALID")]
    [InlineData("", null, "FIELD_REQUIRED")]
    [InlineData("xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", null, "FIELD_TOO_LONG")]
    public async Task Bad_profile_is_refused_and_nothing_changes(string firstName, string? contactEmail, string code)
    {
        var (user, client) = await app.SignedInUserAsync();

        await AssertProblem(await client.PutAsJsonAsync("/api/v1/me", new { firstName, lastName = "B", contactEmail, notifyInvoicing = true, notifyNews = true }),
            HttpStatusCode.BadRequest, code);

        var stored = await app.Db(db => db.Users.AsNoTracking().SingleAsync(u => u.Id == user.Id));
        Assert.Equal(("Test", null, false, false), (stored.FirstName, stored.ContactEmail, stored.NotifyInvoicing, stored.NotifyNews));
    }

    [Fact]
    public async Task Mon_compte_page_saves_the_switches()
    {
        var user = await app.CreateUserAsync();
        var browser = app.Browser();
        await browser.LoginPageAsync(user.Email!, PortiqueApp.Password);

        var saved = await browser.PostFormAsync("/Account/Manage",
            new() { ["FirstName"] = "Éva", ["LastName"] = "Roux", ["ContactEmail"] = "", ["NotifyInvoicing"] = "false", ["NotifyNews"] = "true" });

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var stored = await app.Db(db => db.Users.AsNoTracking().SingleAsync(u => u.Id == user.Id));
        Assert.Equal(("Éva", null, false, true), (stored.FirstName, stored.ContactEmail, stored.NotifyInvoicing, stored.NotifyNews));
        var refused = await browser.PostFormAsync("/Account/Manage",
            new() { ["FirstName"] = "Éva", ["LastName"] = "Roux", ["ContactEmail"] = "nope", ["NotifyInvoicing"] = "true", ["NotifyNews"] = "true" });
        Assert.Equal("EMAIL_INVALID", AccountKit.RefusalCode(await refused.Content.ReadAsStringAsync()));
        Assert.False(await app.Db(db => db.Users.Where(u => u.Id == user.Id).Select(u => u.NotifyInvoicing).SingleAsync()));
    }
}
