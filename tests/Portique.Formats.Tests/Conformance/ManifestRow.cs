namespace Portique.Formats.Tests.Conformance;

/// <summary>One row of tests/data/MANIFEST.tsv, reduced to what the conformance test judges.</summary>
internal sealed record ManifestRow(
    string Path,
    string Syntax,
    string Profile,
    string Expected,
    IReadOnlyList<string> ExpectedRules,
    IReadOnlyList<string> ExpectedWarnings,
    IReadOnlyList<string> MustNotFire,
    string Observed)
{
    public override string ToString() => Path;

    /// <summary>Error rule ids the official v1.3.16 artefacts report on this file (column en16931_observed).</summary>
    public IReadOnlyList<string> ObservedErrors
    {
        get
        {
            if (!Observed.StartsWith("fail:", StringComparison.Ordinal))
            {
                return [];
            }
            var body = Observed["fail:".Length..];
            var bar = body.IndexOf('|', StringComparison.Ordinal);
            if (bar >= 0)
            {
                body = body[..bar];
            }
            return Split(body, ',');
        }
    }

    /// <summary>EN 16931 does not apply to Factur-X MINIMUM and BASIC-WL (no lines); see the testdata README.</summary>
    public bool En16931Applies => Profile is not ("Factur-X-MINIMUM" or "Factur-X-BASIC-WL");

    /// <summary>EXTENDED is an extension: the CEN CII syntax rules may legitimately fail there (README).</summary>
    public bool IsExtension => Profile == "Factur-X-EXTENDED";

    public static IReadOnlyList<ManifestRow> Load(string testDataRoot)
    {
        var lines = File.ReadAllLines(System.IO.Path.Combine(testDataRoot, "MANIFEST.tsv"));
        var header = lines[0].Split('\t');
        int Col(string name) => Array.IndexOf(header, name);
        int path = Col("path"), syntax = Col("syntax"), profile = Col("profile"), expected = Col("expected"),
            rules = Col("expected_rules"), warnings = Col("expected_warnings"), mustNot = Col("must_not_fire"),
            observed = Col("en16931_observed");
        var rows = new List<ManifestRow>(lines.Length);
        foreach (var line in lines.Skip(1))
        {
            var f = line.Split('\t');
            rows.Add(new ManifestRow(f[path], f[syntax], f[profile], f[expected],
                Split(f[rules], ';'), Split(f[warnings], ';'), Split(f[mustNot], ';'), f[observed]));
        }
        return rows;
    }

    private static string[] Split(string value, char separator) =>
        value.Split(separator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>True for rule ids of the CEN/TC 434 artefacts; Peppol and national ids are out of scope here.</summary>
    public static bool IsCenRule(string id) =>
        id.StartsWith("BR-", StringComparison.Ordinal) && !IsNationalBr(id)
        || id.StartsWith("UBL-", StringComparison.Ordinal)
        || id.StartsWith("CII-", StringComparison.Ordinal);

    // National CIUS rules reuse the BR- prefix (BR-DE-nn, BR-FR-nn...): not part of the CEN set.
    private static bool IsNationalBr(string id) =>
        id.Length > 6 && char.IsLetter(id[3]) && char.IsLetter(id[4]) && id[5] == '-' && char.IsDigit(id[6])
        && id[3..5] is not ("CO" or "CL" or "AE" or "IC" or "AF" or "AG");
}
