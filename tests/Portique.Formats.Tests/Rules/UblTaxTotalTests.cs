using System.Text;
using Portique.Formats.Rules;

namespace Portique.Formats.Tests.Rules;

/// <summary>BR-CO-14 in UBL is asserted on each cac:TaxTotal with its own subtotals, as the artefacts bind it.</summary>
public sealed class UblTaxTotalTests
{
    private const string Example = "examples/en16931/ubl/ubl-tc434-example1.xml";

    private static string SecondTotal(string total, string subtotal) =>
        $"</cac:TaxTotal><cac:TaxTotal><cbc:TaxAmount currencyID=\"DKK\">{total}</cbc:TaxAmount><cac:TaxSubtotal>"
        + "<cbc:TaxableAmount currencyID=\"DKK\">400.00</cbc:TaxableAmount>"
        + $"<cbc:TaxAmount currencyID=\"DKK\">{subtotal}</cbc:TaxAmount><cac:TaxCategory><cbc:ID>S</cbc:ID><cbc:Percent>25</cbc:Percent>"
        + "<cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme></cac:TaxCategory></cac:TaxSubtotal></cac:TaxTotal>";

    [Theory]
    [InlineData("100.00", "100.00", false)]
    [InlineData("100.00", "90.00", true)]
    public void A_second_VAT_total_is_checked_against_its_own_subtotals(string total, string subtotal, bool fires)
    {
        var xml = Encoding.UTF8.GetString(TestData.Bytes(Example));
        var at = xml.IndexOf("</cac:TaxTotal>", StringComparison.Ordinal);
        var bytes = Encoding.UTF8.GetBytes(xml[..at] + SecondTotal(total, subtotal) + xml[(at + "</cac:TaxTotal>".Length)..]);

        var read = InvoiceXml.Read(bytes, validateSchema: false);
        var findings = new List<Finding>();
        InvoiceRules.Check(read.Invoice!, read.Syntax!.Value, bytes, RuleProfile.En16931, findings);

        Assert.Equal(fires, findings.Exists(f => f.Rule == "BR-CO-14" && f.Severity == Severity.Fatal));
    }
}
