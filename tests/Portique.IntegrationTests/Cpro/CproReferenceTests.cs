using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Portique.IntegrationTests.Infrastructure;
using Portique.IntegrationTests.Invoicing;

namespace Portique.IntegrationTests.Cpro;

/// <summary>
/// Issue 15: the transverses and structures operations that answered 404 or differed from Chorus Pro — rights on public
/// structures, the reference lists, the directory file, the SIRET look-up, the attachment libraries, the health check —
/// through an HTTP/JSON-only client, with the golden shape of every answer.
/// </summary>
public sealed class CproReferenceTests(PortiqueApp app) : IClassFixture<PortiqueApp>
{
    private static async Task<long> StructureAsync(HttpClient portal, string siret, bool isPublic, object? parameters = null)
    {
        var response = await portal.PostAsJsonAsync("/api/v1/structures", new
        {
            identifierType = "SIRET", identifier = siret, name = $"Structure {siret}", isPublic, parameters,
            address = new { line1 = "3 place de la Mairie", postCode = "21000", city = "Dijon", countryCode = "FR" },
        });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
    }

    private static async Task<long> ServiceAsync(HttpClient portal, long structureId, string code)
    {
        var response = await portal.PostAsJsonAsync($"/api/v1/structures/{structureId}/services", new { code, name = $"Service {code}", validFrom = "2026-01-01", commitmentNumberRequired = true });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
    }

    [Fact]
    public async Task A_public_structure_its_services_and_parameters_are_read_by_any_account_a_private_one_by_its_members_only()
    {
        var (_, publicPortal) = await app.SignedInUserAsync();
        var (_, privatePortal) = await app.SignedInUserAsync();
        var (_, callerPortal) = await app.SignedInUserAsync();
        var publicId = await StructureAsync(publicPortal, Unique.Siret(), isPublic: true);
        var serviceId = await ServiceAsync(publicPortal, publicId, "MARCHES");
        var hiddenId = await StructureAsync(publicPortal, Unique.Siret(), isPublic: true);
        (await publicPortal.PutAsJsonAsync($"/api/v1/structures/{hiddenId}", new
        {
            name = "Établissement non diffusible", address = new { line1 = "1 rue Secrète", postCode = "21000", city = "Dijon", countryCode = "FR" },
            parameters = new { inseeNonDiffusible = true },
        })).EnsureSuccessStatusCode();
        var privateId = await StructureAsync(privatePortal, Unique.Siret(), isPublic: false);
        var privateService = await ServiceAsync(privatePortal, privateId, "COMPTA");
        var callerId = await StructureAsync(callerPortal, Unique.Siret(), isPublic: false);
        var supplier = await CproClient.ForStructureAsync(app, callerPortal, callerId);

        // A supplier reads the public recipient it invoices: detail, parameters, services, one service.
        var detail = await supplier.OkAsync("structures/v1/consulter", new { idStructureCPP = publicId, codeLangue = "fr" });
        Assert.Equal(publicId, detail["informationGenerales"]!["idStructureCPP"]!.GetValue<long>());
        Assert.Null(detail["informationGenerales"]!["dateExpirationMotPasseCompteTech"]);
        Assert.Equal("Dijon", detail["adressePostaleDuSiege"]!["ville"]!.GetValue<string>());
        Assert.Equal(10, detail["parametres"]!.AsObject().Count);
        var services = await supplier.OkAsync("structures/v1/rechercher/services", new
        {
            idStructure = publicId, idUtilisateurCourant = 0, parametresRechercherServicesStructure = new { nbResultatsParPage = 50 },
        });
        Assert.Contains(services["listeServices"]!.AsArray(), s => s!["idService"]!.GetValue<long>() == serviceId && s["statutService"]!.GetValue<string>() == "ACTIF");
        Assert.Equal(50, services["parametresRetour"]!["nbResultatsParPage"]!.GetValue<int>());
        var service = await supplier.OkAsync("structures/v1/consulter/service", new { idStructure = publicId, idService = serviceId, codeLangue = "fr" });
        Assert.Equal("MARCHES", service["informationsGenerales"]!["codeService"]!.GetValue<string>());
        Assert.True(service["parametres"]!["numeroEngagement"]!.GetValue<bool>());
        Assert.Equal("3 place de la Mairie", service["adressePostale"]!["adresse"]!.GetValue<string>());
        Assert.Equal("2026-01-01 00:00", service["parametres"]!["dateDebutValidite"]!.GetValue<string>());
        // A structure INSEE does not publish shows no address to those who are not its members.
        Assert.Null((await supplier.OkAsync("structures/v1/consulter", new { idStructureCPP = hiddenId }))["adressePostaleDuSiege"]!["ville"]);

        // A private structure stays visible to its members only: answered as an unknown id.
        await supplier.RefusedAsync("structures/v1/consulter", new { idStructureCPP = privateId }, 2, "STRUCTURE_NOT_FOUND");
        await supplier.RefusedAsync("structures/v1/rechercher/services", new { idStructure = privateId }, 2, "STRUCTURE_NOT_FOUND");
        await supplier.RefusedAsync("structures/v1/consulter/service", new { idStructure = privateId, idService = privateService }, 2, "STRUCTURE_NOT_FOUND");
        await supplier.RefusedAsync("structures/v1/consulter", new { idStructureCPP = 987_654_321 }, 2, "STRUCTURE_NOT_FOUND");
        var member = await CproClient.ForStructureAsync(app, privatePortal, privateId);
        Assert.Equal("COMPTA", (await member.OkAsync("structures/v1/consulter/service", new { idStructure = privateId, idService = privateService }))["informationsGenerales"]!["codeService"]!.GetValue<string>());
        Assert.NotNull((await member.OkAsync("structures/v1/consulter", new { idStructureCPP = privateId }))["informationGenerales"]!["dateExpirationMotPasseCompteTech"]);

        await CproClient.AssertGoldenAsync(new Dictionary<string, JsonNode> { ["consulter-service"] = service });
    }

