using System.Collections.Frozen;

namespace Portique.Formats.Rendering;

/// <summary>
/// The names of the codes a rendering shows (units, VAT categories, payment means, document types, allowance reasons), read
/// once from the engine's data files (Rendering/CodeLists, sources in its README). A code without a name is shown as written.
/// </summary>
internal static class CodeLabels
{
    public static readonly CodeList Units = Load("units");
    public static readonly CodeList VatCategories = Load("vat-categories");
    public static readonly CodeList PaymentMeans = Load("payment-means");
    public static readonly CodeList InvoiceTypes = Load("invoice-types");
    public static readonly CodeList AllowanceReasons = Load("allowance-reasons");

    internal sealed class CodeList(FrozenDictionary<string, (string English, string French)> names)
    {
        public int Count => names.Count;

        public string? Name(string? code, RenderLanguage language) =>
            code is not null && names.TryGetValue(code.Trim(), out var name) ? language == RenderLanguage.English ? name.English : name.French : null;
    }

    private static CodeList Load(string name)
    {
        var resource = $"Portique.CodeLists/{name}.tsv";
        using var stream = typeof(CodeLabels).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"The resource {resource} is missing from the engine.");
        using var reader = new StreamReader(stream);
        var names = new Dictionary<string, (string, string)>(StringComparer.Ordinal);
        for (var line = reader.ReadLine(); line is not null; line = reader.ReadLine())
        {
            if (line.Length == 0 || line.StartsWith('#'))
                continue;
            var cells = line.Split('\t');
            if (cells.Length != 3 || cells.Any(string.IsNullOrWhiteSpace))
                throw new FormatException($"{name}.tsv: « code, English, French » expected in « {line} ».");
            names.Add(cells[0], (cells[1], cells[2]));
        }
        return new CodeList(names.ToFrozenDictionary(StringComparer.Ordinal));
    }
}
