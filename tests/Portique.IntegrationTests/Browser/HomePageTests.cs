using Portique.IntegrationTests.Infrastructure;

namespace Portique.IntegrationTests.Browser;

public sealed class HomePageTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [SkippableBrowserFact]
    public async Task Home_page_is_in_french_and_switches_to_english()
    {
        var page = await app.NewPageAsync();
        await page.GotoAsync("/");
        Assert.Equal("Bienvenue sur Portique", await page.InnerTextAsync("h1"));

        await page.ClickAsync("header a[hreflang=en]");
        Assert.Equal("Welcome to Portique", await page.InnerTextAsync("h1"));
    }
}
