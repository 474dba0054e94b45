using Microsoft.EntityFrameworkCore;
using Portique.Annuaire;
using Portique.Common;
using Portique.IntegrationTests.Infrastructure;
using Portique.IntegrationTests.Invoicing;
using static Portique.IntegrationTests.Annuaire.DirectoryKit;

namespace Portique.IntegrationTests.Annuaire;

/// <summary>Issue 18 point 4 in a real browser: a manager changes the receiving platform; the public lookup finds the company.</summary>
public sealed class DirectoryBrowserTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [SkippableBrowserFact]
    public async Task A_manager_changes_the_receiving_platform_and_the_public_lookup_shows_it()
    {
        var op = await OperatorAsync(app);
        var (first, second) = (await PlatformAsync(op), await PlatformAsync(op));
        var siren = Siren();
        var siret = SiretOf(siren);
        var name = $"Verrerie Lambert {Unique.Next()}";
        await LegalUnitAsync(op, siren, name, platform: first);
        await FacilityAsync(op, siret, "Verrerie Lambert Lyon", facilityType: "P", diffusible: false);
        var manager = await app.CreateUserAsync(Unique.Email("gestionnaire"));
        await Kit.CreateStructureAsync(await app.ClientForAsync(manager.Email!), siret, isPublic: false);
        var tomorrow = app.Clock.GetUtcNow().DayInParis().AddDays(1);

        var page = await app.NewPageAsync();
        page.SetDefaultTimeout(60_000);
        await BrowserApp.SignInAsync(page, manager.Email!);
        await page.GotoAsync("/Annuaire/Manage");
        await FrenchText.AssertPageIsFrenchAsync(page);
        await page.SelectOptionAsync("#siren", siren);
        await page.SelectOptionAsync("#platform", second);
        await page.FillAsync("#valid-from", tomorrow.ToString("yyyy-MM-dd"));
        await page.ClickAsync("#save");
        Assert.Contains(siren, await page.InnerTextAsync("#message"), StringComparison.Ordinal);
        // The history: the first line closes tomorrow, the new one is upcoming.
        var rows = page.Locator($"section[data-siren='{siren}'] table.lines tbody tr");
        Assert.Equal(2, await rows.CountAsync());
        Assert.Equal(second, await rows.Nth(1).GetAttributeAsync("data-platform"));
        Assert.Contains("À venir", await rows.Nth(1).InnerTextAsync(), StringComparison.Ordinal);
        var lines = await app.Db(db => db.Set<DirectoryLine>().AsNoTracking().Where(l => l.Siren == siren).OrderBy(l => l.ValidFrom).ToListAsync());
        Assert.Equal([(first, (DateOnly?)tomorrow), (second, null)], lines.Select(l => (l.PlatformMatricule, l.ValidTo)));

        // Anyone, signed out, finds the company by the start of its name, and where to send today.
        var visitor = await app.NewPageAsync();
        await visitor.GotoAsync("/Annuaire");
        await FrenchText.AssertPageIsFrenchAsync(visitor);
        await visitor.FillAsync("#q", name[..20].ToLowerInvariant());
        await visitor.ClickAsync("#lookup");
        var company = visitor.Locator($"section[data-siren='{siren}']");
        Assert.Equal(first, await company.Locator("p.where").GetAttributeAsync("data-platform"));
        Assert.Contains(name, await company.InnerTextAsync(), StringComparison.Ordinal);
        // A non-diffusible establishment shows no address.
        var facility = await company.Locator($"li[data-siret='{siret}']").InnerTextAsync();
        Assert.Contains("adresse non diffusible", facility, StringComparison.Ordinal);
        Assert.DoesNotContain("Lilas", facility, StringComparison.Ordinal);
        await visitor.FillAsync("#q", siret);
        await visitor.ClickAsync("#lookup");
        Assert.Equal(1, await visitor.Locator("section.company").CountAsync());
    }
}
