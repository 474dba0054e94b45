using System.Text;
using Portique.Formats.Cdar;

namespace Portique.Formats.Tests.Cdar;

/// <summary>Hostile, truncated or foreign input gives a clear fatal finding and no model: never an exception, never "valid".</summary>
public sealed class CdarHostileTests
{
    private const string Valid = "cdar/examples/afnor-annexB-v1.4/UC1_F202500003_07-CDV-212_Encaissee.xml";
    private const string Head = "<rsm:CrossDomainAcknowledgementAndResponse xmlns:rsm=\"" + CdarReader.RsmNamespace + "\" xmlns:ram=\"" + CdarReader.RamNamespace + "\">";

    private static CdarReport Validate(string xml, FormatLimits? limits = null) => CdarEngine.Validate(Encoding.UTF8.GetBytes(xml), limits);

    private static Finding AssertRefused(CdarReport report, string rule, string messagePart)
    {
        Assert.False(report.IsValid);
        Assert.Null(report.Message);
        var finding = Assert.Single(report.Findings, f => f.Rule == rule && f.Severity == Severity.Fatal);
        Assert.Contains(messagePart, finding.Message, StringComparison.OrdinalIgnoreCase);
        return finding;
    }

    [Theory]
    [InlineData(0.25)]
    [InlineData(0.5)]
    [InlineData(0.9)]
    [InlineData(0.999)]
    public void A_truncated_message_is_refused_as_malformed_xml_with_its_line(double fraction)
    {
        var bytes = TestData.Bytes("b2b/" + Valid);
        var cut = bytes.AsMemory(0, (int)(bytes.Length * fraction));

        var report = CdarEngine.Validate(cut);

        var finding = AssertRefused(report, "XML", "XML mal formé");
        Assert.Contains("ligne", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_dtd_and_an_external_entity_are_refused_and_never_resolved()
    {
        var secret = Path.GetTempFileName();
        File.WriteAllText(secret, "SECRET-CONTENT");
        try
        {
            var report = Validate($"<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY xxe SYSTEM \"file://{secret}\">]>{Head}<rsm:ExchangedDocument><ram:ID>&xxe;</ram:ID></rsm:ExchangedDocument></rsm:CrossDomainAcknowledgementAndResponse>");

            AssertRefused(report, "XML", "DTD");
            Assert.DoesNotContain(report.Findings, f => f.Message.Contains("SECRET-CONTENT", StringComparison.Ordinal));
        }
        finally
        {
            File.Delete(secret);
        }
    }

    [Fact]
    public void Nesting_deeper_than_the_limit_is_refused()
    {
        var xml = new StringBuilder(Head);
        for (var i = 0; i < 10_000; i++)
            xml.Append("<ram:X>");
        for (var i = 0; i < 10_000; i++)
            xml.Append("</ram:X>");
        xml.Append("</rsm:CrossDomainAcknowledgementAndResponse>");

        AssertRefused(Validate(xml.ToString()), "XML", "imbriqués");
    }

    [Fact]
    public void A_message_over_the_size_limit_is_refused_before_parsing()
    {
        var report = CdarEngine.Validate(TestData.Bytes("b2b/" + Valid), new FormatLimits { MaxXmlBytes = 1000 });

        AssertRefused(report, "XML", "au-delà de la limite");
    }

    [Theory]
    [InlineData("", "vide")]
    [InlineData("not xml at all", "XML mal formé")]
    [InlineData("<?xml version=\"1.0\"?>", "XML mal formé")]
    [InlineData("<Invoice xmlns=\"urn:oasis:names:specification:ubl:schema:xsd:Invoice-2\"/>", "n'est pas un message CrossDomainAcknowledgementAndResponse")]
    public void Empty_garbage_and_foreign_documents_are_refused(string xml, string messagePart)
    {
        AssertRefused(Validate(xml), "XML", messagePart);
    }

    [Fact]
    public void An_invoice_given_as_a_lifecycle_message_is_refused_by_name()
    {
        var report = CdarEngine.Validate(TestData.Bytes("b2b/invoice/examples/afnor-annexB-v1.3/UC1/UC1_F202500003_00-INV_20250701_CII_EN16931.xml"));

        AssertRefused(report, "XML", "CrossIndustryInvoice");
    }

    [Fact]
    public void A_schema_error_is_reported_with_its_location_and_fails_the_message()
    {
        var xml = File.ReadAllText(TestData.PathOf("b2b/" + Valid)).Replace("<ram:ValueAmount currencyID=\"EUR\">12000</ram:ValueAmount>", "<ram:ValueAmount currencyID=\"EUR\">douze mille</ram:ValueAmount>", StringComparison.Ordinal);

        var report = Validate(xml);

        Assert.False(report.IsValid);
        var finding = Assert.Single(report.Findings, f => f.Rule == "XSD");
        Assert.Contains("ValueAmount", finding.Location, StringComparison.Ordinal);
        Assert.NotNull(report.Message);
    }

    [Fact]
    public void A_failing_rule_layer_fails_the_message_instead_of_passing_it()
    {
        var report = CdarEngine.Validate(TestData.Bytes("b2b/" + Valid), null, (_, _) => throw new InvalidOperationException("boom"));

        Assert.False(report.IsValid);
        var finding = Assert.Single(report.Findings, f => f.Rule == InvoiceEngine.InternalErrorRule);
        Assert.Contains("boom", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Reading_without_judging_throws_a_clear_error_on_garbage()
    {
        var error = Assert.Throws<CdarFormatException>(() => CdarEngine.Read(Encoding.UTF8.GetBytes(Head + "<rsm:ExchangedDocument><ram:ID>1</rsm:ExchangedDocument>")));

        Assert.Contains("XML mal formé", error.Message, StringComparison.Ordinal);
        Assert.Contains(error.Findings, f => f.Rule == "XML");
    }

    /// <summary>Random byte damage to every example (seeded): the engine answers with findings, never an exception, and calls a damaged message valid only without a fatal finding.</summary>
    [Fact]
    public void Random_byte_damage_never_escapes_as_an_exception()
    {
        var random = new Random(19);
        var runs = 0;
        foreach (var example in CdarTestData.Examples)
        {
            var original = example.Bytes();
            for (var round = 0; round < 20; round++)
            {
                var damaged = (byte[])original.Clone();
                for (var k = 0; k < 1 + random.Next(4); k++)
                    damaged[random.Next(damaged.Length)] = (byte)random.Next(256);
                var report = CdarEngine.Validate(damaged);
                Assert.Equal(report.IsValid, !report.Findings.Any(f => f.Severity == Severity.Fatal));
                Assert.DoesNotContain(report.Findings, f => f.Rule == InvoiceEngine.InternalErrorRule);
                runs++;
            }
        }
        Assert.Equal(60 * 20, runs);
    }
}
