using Xunit.Abstractions;
using System.Xml;
using System.Xml.Schema;
using Portique.Formats.Flux1;
using Portique.Formats.Schematron;

namespace Portique.Formats.Tests.Flux1;

public class Flux1ExtractionTests(ITestOutputHelper output)
{
    public static TheoryData<string> Invoices => Flux1TestData.ValidInvoices;

    /// <summary>
    /// For every valid test invoice: either it is out of Flux 1 (then a party is outside France or the buyer has no SIREN, checked
    /// here from the XML independently), or both profiles validate against the DGFiP XSD read from tests/data, and the published
    /// AIFE rules run from tests/data report exactly what the engine reports.
    /// </summary>
    [Theory]
    [MemberData(nameof(Invoices))]
    public void Every_valid_domestic_invoice_gives_a_flux1_valid_against_the_dgfip_schema(string path)
    {
        var invoice = InvoiceEngine.Read(TestData.Bytes(path)).Invoice;
        foreach (var profile in new[] { Flux1Profile.Base, Flux1Profile.Full })
        {
            var result = Flux1Engine.Extract(invoice, profile);
            if (result.Exclusion is { } exclusion)
            {
                output.WriteLine($"{profile}: {exclusion.Code} {exclusion.Message}");
                Assert.Null(result.Xml);
                var foreign = Flux1Scope.Country(invoice.Seller) != "FR" || Flux1Scope.Country(invoice.Buyer) != "FR";
                var bar = invoice.Notes.FirstOrDefault(n => n.SubjectCode == "BAR")?.Text;
                Assert.True(foreign || Flux1Scope.Siren(invoice.Buyer) is null || bar is "B2C" or "B2BINT" or "OUTOFSCOPE", exclusion.Message);
                continue;
            }
            Assert.NotNull(result.Xml);
            Assert.Equal(XsdErrors(result.Xml!, profile), []);
            Assert.StartsWith(profile == Flux1Profile.Base ? "Base_" : "Full_", result.FileName, StringComparison.Ordinal);

            var published = new List<Finding>();
            Flux1TestData.PublishedRules(profile).Run(XmlTree.Parse(result.Xml!), published);
            foreach (var f in published)
                output.WriteLine($"{profile}: {f.Rule} {f.Location} {f.Message}");
            Assert.Equal(Flux1TestData.FatalRules(published), Flux1TestData.FatalRules(result.Findings));
            // AFNOR's multi-vendor cadres (B8/S8/M8, XP Z12-012 V1.4) are not in DGFiP's list G1.02 (Annexe 7 v1.8): the
            // tax administration rejects them today, and Portique says so rather than sending them. Every other one is clean.
            var expected = invoice.BusinessProcessType is "B8" or "S8" or "M8" ? new List<string> { "G1.02" } : [];
            Assert.Equal(expected, Flux1TestData.FatalRules(result.Findings));
            Assert.Equal(expected.Count == 0, result.IsValid);
        }
    }

    [Fact]
    public void The_test_invoices_include_domestic_ones_in_both_syntaxes()
    {
        var domestic = Flux1TestData.ValidInvoicePaths
            .Select(p => (Path: p, Result: Flux1Engine.Extract(TestData.Bytes(p), Flux1Profile.Base)))
            .Where(r => r.Result.Xml is not null).ToList();
        Assert.Contains(domestic, r => r.Path.Contains("_UBL", StringComparison.Ordinal));
        Assert.Contains(domestic, r => r.Path.Contains("_CII", StringComparison.Ordinal));
        Assert.True(domestic.Count >= 20, $"only {domestic.Count} domestic invoices");
    }

    /// <summary>The XSD from tests/data, compiled apart from the engine's embedded copy.</summary>
    private static List<string> XsdErrors(byte[] xml, Flux1Profile profile)
    {
        var entry = profile == Flux1Profile.Base
            ? "F1_BASE_CII_D22B/uncefact/data/standard/F1BASE_CrossIndustryInvoice_100pD22B.xsd"
            : "F1_FULL_CII_D22B/uncefact/data/standard/F1FULL_CrossIndustryInvoice_100pD22B.xsd";
        var schemas = Portique.Formats.Xml.SchemaFiles.Compile(TestData.PathOf("b2b/flux1/xsd"), entry);
        var errors = new List<string>();
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, Schemas = schemas, ValidationType = ValidationType.Schema };
        settings.ValidationEventHandler += (_, e) => errors.Add($"{e.Exception.LineNumber}: {e.Message}");
        using var reader = XmlReader.Create(new MemoryStream(xml), settings);
        while (reader.Read())
        {
        }
        return errors;
    }
}
