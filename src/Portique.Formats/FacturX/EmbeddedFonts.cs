using PdfSharp.Fonts;
using PdfSharp.WPFonts;

namespace Portique.Formats.FacturX;

/// <summary>
/// PDF/A needs every font embedded, and servers have no dependable system fonts: the visual page uses the Segoe WP
/// faces that ship inside the PDFsharp package, whatever family is asked for.
/// </summary>
internal sealed class EmbeddedFonts : IFontResolver
{
    public const string Family = "Segoe WP";
    private const string Regular = "SegoeWP";
    private const string Bold = "SegoeWPBold";
    private static readonly Lock Gate = new();

    /// <summary>Installs the resolver once per process unless the host already installed its own.</summary>
    public static void Ensure()
    {
        lock (Gate)
            GlobalFontSettings.FontResolver ??= new EmbeddedFonts();
    }

    public FontResolverInfo? ResolveTypeface(string familyName, bool isBold, bool isItalic) =>
        new(isBold ? Bold : Regular, mustSimulateBold: false, mustSimulateItalic: isItalic);

    public byte[]? GetFont(string faceName) => faceName == Bold ? FontDataHelper.SegoeWPBold : FontDataHelper.SegoeWP;
}
