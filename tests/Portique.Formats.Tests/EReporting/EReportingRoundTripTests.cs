using System.Text;
using Portique.Formats.EReporting;
using static Portique.Formats.Tests.EReporting.EReportingTestData;

namespace Portique.Formats.Tests.EReporting;

/// <summary>Written transmissions are valid against the published XSD, and read → write → read keeps every value.</summary>
public sealed class EReportingRoundTripTests
{
    public static TheoryData<string> Kinds => ["transactions", "payments"];

    private static EReport Build(string kind) => kind == "transactions" ? Transactions() : Payments();

    [Theory]
    [MemberData(nameof(Kinds))]
    public void The_writer_gives_a_transmission_valid_against_the_published_xsd(string kind)
    {
        var xml = EReportingEngine.Write(Build(kind));
        Assert.Equal([], XsdErrors(xml));
        Assert.DoesNotContain("xmlns", Encoding.UTF8.GetString(xml), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Read_write_read_is_lossless(string kind)
    {
        var first = EReportingWriter.Write(Build(kind));
        var read = EReportingReader.Read(first);
        Assert.Equal([], read.Findings);
        var second = EReportingWriter.Write(read.Report!);
        Assert.Equal(Encoding.UTF8.GetString(first), Encoding.UTF8.GetString(second));
        // The decimals written are the decimals read: 150.00 stays 150.00, 5.5 stays 5.5.
        var again = EReportingEngine.Read(second);
        Assert.Equal(Encoding.UTF8.GetString(second), Encoding.UTF8.GetString(EReportingWriter.Write(again)));
    }

    [Fact]
    public void Values_are_read_as_written_including_empty_and_scaled_ones()
    {
        var r = Transactions();
        r.Name = "";
        var read = EReportingEngine.Read(EReportingWriter.Write(r));
        Assert.Equal("", read.Name);
        Assert.Equal("150.00", EReportingWriter.Format(read.Transactions!.Days[0].TaxExclusiveAmount!.Value));
        Assert.Equal("DE123456789", read.Transactions.Invoices[0].Buyer!.CompanyId!.Value);
        Assert.Equal("0223", read.Transactions.Invoices[0].Buyer!.CompanyId!.Scheme);
        Assert.True(read.Transactions.Invoices[0].AllowanceCharges[0].ChargeIndicator);
        Assert.Equal(3, read.Transactions.Days[0].TransactionsCount);
    }

    [Fact]
    public void Invoice_lines_are_kept_out_of_the_model_with_a_warning_not_silently()
    {
        var xml = Encoding.UTF8.GetString(EReportingWriter.Write(Transactions()))
            .Replace("</TaxSubTotal>", "</TaxSubTotal><Line><Product><Name>Conseil</Name></Product></Line>", StringComparison.Ordinal);
        var result = EReportingEngine.Validate(Encoding.UTF8.GetBytes(xml));
        Assert.True(result.IsValid);
        var warning = Assert.Single(result.Findings);
        Assert.Equal(EReportingReader.Unmodelled, warning.Rule);
        Assert.Equal(Severity.Warning, warning.Severity);
    }

    [Theory]
    [InlineData("<!DOCTYPE Report [<!ENTITY x \"y\">]><Report/>", "XML")]
    [InlineData("<Report><ReportDocument>", "XML")]
    [InlineData("<r:Report xmlns:r=\"urn:autre\"/>", "XML")]
    [InlineData("", "XML")]
    public void Hostile_or_foreign_content_fails_with_a_clear_finding(string content, string rule)
    {
        var result = EReportingEngine.Validate(Encoding.UTF8.GetBytes(content));
        Assert.False(result.IsValid);
        Assert.Null(result.Report);
        Assert.Contains(result.Findings, f => f.Rule == rule && f.Severity == Severity.Fatal && f.Message.Length > 0);
        Assert.Throws<EReportingFormatException>(() => EReportingEngine.Read(Encoding.UTF8.GetBytes(content)));
    }

    [Fact]
    public void Depth_and_size_are_bounded()
    {
        var deep = "<Report>" + string.Concat(Enumerable.Repeat("<a>", 100)) + string.Concat(Enumerable.Repeat("</a>", 100)) + "</Report>";
        var result = EReportingEngine.Validate(Encoding.UTF8.GetBytes(deep));
        Assert.False(result.IsValid);
        Assert.Contains(result.Findings, f => f.Message.Contains("imbriqués", StringComparison.Ordinal));

        var small = new FormatLimits { MaxXmlBytes = 100 };
        var big = EReportingEngine.Validate(EReportingWriter.Write(Transactions()), small);
        Assert.False(big.IsValid);
        Assert.Contains(big.Findings, f => f.Message.Contains("limite", StringComparison.Ordinal));
    }

    [Fact]
    public void A_schema_error_is_reported_with_the_xsd_rule()
    {
        var xml = Encoding.UTF8.GetString(EReportingWriter.Write(Payments())).Replace("<Amount>300.00</Amount>", "<Amount>trois cents</Amount>", StringComparison.Ordinal);
        var result = EReportingEngine.Validate(Encoding.UTF8.GetBytes(xml));
        Assert.False(result.IsValid);
        Assert.Contains(result.Findings, f => f.Rule == "XSD");
    }
}
