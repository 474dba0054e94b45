using System.Globalization;

namespace Portique.Formats.Rendering;

/// <summary>The language of a readable rendering (HTML, PDF): French by default, English on request.</summary>
public enum RenderLanguage { French, English }

public static class RenderLanguages
{
    /// <summary>English for an English culture ("en", "en-GB"…), French for any other: the portal speaks French first.</summary>
    public static RenderLanguage FromCulture(CultureInfo? culture) =>
        string.Equals(culture?.TwoLetterISOLanguageName, "en", StringComparison.OrdinalIgnoreCase) ? RenderLanguage.English : RenderLanguage.French;

    /// <summary>The BCP 47 tag of the language, for the HTML lang attribute.</summary>
    public static string Tag(this RenderLanguage language) => language == RenderLanguage.English ? "en" : "fr";
}
