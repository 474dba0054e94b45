namespace Portique.Formats.Tests.Xml;

/// <summary>Our XSD verdict agrees, file by file, with the libxml2 check recorded in MANIFEST.tsv (column xsd_check).</summary>
public sealed class SchemaValidationTests
{
    public static TheoryData<string> AllXml => Corpus.Paths(Corpus.XmlFiles);

    [Theory]
    [MemberData(nameof(AllXml))]
    public void Schema_verdict_matches_the_reference_check(string path)
    {
        var row = Corpus.Row(path);
        var check = row["xsd_check"];
        // Factur-X documents are checked against their profile schema, plain CII against D16B, as the reference check did.
        var profile = Portique.Formats.Xml.InvoiceSchemas.FacturXProfileOf(row["customization_id"]);
        var expectedOk = profile is not null
            ? check.Contains($"FX-1.08-{profile}:ok", StringComparison.Ordinal)
            : check.Contains("UBL-2.1:ok", StringComparison.Ordinal) || check.Contains("CII-D16B:ok", StringComparison.Ordinal);

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
    public void Schema_findings_count_same_named_siblings()
    {
        var xml = File.ReadAllText(TestData.PathOf("examples/en16931/ubl/ubl-tc434-example1.xml"));
        var second = xml.IndexOf("<cac:InvoiceLine>", xml.IndexOf("<cac:InvoiceLine>", StringComparison.Ordinal) + 1, StringComparison.Ordinal);
        xml = string.Concat(xml.AsSpan(0, second), "<cac:InvoiceLine><cbc:Bogus/>", xml.AsSpan(second + "<cac:InvoiceLine>".Length));

        var result = InvoiceXml.Read(System.Text.Encoding.UTF8.GetBytes(xml));

        var finding = Assert.Single(result.Findings, f => f.Rule == "XSD");
        Assert.Equal("/Invoice/cac:InvoiceLine[2]/cbc:Bogus[1]", finding.Location);
    }

    [Theory]
    [InlineData("urn:cen.eu:en16931:2017", null)]
    [InlineData("urn:cen.eu:en16931:2017#compliant#urn:xeinkauf.de:kosit:xrechnung_3.0", null)]
    [InlineData("urn:factur-x.eu:1p0:minimum", "MINIMUM")]
    [InlineData("urn:factur-x.eu:1p0:basicwl", "BASIC-WL")]
    [InlineData("urn:cen.eu:en16931:2017#compliant#urn:factur-x.eu:1p0:basic", "BASIC")]
    [InlineData("urn:cen.eu:en16931:2017#conformant#urn:factur-x.eu:1p0:extended", "EXTENDED")]
    [InlineData("urn:cen.eu:en16931:2017#conformant#urn:zugferd.de:2p0:extended", "EXTENDED")]
    public void The_Factur_X_profile_is_told_by_the_guideline(string guideline, string? profile)
    {
        Assert.Equal(profile, Portique.Formats.Xml.InvoiceSchemas.FacturXProfileOf(guideline));
    }

    [Fact]
    public void Factur_X_extended_is_checked_against_its_profile_schema()
    {
        var row = Corpus.ValidXmlFiles.First(r => r["syntax"] == "cii" && r["xsd_check"].StartsWith("CII-D16B:fail", StringComparison.Ordinal));

        var result = InvoiceXml.Read(TestData.Bytes(row["path"]));

        Assert.Empty(result.Findings);
        Assert.Contains("FX-1.08-EXTENDED:ok", row["xsd_check"], StringComparison.Ordinal);
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
