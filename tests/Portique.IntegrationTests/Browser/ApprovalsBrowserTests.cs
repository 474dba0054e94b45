using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Portique.Approvals;
using Portique.IntegrationTests.Infrastructure;

namespace Portique.IntegrationTests.Browser;

public sealed class ApprovalsBrowserTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    // Signs in through the account API with a cookie, in the browser context, so this test does not depend on the login page.
    private async Task<IPage> SignedInPageAsync(string email)
    {
        var page = await app.NewPageAsync();
        var response = await page.Context.APIRequest.PostAsync("/api/v1/account/login?useCookies=true",
            new APIRequestContextOptions { DataObject = new { email, password = PortiqueApp.Password } });
        Assert.True(response.Ok, $"login {email}: {response.Status}");
        return page;
    }

    private static async Task<string?> MenuCountAsync(IPage page)
    {
        await page.GotoAsync("/Approvals");
        var badge = page.Locator("#menu-pending-count");
        return await badge.CountAsync() == 0 ? null : await badge.InnerTextAsync();
    }

    private static async Task RequestAttachmentAsync(IPage page, string siret, string comment)
    {
        await page.GotoAsync("/Approvals/Attach");
        await page.FillAsync("#Identifier", siret);
        await page.ClickAsync("#search");
        await page.Locator("input[name=ServiceIds]").First.CheckAsync();
        await page.FillAsync("#Comment", comment);
        await page.ClickAsync("#send");
        // Either the requester's list (success) or the form again with the refusal.
        await page.WaitForSelectorAsync("#my-requests, .validation-summary-errors", new PageWaitForSelectorOptions { Timeout = 30_000 });
        Assert.True(page.Url.EndsWith("/Approvals/Mine", StringComparison.Ordinal), $"{page.Url}: {await page.InnerTextAsync("main")}");
    }

    [SkippableBrowserFact]
    public async Task Request_refuse_with_reason_then_approve_and_the_user_gets_access_at_once()
    {
        var (manager, managerApi) = await app.SignedInUserAsync();
        var siret = Unique.Siret();
        var created = await managerApi.PostAsJsonAsync("/api/v1/structures", new { identifierType = "SIRET", identifier = siret, name = "Mairie du Navigateur", isPublic = true });
        var structureId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
        var requester = await app.CreateUserAsync();
        var managerPage = await SignedInPageAsync(manager.Email!);
        var requesterPage = await SignedInPageAsync(requester.Email!);
        Assert.Null(await MenuCountAsync(managerPage));

        await RequestAttachmentAsync(requesterPage, siret, "Agent comptable");

        Assert.Equal("1", await MenuCountAsync(managerPage));
        await managerPage.ClickAsync("#approvals a:has-text('Demande de rattachement')");
        Assert.Equal("Agent comptable", await managerPage.InnerTextAsync("#comment"));

        // Without a reason the dialog's form does not submit: the browser holds it (and the server rule would refuse it).
        await managerPage.ClickAsync("#refuse");
        Assert.True(await managerPage.IsVisibleAsync("#refuse-dialog"));
        var detailUrl = managerPage.Url;
        await managerPage.ClickAsync("#confirm-refuse");
        Assert.True(await managerPage.Locator("#Reason").EvaluateAsync<bool>("e => !e.validity.valid"));
        Assert.Equal(detailUrl, managerPage.Url);
        Assert.Equal(ApprovalState.Pending, await app.Db(db => db.ApprovalRequests.Where(a => a.StructureId == structureId).Select(a => a.State).SingleAsync()));

        await managerPage.FillAsync("#Reason", "Agent inconnu de nos services");
        await managerPage.ClickAsync("#confirm-refuse");
        await managerPage.WaitForURLAsync("**/Approvals");
        Assert.Null(await MenuCountAsync(managerPage));

        await requesterPage.GotoAsync("/Approvals/Mine");
        Assert.Contains("Agent inconnu de nos services", await requesterPage.InnerTextAsync("#my-requests"), StringComparison.Ordinal);

        // Second request, approved: the requester is attached at once (his structures now include it, no new sign-in).
        await RequestAttachmentAsync(requesterPage, siret, "Je suis bien agent comptable");
        Assert.Equal("1", await MenuCountAsync(managerPage));
        await managerPage.ClickAsync("#approvals a:has-text('Demande de rattachement')");
        await managerPage.ClickAsync("#approve");
        await managerPage.WaitForURLAsync("**/Approvals");
        Assert.Null(await MenuCountAsync(managerPage));

        await requesterPage.GotoAsync("/Approvals/Habilitation");
        Assert.Contains("Mairie du Navigateur", await requesterPage.InnerTextAsync("#StructureId"), StringComparison.Ordinal);
        Assert.True(await app.Db(db => db.Memberships.AnyAsync(m => m.StructureId == structureId && m.UserId == requester.Id && m.IsActive)));
    }
}
