using Portique.Formats.Model;

namespace Portique.Formats.Tests.Rules;

public sealed class CodeListRulesTests
{
    public static TheoryData<string, Action<Invoice>> Breakages() => new()
    {
        { "BR-CL-01", i => i.TypeCode = "999" },
        { "BR-CL-04", i => i.CurrencyCode = "EURO" },
        { "BR-CL-05", i => i.VatAccountingCurrencyCode = "XYZ" },
        { "BR-CL-06", i => i.VatPointDateCode = "5" },
        { "BR-CL-07", i => i.InvoicedObjectIdentifier = new Identifier("X", "QQQ") },
        { "BR-CL-08", i => i.Notes[0].SubjectCode = "QQQ" },
        { "BR-CL-10", i => i.Buyer.Identifiers.Add(new Identifier("X", "SEPA")) },
        { "BR-CL-11", i => i.Seller.LegalRegistrationId!.SchemeId = "0092" },
        { "BR-CL-13", i => i.Lines[0].Item.Classifications.Add(new Classification { Code = "1", SchemeId = "QQ" }) },
        { "BR-CL-14", i => i.Buyer.Address!.CountryCode = "XX" },
        { "BR-CL-15", i => i.Lines[0].Item.OriginCountryCode = "ZZ" },
        { "BR-CL-16", i => i.PaymentMeans[0].TypeCode = "71" },
        { "BR-CL-17", i => i.VatBreakdown[0].CategoryCode = "X" },
        { "BR-CL-18", i => i.Lines[0].VatCategoryCode = "X" },
        { "BR-CL-19", i => i.AllowanceCharges[1].ReasonCode = "ZZZ" },
        { "BR-CL-20", i => i.AllowanceCharges[0].ReasonCode = "95" },
        { "BR-CL-21", i => i.Lines[0].Item.StandardId = new Identifier("1", "9999") },
        { "BR-CL-22", i => i.VatBreakdown[0].ExemptionReasonCode = "VATEX-EU-999" },
        { "BR-CL-23", i => i.Lines[0].QuantityUnitCode = "PIECE" },
        { "BR-CL-24", i => i.SupportingDocuments.Add(new SupportingDocument { Reference = "1", AttachmentMimeCode = "application/zip" }) },
        { "BR-CL-25", i => i.Seller.ElectronicAddress!.SchemeId = "0001" },
        { "BR-CL-26", i => i.Delivery = new Delivery { LocationIdentifier = new Identifier("1", "ABCD") } },
    };

    [Theory]
    [MemberData(nameof(Breakages))]
    public void Unknown_code_fires(string rule, Action<Invoice> breakIt)
    {
        var invoice = SampleInvoice.Create();
        breakIt(invoice);
        Assert.Contains(rule, SampleInvoice.En16931(invoice).Ids());
    }

    [Fact]
    public void Sepa_identifier_is_accepted_for_the_seller_only()
    {
        var invoice = SampleInvoice.Create();
        invoice.Seller.Identifiers.Add(new Identifier("FR12ZZZ123456", "SEPA"));
        Assert.DoesNotContain("BR-CL-10", SampleInvoice.En16931(invoice).Ids());
    }

    [Fact]
    public void Vatex_codes_are_compared_case_insensitively()
    {
        var invoice = SampleInvoice.Create();
        invoice.VatBreakdown[0].ExemptionReasonCode = "vatex-eu-ae";
        Assert.DoesNotContain("BR-CL-22", SampleInvoice.En16931(invoice).Ids());
    }
}
