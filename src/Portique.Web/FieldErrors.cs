using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc.Rendering;

namespace Portique.Web;

/// <summary>
/// A refused field's message shown next to its input and tied to it (aria-describedby, aria-invalid), so a screen reader
/// announces it with the field (RGAA 11.10, WCAG 3.3.1). Keys are the form's names ("NumeroFacture", "Lines[0].Quantite").
/// </summary>
public static class FieldErrors
{
    public static string Id(string key) => "err-" + string.Concat(key.Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-'));

    /// <summary>The message paragraph, or nothing when the field is fine.</summary>
    public static IHtmlContent FieldError(this IHtmlHelper html, string key)
    {
        var errors = html.ViewData.ModelState.TryGetValue(key, out var entry) ? entry.Errors : null;
        if (errors is not { Count: > 0 })
            return HtmlString.Empty;
        var text = string.Join(" ", errors.Select(e => e.ErrorMessage));
        return new HtmlString($"<span class=\"field-error\" id=\"{Id(key)}\">{HtmlEncoder.Default.Encode(text)}</span>");
    }

    /// <summary>The attributes that mark an input invalid and point at its message; nothing when the field is fine.</summary>
    public static IHtmlContent Invalid(this IHtmlHelper html, string key) =>
        html.ViewData.ModelState.TryGetValue(key, out var entry) && entry.Errors.Count > 0
            ? new HtmlString($"aria-invalid=\"true\" aria-describedby=\"{Id(key)}\"")
            : HtmlString.Empty;

    /// <summary>As <see cref="Invalid"/> for an input that also has a hint: both are described, the message last.</summary>
    public static IHtmlContent Described(this IHtmlHelper html, string key, string hintId) =>
        html.ViewData.ModelState.TryGetValue(key, out var entry) && entry.Errors.Count > 0
            ? new HtmlString($"aria-invalid=\"true\" aria-describedby=\"{hintId} {Id(key)}\"")
            : new HtmlString($"aria-describedby=\"{hintId}\"");
}
