using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Portique.Common;
using Portique.Common.Authorization;
using Portique.Common.Data;
using Portique.Cpro.Common;
using Portique.Organisation;
using Portique.Organisation.GetStructure;
using Portique.Organisation.SearchStructures;

namespace Portique.Cpro.Structures;

/// <summary>
/// structures/v1: the directory search (open to every caller, as in the portal) and the detail of a structure and its
/// services: a public structure's for every account, as in Chorus Pro, a private structure's for its members only.
/// </summary>
internal static class StructuresApi
{
    internal static void Map(IEndpointRouteBuilder cpro)
    {
        cpro.MapPost("/structures/v1/rechercher", SearchAsync).WithSummary("Rechercher des structures");
        cpro.MapPost("/structures/v1/consulter", ConsultAsync).WithSummary("Consulter une structure");
        cpro.MapPost("/structures/v1/rechercher/services", ServicesAsync).WithSummary("Services d'une structure");
        cpro.MapPost("/structures/v1/consulter/service", ServiceAsync).WithSummary("Consulter un service");
    }

    /// <summary>Criteria in a "structure" object (as Chorus Pro sends them) or at the root.</summary>
    private static async Task<IResult> SearchAsync(HttpContext http, SearchStructuresHandler handler, CancellationToken ct)
    {
        var body = await CproBody.ReadAsync(http.Request, ct);
        var criteria = body.Field("structure") is JsonObject inner ? new CproBody(inner) : body;
        var (page, size, _, _) = body.Paging();
        // Chorus Pro's search names the public/private criterion "typeStructure"; its answers call it "structurePriveePublique".
        var result = await handler.HandleAsync(new SearchStructuresRequest(
            IdentifierType: CproBody.Enum<IdentifierType>(criteria.String("typeIdentifiantStructure"), "typeIdentifiantStructure"),
            Identifier: criteria.String("identifiantStructure"),
            Name: criteria.String("libelleStructure") ?? criteria.String("raisonSocialeStructure"),
            PostCode: criteria.String("codePostalStructure"),
            IsPublic: CproBody.IsPublic(criteria.String("typeStructure") ?? criteria.String("structurePriveePublique")),
            Page: page, Size: size), ct);
        var list = result.Items.Select(s => new Dictionary<string, object?>
        {
            ["idStructureCPP"] = s.Id,
            ["identifiantStructure"] = s.Identifier,
            ["typeIdentifiantStructure"] = s.IdentifierType.ToString(),
            ["designationStructure"] = s.Name,
            ["structurePriveePublique"] = s.IsPublic ? "PUBLIQUE" : "PRIVEE",
            ["statut"] = s.IsActive ? "ACTIF" : "INACTIF",
        }).ToList();
        return CproAnswer.Json(CproAnswer.Ok(("listeStructures", list), ("parametresRetour", CproAnswer.Paging(result.PageNumber, result.PageSize, result.Total))));
    }

    /// <summary>The structure of idStructureCPP (or idStructure) if the caller may read it, and whether he is one of its members.</summary>
    private static async Task<(StructureView Structure, bool Member)> ReadableStructureAsync(CproBody body, PortiqueDb db, CurrentUser user,
        GetStructureHandler handler, CancellationToken ct)
    {
        var id = body.RequiredLong("idStructureCPP", "idStructure");
        var member = await CproAccess.ReadableAsync(db, user, id, ct);
        return (await handler.HandleAsync(id, ct), member);
    }

    /// <summary>
    /// Chorus Pro's three blocks (chorus-pro.md §4). Portique keeps no RCS number, telephone, fax, person's names for a
    /// structure, nor duplicated structures: those fields are null or empty. The password expiry is the calling technical
    /// account's when it belongs to this structure. A structure INSEE does not publish shows no address to non-members.
    /// </summary>
    private static async Task<IResult> ConsultAsync(HttpContext http, PortiqueDb db, CurrentUser user, GetStructureHandler handler, CancellationToken ct)
    {
        var (s, member) = await ReadableStructureAsync(await CproBody.ReadAsync(http.Request, ct), db, user, handler, ct);
        var accountId = CproAnswer.TechnicalAccountId(http);
        var expiry = await db.TechnicalAccounts.Where(a => a.Id == accountId && a.StructureId == s.Id).Select(a => (DateTimeOffset?)a.PasswordExpiresAt).FirstOrDefaultAsync(ct);
        var p = s.Parameters;
        return CproAnswer.Json(CproAnswer.Ok(
            ("informationGenerales", new Dictionary<string, object?>
            {
                ["idStructureCPP"] = s.Id,
                ["idStructureOrigine"] = null,
                ["identifiantStructure"] = s.Identifier,
                ["typeIdentifiantStructure"] = s.IdentifierType.ToString(),
                ["libelleStructure"] = s.Name,
                ["raisonSocialeStructure"] = s.Name,
                ["nomStructure"] = null,
                ["prenomStructure"] = null,
                ["emailStructure"] = s.Email,
                ["numeroRcsStructure"] = null,
                ["numeroTVA"] = s.VatNumber,
                ["structurePriveePublique"] = s.IsPublic ? "PUBLIQUE" : "PRIVEE",
                ["estValideurDeleguee"] = p.DelegatedValidator,
                ["dateExpirationMotPasseCompteTech"] = expiry is { } e ? CproAnswer.Stamp(e) : null,
                ["listeStructureDupliquees"] = Array.Empty<object>(),
                ["statut"] = s.IsActive ? "ACTIF" : "INACTIF",
            }),
            ("adressePostaleDuSiege", Address(member || !p.InseeNonDiffusible ? s.Address : null)),
            ("parametres", new Dictionary<string, object?>
            {
                ["codeServiceDoitEtreRenseigne"] = p.ServiceCodeRequired,
                ["numeroEJDoitEtreRenseigne"] = p.CommitmentNumberRequired,
                ["gestionNumeroEJOuCodeService"] = p.ServiceCodeOrCommitmentRequired,
                ["statutMiseEnPaiementNestPasRemonte"] = p.PaymentStatusNotReported,
                ["connexionEDI"] = p.EdiConnection,
                ["recevoirDonneesViaEDI"] = p.ReceivesViaEdi,
                ["estMoaUniquement"] = p.MoaOnly,
                ["getaMoa"] = p.ManagesMoa,
                ["estValideurDelegue"] = p.DelegatedValidator,
                ["nonDiffusibleInsee"] = p.InseeNonDiffusible,
            })));
    }

