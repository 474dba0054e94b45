using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Portique.IntegrationTests.Infrastructure;

namespace Portique.IntegrationTests.Browser;

public sealed class ConnectionsBrowserTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [SkippableBrowserFact]
    public async Task Create_a_technical_account_then_reset_its_password_through_the_request_form()
    {
        var (manager, api) = await app.SignedInUserAsync();
        var created = await api.PostAsJsonAsync("/api/v1/structures", new { identifierType = "SIRET", identifier = Unique.Siret(), name = "Éditeur du Navigateur", isPublic = false });
        var structureId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
        var page = await app.NewPageAsync();
        Assert.True((await page.Context.APIRequest.PostAsync("/api/v1/account/login?useCookies=true",
            new APIRequestContextOptions { DataObject = new { email = manager.Email, password = PortiqueApp.Password } })).Ok);

        await page.GotoAsync($"/Connections/Structures/{structureId}/TechnicalAccounts/New");
        await page.ClickAsync("#create");
        var login = await page.InnerTextAsync("#login");
        var first = await page.InnerTextAsync("#password");
        Assert.Matches(@"^TECH_1_\d{10}@cpro\.portique$", login);

        // The request form: type of request, structure, technical account, submit; the new password is shown once.
        await page.GotoAsync("/Connections");
        await page.ClickAsync("#reset-form");
        await page.SelectOptionAsync("#StructureId", structureId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await page.ClickAsync("#choose-structure");
        var accountId = await app.Db(db => db.TechnicalAccounts.Where(t => t.StructureId == structureId).Select(t => t.Id).SingleAsync());
        Assert.Contains(login, await page.InnerTextAsync("#AccountId"), StringComparison.Ordinal);
        await page.SelectOptionAsync("#AccountId", accountId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        // Issue 17: the reset is confirmed first, with its consequence spelled out; cancelling changes nothing.
        await page.ClickAsync("#reset");
        Assert.Contains("cessera aussitôt de fonctionner", await page.InnerTextAsync("#confirm-message"), StringComparison.Ordinal);
        await page.ClickAsync("#confirm-no");
        Assert.Equal(0, await page.Locator("dialog.confirm").CountAsync());
        Assert.Equal(0, await page.Locator("#password").CountAsync());
        await page.ClickAsync("#reset");
        await page.ClickAsync("#confirm-yes");
        var second = await page.InnerTextAsync("#password");

        Assert.NotEqual(first, second);
        Assert.Equal(login, await page.InnerTextAsync("#login"));
        var stored = await app.Db(db => db.TechnicalAccounts.SingleAsync(t => t.StructureId == structureId));
        Assert.DoesNotContain(second, stored.PasswordHash, StringComparison.Ordinal);
        // Shown once: the structure's page lists the account but no password.
        await page.GotoAsync($"/Connections/Structures/{structureId}");
        Assert.DoesNotContain(second, await page.ContentAsync(), StringComparison.Ordinal);
        Assert.Contains(login, await page.InnerTextAsync("#technical-accounts"), StringComparison.Ordinal);
    }
}
