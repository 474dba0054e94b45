using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Portique.IntegrationTests.Infrastructure;
using Portique.Organisation;
using static Portique.IntegrationTests.Organisation.CreateStructureTests;
using static Portique.IntegrationTests.Refunds.RefundKit;

namespace Portique.IntegrationTests.Refunds;

/// <summary>Bad input is refused with a stable code naming the field, and nothing is saved; only "Remboursement de taxes" opens a structure's requests.</summary>
public sealed partial class FilingRulesTests(PortiqueApp app) : IClassFixture<PortiqueApp>
{
    public static TheoryData<string, string, string> BadRequests => new()
    {
        { "date outside the year", """{"deliveryYear":2021,"bankDetailsReference":"RIB","swornNotInDifficulty":true,"lines":[LINE("2022-01-03","GNR",10)]}""", "REFUND_DELIVERY_DATE_OUTSIDE_YEAR" },
        { "three decimals", """{"deliveryYear":2021,"bankDetailsReference":"RIB","swornNotInDifficulty":true,"lines":[LINE("2021-01-03","GNR",10.125)]}""", "REFUND_QUANTITY_INVALID" },
        { "nine digits", """{"deliveryYear":2021,"bankDetailsReference":"RIB","swornNotInDifficulty":true,"lines":[LINE("2021-01-03","GNR",1000000.00)]}""", "REFUND_QUANTITY_INVALID" },
        { "negative quantity", """{"deliveryYear":2021,"bankDetailsReference":"RIB","swornNotInDifficulty":true,"lines":[LINE("2021-01-03","GNR",-1)]}""", "REFUND_QUANTITY_INVALID" },
        { "quantity not a number", """{"deliveryYear":2021,"bankDetailsReference":"RIB","swornNotInDifficulty":true,"lines":[LINE("2021-01-03","GNR","dix")]}""", "REQUEST_INVALID" },
        { "no rate for the product and year", """{"deliveryYear":2019,"bankDetailsReference":"RIB","swornNotInDifficulty":true,"lines":[LINE("2019-05-03","GAZ_NATUREL_CARBURANT",10)]}""", "REFUND_RATE_MISSING" },
        { "unknown product", """{"deliveryYear":2021,"bankDetailsReference":"RIB","swornNotInDifficulty":true,"lines":[LINE("2021-01-03","ESSENCE",10)]}""", "REQUEST_INVALID" },
        { "sworn statement missing", """{"deliveryYear":2021,"bankDetailsReference":"RIB","swornNotInDifficulty":false,"lines":[LINE("2021-01-03","GNR",10)]}""", "REFUND_SWORN_STATEMENT_REQUIRED" },
        { "bank details missing", """{"deliveryYear":2021,"bankDetailsReference":" ","swornNotInDifficulty":true,"lines":[LINE("2021-01-03","GNR",10)]}""", "FIELD_REQUIRED" },
        { "no line", """{"deliveryYear":2021,"bankDetailsReference":"RIB","swornNotInDifficulty":true,"lines":[]}""", "REFUND_NO_LINES" },
        { "future year", """{"deliveryYear":2023,"bankDetailsReference":"RIB","swornNotInDifficulty":true,"lines":[LINE("2023-01-03","GNR",10)]}""", "REFUND_YEAR_INVALID" },
    };

