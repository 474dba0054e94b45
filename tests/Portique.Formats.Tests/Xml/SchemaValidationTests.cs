namespace Portique.Formats.Tests.Xml;

/// <summary>Our XSD verdict agrees, file by file, with the libxml2 check recorded in MANIFEST.tsv (column xsd_check).</summary>
public sealed class SchemaValidationTests
{
    public static TheoryData<string> AllXml => Corpus.Paths(Corpus.XmlFiles);

    [Theory]
    [MemberData(nameof(AllXml))]
    public void Schema_verdict_matches_the_reference_check(string path)
    {
        var check = Corpus.Row(path)["xsd_check"];
        var expectedOk = check.Contains("UBL-2.1:ok", StringComparison.Ordinal) || check.Contains("CII-D16B:ok", StringComparison.Ordinal);

        var result = InvoiceXml.Read(TestData.Bytes(path));

        var schemaFindings = result.Findings.Where(f => f.Rule == "XSD").ToList();
        Assert.NotNull(result.Invoice);
        if (expectedOk)
        {
            // A schema-valid file holds only well-typed values, so the model builder finds nothing either.
            Assert.True(result.Findings.Count == 0, string.Join("\n", result.Findings));
        }
        else
        {
            Assert.NotEmpty(schemaFindings);
            Assert.All(schemaFindings, f => Assert.Equal(Severity.Fatal, f.Severity));
        }
    }

    [Fact]
    public void Schema_findings_locate_the_offending_element()
    {
        var xml = File.ReadAllText(TestData.PathOf("examples/en16931/ubl/ubl-tc434-example1.xml"))
            .Replace("</cbc:IssueDate>", "</cbc:IssueDate><cbc:Bogus>1</cbc:Bogus>", StringComparison.Ordinal);

        var result = InvoiceXml.Read(System.Text.Encoding.UTF8.GetBytes(xml));

        var finding = Assert.Single(result.Findings, f => f.Rule == "XSD");
        Assert.Equal("/Invoice/cbc:Bogus[1]", finding.Location);
        Assert.NotNull(result.Invoice);
    }

    [Fact]
    public void Without_schema_validation_no_schema_finding_is_reported()
    {
        var path = Corpus.XmlFiles.First(r => r["xsd_check"].Contains(":fail", StringComparison.Ordinal))["path"];

        var result = InvoiceXml.Read(TestData.Bytes(path), validateSchema: false);

        Assert.DoesNotContain(result.Findings, f => f.Rule == "XSD");
        Assert.NotNull(result.Invoice);
    }
}
