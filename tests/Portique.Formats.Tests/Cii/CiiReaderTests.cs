using Portique.Formats.Model;

namespace Portique.Formats.Tests.Cii;

public sealed class CiiReaderTests
{
    [Fact]
    public void Official_CII_example_1_maps_the_same_business_content_as_its_UBL_twin()
    {
        var result = InvoiceXml.Read(TestData.Bytes("examples/en16931/cii/CII_example1.xml"));
        Assert.Empty(result.Findings);
        var inv = result.Invoice!;

        Assert.Equal(InvoiceSyntax.Cii, result.Syntax);
        Assert.Equal("12115118", inv.Number);
        Assert.Equal("380", inv.TypeCode);
        Assert.Equal(new DateOnly(2015, 1, 9), inv.IssueDate);
        Assert.Equal(new DateOnly(2015, 1, 9), inv.PaymentDueDate);
        var note = Assert.Single(inv.Notes);
        Assert.Equal("AAR", note.SubjectCode);
        Assert.Equal("De Koksmaat", inv.Seller.Name);
        Assert.Equal("Velsen-Noord", inv.Seller.Address?.City);
        Assert.Equal("1950 AB", inv.Seller.Address?.PostCode);
        Assert.Equal("ODIN 59", inv.Buyer.Name);
        Assert.Equal("Deb. 10202 / Fact. 12115118", inv.RemittanceInformation);
        Assert.Equal(2, inv.PaymentMeans.Count);
        Assert.Equal("NL57 RABO 0107307510", inv.PaymentMeans[0].CreditTransfer?.AccountIdentifier);
        Assert.Equal("229.6", inv.Totals.LineNetTotal?.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(20.73m, inv.Totals.VatTotal);
        Assert.Equal(250.33m, inv.Totals.PayableAmount);
        Assert.Equal(20, inv.Lines.Count);
        Assert.Equal("PATAT FRITES 10MM 10KG", inv.Lines[0].Item.Name);
        Assert.Equal("166022", inv.Lines[0].Item.SellerId);

        // The UBL twin of this example carries the same lines (amounts equal, though written with another scale).
        var ubl = InvoiceXml.Read(TestData.Bytes("examples/en16931/ubl/ubl-tc434-example1.xml")).Invoice!;
        Assert.Equal(ubl.Lines.Select(l => (l.Id, l.Quantity, l.NetAmount, l.VatRate)), inv.Lines.Select(l => (l.Id, l.Quantity, l.NetAmount, l.VatRate)));
    }

    [Fact]
    public void Factur_X_extended_sub_lines_keep_their_parent_line()
    {
        var path = Corpus.ValidXmlFiles.First(r => r["path"].Contains("SubInvoiceLines", StringComparison.Ordinal) && r["path"].EndsWith(".xml", StringComparison.Ordinal))["path"];

        var inv = InvoiceXml.Read(TestData.Bytes(path)).Invoice!;

        Assert.Contains(inv.Lines, l => l.ParentLineId is not null);
        Assert.Contains(inv.Lines, l => l.LineStatusReasonCode == "DETAIL");
        Assert.All(inv.Lines.Where(l => l.ParentLineId is not null), l => Assert.Contains(inv.Lines, p => p.Id == l.ParentLineId));
    }

    public static TheoryData<string> ValidCii => Corpus.Paths(Corpus.ValidXmlFiles.Where(r => r["syntax"] == "cii"));

    [Theory]
    [MemberData(nameof(ValidCii))]
    public void Every_valid_CII_file_reads_into_a_model(string path)
    {
        var result = InvoiceXml.Read(TestData.Bytes(path));

        var inv = Assert.IsType<Invoice>(result.Invoice);
        Assert.DoesNotContain(result.Findings, f => f.Rule == "XML");
        Assert.False(string.IsNullOrEmpty(inv.Number));
        Assert.NotNull(inv.IssueDate);
        Assert.False(string.IsNullOrEmpty(inv.CurrencyCode));
        Assert.False(string.IsNullOrEmpty(inv.Seller.Name ?? inv.Seller.TradingName));
        Assert.NotNull(inv.Totals.PayableAmount);
        var profile = Corpus.Row(path)["profile"];
        if (!profile.Contains("MINIMUM", StringComparison.Ordinal) && !profile.Contains("BASIC-WL", StringComparison.Ordinal))
        {
            Assert.NotEmpty(inv.Lines);
            Assert.All(inv.Lines, l => Assert.NotNull(l.NetAmount));
        }
    }

    [Fact]
    public void A_date_not_in_format_102_is_a_fatal_finding_on_its_term()
    {
        var xml = File.ReadAllText(TestData.PathOf("examples/en16931/cii/CII_example1.xml"))
            .Replace("<udt:DateTimeString format=\"102\">20150109</udt:DateTimeString>\n        </ram:IssueDateTime>",
                "<udt:DateTimeString format=\"102\">2015-01-09</udt:DateTimeString>\n        </ram:IssueDateTime>", StringComparison.Ordinal);

        var result = InvoiceXml.Read(System.Text.Encoding.UTF8.GetBytes(xml));

        var finding = Assert.Single(result.Findings);
        Assert.Equal("XML", finding.Rule);
        Assert.Equal("BT-2", finding.Term);
        Assert.Equal(Severity.Fatal, finding.Severity);
        Assert.Equal("/rsm:CrossIndustryInvoice/rsm:ExchangedDocument[1]/ram:IssueDateTime[1]/udt:DateTimeString[1]", finding.Location);
        Assert.Null(result.Invoice!.IssueDate);
    }
}