    [Theory]
    [MemberData(nameof(BadRequests))]
    public async Task Bad_input_is_refused_with_a_stable_code_and_nothing_saved(string why, string json, string code)
    {
        app.Clock.AdjustTime(Paris(2022, 6, 1));
        var farm = await FarmAsync(app);
        var before = await CountsAsync(app);
        var body = LineToken().Replace(json, m => $$$"""{"invoiceNumber":"F-1","deliveryDate":{{{m.Groups[1].Value}}},"product":{{{m.Groups[2].Value}}},"quantity":{{{m.Groups[3].Value}}},"attachment":{"fileName":"f.pdf","content":"{{{Convert.ToBase64String(Pdf)}}}"}}""");
        var response = await farm.Client.PostAsync($"/api/v1/structures/{farm.StructureId}/refunds", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
        await AssertProblem(response, HttpStatusCode.BadRequest, code);
        Assert.True(before == await CountsAsync(app), why);
    }

    [Fact]
    public async Task Each_refusal_names_the_line_and_field_and_a_faulty_last_line_saves_nothing()
    {
        app.Clock.AdjustTime(Paris(2022, 6, 1));
        var farm = await FarmAsync(app);
        var before = await CountsAsync(app);
        var url = $"/api/v1/structures/{farm.StructureId}/refunds";

        var tooMany = Enumerable.Range(0, 51).Select(_ => Line("2021-02-01")).ToList();
        await AssertProblem(await farm.Client.PostAsJsonAsync(url, Request(2021, tooMany)), HttpStatusCode.BadRequest, "REFUND_TOO_MANY_LINES");

        var missing = await farm.Client.PostAsJsonAsync(url, Request(2021, [Line("2021-02-01"), Line("2021-02-02"), Line("2021-02-03", attach: false)]));
        await AssertProblem(missing, HttpStatusCode.BadRequest, "REFUND_ATTACHMENT_REQUIRED");
        Assert.Contains("ligne 3 : copie de la facture", await Detail(missing), StringComparison.Ordinal);

        var text = await farm.Client.PostAsJsonAsync(url, Request(2021, [Line("2021-02-01", content: "pas une facture"u8.ToArray())]));
        await AssertProblem(text, HttpStatusCode.BadRequest, "REFUND_ATTACHMENT_TYPE");

        var huge = new byte[Portique.Refunds.RefundAttachment.MaxBytes + 1];
        "%PDF-"u8.CopyTo(huge);
        await AssertProblem(await farm.Client.PostAsJsonAsync(url, Request(2021, [Line("2021-02-01", content: huge)])), HttpStatusCode.BadRequest, "REFUND_ATTACHMENT_TOO_LARGE");

        var outside = await farm.Client.PostAsJsonAsync(url, Request(2021, [Line("2021-12-31"), Line("2022-01-01")]));
        await AssertProblem(outside, HttpStatusCode.BadRequest, "REFUND_DELIVERY_DATE_OUTSIDE_YEAR");
        Assert.Contains("ligne 2 : date de livraison", await Detail(outside), StringComparison.Ordinal);

        var quantity = await farm.Client.PostAsJsonAsync(url, Request(2021, [Line("2021-03-01", quantity: 12.345m)]));
        Assert.Contains("ligne 1 : quantité", await Detail(quantity), StringComparison.Ordinal);

        Assert.Equal(before, await CountsAsync(app));

        // Fifty lines is the most, and the first request of the year is accepted; a second one for the same year is not.
        var fifty = Enumerable.Range(0, 50).Select(i => Line($"2021-{1 + i % 12:00}-10", quantity: 1m)).ToList();
        var filed = await FileAsync(farm.Client, farm.StructureId, Request(2021, fifty));
        Assert.Equal(748.00m, filed.GetProperty("total").GetDecimal());
        var afterFirst = await CountsAsync(app);
        await AssertProblem(await farm.Client.PostAsJsonAsync(url, Request(2021, [Line("2021-02-01")])), HttpStatusCode.Conflict, "REFUND_DUPLICATE");
        Assert.Equal(afterFirst, await CountsAsync(app));
        Assert.Equal((before.Requests + 1, before.Lines + 50, before.Attachments + 50), afterFirst);
    }

    [Fact]
    public async Task Only_users_with_Remboursement_de_taxes_on_the_structure_file_or_see_its_requests()
    {
        app.Clock.AdjustTime(Paris(2022, 6, 1));
        var farm = await FarmAsync(app);
        var filed = await FileAsync(farm.Client, farm.StructureId, Request(2021, [Line("2021-02-01")]));
        var id = filed.GetProperty("id").GetInt64();
        var list = $"/api/v1/structures/{farm.StructureId}/refunds";
        var detail = $"{list}/{id}";
        var attachment = $"{detail}/lines/1/attachment";

        var reader = ClientFor(app, (await MemberAsync(app, farm.StructureId, PortalApplication.RemboursementTaxes, HabilitationProfile.Consultation)).Email!);
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync(detail)).StatusCode);
        var pdf = await reader.GetAsync(attachment);
        Assert.Equal("application/pdf", pdf.Content.Headers.ContentType?.MediaType);
        Assert.Equal(Pdf, await pdf.Content.ReadAsByteArrayAsync());
        Assert.Equal(HttpStatusCode.Forbidden, (await reader.PostAsJsonAsync(list, Request(2020, [Line("2020-02-01")]))).StatusCode);

