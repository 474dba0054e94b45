using Portique.Common;
using Portique.Refunds;

namespace Portique.Tests.Refunds;

public sealed class RefundRulesTests
{
    private static readonly DateTimeOffset Now = new(2022, 6, 1, 8, 0, 0, TimeSpan.Zero);
    private static readonly byte[] Pdf = "%PDF-1.7 copie"u8.ToArray();

    private static void Refused(string code, Action action) => Assert.Equal(code, Assert.Throws<PortiqueException>(action).Code);

    private static RefundLine Line(int number = 1, string date = "2021-05-01", decimal quantity = 10m, decimal rate = 14.96m) =>
        RefundLine.Create(number, "F-1", DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture), RefundProduct.GazoleNonRoutier, quantity, rate,
            RefundAttachment.Create(number, "f.pdf", Pdf));

    private static RefundCampaign Campaign2022() =>
        RefundCampaign.Create(2022, 25m, new DateOnly(2022, 4, 1), new DateOnly(2022, 4, 30), new DateOnly(2022, 5, 1));

    [Theory]
    [InlineData("0.01", true)]
    [InlineData("999999.99", true)]
    [InlineData("1000000", false)]
    [InlineData("12.345", false)]
    [InlineData("0", false)]
    [InlineData("-3", false)]
    public void Quantities_have_at_most_eight_digits_of_which_two_decimals(string quantity, bool accepted)
    {
        var q = decimal.Parse(quantity, System.Globalization.CultureInfo.InvariantCulture);
        if (accepted)
            Assert.Equal(q, RefundRules.CheckQuantity(q, "ligne 1"));
        else
            Refused("REFUND_QUANTITY_INVALID", () => RefundRules.CheckQuantity(q, "ligne 1"));
    }

    [Fact]
    public void A_line_is_priced_and_rounded_half_away_from_zero()
    {
        Assert.Equal(49.25m, Line(quantity: 10.5m, rate: 4.69m).Refund);
        Assert.Equal(149.60m, Line(quantity: 10m).Refund);
    }

    [Fact]
    public void A_request_keeps_its_lines_inside_the_year_and_at_most_fifty()
    {
        Refused("REFUND_DELIVERY_DATE_OUTSIDE_YEAR", () => RefundRequest.File(1, 2021, "RIB", true, [Line(), Line(2, "2022-01-01")], 7, Now));
        Refused("REFUND_TOO_MANY_LINES", () => RefundRequest.File(1, 2021, "RIB", true, Enumerable.Range(1, 51).Select(i => Line(i)).ToList(), 7, Now));
        Refused("REFUND_NO_LINES", () => RefundRequest.File(1, 2021, "RIB", true, [], 7, Now));
        Refused("REFUND_SWORN_STATEMENT_REQUIRED", () => RefundRequest.File(1, 2021, "RIB", false, [Line()], 7, Now));
        var request = RefundRequest.File(1, 2021, "RIB", true, Enumerable.Range(1, 50).Select(i => Line(i)).ToList(), 7, Now);
        Assert.Equal(50 * 149.60m, request.Total);
        Assert.Equal(RefundStatus.Deposee, Assert.Single(request.History).Status);
    }

    [Fact]
    public void Attachments_are_pdf_jpeg_or_png_read_from_their_bytes_and_at_most_ten_megabytes()
    {
        Assert.Equal("application/pdf", RefundAttachment.Create(1, "../../etc/f.pdf", Pdf).ContentType);
        Assert.Equal("f.pdf", RefundAttachment.Create(1, "../../etc/f.pdf", Pdf).FileName);
        Assert.Equal("image/png", RefundAttachment.Create(1, "scan.png", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0]).ContentType);
        Assert.Equal("image/jpeg", RefundAttachment.Create(1, "scan.jpg", [0xFF, 0xD8, 0xFF, 0xE0]).ContentType);
        Refused("REFUND_ATTACHMENT_TYPE", () => RefundAttachment.Create(1, "facture.pdf", "<html>"u8.ToArray()));
        Refused("REFUND_ATTACHMENT_REQUIRED", () => RefundAttachment.Create(1, "facture.pdf", []));
        var big = new byte[RefundAttachment.MaxBytes + 1];
        Pdf.CopyTo(big, 0);
        Refused("REFUND_ATTACHMENT_TOO_LARGE", () => RefundAttachment.Create(1, "facture.pdf", big));
    }

    [Fact]
    public void The_2022_campaign_is_automatic_in_April_and_by_checkbox_from_May()
    {
        var c = Campaign2022();
        Assert.False(c.IsAutomaticOn(new DateOnly(2022, 3, 31)));
        Assert.True(c.IsAutomaticOn(new DateOnly(2022, 4, 1)));
        Assert.True(c.IsAutomaticOn(new DateOnly(2022, 4, 30)));
        Assert.False(c.IsAutomaticOn(new DateOnly(2022, 5, 1)));
        Assert.False(c.OffersCheckboxOn(new DateOnly(2022, 4, 30)));
        Assert.True(c.OffersCheckboxOn(new DateOnly(2022, 5, 1)));
        Assert.Equal(374.00m, c.AdvanceOn(1496m));
        Assert.Equal(0.01m, c.AdvanceOn(0.03m));
        Refused("REFUND_CAMPAIGN_INVALID", () => RefundCampaign.Create(2024, 150m, null, null, new DateOnly(2024, 2, 1)));
        Refused("REFUND_CAMPAIGN_INVALID", () => RefundCampaign.Create(2024, 50m, new DateOnly(2024, 5, 1), new DateOnly(2024, 4, 1), new DateOnly(2024, 2, 1)));
    }

    [Fact]
    public void Paris_days_decide_the_windows()
    {
        Assert.Equal(new DateOnly(2022, 5, 1), RefundRules.ParisDay(new DateTimeOffset(2022, 4, 30, 22, 0, 0, TimeSpan.Zero)));
        Assert.Equal(new DateOnly(2022, 4, 30), RefundRules.ParisDay(new DateTimeOffset(2022, 4, 30, 21, 59, 0, TimeSpan.Zero)));
    }

    [Fact]
    public void Processing_follows_the_statuses_and_validation_freezes_the_balance()
    {
        var request = RefundRequest.File(1, 2022, "RIB", true, [Line(date: "2022-03-01")], 7, Now);
        Refused("REFUND_STATUS_TRANSITION_INVALID", () => request.MoveTo(RefundStatus.Validee, null, 0, 9, Now));
        request.MoveTo(RefundStatus.MiseADisposition, null, 0, 9, Now);
        request.MoveTo(RefundStatus.EnCoursInstruction, null, 0, 9, Now);
        Refused("REFUND_REASON_REQUIRED", () => request.MoveTo(RefundStatus.Refusee, "  ", 0, 9, Now));
        request.MoveTo(RefundStatus.Validee, null, 374m, 9, Now);
        Assert.Equal(-224.40m, request.Balance);
        Assert.Equal(224.40m, request.AmountToRepay);
        request.MoveTo(RefundStatus.MiseEnPaiement, null, 0, 9, Now);
        Assert.Empty(request.NextStatuses);
        Assert.Equal(5, request.History.Count);
    }

    [Fact]
    public void Rates_are_positive_with_at_most_four_decimals()
    {
        Assert.Equal(13.765m, RefundRate.Create(2022, RefundProduct.FioulLourd, 13.765m).Rate);
        Refused("REFUND_RATE_INVALID", () => RefundRate.Create(2022, RefundProduct.FioulLourd, 0m));
        Refused("REFUND_RATE_INVALID", () => RefundRate.Create(2022, RefundProduct.FioulLourd, 1.23456m));
    }
}
