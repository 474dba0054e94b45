using Portique.Formats.Cdar;

namespace Portique.Formats.Tests.Cdar;

/// <summary>Every CDAR example of the test data gets the verdict and the rule ids its manifest row expects (XSD + BR-FR-CDV).</summary>
public sealed class CdarExamplesTests
{
    public static TheoryData<string> Examples => CdarTestData.ExamplePaths;

    [Fact]
    public void The_manifest_lists_the_sixty_examples_valid_and_invalid()
    {
        Assert.Equal(60, CdarTestData.Examples.Count);
        Assert.Equal(24, CdarTestData.Examples.Count(e => !e.Valid));
        Assert.All(CdarTestData.Examples, e => Assert.Equal(e.Valid, e.ExpectedRules.Count == 0));
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public void Each_example_gets_exactly_the_expected_fatal_rules(string path)
    {
        var example = CdarTestData.ByPath(path);

        var report = CdarEngine.Validate(example.Bytes());

        Assert.NotNull(report.Message);
        Assert.DoesNotContain(report.Findings, f => f.Rule is "XSD" or "XML" or CdarReader.Unmodelled or InvoiceEngine.InternalErrorRule);
        Assert.Equal(example.Valid, report.IsValid);
        Assert.Equal(example.ExpectedRules, CdarTestData.FatalRules(report.Findings));
        Assert.All(report.Findings.Where(f => f.Severity == Severity.Fatal), f =>
        {
            Assert.StartsWith("/rsm:CrossDomainAcknowledgementAndResponse", f.Location, StringComparison.Ordinal);
            Assert.StartsWith("MD", f.Term, StringComparison.Ordinal);
            Assert.False(string.IsNullOrWhiteSpace(f.Message));
        });
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public void The_published_rule_set_agrees_with_the_native_rules_on_each_example(string path)
    {
        var example = CdarTestData.ByPath(path);

        Assert.Equal(example.ExpectedRules, CdarTestData.PublishedFatalRules(example.Bytes()));
    }
}
