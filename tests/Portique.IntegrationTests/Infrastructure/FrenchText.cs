using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Portique.IntegrationTests.Infrastructure;

/// <summary>Issue 17's "must hold": a page or rendering shown in French holds none of the English words that used to leak.</summary>
public static partial class FrenchText
{
    /// <summary>The issue's list, and the rendering's former English labels; matched as whole words, case-sensitively.</summary>
    public static readonly string[] EnglishLeaks =
    [
        "Invoice", "Seller", "Buyer", "is required", "Passwords must", "Amount due", "Net price", "Quantity", "VAT breakdown",
        "Payment means", "Issue date", "Due date", "Total with VAT",
    ];

    public static void AssertNoEnglish(string text, string where)
    {
        var found = EnglishLeaks.Where(w => Regex.IsMatch(text, $@"\b{Regex.Escape(w)}\b")).ToList();
        Assert.True(found.Count == 0, $"English in the French {where}: {string.Join(", ", found)}");
    }

    /// <summary>The visible text of the page, with no-break spaces as spaces.</summary>
    public static async Task<string> VisibleTextAsync(IPage page) => (await page.InnerTextAsync("body")).Replace('\u00A0', ' ').Replace('\u202F', ' ');

    public static async Task AssertPageIsFrenchAsync(IPage page) => AssertNoEnglish(await VisibleTextAsync(page), $"page {page.Url}");

    public static string Spaces(string text) => WhitespaceRun().Replace(text.Replace('\u00A0', ' ').Replace('\u202F', ' '), " ");

    [GeneratedRegex(@"[ \t]+")]
    private static partial Regex WhitespaceRun();
}