    /// <summary>Chorus Pro's address block (of the head office, or of a service); the fields Portique does not keep are null.</summary>
    private static Dictionary<string, object?> Address(PostalAddress? a) => new()
    {
        ["adresse"] = a?.Line1,
        ["complementAdresse1"] = a?.Line2,
        ["complementAdresse2"] = null,
        ["codePostal"] = a?.PostCode,
        ["ville"] = a?.City,
        ["pays"] = a?.CountryCode,
        ["telephone"] = null,
        ["indicatifTelephone"] = null,
        ["fax"] = null,
        ["indicatifFax"] = null,
    };

    private static Dictionary<string, object?> Service(ServiceView x) => new()
    {
        ["idService"] = x.Id,
        ["codeService"] = x.Code,
        ["libelleService"] = x.Name,
        ["estActif"] = x.IsActive,
        ["statutService"] = x.IsActive ? "ACTIF" : "INACTIF",
        ["dateDbtService"] = CproAnswer.Day(x.ValidFrom),
        ["dateFinService"] = CproAnswer.Day(x.ValidTo),
        ["numeroEJDoitEtreRenseigne"] = x.CommitmentNumberRequired,
    };

    private static async Task<IResult> ServicesAsync(HttpContext http, PortiqueDb db, CurrentUser user, GetStructureHandler handler, CancellationToken ct)
    {
        var body = await CproBody.ReadAsync(http.Request, ct);
        var (s, _) = await ReadableStructureAsync(body, db, user, handler, ct);
        var (page, size, _, _) = body.Paging();
        var services = s.Services.Skip((page - 1) * size).Take(size).Select(Service).ToList();
        return CproAnswer.Json(CproAnswer.Ok(("listeServices", services), ("parametresRetour", CproAnswer.Paging(page, size, s.Services.Count))));
    }

    /// <summary>
    /// Chorus Pro's blocks for a service: informationsGenerales, adressePostale (a service has no address of its own in
    /// Portique: the structure's, as for the structure), parametres (its timestamps in the minute pattern; Portique keeps the
    /// validity dates, not the creation and modification times).
    /// </summary>
    private static async Task<IResult> ServiceAsync(HttpContext http, PortiqueDb db, CurrentUser user, GetStructureHandler handler, CancellationToken ct)
    {
        var body = await CproBody.ReadAsync(http.Request, ct);
        var (s, member) = await ReadableStructureAsync(body, db, user, handler, ct);
        var id = body.RequiredLong("idService");
        var service = s.Services.FirstOrDefault(x => x.Id == id)
            ?? throw PortiqueException.NotFound("SERVICE_NOT_FOUND", $"Le service {id} n'existe pas dans la structure {s.Id}.");
        var answer = CproAnswer.Ok(
            ("informationsGenerales", new Dictionary<string, object?>
            {
                ["codeService"] = service.Code,
                ["nomService"] = service.Name,
                ["descriptionService"] = null,
            }),
            ("adressePostale", Address(member || !s.Parameters.InseeNonDiffusible ? s.Address : null)),
            ("parametres", new Dictionary<string, object?>
            {
                ["numeroEngagement"] = service.CommitmentNumberRequired,
                ["miseEnPaiement"] = !s.Parameters.PaymentStatusNotReported,
                ["dateCreation"] = null,
                ["dateDebutValidite"] = CproAnswer.Minute(service.ValidFrom),
                ["dateFinValidite"] = CproAnswer.Minute(service.ValidTo),
                ["dateModification"] = null,
            }));
        foreach (var (name, value) in CproAnswer.Paging(1, 1, 1))
            answer[name] = value;
        return CproAnswer.Json(answer);
    }
}
