using System.Collections.Frozen;
using Portique.Formats.Rendering;

namespace Portique.Formats.Espd;

/// <summary>
/// The ESPD criterion taxonomy: the codes of the EU "criterion" authority table that ESPD-EDM 4.x uses in
/// cbc:CriterionTypeCode, with their English and French names (CodeLists/criterion.tsv, see CodeLists/README.md).
/// The buyer pages offer these codes; the validator refuses any other.
/// </summary>
public static class EspdTaxonomy
{
    /// <summary>The version of the authority table embedded (listVersionID of the ESPD-EDM 4.1.0 examples).</summary>
    public const string CriterionListVersion = "20240612-0";

    public sealed record CriterionType(string Code, string English, string? French)
    {
        public string NameIn(RenderLanguage language) => language == RenderLanguage.French && French is not null ? French : English;
    }

    private static readonly Lazy<FrozenDictionary<string, CriterionType>> Types = new(Load);

    public static IReadOnlyCollection<CriterionType> All => Types.Value.Values;

    public static CriterionType? Find(string code) => Types.Value.GetValueOrDefault(code);

    private static FrozenDictionary<string, CriterionType> Load()
    {
        using var stream = typeof(EspdTaxonomy).Assembly.GetManifestResourceStream("Portique.Espd/criterion.tsv")
            ?? throw new InvalidOperationException("Portique.Espd/criterion.tsv is not embedded in Portique.Formats");
        using var reader = new StreamReader(stream);
        var types = new Dictionary<string, CriterionType>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0 || line.StartsWith('#'))
                continue;
            var cells = line.Split('\t');
            types[cells[0]] = new CriterionType(cells[0], cells[1], cells.Length > 2 && cells[2].Length > 0 ? cells[2] : null);
        }
        return types.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
