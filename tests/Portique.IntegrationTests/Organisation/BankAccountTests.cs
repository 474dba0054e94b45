using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Portique.IntegrationTests.Infrastructure;
using Portique.Organisation.BankAccounts;

namespace Portique.IntegrationTests.Organisation;

public sealed class BankAccountTests(PortiqueApp app) : IClassFixture<PortiqueApp>
{
    private const string FrenchIban = "FR76 3000 6000 0112 3456 7890 189";

    private async Task<(HttpClient Client, long StructureId)> StructureAsync()
    {
        var (_, client) = await app.SignedInUserAsync();
        var created = await client.PostAsJsonAsync("/api/v1/structures", new { identifierType = "SIRET", identifier = Unique.Siret(), name = "Fournisseur", isPublic = false });
        return (client, (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64());
    }

    [Fact]
    public async Task A_manager_adds_lists_deactivates_and_reactivates_bank_details_with_an_audit_trail()
    {
        var (client, id) = await StructureAsync();

        var response = await client.PostAsJsonAsync($"/api/v1/structures/{id}/bank-accounts", new { nom = "Compte principal", iban = FrenchIban, bic = "bnpafrpp" });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var added = await response.Content.ReadFromJsonAsync<JsonElement>();
        var accountId = added.GetProperty("id").GetInt64();
        Assert.Equal("FR7630006000011234567890189", added.GetProperty("iban").GetString());
        var listed = Assert.Single((await client.GetFromJsonAsync<JsonElement>($"/api/v1/structures/{id}/bank-accounts")).EnumerateArray());
        Assert.Equal("BNPAFRPP", listed.GetProperty("bic").GetString());
        Assert.True(listed.GetProperty("actif").GetBoolean());

        Assert.Equal(HttpStatusCode.NoContent, (await client.PostAsync($"/api/v1/structures/{id}/bank-accounts/{accountId}/deactivate", null)).StatusCode);
        Assert.Empty((await client.GetFromJsonAsync<JsonElement>($"/api/v1/structures/{id}/bank-accounts?actives=true")).EnumerateArray());
        await CreateStructureTests.AssertProblem(await client.PostAsync($"/api/v1/structures/{id}/bank-accounts/{accountId}/deactivate", null),
            HttpStatusCode.BadRequest, "BANK_ACCOUNT_ALREADY_INACTIVE");
        Assert.Equal(HttpStatusCode.NoContent, (await client.PostAsync($"/api/v1/structures/{id}/bank-accounts/{accountId}/activate", null)).StatusCode);
        Assert.Single((await client.GetFromJsonAsync<JsonElement>($"/api/v1/structures/{id}/bank-accounts?actives=true")).EnumerateArray());

        var actions = await app.Db(db => db.AuditEntries.Where(a => a.StructureId == id && a.Action.StartsWith("bankaccount.")).OrderBy(a => a.Id).Select(a => a.Action).ToListAsync());
        Assert.Equal(["bankaccount.add", "bankaccount.deactivate", "bankaccount.activate"], actions);
    }

    [Theory]
    [InlineData("Compte", "FR76 3000 6000 0112 3456 7890 188", null, "BANK_IBAN_INVALID")]
    [InlineData("Compte", "FR76 3000 6000 0112 3456 7890 18", null, "BANK_IBAN_INVALID")]
    [InlineData("Compte", FrenchIban, "BNPA", "BANK_BIC_INVALID")]
    [InlineData("", FrenchIban, null, "FIELD_REQUIRED")]
    [InlineData("Compte", null, null, "FIELD_REQUIRED")]
    public async Task Bad_bank_details_are_refused_with_their_code_and_nothing_is_written(string? nom, string? iban, string? bic, string code)
    {
        var (client, id) = await StructureAsync();
        var auditBefore = await app.Db(db => db.AuditEntries.CountAsync(a => a.StructureId == id));

        await CreateStructureTests.AssertProblem(await client.PostAsJsonAsync($"/api/v1/structures/{id}/bank-accounts", new { nom, iban, bic }), HttpStatusCode.BadRequest, code);

        Assert.Equal(0, await app.Db(db => db.Set<BankAccount>().CountAsync(b => b.StructureId == id)));
        Assert.Equal(auditBefore, await app.Db(db => db.AuditEntries.CountAsync(a => a.StructureId == id)));
    }

    [Fact]
    public async Task The_same_iban_twice_in_a_structure_is_a_conflict_and_an_inactive_structure_takes_none()
    {
        var (client, id) = await StructureAsync();
        (await client.PostAsJsonAsync($"/api/v1/structures/{id}/bank-accounts", new { nom = "A", iban = FrenchIban })).EnsureSuccessStatusCode();

        await CreateStructureTests.AssertProblem(await client.PostAsJsonAsync($"/api/v1/structures/{id}/bank-accounts", new { nom = "B", iban = FrenchIban.ToLowerInvariant() }),
            HttpStatusCode.Conflict, "BANK_ACCOUNT_DUPLICATE");

        (await client.PostAsync($"/api/v1/structures/{id}/deactivate", null)).EnsureSuccessStatusCode();
        await CreateStructureTests.AssertProblem(await client.PostAsJsonAsync($"/api/v1/structures/{id}/bank-accounts", new { nom = "C", iban = "DE89370400440532013000" }),
            HttpStatusCode.BadRequest, "STRUCTURE_INACTIVE");
        Assert.Equal(1, await app.Db(db => db.Set<BankAccount>().CountAsync(b => b.StructureId == id)));
    }

    [Fact]
    public async Task Another_structure_neither_reads_nor_changes_the_bank_details()
    {
        var (owner, id) = await StructureAsync();
        var accountId = (await (await owner.PostAsJsonAsync($"/api/v1/structures/{id}/bank-accounts", new { nom = "A", iban = FrenchIban })).Content.ReadFromJsonAsync<JsonElement>())
            .GetProperty("id").GetInt64();
        var (stranger, otherId) = await StructureAsync();

        Assert.Contains((await stranger.GetAsync($"/api/v1/structures/{id}/bank-accounts")).StatusCode, new[] { HttpStatusCode.Forbidden, HttpStatusCode.NotFound });
        Assert.Contains((await stranger.PostAsync($"/api/v1/structures/{id}/bank-accounts/{accountId}/deactivate", null)).StatusCode, new[] { HttpStatusCode.Forbidden, HttpStatusCode.NotFound });
        // Its own structure in the route does not reach the account of another one either.
        await CreateStructureTests.AssertProblem(await stranger.PostAsync($"/api/v1/structures/{otherId}/bank-accounts/{accountId}/deactivate", null),
            HttpStatusCode.NotFound, "BANK_ACCOUNT_NOT_FOUND");
        Assert.True(await app.Db(db => db.Set<BankAccount>().Where(b => b.Id == accountId).Select(b => b.IsActive).SingleAsync()));
    }
}
