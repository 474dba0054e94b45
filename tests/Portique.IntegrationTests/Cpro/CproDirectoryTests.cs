using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Portique.IntegrationTests.Infrastructure;
using Portique.IntegrationTests.Invoicing;

namespace Portique.IntegrationTests.Cpro;

/// <summary>transverses/v1/rechercher/destinataire and structures/v1/lister/rattachementsutilisateur, with an HTTP/JSON-only client.</summary>
public sealed class CproDirectoryTests(PortiqueApp app) : IClassFixture<PortiqueApp>
{

    private static async Task<long> StructureAsync(HttpClient portal, string siret, string name, string postCode, bool isPublic)
    {
        var response = await portal.PostAsJsonAsync("/api/v1/structures", new
        {
            identifierType = "SIRET", identifier = siret, name, isPublic, address = new { line1 = "1 rue de la Paix", postCode, city = "Lyon", countryCode = "FR" },
        });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
    }

    private static int Total(JsonNode answer) => answer["parametresRetour"]!["total"]!.GetValue<int>();

    [Fact]
    public async Task Recipients_are_searched_by_identifier_name_or_post_code_and_type()
    {
        var (_, portal) = await app.SignedInUserAsync();
        var siret = Unique.Siret();
        var name = $"Mairie {Unique.Next()}";
        var id = await StructureAsync(portal, siret, name, "69001", isPublic: true);
        var cpro = await CproClient.ForStructureAsync(app, portal, id);

        var byIdentifier = await cpro.OkAsync("transverses/v1/rechercher/destinataire", new { identifiant = siret, nomVilleCodePostal = "", typeStructure = (string?)null, parametresRecherche = new { nbResultatsParPage = 5 } });
        var row = Assert.Single(byIdentifier["listeDestinataires"]!.AsArray())!;
        Assert.Equal(id, row["idStructureCPP"]!.GetValue<long>());
        Assert.Equal(siret, row["siret"]!.GetValue<string>());
        Assert.Equal(name, row["nomDestinataire"]!.GetValue<string>());
        Assert.Equal("69001", row["adresseCodePostal"]!.GetValue<string>());
        Assert.Equal("Lyon", row["adresseVille"]!.GetValue<string>());
        Assert.Equal(5, byIdentifier["parametresRetour"]!["nbResultatsParPage"]!.GetValue<int>());

        Assert.Equal(id, Assert.Single((await cpro.OkAsync("transverses/v1/rechercher/destinataire", new { nomVilleCodePostal = name.ToUpperInvariant() }))["listeDestinataires"]!.AsArray())!["idStructureCPP"]!.GetValue<long>());
        Assert.Equal(1, Total(await cpro.OkAsync("transverses/v1/rechercher/destinataire", new { identifiant = siret, nomVilleCodePostal = "69001" })));
        Assert.Equal(0, Total(await cpro.OkAsync("transverses/v1/rechercher/destinataire", new { identifiant = siret, nomVilleCodePostal = "75001" })));
        Assert.Equal(1, Total(await cpro.OkAsync("transverses/v1/rechercher/destinataire", new { identifiant = siret, typeStructure = "publique" })));
        Assert.Equal(0, Total(await cpro.OkAsync("transverses/v1/rechercher/destinataire", new { identifiant = siret, typeStructure = "PRIVEE" })));
        Assert.Equal(0, Total(await cpro.OkAsync("transverses/v1/rechercher/destinataire", new { identifiant = Unique.Siret() })));
        await cpro.RefusedAsync("transverses/v1/rechercher/destinataire", new { typeStructure = "MIXTE" }, 1, "FIELD_INVALID");
    }

