using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Portique.IntegrationTests.Infrastructure;
using Portique.IntegrationTests.Invoicing;

namespace Portique.IntegrationTests.Lifecycle;

/// <summary>The invoice pages show the lifecycle in French and its form sets a status with its CDAR message (SQLite and PostgreSQL).</summary>
public sealed partial class LifecyclePageTests(InvoicingApp app) : IClassFixture<InvoicingApp>
{
    [Fact]
    public async Task The_buyer_sets_a_status_from_the_invoice_page_and_both_pages_list_it()
    {
        var (_, seller) = await app.SignedInUserAsync();
        var (_, buyer) = await app.SignedInUserAsync();
        var sellerSiret = Unique.Siret();
        var buyerSiret = Unique.Siret();
        var sellerId = await Kit.CreateStructureAsync(seller, sellerSiret, isPublic: false);
        var buyerId = await Kit.CreateStructureAsync(buyer, buyerSiret, isPublic: false);
        var number = $"P{Unique.Next()}";
        var flow = await Kit.DepositAsync(seller, sellerId, Kit.Ubl(sellerSiret, buyerSiret, number), $"{number}.xml");
        await app.ProcessDepositsAsync();
        var id = (await Kit.ReportAsync(seller, sellerId, flow)).GetProperty("factures")[0].GetProperty("identifiantFactureCpp").GetInt64();

        // The form's redirect is checked as such: a followed redirect would drop the bearer header.
        var buyerPages = app.CreateClient(new() { AllowAutoRedirect = false });
        buyerPages.DefaultRequestHeaders.Authorization = buyer.DefaultRequestHeaders.Authorization;
        var page = WebUtility.HtmlDecode(await buyerPages.GetStringAsync($"/Invoicing/{buyerId}/Received/{id}"));
        Assert.Contains("Cycle de vie (réforme de la facturation électronique)", page, StringComparison.Ordinal);
        Assert.Contains("203 Mise à disposition", page, StringComparison.Ordinal);
        Assert.Contains("<option value=\"207\">207 En litige (motif obligatoire)</option>", page, StringComparison.Ordinal);
        var token = Token().Match(page).Groups[1].Value;

        // A refused change shows its reason on the page, with the code, and stores nothing.
        var refused = await buyerPages.PostAsync($"/Invoicing/{buyerId}/Received/{id}/Lifecycle", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Statut"] = "207", ["Motif"] = "", ["__RequestVerificationToken"] = token,
        }));
        var refusal = WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("LIFECYCLE_REASON_REQUIRED", refusal, StringComparison.Ordinal);
        Assert.Contains("Un motif est obligatoire pour le statut 207", refusal, StringComparison.Ordinal);

        var set = await buyerPages.PostAsync($"/Invoicing/{buyerId}/Received/{id}/Lifecycle", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Statut"] = "207", ["Motif"] = "PU_ERR", ["ActionDemandee"] = "CNP", ["Commentaire"] = "Prix unitaire du devis : 9,50 €", ["__RequestVerificationToken"] = token,
        }));
        Assert.Equal(HttpStatusCode.Redirect, set.StatusCode);
        Assert.Equal($"/Invoicing/{buyerId}/Received/{id}", set.Headers.Location?.OriginalString);

        var sellerPage = WebUtility.HtmlDecode(await seller.GetStringAsync($"/Invoicing/{sellerId}/Sent/{id}"));
        Assert.Contains("207 En litige", sellerPage, StringComparison.Ordinal);
        Assert.Contains("Prix unitaire du devis : 9,50 €", sellerPage, StringComparison.Ordinal);
        Assert.Contains("<option value=\"220\">220 Annulée</option>", sellerPage, StringComparison.Ordinal);
        var history = await seller.GetFromJsonAsync<JsonElement>($"/api/v1/structures/{sellerId}/invoices/sent/{id}/lifecycle");
        var last = history.GetProperty("historique")[3];
        Assert.Equal(("207", "PU_ERR", "CNP"), (last.GetProperty("statut").GetString(), last.GetProperty("motif").GetString(), last.GetProperty("actionDemandee").GetString()));
        Assert.Contains(last.GetProperty("cdar").GetString()!, sellerPage, StringComparison.Ordinal);

        // In English the same block reads in English.
        using var english = new HttpRequestMessage(HttpMethod.Get, $"/Invoicing/{sellerId}/Sent/{id}");
        english.Headers.Add("Cookie", ".AspNetCore.Culture=c%3Den%7Cuic%3Den");
        var englishPage = WebUtility.HtmlDecode(await (await seller.SendAsync(english)).Content.ReadAsStringAsync());
        Assert.Contains("Lifecycle (e-invoicing reform)", englishPage, StringComparison.Ordinal);
        Assert.Contains("207 Disputed", englishPage, StringComparison.Ordinal);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex Token();
}