        var invoicing = ClientFor(app, (await MemberAsync(app, farm.StructureId, PortalApplication.FacturesEmises, HabilitationProfile.Modification)).Email!);
        var other = await FarmAsync(app, "Autre ferme");
        var operatorClient = ClientFor(app, (await app.CreateUserAsync(isOperator: true)).Email!);
        foreach (var client in new[] { invoicing, other.Client })
        {
            foreach (var url in new[] { list, detail, attachment })
                Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync(url)).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.PostAsJsonAsync(list, Request(2020, [Line("2020-02-01")]))).StatusCode);
        }
        // Another structure's route does not reach this request either.
        Assert.Equal(HttpStatusCode.NotFound, (await other.Client.GetAsync($"/api/v1/structures/{other.StructureId}/refunds/{id}")).StatusCode);

        // Processing is the customs' alone: neither the beneficiary nor an operator may list or move requests.
        foreach (var client in new[] { farm.Client, operatorClient })
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/v1/customs/refunds")).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.PostAsJsonAsync($"/api/v1/customs/refunds/{id}/status", new { status = "MISE_A_DISPOSITION" })).StatusCode);
        }
        var customs = await CustomsAsync(app);
        var found = await customs.GetFromJsonAsync<JsonElement>($"/api/v1/customs/refunds?status=DEPOSEE&year=2021&identifier={await Siret(farm.StructureId)}");
        Assert.Equal(id, Assert.Single(found.GetProperty("items").EnumerateArray()).GetProperty("id").GetInt64());
        Assert.Equal(Pdf, await customs.GetByteArrayAsync($"/api/v1/customs/refunds/{id}/lines/1/attachment"));
        Assert.Equal(HttpStatusCode.NotFound, (await customs.GetAsync($"/api/v1/customs/refunds/{id}/lines/2/attachment")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await customs.GetAsync(list)).StatusCode);
    }

    [Fact]
    public async Task Processing_follows_the_statuses_a_refusal_needs_a_reason_and_users_with_Notification_Facturation_are_told()
    {
        app.Clock.AdjustTime(Paris(2022, 6, 1));
        var farm = await FarmAsync(app);
        var told = await MemberAsync(app, farm.StructureId, PortalApplication.RemboursementTaxes, HabilitationProfile.Consultation);
        var silent = await MemberAsync(app, farm.StructureId, PortalApplication.RemboursementTaxes, HabilitationProfile.Consultation, notify: false);
        var blind = await MemberAsync(app, farm.StructureId, PortalApplication.FacturesEmises, HabilitationProfile.Modification);
        var id = (await FileAsync(farm.Client, farm.StructureId, Request(2021, [Line("2021-02-01")]))).GetProperty("id").GetInt64();
        var customs = await CustomsAsync(app);
        var status = $"/api/v1/customs/refunds/{id}/status";

        await AssertProblem(await customs.PostAsJsonAsync(status, new { status = "VALIDEE" }), HttpStatusCode.BadRequest, "REFUND_STATUS_TRANSITION_INVALID");
        await MoveAsync(customs, id, "MISE_A_DISPOSITION", "EN_COURS_INSTRUCTION");
        await AssertProblem(await customs.PostAsJsonAsync(status, new { status = "REFUSEE", reason = " " }), HttpStatusCode.BadRequest, "REFUND_REASON_REQUIRED");
        await AssertProblem(await customs.PostAsJsonAsync(status, new { status = "PAYEE" }), HttpStatusCode.BadRequest, "REQUEST_INVALID");
        await MoveAsync(customs, id, "REFUSEE");
        var view = await customs.GetFromJsonAsync<JsonElement>($"/api/v1/customs/refunds/{id}");
        Assert.Equal("REFUSEE", view.GetProperty("status").GetString());
        Assert.Equal("Factures illisibles", view.GetProperty("refusalReason").GetString());
        Assert.Equal(0, view.GetProperty("nextStatuses").GetArrayLength());

        await app.DrainMailAsync();
        var mails = app.Mailbox.To(told.Email!);
        Assert.Contains(mails, m => (m.Subject ?? "").Contains("déposée", StringComparison.Ordinal) && (m.TextBody ?? "").Contains(Portique.Refunds.RefundMoney.Format(1496m), StringComparison.Ordinal));
        Assert.Contains(mails, m => (m.Subject ?? "").Contains("refusée", StringComparison.Ordinal) && (m.TextBody ?? "").Contains("Motif : Factures illisibles", StringComparison.Ordinal));
        Assert.Equal(4, mails.Count);
        Assert.Empty(app.Mailbox.To(silent.Email!));
        Assert.Empty(app.Mailbox.To(blind.Email!));
    }

    private Task<string> Siret(long structureId) => app.Db(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(db.Structures.Where(s => s.Id == structureId).Select(s => s.Identifier)));

    private static async Task<string> Detail(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("detail").GetString() ?? "";

    [System.Text.RegularExpressions.GeneratedRegex("""LINE\(([^,]+),([^,]+),([^)]+)\)""")]
    private static partial System.Text.RegularExpressions.Regex LineToken();
}
