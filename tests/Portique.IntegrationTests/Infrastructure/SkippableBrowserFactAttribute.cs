namespace Portique.IntegrationTests.Infrastructure;

/// <summary>A browser test: skipped where Chromium is not installed, unless PORTIQUE_REQUIRE_BROWSER=1 (CI), where it must run.</summary>
public sealed class SkippableBrowserFactAttribute : FactAttribute
{
    public SkippableBrowserFactAttribute()
    {
        if (!BrowserApp.Available && Environment.GetEnvironmentVariable("PORTIQUE_REQUIRE_BROWSER") != "1")
            Skip = $"Chromium not installed at {BrowserApp.ChromiumPath}";
    }
}
