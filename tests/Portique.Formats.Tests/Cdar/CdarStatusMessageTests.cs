using Portique.Formats.Cdar;

namespace Portique.Formats.Tests.Cdar;

/// <summary>Messages Portique writes for each status of spec §2.1 pass the XSD and the French rules; a wrong request is refused with the rule id.</summary>
public sealed class CdarStatusMessageTests
{
    private static readonly CdarActor Platform = new("0042", "0238", "Portique");
    private static readonly CdarActor Seller = new("100000009", "0002", "VENDEUR", "100000009_STATUTS");
    private static readonly CdarActor Buyer = new("200000008", "0002", "ACHETEUR", "200000008");

    public static TheoryData<string> Statuses => [.. CdarCodes.KnownStatuses.Select(s => s.Code)];

    /// <summary>A request as the portal would make it: the buyer sets buyer statuses, the seller the others, with what each needs.</summary>
    private static CdarStatusRequest Request(string code, bool toPpf = false, bool ppfOnly = false)
    {
        var status = CdarCodes.Status(code)!;
        var bySeller = code is "209" or "212" or "220" or "224" or "225" or "226" or "227" or "228";
        var allowed = CdarCodes.ReasonsFor(code);
        return new CdarStatusRequest
        {
            MessageId = $"F202600001_{code}_20260901101500",
            IssuedAt = new DateTimeOffset(2026, 9, 1, 10, 15, 0, TimeSpan.Zero),
            Status = code,
            InvoiceNumber = "F202600001",
            InvoiceDate = new DateOnly(2026, 8, 31),
            SellerSiren = "100000009",
            Platform = Platform,
            SetBy = bySeller ? Seller : Buyer,
            SetByRole = bySeller ? "SE" : "BY",
            Recipients = ppfOnly ? [] : [(bySeller ? Buyer : Seller, bySeller ? "BY" : "SE")],
            ToPpf = toPpf || ppfOnly,
            Reason = CdarCodes.StatusesNeedingReason.Contains(code) ? allowed!.Order(StringComparer.Ordinal).First() : null,
            ReasonText = CdarCodes.StatusesNeedingReason.Contains(code) ? "Motif saisi dans le portail" : null,
            RequestedAction = code is "207" or "210" ? "NIN" : null,
            Collected = code == "212" ? [new(1000m, 20m), new(200m, 5.5m)] : [],
        };
    }

    [Theory]
    [MemberData(nameof(Statuses))]
    public void The_message_of_each_status_validates(string code)
    {
        var message = CdarStatusMessage.Create(Request(code));

        var xml = CdarEngine.Write(message);
        var report = CdarEngine.Validate(xml);

        Assert.True(report.IsValid, string.Join("\n", report.Findings.Select(f => $"{f.Rule}: {f.Message}")));
        Assert.Empty(report.Findings);
        var back = report.Message!;
        var document = back.Acknowledgements.Single().Documents.Single();
        Assert.Equal(code, document.ProcessConditionCode);
        Assert.Equal(CdarCodes.Status(code)!.Phase, back.Acknowledgements[0].TypeCode);
        Assert.Equal("F202600001", document.IssuerAssignedId);
        Assert.Empty(CdarTestData.PublishedFatalRules(xml));
    }

    [Theory]
    [InlineData("200")]
    [InlineData("210")]
    [InlineData("212")]
    [InlineData("213")]
    public void The_mandatory_statuses_validate_sent_to_the_ppf_alone_and_alongside_the_partner(string code)
    {
        foreach (var request in new[] { Request(code, ppfOnly: true), Request(code, toPpf: true) })
        {
            var xml = CdarEngine.Write(CdarStatusMessage.Create(request));
            var message = CdarEngine.Read(xml);

            Assert.True(CdarCodes.Status(code)!.MandatoryToPpf);
            Assert.Contains(message.Recipients, r => r.RoleCode == "DFH" && r.GlobalIds.Single().Value == "0000");
            Assert.Equal(request.Recipients.Count == 0 ? CdarCodes.GuidelinePpf : CdarCodes.GuidelineInvoice, message.Context!.Guideline);
            Assert.Empty(CdarTestData.PublishedFatalRules(xml));
        }
    }

    [Fact]
    public void The_amounts_collected_per_vat_rate_travel_in_a_212()
    {
        var xml = CdarEngine.Write(CdarStatusMessage.Create(Request("212")));

        var collected = CdarEngine.Read(xml).Acknowledgements[0].Documents[0].Statuses.Single().Characteristics;

        Assert.Equal([(1000m, "20.00"), (200m, "5.50")], collected.Select(c => (c.ValueAmount!.AsDecimal()!.Value, c.ValuePercent!)));
        Assert.All(collected, c => Assert.Equal("MEN", c.TypeCode));
    }

    [Theory]
    [InlineData("212", null, "BR-FR-CDV-14_MDT-207")]
    [InlineData("210", null, "BR-FR-CDV-15_MDT-113")]
    [InlineData("210", "JUSTIF_ABS", "BR-FR-CDV-CL-09_MDT-113_210")]
    [InlineData("213", "TX_TVA_ERR", "BR-FR-CDV-CL-09_MDT-113_213")]
    [InlineData("207", "NON_TRANSMISE", "BR-FR-CDV-CL-09_MDT-113_207")]
    [InlineData("204", "PAS_UN_MOTIF", "BR-FR-CDV-CL-09_MDT-113")]
    public void A_request_missing_what_its_status_needs_is_refused_with_the_rule_id(string code, string? reason, string rule)
    {
        var request = Request(code) with { Reason = reason, Collected = [] };

        var error = Assert.Throws<CdarFormatException>(() => CdarEngine.Write(CdarStatusMessage.Create(request)));

        Assert.Contains(error.Findings, f => f.Rule == rule);
        Assert.Contains(rule, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_status_is_refused_in_french()
    {
        var error = Assert.Throws<ArgumentException>(() => CdarStatusMessage.Create(Request("200") with { Status = "299" }));

        Assert.Contains("299", error.Message, StringComparison.Ordinal);
        Assert.Contains("statut", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_summary_names_the_status_the_invoice_and_the_amounts_in_french_and_in_english()
    {
        var message = CdarEngine.Read(CdarEngine.Write(CdarStatusMessage.Create(Request("212"))));

        var french = CdarText.Render(message);
        var english = CdarText.Render(message, Portique.Formats.Rendering.RenderLanguage.English);

        Assert.Contains("212 Encaissée — statut obligatoire transmis au PPF", french, StringComparison.Ordinal);
        Assert.Contains("Facture : F202600001 (type 380)", french, StringComparison.Ordinal);
        Assert.Contains("Montant encaissé : 1000 EUR TVA 20.00 %", french, StringComparison.Ordinal);
        Assert.Contains("Date de la facture : 31 août 2026", french, StringComparison.Ordinal);
        Assert.Contains("212 Collected", english, StringComparison.Ordinal);
        Assert.Contains("Amount collected: 200 EUR VAT 5.50%", english, StringComparison.Ordinal);
    }
}
