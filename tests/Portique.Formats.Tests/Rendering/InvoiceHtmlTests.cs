using System.Net;
using Portique.Formats.Model;

namespace Portique.Formats.Tests.Rendering;

public sealed class InvoiceHtmlTests
{
    public static TheoryData<string> Examples =>
    [
        .. Directory.GetFiles(TestData.PathOf("examples/en16931/ubl"))
            .Concat(Directory.GetFiles(TestData.PathOf("examples/en16931/cii")))
            .Select(p => Path.GetRelativePath(TestData.Root, p).Replace('\\', '/'))
            .Order(StringComparer.Ordinal),
    ];

    [Theory]
    [MemberData(nameof(Examples))]
    public void Shows_parties_lines_vat_breakdown_totals_and_payment(string file)
    {
        var invoice = InvoiceXml.Read(TestData.Bytes(file)).Invoice!;

        var html = InvoiceEngine.RenderHtml(invoice);

        Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.Ordinal);
        AssertShows(html, invoice.Number);
        AssertShows(html, invoice.Seller.Name);
        AssertShows(html, invoice.Buyer.Name);
        foreach (var line in invoice.Lines)
        {
            AssertShows(html, line.Item.Name);
            AssertShows(html, Formats.Rendering.InvoiceText.French.Amount(line.NetAmount));
        }
        foreach (var vat in invoice.VatBreakdown)
            AssertShows(html, Formats.Rendering.InvoiceText.French.Amount(vat.TaxAmount));
        AssertShows(html, Formats.Rendering.InvoiceText.French.Amount(invoice.Totals.PayableAmount, invoice.CurrencyCode));
        foreach (var note in invoice.Notes)
            AssertShows(html, note.Text);
        foreach (var means in invoice.PaymentMeans)
            AssertShows(html, means.CreditTransfer?.AccountIdentifier);
    }

    [Fact]
    public void Every_value_is_html_encoded()
    {
        const string attack = "<script>alert(1)</script>\"'><img src=x onerror=alert(2)>&";
        var party = new Party
        {
            Name = attack, TradingName = attack, VatIdentifier = attack,
            Address = new Address { Line1 = attack, City = attack, CountryCode = attack },
            Contact = new Contact { Name = attack, Email = attack },
            ElectronicAddress = new Identifier(attack, attack),
            Identifiers = [new Identifier(attack, attack)],
        };
        var invoice = new Invoice
        {
            Number = attack, TypeCode = attack, CurrencyCode = attack, BuyerReference = attack, PaymentTerms = attack,
            Seller = party, Buyer = party, Payee = party,
            Notes = [new Note { SubjectCode = attack, Text = attack }],
            Lines = [new InvoiceLine { Id = attack, Note = attack, QuantityUnitCode = attack, VatCategoryCode = attack,
                Item = new Item { Name = attack, Description = attack, Attributes = [new ItemProperty { Name = attack, Value = attack }] } }],
            VatBreakdown = [new VatBreakdown { CategoryCode = attack, ExemptionReason = attack }],
            AllowanceCharges = [new AllowanceCharge { Reason = attack }],
            PaymentMeans = [new PaymentMeans { TypeCode = attack, CreditTransfer = new CreditTransfer { AccountIdentifier = attack } }],
            SupportingDocuments = [new SupportingDocument { Reference = attack, AttachmentFilename = attack }],
        };

        var html = InvoiceEngine.RenderHtml(invoice);

        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("\"'>", html, StringComparison.Ordinal);
        Assert.Contains(WebUtility.HtmlEncode(attack), html, StringComparison.Ordinal);
    }

    [Fact]
    public void The_page_is_self_contained()
    {
        var invoice = InvoiceXml.Read(TestData.Bytes("examples/en16931/ubl/ubl-tc434-example1.xml")).Invoice!;

        var html = InvoiceEngine.RenderHtml(invoice);

        Assert.DoesNotContain("<link", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("src=", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
    }

    private static void AssertShows(string html, string? value)
    {
        if (!string.IsNullOrWhiteSpace(value))
            Assert.Contains(WebUtility.HtmlEncode(value.Trim()), html, StringComparison.Ordinal);
    }
}
