using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Portique.Invoicing;
using Portique.IntegrationTests.Infrastructure;
using Portique.Organisation;

namespace Portique.IntegrationTests.Invoicing;

/// <summary>
/// The Factures à valider pages answer to the validator structure's habilitation: consultation shows the lists and the
/// invoice without the decision forms, modification decides, another application's habilitation sees nothing.
/// </summary>
public sealed partial class InvoicesToValidatePageTests(InvoicingApp app) : IClassFixture<InvoicingApp>
{
    [Fact]
    public async Task Consultation_reads_modification_decides_and_another_habilitation_is_refused()
    {
        var (_, subPortal) = await app.SignedInUserAsync();
        var (_, validatorPortal) = await app.SignedInUserAsync();
        var (_, buyerPortal) = await app.SignedInUserAsync();
        var (subSiret, validatorSiret, buyerSiret) = (Unique.Siret(), Unique.Siret(), Unique.Siret());
        var subId = await Kit.CreateStructureAsync(subPortal, subSiret, isPublic: false, vatNumber: $"FR00{subSiret[..9]}");
        var validatorId = await Kit.CreateStructureAsync(validatorPortal, validatorSiret, isPublic: false, vatNumber: $"FR00{validatorSiret[..9]}");
        await Kit.CreateStructureAsync(buyerPortal, buyerSiret);
        var number = $"ST-{Unique.Next()}";
        var entered = await subPortal.PostAsJsonAsync($"/api/v1/structures/{subId}/invoices/entries", new
        {
            numeroFacture = number, dateFacture = "2026-11-20", identifiantDestinataire = buyerSiret, cadre = "A9", codeStructureValideur = validatorSiret,
            lignes = new[] { new { designation = "Lot sous-traité", quantite = 1, prixUnitaireHt = 100m, tauxTva = 20m } },
        });
        Assert.Equal(HttpStatusCode.Created, entered.StatusCode);
        await app.ProcessDepositsAsync();
        var id = await app.Db(db => db.Set<Invoice>().Where(i => i.SupplierStructureId == subId && i.Number == number).Select(i => i.Id).SingleAsync());
        var list = $"/Invoicing/{validatorId}/ToValidate";
        var detail = $"{list}/{id}";

        var reader = await MemberAsync(validatorId, PortalApplication.FacturesAValider, HabilitationProfile.Consultation);
        var html = await reader.GetStringAsync(list);
        Assert.Contains(number, html, StringComparison.Ordinal);
        Assert.Contains("15 jour(s)", html, StringComparison.Ordinal);
        html = await reader.GetStringAsync(detail);
        Assert.Contains(number, html, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"validate-form\"", html, StringComparison.Ordinal);
        // A hand-made post (with the reader's own antiforgery token, taken from Mon compte) is refused all the same, and the invoice still waits.
        var token = Token().Match(await reader.GetStringAsync("/Account/Manage")).Groups[1].Value;
        Assert.NotEmpty(token);
        var post = await reader.PostAsync($"{detail}?handler=Validate", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
        Assert.True(Denied(post), $"{(int)post.StatusCode} {post.Headers.Location}");
        Assert.Equal(InvoiceStatus.A_VALIDER_1, await app.Db(db => db.Set<Invoice>().Where(i => i.Id == id).Select(i => i.Status).SingleAsync()));

        // Factures reçues on the same structure is not Factures à valider.
        var other = await MemberAsync(validatorId, PortalApplication.FacturesRecues, HabilitationProfile.Modification);
        Assert.True(Denied(await other.GetAsync(list)));
        Assert.True(Denied(await other.GetAsync(detail)));

        // Modification decides: the refusal reason must come from the list, then the validation goes through once.
        var writer = await MemberAsync(validatorId, PortalApplication.FacturesAValider, HabilitationProfile.Modification);
        html = await writer.GetStringAsync(detail);
        Assert.Contains("id=\"validate-form\"", html, StringComparison.Ordinal);
        token = Token().Match(html).Groups[1].Value;
        var refused = await writer.PostAsync($"{detail}?handler=Refuse", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["MotifRefus"] = "",
        }));
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        html = await refused.Content.ReadAsStringAsync();
        Assert.Contains("id=\"err-MotifRefus\"", html, StringComparison.Ordinal);
        Assert.Contains("VALIDATION_REASON_INVALID", html, StringComparison.Ordinal);
        Assert.Equal(InvoiceStatus.A_VALIDER_1, await app.Db(db => db.Set<Invoice>().Where(i => i.Id == id).Select(i => i.Status).SingleAsync()));
        var validated = await writer.PostAsync($"{detail}?handler=Validate", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
        Assert.Equal(HttpStatusCode.Redirect, validated.StatusCode);
        Assert.Equal(InvoiceStatus.MISE_A_DISPOSITION, await app.Db(db => db.Set<Invoice>().Where(i => i.Id == id).Select(i => i.Status).SingleAsync()));
        var again = await writer.PostAsync($"{detail}?handler=Validate", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
        Assert.Contains("VALIDATION_ALREADY_DECIDED", await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        html = await writer.GetStringAsync($"{list}?traitees=true");
        Assert.Contains(number, html, StringComparison.Ordinal);
    }

    private async Task<HttpClient> MemberAsync(long structureId, PortalApplication application, HabilitationProfile profile)
    {
        var user = await app.CreateUserAsync();
        await app.Db(async db =>
        {
            var m = Membership.Attach(structureId, user.Id, MemberRole.User, app.Clock.GetUtcNow());
            m.Grant(application, profile, null);
            db.Memberships.Add(m);
            return await db.SaveChangesAsync();
        });
        var signedIn = await app.ClientForAsync(user.Email!);
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Authorization = signedIn.DefaultRequestHeaders.Authorization;
        return client;
    }

    private static bool Denied(HttpResponseMessage response) =>
        response.StatusCode == HttpStatusCode.Forbidden
        || (response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location?.OriginalString.Contains("/Account/AccessDenied", StringComparison.OrdinalIgnoreCase) == true);

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex Token();
}
