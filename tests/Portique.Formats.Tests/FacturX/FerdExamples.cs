namespace Portique.Formats.Tests.FacturX;

/// <summary>The 50 FeRD ZUGFeRD 2.4 / Factur-X 1.08 PDFs and the stand-alone XML published with each.</summary>
internal static class FerdExamples
{
    public const string Folder = "factur-x/ferd-2.4";

    public static IEnumerable<string> Pdfs =>
        TestData.Manifest.Where(r => r["syntax"] == "pdf+cii").Select(r => r["path"]).Order(StringComparer.Ordinal);

    public static TheoryData<string> PdfData => [.. Pdfs];

    /// <summary>
    /// The stand-alone XML of a PDF: same name without "_fx". The testdata stores identical files once, so when that name
    /// is absent the manifest row that lists it among its identical copies gives the file.
    /// </summary>
    public static string StandaloneXmlOf(string pdf)
    {
        var xml = pdf[..^"_fx.pdf".Length] + ".xml";
        if (File.Exists(TestData.PathOf(xml)))
            return xml;
        var stem = Path.GetFileName(xml);
        return TestData.Manifest.Single(r => r["path"].EndsWith(".xml", StringComparison.Ordinal)
            && r["path"].StartsWith(Folder, StringComparison.Ordinal)
            && r["notes"].Contains("identical content also at", StringComparison.Ordinal)
            && r["notes"].Contains("/" + stem, StringComparison.Ordinal))["path"];
    }
}
