using Portique.Formats.Rendering;

namespace Portique.Formats.Espd;

/// <summary>The outcome of reading an ESPD document: the model (null when unreadable), its ESPD-EDM version, the findings.</summary>
public sealed record EspdReport(EspdKind? Kind, string? Version, EspdDocument? Document, IReadOnlyList<Finding> Findings)
{
    /// <summary>Fail-closed: valid only when the document was read and no finding is fatal.</summary>
    public bool IsValid => Document is not null && !Findings.Any(f => f.Severity == Severity.Fatal);
}

/// <summary>
/// The ESPD (e-DUME) engine: reads ESPD-EDM 4.1.0 and 2.1.1 requests and responses with bounds, validates them against the
/// embedded XSD and the criterion taxonomy, writes them back, renders them readable (HTML, PDF). Never throws on bad input.
/// </summary>
public static class EspdEngine
{
    /// <summary>The ESPD-EDM version Portique writes for new documents and checks against the embedded criterion taxonomy.</summary>
    public const string CurrentVersion = EspdXml.Version4;

    public static EspdReport Read(ReadOnlyMemory<byte> xml, RenderLanguage language = RenderLanguage.French, FormatLimits? limits = null)
    {
        var findings = new List<Finding>();
        EspdXml.Parsed? parsed = null;
        try
        {
            parsed = EspdXml.Parse(xml, limits ?? FormatLimits.Default, findings, language);
            if (parsed.Root is null || parsed.Kind is null)
                return new EspdReport(parsed.Kind, parsed.Version, null, findings);
            var document = EspdReader.Read(parsed.Root, parsed.Kind.Value, findings);
            EspdRules.Check(document, parsed.Version ?? CurrentVersion, findings, language);
            return new EspdReport(parsed.Kind, parsed.Version, document, findings);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // Fail closed: an unexpected error is a fatal finding, never a silent pass.
            findings.Add(EspdMessages.Finding(EspdRules.Engine, Severity.Fatal, "/", ex.GetType().Name, language));
            return new EspdReport(parsed?.Kind, parsed?.Version, null, findings);
        }
    }

    /// <summary>The document as ESPD-EDM XML.</summary>
    public static byte[] Write(EspdDocument document) => EspdWriter.Write(document);

    /// <summary>A readable, self-contained HTML page of the document, French unless English is asked for.</summary>
    /// <exception cref="EspdFormatException">ESPD-RENDER-01: more text than <paramref name="maxCharacters"/>.</exception>
    public static string RenderHtml(EspdDocument document, RenderLanguage language = RenderLanguage.French, long maxCharacters = RenderBudget.DefaultMaxCharacters) =>
        EspdHtml.Render(View(document, language, maxCharacters));

    /// <summary>A readable PDF of the document, French unless English is asked for.</summary>
    /// <exception cref="EspdFormatException">ESPD-RENDER-01: more text than <paramref name="maxCharacters"/>.</exception>
    public static byte[] RenderPdf(EspdDocument document, RenderLanguage language = RenderLanguage.French, long maxCharacters = RenderBudget.DefaultMaxCharacters) =>
        EspdPdf.Render(View(document, language, maxCharacters));

    /// <summary>
    /// What the renderings show, refused past the budget of the invoice renderings (<see cref="RenderBudget"/>): a valid
    /// document may carry megabytes of free text no reader reads on a page; the XML stays the document of reference.
    /// </summary>
    private static EspdView View(EspdDocument document, RenderLanguage language, long maxCharacters)
    {
        ArgumentNullException.ThrowIfNull(document);
        var view = EspdView.Of(document, language);
        if (view.TextLength > maxCharacters)
        {
            var finding = EspdMessages.Finding(EspdRules.TooLargeToRender, Severity.Fatal, "/",
                maxCharacters.ToString("N0", System.Globalization.CultureInfo.GetCultureInfo(language == RenderLanguage.English ? "en-GB" : "fr-FR")), language);
            throw new EspdFormatException(finding.Message, [finding]);
        }
        return view;
    }
}

/// <summary>An ESPD document the engine refuses to process further (for example to render), with the findings that say why.</summary>
public sealed class EspdFormatException(string message, IReadOnlyList<Finding> findings) : Exception(message)
{
    public IReadOnlyList<Finding> Findings { get; } = findings;
}
