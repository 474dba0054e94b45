using System.Net.Http.Json;
using System.Text.Json;
using Portique.IntegrationTests.Infrastructure;
using Portique.IntegrationTests.Invoicing;

namespace Portique.IntegrationTests.Cpro;

/// <summary>structures/v1 and the reference lists through /cpro, with an HTTP/JSON-only client.</summary>
public sealed class CproStructuresTests(PortiqueApp app) : IClassFixture<PortiqueApp>
{
    [Fact]
    public async Task Structures_are_searched_in_the_directory_and_consulted_only_by_their_members()
    {
        var (_, portal) = await app.SignedInUserAsync();
        var (_, otherPortal) = await app.SignedInUserAsync();
        var siret = Unique.Siret();
        var id = await Kit.CreateStructureAsync(portal, siret, isPublic: true);
        var otherSiret = Unique.Siret();
        var otherId = await Kit.CreateStructureAsync(otherPortal, otherSiret, isPublic: false);
        (await portal.PostAsJsonAsync($"/api/v1/structures/{id}/services", new { code = "COMPTA", name = "Comptabilité" })).EnsureSuccessStatusCode();
        var cpro = await CproClient.ForStructureAsync(app, portal, id);

        // The directory: criteria in "structure" or at the root, empty ones ignored.
        foreach (var request in new object[]
        {
            new { structure = new { identifiantStructure = otherSiret, typeIdentifiantStructure = "siret", libelleStructure = "" }, parametres = new { nbResultatsParPage = 5 } },
            new { identifiantStructure = otherSiret, codePostalStructure = (string?)null, structurePriveePublique = "PRIVEE" },
            new { structure = new { identifiantStructure = otherSiret, typeStructure = "privee" } },
        })
        {
            var found = await cpro.OkAsync("structures/v1/rechercher", request);
            var row = Assert.Single(found["listeStructures"]!.AsArray())!;
            Assert.Equal(otherId, row["idStructureCPP"]!.GetValue<long>());
            Assert.Equal("PRIVEE", row["structurePriveePublique"]!.GetValue<string>());
            Assert.Equal(1, found["parametresRetour"]!["total"]!.GetValue<int>());
        }
        await cpro.RefusedAsync("structures/v1/rechercher", new { structure = new { structurePriveePublique = "MIXTE" } }, 1, "FIELD_INVALID");
        // The public/private filter of the search really filters.
        var publicOnly = await cpro.OkAsync("structures/v1/rechercher", new { structure = new { identifiantStructure = otherSiret, typeStructure = "PUBLIQUE" } });
        Assert.Empty(publicOnly["listeStructures"]!.AsArray());

        (await portal.PutAsJsonAsync($"/api/v1/structures/{id}", new
        {
            name = "Mairie de Besançon", email = "factures@besancon.example", address = new { line1 = "2 rue Mégevand", postCode = "25000", city = "Besançon", countryCode = "FR" },
            parameters = new { serviceCodeRequired = true, receivesViaEdi = true, delegatedValidator = true },
        })).EnsureSuccessStatusCode();
        var detail = await cpro.OkAsync("structures/v1/consulter", new { idStructureCPP = id, codeLangue = "fr" });
        // Chorus Pro's three blocks; the password expiry is the calling technical account's.
        var general = detail["informationGenerales"]!;
        Assert.Equal(siret, general["identifiantStructure"]!.GetValue<string>());
        Assert.Equal("PUBLIQUE", general["structurePriveePublique"]!.GetValue<string>());
        Assert.Equal("Mairie de Besançon", general["libelleStructure"]!.GetValue<string>());
        Assert.Equal("factures@besancon.example", general["emailStructure"]!.GetValue<string>());
        Assert.True(general["estValideurDeleguee"]!.GetValue<bool>());
        // A full timestamp: clients read it as one (go-choruspro's time.Time).
        Assert.True(DateTimeOffset.TryParseExact(general["dateExpirationMotPasseCompteTech"]!.GetValue<string>(), "yyyy-MM-dd'T'HH:mm:ss.fffzzz",
            System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out _));
        Assert.Equal("Besançon", detail["adressePostaleDuSiege"]!["ville"]!.GetValue<string>());
        var parameters = detail["parametres"]!.AsObject();
        Assert.Equal(["codeServiceDoitEtreRenseigne", "estValideurDelegue", "recevoirDonneesViaEDI"],
            parameters.Where(x => x.Value!.GetValue<bool>()).Select(x => x.Key).Order(StringComparer.Ordinal));
        Assert.Equal(10, parameters.Count);
        await CproClient.AssertGoldenAsync(new Dictionary<string, System.Text.Json.Nodes.JsonNode> { ["structures-consulter"] = detail });
        var services = await cpro.OkAsync("structures/v1/rechercher/services", new { idStructure = id.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        var compta = services["listeServices"]!.AsArray().Single(s => s!["codeService"]!.GetValue<string>() == "COMPTA")!;
        var service = await cpro.OkAsync("structures/v1/consulter/service", new { idStructure = id, idService = compta["idService"]!.GetValue<long>() });
        Assert.Equal("Comptabilité", service["informationsGenerales"]!["nomService"]!.GetValue<string>());
        Assert.Equal("COMPTA", service["informationsGenerales"]!["codeService"]!.GetValue<string>());
        Assert.Equal("Besançon", service["adressePostale"]!["ville"]!.GetValue<string>());
        Assert.False(service["parametres"]!["numeroEngagement"]!.GetValue<bool>());

        // Another, private structure's detail and services are not visible to this technical account.
        await cpro.RefusedAsync("structures/v1/consulter", new { idStructureCPP = otherId }, 2, "STRUCTURE_NOT_FOUND");
        await cpro.RefusedAsync("structures/v1/rechercher/services", new { idStructure = otherId }, 2, "STRUCTURE_NOT_FOUND");
        await cpro.RefusedAsync("structures/v1/consulter/service", new { idStructure = otherId, idService = compta["idService"]!.GetValue<long>() }, 2, "STRUCTURE_NOT_FOUND");
        await cpro.RefusedAsync("structures/v1/consulter/service", new { idStructure = id, idService = 987654321 }, 2, "SERVICE_NOT_FOUND");
    }

    [Fact]
    public async Task Reference_lists_come_from_the_domain_and_the_iso_tables()
    {
        var (_, portal) = await app.SignedInUserAsync();
        var structureId = await Kit.CreateStructureAsync(portal, Unique.Siret(), isPublic: false);
        var cpro = await CproClient.ForStructureAsync(app, portal, structureId);

        foreach (var side in new[] { "fournisseur", "destinataire" })
        {
            var active = await cpro.OkAsync($"transverses/v1/recuperer/structures/actives/{side}", new { });
            Assert.Equal(structureId, Assert.Single(active["listeStructures"]!.AsArray())!["idStructureCPP"]!.GetValue<long>());
        }

        var types = await cpro.OkAsync("transverses/v1/recuperer/typeidentifiant/structure", new { });
        Assert.Contains("SIRET", types["listeTypeIdentifiant"]!.AsArray().Select(t => t!["typeIdentifiantStructure"]!.GetValue<string>()));
        var next = await cpro.OkAsync("transverses/v1/recuperer/etats/traitement", new { statutCourant = "mise_a_disposition" });
        var statuses = next["listeStatutsPossiblesPourTraitement"]!.AsArray().Select(s => s!["statutPossiblePourTraitement"]!.GetValue<string>()).ToList();
        Assert.Contains("SERVICE_FAIT", statuses);
        Assert.Contains("SUSPENDUE", statuses);
        Assert.DoesNotContain("COMPLETEE", statuses);
        Assert.Empty((await cpro.OkAsync("transverses/v1/recuperer/etats/traitement", new { statutCourant = "REJETEE" }))["listeStatutsPossiblesPourTraitement"]!.AsArray());
        await cpro.RefusedAsync("transverses/v1/recuperer/etats/traitement", new { }, 1, "FIELD_REQUIRED");

        var countries = (await cpro.OkAsync("transverses/v1/recuperer/pays", new { }))["listePays"]!.AsArray();
        Assert.Equal("France", countries.Single(c => c!["codePays"]!.GetValue<string>() == "FR")!["libellePays"]!.GetValue<string>());
        Assert.True(countries.Count > 100);
        var currencies = (await cpro.OkAsync("transverses/v1/recuperer/devises", new { }))["listeDevises"]!.AsArray();
        Assert.Contains("EUR", currencies.Select(c => c!["codeDevise"]!.GetValue<string>()));
        Assert.Equal(JsonValueKind.String, JsonDocument.Parse(currencies[0]!.ToJsonString()).RootElement.GetProperty("libelleDevise").ValueKind);
    }
}