    [Fact]
    public async Task Reference_lists_directory_and_siret_operations_answer_chorus_pro_fields()
    {
        var (_, portal) = await app.SignedInUserAsync();
        var publicSiret = Unique.Siret();
        var publicId = await StructureAsync(portal, publicSiret, isPublic: true, parameters: new { serviceCodeRequired = true });
        await ServiceAsync(portal, publicId, "TRAVAUX");
        var privateSiret = Unique.Siret();
        var ownId = await StructureAsync(portal, privateSiret, isPublic: false);
        var cpro = await CproClient.ForStructureAsync(app, portal, ownId);
        var answers = new Dictionary<string, JsonNode>();

        var types = answers["recuperer-typedp"] = await cpro.OkAsync("transverses/v1/recuperer/typedp", new { });
        Assert.Equal(["FACTURE", "DEMANDE_REMBOURSEMENT"], types["listeTypeDemandePaiement"]!.AsArray().Select(t => t!["typeDemandePaiement"]!.GetValue<string>()));
        var states = answers["recuperer-etat-typedp"] = await cpro.OkAsync("transverses/v1/recuperer/etat/typedp", new { typeDemandePaiement = "facture" });
        Assert.Contains("MISE_A_DISPOSITION", states["listeEtatDemandePaiement"]!.AsArray().Select(s => s!["etatDemandePaiement"]!.GetValue<string>()));
        Assert.Contains("EN_COURS_INSTRUCTION", (await cpro.OkAsync("transverses/v1/recuperer/etat/typedp", new { typeDemandePaiement = "DEMANDE_REMBOURSEMENT" }))["listeEtatDemandePaiement"]!
            .AsArray().Select(s => s!["etatDemandePaiement"]!.GetValue<string>()));
        Assert.Empty((await cpro.OkAsync("transverses/v1/recuperer/etat/typedp", new { typeDemandePaiement = "FACTURE_TRAVAUX" }))["listeEtatDemandePaiement"]!.AsArray());
        await cpro.RefusedAsync("transverses/v1/recuperer/etat/typedp", new { typeDemandePaiement = "DEVIS" }, 1, "FIELD_INVALID");
        Assert.Empty((answers["recuperer-typefacturetravaux"] = await cpro.OkAsync("transverses/v1/recuperer/typefacturetravaux", new { }))["listeTypeFactureTravaux"]!.AsArray());
        Assert.NotEmpty((answers["recuperer-motifs-refus"] = await cpro.OkAsync("transverses/v1/recuperer/motifs/refus/Facture/AValider",
            new { codeCadreFacturationAValider = "A9_FACTURE_SOUSTRAITANT" }))["listeMotifRefusFactureAValider"]!.AsArray());
        await cpro.RefusedAsync("transverses/v1/recuperer/motifs/refus/Facture/AValider", new { codeCadreFacturationAValider = "A1_FACTURE_FOURNISSEUR" }, 1, "FIELD_INVALID");
        await cpro.RefusedAsync("transverses/v1/recuperer/motifs/refus/Facture/AValider", new { }, 1, "FIELD_REQUIRED");
        var pieceTypes = answers["recuperer-typespj"] = await cpro.OkAsync("transverses/v1/recuperer/typespj", new { codeLangue = "EN", typeObjet = "FACTURE" });
        Assert.Contains("Supporting document", pieceTypes["listeTypePieceJointe"]!.AsArray().Select(t => t!["libelleTypePieceJointe"]!.GetValue<string>()));
        Assert.Empty((await cpro.OkAsync("transverses/v1/recuperer/typespj", new { typeObjet = "STRUCTURE" }))["listeTypePieceJointe"]!.AsArray());
        var categories = answers["rechercher-categorieSollicitation"] = await cpro.OkAsync("transverses/v1/rechercher/categorieSollicitation", new { estActif = true, pagination = new { nbResultatsParPage = 10 } });
        Assert.Empty(categories["listeCategories"]!.AsArray());
        answers["rechercher-sousCategorieSollicitation"] = await cpro.OkAsync("transverses/v1/rechercher/sousCategorieSollicitation", new { idTechniqueCategorie = 1 });

        // The active structures name the identifier "identifiant", for each application, works invoices included.
        foreach (var side in new[] { "fournisseur", "destinataire", "facturetravaux" })
        {
            var active = answers[$"structures-actives-{side}"] = await cpro.OkAsync($"transverses/v1/recuperer/structures/actives/{side}", new { });
            Assert.Equal(privateSiret, Assert.Single(active["listeStructures"]!.AsArray())!["identifiant"]!.GetValue<string>());
        }

        // The SIRET look-up answers from the directory; Portique asks no register, so an unknown SIRET is not found.
        var siret = answers["consulter-information-siret"] = await cpro.OkAsync("transverses/v1/consulter/information/siret", new { siretStructure = publicSiret });
        Assert.Equal(publicSiret[..9], siret["siren"]!.GetValue<string>());
        Assert.Equal(publicSiret[9..], siret["numeroInterneClassement"]!.GetValue<string>());
        Assert.Equal($"Structure {publicSiret}", siret["raisonSociale"]!.GetValue<string>());
        Assert.Equal("3 place de la Mairie, 21000 Dijon", siret["adresse"]!.GetValue<string>());
        Assert.True(siret["estActif"]!.GetValue<bool>());
        await cpro.RefusedAsync("transverses/v1/consulter/information/siret", new { siretStructure = Unique.Siret() }, 2, "STRUCTURE_NOT_FOUND");
        await cpro.RefusedAsync("transverses/v1/consulter/information/siret", new { siretStructure = "12345678901234" }, 1, "SIRET_INVALID");

        // The public recipients' directory: a zip holding one CSV, a line per service of each public structure, no private one.
        var directory = answers["telecharger-annuaire-destinataire"] = await cpro.OkAsync("transverses/v1/telecharger/annuaire/destinataire", new { });
        using (var zip = new ZipArchive(new MemoryStream(Convert.FromBase64String(directory["fichierResultat"]!.GetValue<string>()))))
        {
            var entry = Assert.Single(zip.Entries);
            Assert.Equal("annuaire-destinataires.csv", entry.Name);
            using var reader = new StreamReader(entry.Open(), Encoding.UTF8);
            var lines = (await reader.ReadToEndAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToList();
            Assert.StartsWith("idStructureCPP;identifiantStructure;typeIdentifiantStructure;raisonSociale;", lines[0], StringComparison.Ordinal);
            var ours = lines.Where(l => l.Split(';')[1] == publicSiret).Select(l => l.Split(';')).ToList();
            Assert.Equal(["FACTURES_PUBLIQUES", "TRAVAUX"], ours.Select(f => f[13]).Order(StringComparer.Ordinal));
            Assert.All(ours, f => Assert.Equal("OUI", f[9]));
            Assert.All(ours, f => Assert.Equal("Dijon", f[7]));
            Assert.DoesNotContain(lines, l => l.Contains(privateSiret, StringComparison.Ordinal));
        }

        // The gateway's health check fields.
        var health = await cpro.Http.GetAsync("/cpro/transverses/v1/health-check");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        var healthBody = answers["health-check"] = JsonNode.Parse(await health.Content.ReadAsStringAsync())!;
        Assert.Equal(200, healthBody["statusCodeValue"]!.GetValue<int>());
        Assert.Equal("OK", healthBody["statusCode"]!.GetValue<string>());
        Assert.Equal("OK", healthBody["body"]!.GetValue<string>());

        await CproClient.AssertGoldenAsync(answers);
    }

    [Fact]
    public async Task Attachment_libraries_list_and_give_back_the_files_of_the_account_and_of_its_structure()
    {
        var (_, portal) = await app.SignedInUserAsync();
        var (_, otherPortal) = await app.SignedInUserAsync();
        var structureId = await StructureAsync(portal, Unique.Siret(), isPublic: false);
        var otherId = await StructureAsync(otherPortal, Unique.Siret(), isPublic: false);
        var first = await CproClient.ForStructureAsync(app, portal, structureId);
        var second = await CproClient.ForStructureAsync(app, portal, structureId);
        var stranger = await CproClient.ForStructureAsync(app, otherPortal, otherId);
        var quote = Convert.ToBase64String("devis signé"u8.ToArray());
        var pdf = Convert.ToBase64String("%PDF-1.7\n%facture\n"u8.ToArray());
        var added = (await first.OkAsync("transverses/v1/ajouter/fichier", new { pieceJointeNom = "devis.txt", pieceJointeTypeMime = "text/plain", pieceJointeExtension = "TXT", pieceJointeFichier = quote }))["pieceJointeId"]!.GetValue<long>();
        var deposited = (await first.OkAsync("factures/v1/deposer/pdf", new { fichierFacture = pdf, nomFichier = "facture.pdf", formatDepot = "PDF_NON_SIGNE" }))["pieceJointeId"]!.GetValue<long>();
        await second.OkAsync("transverses/v1/ajouter/fichier", new { pieceJointeNom = "kbis.pdf", pieceJointeTypeMime = "application/pdf", pieceJointeExtension = "PDF", pieceJointeFichier = pdf });

        var mine = await first.OkAsync("transverses/v1/rechercher/pj/moncompte", new { codeLangue = "FR", parametresRecherche = new { nbResultatsParPage = 10 } });
        Assert.Equal([deposited, added], mine["listePiecesJointes"]!.AsArray().Select(f => f!["pieceJointeId"]!.GetValue<long>()));
        Assert.Equal(["FACTURE", "PIECE_JOINTE_COMPLEMENTAIRE"], mine["listePiecesJointes"]!.AsArray().Select(f => f!["pieceJointeTypeCode"]!.GetValue<string>()));
        var supporting = (await first.OkAsync("transverses/v1/recuperer/typespj", new { }))["listeTypePieceJointe"]!.AsArray()
            .Single(t => t!["codeTypePieceJointe"]!.GetValue<string>() == "PIECE_JOINTE_COMPLEMENTAIRE")!["idTypePieceJointe"]!.GetValue<long>();
        Assert.Equal(added, Assert.Single((await first.OkAsync("transverses/v1/rechercher/pj/moncompte", new { pieceJointeTypeId = supporting }))["listePiecesJointes"]!.AsArray())!["pieceJointeId"]!.GetValue<long>());
        Assert.Equal(added, Assert.Single((await first.OkAsync("transverses/v1/rechercher/pj/moncompte", new { pieceJointeDesignation = "DEVIS" }))["listePiecesJointes"]!.AsArray())!["pieceJointeId"]!.GetValue<long>());
        Assert.Equal(1, (await second.OkAsync("transverses/v1/rechercher/pj/moncompte", new { }))["parametresRetour"]!["total"]!.GetValue<int>());
        var ofStructure = await second.OkAsync("transverses/v1/rechercher/pj/structure", new { idStructureCPP = structureId });
        Assert.Equal(3, ofStructure["parametresRetour"]!["total"]!.GetValue<int>());
        Assert.All(ofStructure["listePiecesJointes"]!.AsArray(), f => Assert.Equal(structureId, f!["pieceJointeStructureId"]!.GetValue<long>()));

        var mineBack = await first.OkAsync("transverses/v1/telecharger/pieceJointe", new { objetPieceJointe = "UTILISATEUR", pieceJointeId = added });
        Assert.Equal(quote, mineBack["pieceJointe"]!.GetValue<string>());
        await second.RefusedAsync("transverses/v1/telecharger/pieceJointe", new { objetPieceJointe = "UTILISATEUR", pieceJointeId = added }, 2, "ATTACHMENT_NOT_FOUND");
        var fromStructure = await second.OkAsync("transverses/v1/telecharger/pieceJointe", new
        {
            objetPieceJointe = "STRUCTURE_PIECEJOINTE", structure = new { idStructure = structureId, pieceJointeId = added },
        });
        Assert.Equal(quote, fromStructure["pieceJointe"]!.GetValue<string>());

        // Another structure's account sees none of it; pieces of objects Portique does not keep are refused by name.
        await stranger.RefusedAsync("transverses/v1/rechercher/pj/structure", new { idStructureCPP = structureId }, 2, "STRUCTURE_NOT_FOUND");
        await stranger.RefusedAsync("transverses/v1/telecharger/pieceJointe", new { objetPieceJointe = "STRUCTURE_PIECEJOINTE", structure = new { idStructure = structureId }, pieceJointeId = added }, 2, "STRUCTURE_NOT_FOUND");
        await stranger.RefusedAsync("transverses/v1/telecharger/pieceJointe", new { objetPieceJointe = "UTILISATEUR", pieceJointeId = added }, 2, "ATTACHMENT_NOT_FOUND");
        await first.RefusedAsync("transverses/v1/telecharger/pieceJointe", new { objetPieceJointe = "ENGAGEMENT_JURIDIQUE", engagementJuridique = new { numeroEngagementJuridique = "EJ" } }, 1, "ATTACHMENT_OBJECT_UNSUPPORTED");
        await first.RefusedAsync("transverses/v1/telecharger/pieceJointe", new { objetPieceJointe = "UTILISATEUR" }, 1, "FIELD_REQUIRED");
        await first.RefusedAsync("transverses/v1/telecharger/pieceJointe", new { }, 1, "FIELD_REQUIRED");

        await CproClient.AssertGoldenAsync(new Dictionary<string, JsonNode>
        {
            ["rechercher-pj-moncompte"] = mine,
            ["rechercher-pj-structure"] = ofStructure,
            ["telecharger-pieceJointe"] = mineBack,
        });
    }
}
