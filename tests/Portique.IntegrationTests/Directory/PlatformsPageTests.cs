using System.Net;
using Microsoft.EntityFrameworkCore;
using Portique.Annuaire;
using Portique.IntegrationTests.Accounts;
using Portique.IntegrationTests.Infrastructure;

namespace Portique.IntegrationTests.Annuaire;

/// <summary>Issue 18 point 4: operators register the receiving platforms on a page, with each refusal next to its field.</summary>
public sealed class PlatformsPageTests(PortiqueApp app) : IClassFixture<PortiqueApp>
{
    [Fact]
    public async Task An_operator_registers_a_platform_and_refusals_sit_next_to_their_field()
    {
        var op = await app.CreateUserAsync(Unique.Email("op"), isOperator: true);
        var browser = app.Browser();
        await browser.LoginPageAsync(op.Email!, PortiqueApp.Password);
        Assert.Contains("/Operator/Platforms", await (await browser.GetAsync("/Operator")).Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var list = await (await browser.GetAsync("/Operator/Platforms")).Content.ReadAsStringAsync();
        // The two platforms every directory knows are listed from the start.
        Assert.Contains("data-matricule=\"0000\"", list, StringComparison.Ordinal);
        Assert.Contains("data-matricule=\"9999\"", list, StringComparison.Ordinal);
        var matricule = Unique.Next().ToString("D4", System.Globalization.CultureInfo.InvariantCulture)[^4..];
        await app.Db(db => db.Set<Platform>().Where(p => p.Matricule == matricule).ExecuteDeleteAsync());

        var registered = await browser.PostFormAsync("/Operator/Platforms", new() { ["Matricule"] = matricule, ["Name"] = "Plateforme Test", ["BaseUrl"] = "https://pa.example.test" });

        Assert.Equal("/Operator/Platforms", registered.Headers.Location?.OriginalString);
        var platform = await app.Db(db => db.Set<Platform>().SingleAsync(p => p.Matricule == matricule));
        Assert.Equal(("Plateforme Test", "https://pa.example.test", PlatformType.WK), (platform.Name, platform.BaseUrl, platform.Type));
        Assert.Contains($"data-matricule=\"{matricule}\"", await (await browser.GetAsync("/Operator/Platforms")).Content.ReadAsStringAsync(), StringComparison.Ordinal);

        foreach (var (form, code, field) in new[]
        {
            (new Dictionary<string, string> { ["Matricule"] = matricule, ["Name"] = "Doublon", ["BaseUrl"] = "" }, "PLATFORM_DUPLICATE", "Matricule"),
            (new Dictionary<string, string> { ["Matricule"] = "12a4", ["Name"] = "X", ["BaseUrl"] = "" }, "PLATFORM_MATRICULE_INVALID", "Matricule"),
            (new Dictionary<string, string> { ["Matricule"] = "0001", ["Name"] = " ", ["BaseUrl"] = "" }, "FIELD_REQUIRED", "Name"),
            (new Dictionary<string, string> { ["Matricule"] = "0001", ["Name"] = "X", ["BaseUrl"] = "ftp://pa" }, "PLATFORM_URL_INVALID", "BaseUrl"),
        })
        {
            var before = await app.Db(db => db.Set<Platform>().CountAsync());
            var refused = await browser.PostFormAsync("/Operator/Platforms", form);
            var html = await refused.Content.ReadAsStringAsync();
            Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
            Assert.Equal(code, AccountKit.RefusalCode(html));
            Assert.Contains($"id=\"err-{field}\"", html, StringComparison.Ordinal);
            Assert.Equal(before, await app.Db(db => db.Set<Platform>().CountAsync()));
        }
        // Still the original name: the duplicate changed nothing.
        Assert.Equal("Plateforme Test", (await app.Db(db => db.Set<Platform>().SingleAsync(p => p.Matricule == matricule))).Name);
    }

    [Fact]
    public async Task A_user_who_is_not_an_operator_cannot_open_or_post_the_page()
    {
        var browser = app.Browser();
        await browser.LoginPageAsync((await app.CreateUserAsync()).Email!, PortiqueApp.Password);
        Assert.Contains("/Account/AccessDenied", (await browser.GetAsync("/Operator/Platforms")).Headers.Location!.ToString(), StringComparison.Ordinal);
        var before = await app.Db(db => db.Set<Platform>().CountAsync());
        // A valid antiforgery token from a page the user may open: only the operator policy stands in the way.
        var posted = await browser.PostFormAsync("/Operator/Platforms", new() { ["Matricule"] = "0002", ["Name"] = "Intrus", ["BaseUrl"] = "" }, pageUrl: "/Account/Manage");
        Assert.Contains("/Account/AccessDenied", posted.Headers.Location?.ToString() ?? "", StringComparison.Ordinal);
        Assert.Equal(before, await app.Db(db => db.Set<Platform>().CountAsync()));
    }
}
