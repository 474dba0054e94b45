using Microsoft.Playwright;

namespace Portique.IntegrationTests.Infrastructure;

/// <summary>
/// The portal on a real Kestrel port, plus Debian's Chromium driven by Playwright (no browser download: there is no internet).
/// When Chromium is absent the browser tests are skipped, except in CI (PORTIQUE_REQUIRE_BROWSER=1) where that is a failure.
/// </summary>
public sealed class BrowserApp : PortiqueApp
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private IPlaywright? _playwright;

    public string BaseUrl { get; private set; } = "";
    public IBrowser Browser { get; private set; } = null!;

    public static bool Available => File.Exists(ChromiumPath);

    /// <summary>English leaks on the French pages loaded by this fixture's tests (issue 17); checked when the fixture ends.</summary>
    public FrenchLeaks.Recorder Leaks { get; } = new();

    protected override bool RunsDepositWorker => true;

    public override async Task InitializeAsync()
    {
        var port = TestMailbox.FreePort();
        UseKestrel(port);
        StartServer();
        BaseUrl = $"http://127.0.0.1:{port}";
        await base.InitializeAsync();
        if (!Available)
        {
            if (Environment.GetEnvironmentVariable("PORTIQUE_REQUIRE_BROWSER") == "1")
                throw new InvalidOperationException($"Browser tests need Chromium at {ChromiumPath} (apt-get install chromium).");
            return;
        }
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-quic", "--no-first-run"],
        });
    }

    public async Task<IPage> NewPageAsync()
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = BaseUrl, AcceptDownloads = true, Locale = "fr-FR" });
        var page = await context.NewPageAsync();
        // Generous: CI machines are shared, and a page's load after a click has been seen to take over 15 s under load.
        page.SetDefaultTimeout(30_000);
        Leaks.Watch(page);
        return page;
    }

    /// <summary>Signs in through the login page, as a person would.</summary>
    public static async Task SignInAsync(IPage page, string email, string password = Password)
    {
        await page.GotoAsync("/Account/Login");
        await page.FillAsync("main input[name='Email']", email);
        await page.FillAsync("main input[name='Password']", password);
        await page.ClickAsync("main form button[type=submit]");
        await page.WaitForURLAsync(url => !url.Contains("/Account/Login", StringComparison.Ordinal));
    }

    public override async ValueTask DisposeAsync()
    {
        if (Browser is not null)
            await Browser.DisposeAsync();
        _playwright?.Dispose();
        await base.DisposeAsync();
    }

    // Every browser test class answers for the French of the pages it visited: a leak fails the run, once all is cleaned up.
    protected override void AfterDispose()
    {
        if (Leaks.Found.Count > 0)
            throw new InvalidOperationException("English on French pages: " + string.Join("; ", Leaks.Found.Select(f => $"{f.Key} → {string.Join(", ", f.Value)}")));
    }
}
