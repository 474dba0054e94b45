namespace Portique.Benchmarks;

/// <summary>The inputs of the invoice-engine benchmarks, read from the repository's tests/data like the tests.</summary>
internal static class InvoiceCorpus
{
    public static string TestDataRoot { get; } = FindTestData();

    /// <summary>Typical invoices: the official CEN/TC 434 examples, UBL and CII (under 50 lines each).</summary>
    public static byte[][] OfficialExamples() => [.. OfficialExampleNames().Select(File.ReadAllBytes)];

    /// <summary>The UBL invoices and credit notes among the official examples.</summary>
    public static byte[][] OfficialUblExamples() =>
        [.. OfficialExampleNames().Where(p => p.Contains($"{Path.DirectorySeparatorChar}ubl{Path.DirectorySeparatorChar}", StringComparison.Ordinal)).Select(File.ReadAllBytes)];

    public static string[] OfficialExampleNames() =>
    [
        .. Directory.GetFiles(Path.Combine(TestDataRoot, "examples", "en16931"), "*.*", SearchOption.AllDirectories)
            .Where(p => p.EndsWith(".xml", StringComparison.OrdinalIgnoreCase))
            .Order(StringComparer.Ordinal),
    ];

    /// <summary>The 50 FeRD ZUGFeRD 2.4 / Factur-X 1.08 example PDFs (44–300 KB).</summary>
    public static byte[][] FacturXExamples() =>
    [
        .. Directory.GetFiles(Path.Combine(TestDataRoot, "factur-x", "ferd-2.4"), "*_fx.pdf", SearchOption.AllDirectories)
            .Order(StringComparer.Ordinal)
            .Select(File.ReadAllBytes),
    ];

    private static string FindTestData()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Portique.slnx")))
                return Path.GetFullPath(Path.Combine(dir.FullName, "tests", "data"));
        }
        throw new DirectoryNotFoundException("Portique.slnx not found above " + AppContext.BaseDirectory);
    }
}