    [Fact]
    public async Task A_users_service_attachments_are_listed_on_the_structures_the_caller_may_read()
    {
        var (_, portal) = await app.SignedInUserAsync();
        var (member, _) = await app.SignedInUserAsync();
        var (_, otherPortal) = await app.SignedInUserAsync();
        var siret = Unique.Siret();
        var id = await StructureAsync(portal, siret, $"Région {Unique.Next()}", "13001", isPublic: true);
        var otherId = await Kit.CreateStructureAsync(otherPortal, Unique.Siret());
        var services = new List<long>();
        foreach (var code in new[] { "ACHATS", "COMPTA" })
        {
            var created = await portal.PostAsJsonAsync($"/api/v1/structures/{id}/services", new { code, name = $"Service {code}" });
            services.Add((await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64());
        }
        (await portal.PostAsJsonAsync($"/api/v1/structures/{id}/users", new { email = member.Email, serviceIds = new[] { services[1] } })).EnsureSuccessStatusCode();
        var cpro = await CproClient.ForStructureAsync(app, portal, id);

        // The caller (the principal manager) by default: no service chosen means every service (a public structure has FACTURES_PUBLIQUES).
        var own = await cpro.OkAsync("structures/v1/lister/rattachementsutilisateur", new { idStructure = (long?)null });
        Assert.Equal(id, own["idStructure"]!.GetValue<long>());
        Assert.Equal(siret, own["identifiantStructure"]!.GetValue<string>());
        Assert.Equal(["ACHATS", "COMPTA", "FACTURES_PUBLIQUES"], own["listeServices"]!.AsArray().Select(s => s!["codeService"]!.GetValue<string>()));
        Assert.Equal("ACTIF", own["listeServices"]![0]!["statutRattachement"]!.GetValue<string>());

        // Another user, by id or by login e-mail, on the structure given by id or by identifier: only his service.
        foreach (var request in new object[]
        {
            new { idStructure = id.ToString(System.Globalization.CultureInfo.InvariantCulture), idUtilisateur = member.Id },
            new { identifiantStructure = siret, typeIdentifiantStructure = "siret", adresseEmailConnexionUtilisateur = member.Email!.ToUpperInvariant(), parametresListerRattachementsStructureUtilisateur = new { nbResultatsParPage = 1 } },
        })
        {
            var listed = await cpro.OkAsync("structures/v1/lister/rattachementsutilisateur", request);
            var service = Assert.Single(listed["listeServices"]!.AsArray())!;
            Assert.Equal(services[1], service["idService"]!.GetValue<long>());
            Assert.Equal("Service COMPTA", service["nomService"]!.GetValue<string>());
            Assert.Equal(1, Total(listed));
        }

        await cpro.RefusedAsync("structures/v1/lister/rattachementsutilisateur", new { idStructure = otherId }, 2, "STRUCTURE_NOT_FOUND");
        await cpro.RefusedAsync("structures/v1/lister/rattachementsutilisateur", new { identifiantStructure = Unique.Siret() }, 2, "STRUCTURE_NOT_FOUND");
        await cpro.RefusedAsync("structures/v1/lister/rattachementsutilisateur", new { adresseEmailConnexionUtilisateur = $"personne-{Unique.Next()}@example.org" }, 2, "USER_NOT_FOUND");
        var (stranger, _) = await app.SignedInUserAsync();
        await cpro.RefusedAsync("structures/v1/lister/rattachementsutilisateur", new { idUtilisateur = stranger.Id }, 2, "MEMBER_NOT_FOUND");
    }

    [Fact]
    public async Task New_directory_answers_have_the_golden_shapes()
    {
        var (_, portal) = await app.SignedInUserAsync();
        var siret = Unique.Siret();
        var id = await StructureAsync(portal, siret, $"Commune {Unique.Next()}", "31000", isPublic: true);
        (await portal.PostAsJsonAsync($"/api/v1/structures/{id}/services", new { code = "SG", name = "Secrétariat" })).EnsureSuccessStatusCode();
        var cpro = await CproClient.ForStructureAsync(app, portal, id);
        var answers = new Dictionary<string, JsonNode>
        {
            ["rechercher-destinataire"] = await cpro.OkAsync("transverses/v1/rechercher/destinataire", new { identifiant = siret }),
            ["lister-rattachementsutilisateur"] = await cpro.OkAsync("structures/v1/lister/rattachementsutilisateur", new { }),
        };
        await CproClient.AssertGoldenAsync(answers);
    }
}
