using System.Net;
using System.Text;
using Portique.Formats.Rendering;

namespace Portique.Formats.Espd;

/// <summary>
/// A self-contained HTML page of an ESPD document (inline CSS, no script, no external resource). Every value goes through
/// <see cref="WebUtility.HtmlEncode(string)"/>: the documents come from other platforms.
/// </summary>
internal static class EspdHtml
{
    private const string Style = """
        body{font-family:system-ui,sans-serif;margin:2rem;color:#222;max-width:70rem}
        h1{font-size:1.5rem}h2{font-size:1.1rem;border-bottom:1px solid #ccc;padding-bottom:.2rem;margin:1.6rem 0 .4rem}
        .code{color:#555;font-size:.85em;margin:0 0 .4rem}dl{display:grid;grid-template-columns:minmax(10rem,40%) auto;gap:.3rem 1rem;margin:0}
        dt{font-weight:600}dd{margin:0;white-space:pre-line;overflow-wrap:anywhere}.text{grid-column:1/-1;font-weight:400}
        @media (max-width:40rem){body{margin:.6rem}dl{grid-template-columns:auto}}
        """;

    public static string Render(EspdView view)
    {
        var html = new StringBuilder(64 * 1024);
        html.Append("<!DOCTYPE html>\n<html lang=\"").Append(view.Language.Tag()).Append("\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>").Append(E(view.Title))
            .Append("</title>\n<style>").Append(Style).Append("</style>\n</head>\n<body>\n<main>\n<h1>").Append(E(view.Title)).Append("</h1>\n");
        Rows(html, view.Header);
        foreach (var section in view.Sections)
        {
            html.Append("<section>\n<h2>").Append(E(section.Title)).Append("</h2>\n");
            if (section.Subtitle is not null)
                html.Append("<p class=\"code\">").Append(E(section.Subtitle)).Append("</p>\n");
            Rows(html, section.Rows);
            html.Append("</section>\n");
        }
        html.Append("</main>\n</body>\n</html>\n");
        return html.ToString();
    }

    private static void Rows(StringBuilder html, IReadOnlyList<EspdViewRow> rows)
    {
        if (rows.Count == 0)
            return;
        html.Append("<dl>\n");
        foreach (var row in rows)
        {
            var indent = row.Indent > 0 ? $" style=\"padding-left:{row.Indent * 1.2:0.#}rem\"" : "";
            if (row.Label.Length == 0)
                html.Append("<dd class=\"text\"").Append(indent).Append('>').Append(E(row.Value)).Append("</dd>\n");
            else
                html.Append("<dt").Append(indent).Append('>').Append(E(row.Label)).Append("</dt><dd>").Append(E(row.Value)).Append("</dd>\n");
        }
        html.Append("</dl>\n");
    }

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
