using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Portique.IntegrationTests.Infrastructure;

/// <summary>
/// English that has leaked into French pages before (issue 17), kept in one place: grow the list when a new leak is found.
/// Every page a browser test loads in French is checked (BrowserApp), and the issue's tests check their pages explicitly.
/// Words are matched whole and case-sensitively in the text a person reads (innerText), not in the markup.
/// </summary>
public static class FrenchLeaks
{
    public static readonly IReadOnlyList<string> Words =
    [
        // Engine and renderings.
        "Invoice", "Seller", "Buyer", "The invoice", "has no", "is not in", "must have", "Unit price",
        // Validation of ASP.NET Core MVC and Identity.
        "is required", "Passwords must", "The value", "is not valid", "is invalid", "is already taken", "Invalid token",
        "field is required", "must be a number",
        // Raw error pages and status codes.
        "Not Found", "Bad Request", "Forbidden", "Payload Too Large", "Internal Server Error", "An error occurred", "Status Code",
        "Unhandled exception", "Request body too large",
        // States and statuses shown by their API codes.
        "IN_RECU", "IN_INTEGRE", "IN_INTEGRE_PARTIEL", "IN_REJETE", "IN_EN_COURS_TRAITEMENT_CPP", "DEPOSEE", "MISE_A_DISPOSITION",
    ];

    private static readonly Regex Pattern = new($@"(?<![\p{{L}}_])(?:{string.Join("|", Words.Select(Regex.Escape))})(?![\p{{L}}_])", RegexOptions.CultureInvariant);

    /// <summary>The leaks found in a text, empty when there is none.</summary>
    public static IReadOnlyList<string> In(string text) => [.. Pattern.Matches(text).Select(m => m.Value).Distinct()];

    /// <summary>The leaks of the page as shown now, when it is in French (English pages are not checked); empty otherwise.</summary>
    public static async Task<IReadOnlyList<string>> OfAsync(IPage page)
    {
        if (await page.EvaluateAsync<string>("document.documentElement.lang") != "fr")
            return [];
        return In(await page.EvaluateAsync<string>("document.body ? document.body.innerText : ''"));
    }

    public static async Task AssertNoneAsync(IPage page)
    {
        var leaks = await OfAsync(page);
        Assert.True(leaks.Count == 0, $"English on the French page {page.Url}: {string.Join(", ", leaks)}");
    }

    /// <summary>Leaks seen while browsing, by URL; the fixture fails at its end when there is any.</summary>
    public sealed class Recorder
    {
        private readonly ConcurrentDictionary<string, IReadOnlyList<string>> _found = new();

        public void Watch(IPage page) => page.Load += async (_, loaded) =>
        {
            try
            {
                if (await OfAsync(loaded) is { Count: > 0 } leaks)
                    _found[loaded.Url] = leaks;
            }
            catch (PlaywrightException)
            {
                // The page navigated on or closed while being read: the next load is checked.
            }
        };

        public IReadOnlyDictionary<string, IReadOnlyList<string>> Found => _found;
    }
}
