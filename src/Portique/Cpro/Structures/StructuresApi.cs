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
/// services, which the caller reads only for the structures it is a member of (as the portal's Organisation consultation).
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

    private static async Task<StructureView> MemberStructureAsync(CproBody body, PortiqueDb db, CurrentUser user, GetStructureHandler handler, CancellationToken ct)
    {
        var id = body.RequiredLong("idStructureCPP", "idStructure");
        await CproAccess.MemberAsync(db, user, id, _ => true, ct);
        return await handler.HandleAsync(id, ct);
    }

    /// <summary>
    /// Chorus Pro's three blocks (chorus-pro.md §4). Portique keeps no RCS number, telephone, person's names for a
    /// structure, nor duplicated structures: those fields are null or empty. The password expiry is the calling technical
    /// account's when it belongs to this structure.
    /// </summary>
    private static async Task<IResult> ConsultAsync(HttpContext http, PortiqueDb db, CurrentUser user, GetStructureHandler handler, CancellationToken ct)
    {
        var s = await MemberStructureAsync(await CproBody.ReadAsync(http.Request, ct), db, user, handler, ct);
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
                ["dateExpirationMotPasseCompteTech"] = expiry is { } e ? CproAnswer.Day(DateOnly.FromDateTime(e.UtcDateTime)) : null,
                ["listeStructureDupliquees"] = Array.Empty<object>(),
                ["statut"] = s.IsActive ? "ACTIF" : "INACTIF",
            }),
            ("adressePostaleDuSiege", new Dictionary<string, object?>
            {
                ["adresse"] = s.Address.Line1,
                ["complementAdresse1"] = s.Address.Line2,
                ["complementAdresse2"] = null,
                ["codePostal"] = s.Address.PostCode,
                ["ville"] = s.Address.City,
                ["pays"] = s.Address.CountryCode,
                ["telephone"] = null,
            }),
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

    private static Dictionary<string, object?> Service(ServiceView x) => new()
    {
        ["idService"] = x.Id,
        ["codeService"] = x.Code,
        ["libelleService"] = x.Name,
        ["estActif"] = x.IsActive,
        ["dateDbtService"] = CproAnswer.Day(x.ValidFrom),
        ["dateFinService"] = CproAnswer.Day(x.ValidTo),
        ["numeroEJDoitEtreRenseigne"] = x.CommitmentNumberRequired,
    };

    private static async Task<IResult> ServicesAsync(HttpContext http, PortiqueDb db, CurrentUser user, GetStructureHandler handler, CancellationToken ct)
    {
        var body = await CproBody.ReadAsync(http.Request, ct);
        var s = await MemberStructureAsync(body, db, user, handler, ct);
        var (page, size, _, _) = body.Paging();
        var services = s.Services.Skip((page - 1) * size).Take(size).Select(Service).ToList();
        return CproAnswer.Json(CproAnswer.Ok(("listeServices", services), ("parametresRetour", CproAnswer.Paging(page, size, s.Services.Count))));
    }

    private static async Task<IResult> ServiceAsync(HttpContext http, PortiqueDb db, CurrentUser user, GetStructureHandler handler, CancellationToken ct)
    {
        var body = await CproBody.ReadAsync(http.Request, ct);
        var s = await MemberStructureAsync(body, db, user, handler, ct);
        var id = body.RequiredLong("idService");
        var service = s.Services.FirstOrDefault(x => x.Id == id)
            ?? throw PortiqueException.NotFound("SERVICE_NOT_FOUND", $"Le service {id} n'existe pas dans la structure {s.Id}.");
        var answer = CproAnswer.Ok(("idStructureCPP", s.Id));
        foreach (var (name, value) in Service(service))
            answer[name] = value;
        return CproAnswer.Json(answer);
    }
}
