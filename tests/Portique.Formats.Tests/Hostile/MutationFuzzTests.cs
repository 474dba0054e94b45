using System.Diagnostics;
using Portique.Formats.Rules;

namespace Portique.Formats.Tests.Hostile;

/// <summary>
/// Bounded mutation fuzzing of the facade: byte flips, insertions, deletions, truncations and splices of the testdata
/// (XML and Factur-X PDFs), with a fixed seed so a failure replays. Validate must always return a report.
/// </summary>
public sealed class MutationFuzzTests
{
    private const int Seed = 20261127;
    private const int MaxCases = 30_000;
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(20);

    [Fact]
    public void Validate_never_throws_on_mutated_testdata()
    {
        var corpus = TestData.Manifest
            .Where(r => r["syntax"] is "ubl-invoice" or "ubl-creditnote" or "cii" or "pdf+cii")
            .Where((r, i) => r["kind"] == "official-example" || i % 8 == 0)
            .Select(r => r["path"])
            .Order(StringComparer.Ordinal)
            .Select(TestData.Bytes)
            .ToArray();
        var random = new Random(Seed);
        var clock = Stopwatch.StartNew();
        var cases = 0;
        var invalid = 0;

        while (cases < MaxCases && clock.Elapsed < Budget)
        {
            var seed = corpus[random.Next(corpus.Length)];
            var mutant = Mutate(seed, corpus[random.Next(corpus.Length)], random);
            var profile = random.Next(2) == 0 ? RuleProfile.En16931 : RuleProfile.French;

            var report = InvoiceEngine.Validate(mutant, profile);

            Assert.NotNull(report);
            Assert.Equal(!report.Findings.Any(f => f.Severity == Severity.Fatal), report.IsValid);
            // Failing closed is the last line of defence; on these inputs no layer should need it (rule layers report "INTERNAL").
            Assert.DoesNotContain(report.Findings, f => f.Rule is InvoiceEngine.InternalErrorRule or "INTERNAL");
            if (!report.IsValid)
                invalid++;
            cases++;
        }

        // Mutations must actually reach the failure paths, or the test proves nothing.
        Assert.True(cases >= 200, $"only {cases} cases ran in {Budget}");
        Assert.True(invalid > cases / 10, $"{invalid} of {cases} mutants were found invalid");
    }

    private static byte[] Mutate(byte[] seed, byte[] other, Random random)
    {
        var bytes = new List<byte>(seed);
        var rounds = 1 + random.Next(8);
        for (var i = 0; i < rounds && bytes.Count > 1; i++)
        {
            var at = random.Next(bytes.Count);
            switch (random.Next(7))
            {
                case 0: bytes[at] ^= (byte)(1 << random.Next(8)); break;
                case 1: bytes[at] = (byte)random.Next(256); break;
                case 2: bytes.Insert(at, (byte)random.Next(256)); break;
                case 3: bytes.RemoveRange(at, Math.Min(bytes.Count - at, 1 + random.Next(64))); break;
                case 4: bytes.RemoveRange(at, bytes.Count - at); break;
                case 5:
                    var from = random.Next(other.Length);
                    bytes.InsertRange(at, other.Skip(from).Take(1 + random.Next(256)));
                    break;
                default:
                    // Interesting tokens for XML and PDF parsers.
                    string[] tokens = ["<", ">", "&", "&amp;", "]]>", "<!DOCTYPE x [<!ENTITY e \"e\">]>", "\"", "0", "-1", "99999999999999999999",
                        "1.23456789", "obj", "endobj", "stream", "endstream", "xref", "trailer", "/Length 999999", "%%EOF", "R", "<<", ">>"];
                    bytes.InsertRange(at, System.Text.Encoding.ASCII.GetBytes(tokens[random.Next(tokens.Length)]));
                    break;
            }
        }
        return [.. bytes];
    }
}
