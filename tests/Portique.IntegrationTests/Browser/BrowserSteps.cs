using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Portique.IntegrationTests.Browser;

/// <summary>What issue 17's browser tests do on every page: move by keyboard, check the French, run axe-core.</summary>
internal static class BrowserSteps
{
    /// <summary>Presses Tab (as a keyboard-only user) until the element matching the selector has the focus.</summary>
    public static async Task TabToAsync(IPage page, string selector, int maxPresses = 80)
    {
        for (var i = 0; i < maxPresses; i++)
        {
            if (await page.EvaluateAsync<bool>("s => document.activeElement && document.activeElement.matches(s)", selector))
                return;
            await page.Keyboard.PressAsync("Tab");
        }
        Assert.Fail($"{selector} cannot be reached with the Tab key on {page.Url}");
    }

    /// <summary>The focused element shows a visible focus indicator (an outline or a box shadow).</summary>
    public static Task<bool> FocusIsVisibleAsync(IPage page) => page.EvaluateAsync<bool>(
        "() => { const s = getComputedStyle(document.activeElement); return (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0) || s.boxShadow !== 'none'; }");

    /// <summary>axe-core on the page as it is (WCAG 2.1 A and AA rules): the violations of serious or critical impact.</summary>
    public static async Task<IReadOnlyList<string>> SeriousViolationsAsync(IPage page)
    {
        var result = await page.RunAxe(new AxeRunOptions
        {
            RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
        });
        return [.. result.Violations.Where(v => v.Impact is "serious" or "critical")
            .Select(v => $"{page.Url}: {v.Id} ({v.Impact}) {v.Help} — {string.Join(" | ", v.Nodes.Take(3).Select(n => n.Html))}")];
    }

    /// <summary>French, accessible: the two checks every page of these tests gets.</summary>
    public static async Task AssertFrenchAndAccessibleAsync(IPage page)
    {
        await Infrastructure.FrenchLeaks.AssertNoneAsync(page);
        var violations = await SeriousViolationsAsync(page);
        Assert.True(violations.Count == 0, string.Join("\n", violations));
    }
}
