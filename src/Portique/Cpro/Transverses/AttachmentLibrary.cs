using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Portique.Common;
using Portique.Common.Authorization;
using Portique.Common.Data;
using Portique.Cpro.Common;
using Portique.Cpro.Factures;
using Portique.Invoicing.Consult;
using Portique.Organisation;

namespace Portique.Cpro.Transverses;

/// <summary>A type of piece (recuperer/typespj): Portique's codes, with a French and an English label.</summary>
internal sealed record AttachmentType(int Id, string Code, string LabelFr, string LabelEn, string ObjectType)
{
    public string Label(bool english) => english ? LabelEn : LabelFr;
}

/// <summary>
/// The types of piece Portique keeps, all attached to invoices (Chorus Pro's typeObjet FACTURE): the invoice's own image (the
/// PDF of deposer/pdf and DEPOT_PDF_API) and supporting documents (ajouter/fichier, pieceJointeComplementaire, completer).
/// Chorus Pro's own type list is not documented; these codes are Portique's (docs/api-cpro.md).
/// </summary>
internal static class AttachmentTypes
{
    public static readonly AttachmentType InvoiceImage = new(1, "FACTURE", "Facture (image PDF)", "Invoice (PDF image)", "FACTURE");
    public static readonly AttachmentType Complementary = new(2, "PIECE_JOINTE_COMPLEMENTAIRE", "Pièce jointe complémentaire", "Supporting document", "FACTURE");
    public static readonly IReadOnlyList<AttachmentType> All = [InvoiceImage, Complementary];

    public static AttachmentType Of(int id) => All.FirstOrDefault(t => t.Id == id) ?? Complementary;
}

/// <summary>
/// The attachment libraries of transverses/v1: recuperer/typespj, rechercher/pj/moncompte (the files the calling technical
/// account stored), rechercher/pj/structure (every file of a structure's store, for its members) and telecharger/pieceJointe
/// (a stored file, or invoices with their attachments as demandePaiement). Pieces of objects Portique does not keep
/// (commitments, solicitations, mandates and bank details documents) are refused with ATTACHMENT_OBJECT_UNSUPPORTED.
/// </summary>
internal static class AttachmentLibrary
{
    internal static void Map(IEndpointRouteBuilder cpro)
    {
        cpro.MapPost("/transverses/v1/recuperer/typespj", TypesAsync).WithSummary("Types de pièce jointe");
        cpro.MapPost("/transverses/v1/rechercher/pj/moncompte", MineAsync).WithSummary("Pièces jointes stockées par le compte");
        cpro.MapPost("/transverses/v1/rechercher/pj/structure", OfStructureAsync).WithSummary("Pièces jointes stockées pour une structure");
        cpro.MapPost("/transverses/v1/telecharger/pieceJointe", DownloadAsync).WithSummary("Télécharger une pièce jointe (fichier stocké, ou factures et leurs pièces)");
    }

    private static bool English(CproBody body) => body.String("codeLangue") switch
    {
        null => false,
        var l when l.Equals("FR", StringComparison.OrdinalIgnoreCase) => false,
        var l when l.Equals("EN", StringComparison.OrdinalIgnoreCase) => true,
        var l => throw new PortiqueException("FIELD_INVALID", $"« codeLangue » doit être FR ou EN : « {l} »."),
    };

    /// <summary>{codeLangue, typeObjet} → listeTypePieceJointe[{idTypePieceJointe, codeTypePieceJointe, libelleTypePieceJointe, typeObjet}].</summary>
    private static async Task<IResult> TypesAsync(HttpContext http, CancellationToken ct)
    {
        var body = await CproBody.ReadAsync(http.Request, ct);
        var english = English(body);
        var objectType = body.String("typeObjet");
        var types = AttachmentTypes.All.Where(t => objectType is null || t.ObjectType.Equals(objectType, StringComparison.OrdinalIgnoreCase));
        return CproAnswer.Json(CproAnswer.Ok(("listeTypePieceJointe", types.Select(t => new Dictionary<string, object?>
        {
            ["idTypePieceJointe"] = t.Id,
            ["codeTypePieceJointe"] = t.Code,
            ["libelleTypePieceJointe"] = t.Label(english),
            ["typeObjet"] = t.ObjectType,
        }).ToList())));
    }

    private sealed record FileRow(long Id, long StructureId, long? TechnicalAccountId, int TypeId, string FileName, string Extension);

    /// <summary>
    /// The stored files' descriptions (never their content), newest first, narrowed by type (pieceJointeTypeId) and by a part of
    /// the name (pieceJointeDesignation, any case), then paged.
    /// </summary>
    private static async Task<(List<FileRow> Page, int Total, int PageNumber, int Size)> ListAsync(IQueryable<StoredFile> files, CproBody body, CancellationToken ct)
    {
        if (body.Long("pieceJointeTypeId") is { } typeId)
        {
            var type = (int)typeId;
            files = files.Where(f => f.TypeId == type);
        }
        var rows = await files.OrderByDescending(f => f.Id)
            .Select(f => new FileRow(f.Id, f.StructureId, f.TechnicalAccountId, f.TypeId, f.FileName, f.Extension)).ToListAsync(ct);
        if (body.String("pieceJointeDesignation") is { } name)
            rows = [.. rows.Where(r => r.FileName.Contains(name, StringComparison.OrdinalIgnoreCase))];
        var (page, size, _, _) = body.Paging();
        return ([.. rows.Skip((page - 1) * size).Take(size)], rows.Count, page, size);
    }

    private static Dictionary<string, object?> Item(FileRow f, bool english)
    {
        var type = AttachmentTypes.Of(f.TypeId);
        return new()
        {
            ["pieceJointeId"] = f.Id,
            ["pieceJointeDesignation"] = f.FileName,
            ["pieceJointeExtension"] = f.Extension,
            ["pieceJointeObjetId"] = f.StructureId,
            ["pieceJointeTypeCode"] = type.Code,
            ["pieceJointeTypeLibelle"] = type.Label(english),
            // The technical account that stored it (Portique's technical accounts are not portal users).
            ["pieceJointeUtilisateurId"] = f.TechnicalAccountId,
        };
    }

    private static async Task<IResult> MineAsync(HttpContext http, PortiqueDb db, CancellationToken ct)
    {
        var body = await CproBody.ReadAsync(http.Request, ct);
        var english = English(body);
        var structureId = CproAnswer.StructureId(http);
        var accountId = CproAnswer.TechnicalAccountId(http);
        var (page, total, number, size) = await ListAsync(db.Set<StoredFile>().AsNoTracking().Where(f => f.StructureId == structureId && f.TechnicalAccountId == accountId), body, ct);
        return CproAnswer.Json(CproAnswer.Ok(("listePiecesJointes", page.Select(f => Item(f, english)).ToList()), ("parametresRetour", CproAnswer.Paging(number, size, total))));
    }

    /// <summary>{idStructureCPP} (the caller's structure by default): the structure's whole store, for its members only.</summary>
    private static async Task<IResult> OfStructureAsync(HttpContext http, PortiqueDb db, CurrentUser user, CancellationToken ct)
    {
        var body = await CproBody.ReadAsync(http.Request, ct);
        var english = English(body);
        var structureId = body.Long("idStructureCPP") ?? body.Long("idStructure") ?? CproAnswer.StructureId(http);
        await CproAccess.MemberAsync(db, user, structureId, _ => true, ct);
        var structure = await db.Structures.AsNoTracking().Where(s => s.Id == structureId).Select(s => new { s.Identifier, s.Name }).FirstAsync(ct);
        var (page, total, number, size) = await ListAsync(db.Set<StoredFile>().AsNoTracking().Where(f => f.StructureId == structureId), body, ct);
        return CproAnswer.Json(CproAnswer.Ok(("listePiecesJointes", page.Select(f =>
        {
            var item = Item(f, english);
            item["pieceJointeStructureId"] = structureId;
            item["pieceJointeStructureCode"] = structure.Identifier;
            item["pieceJointeStructureRaisonSociale"] = structure.Name;
            return item;
        }).ToList()), ("parametresRetour", CproAnswer.Paging(number, size, total))));
    }

    /// <summary>
    /// objetPieceJointe DEMANDE_PAIEMENT: demandePaiement{listeFacture[{idFacture}], format PDF|PIVOT, avecPiecesJointesComplementaires
    /// OUI|NON} → the invoices as a zip (telecharger/groupe's); UTILISATEUR: one of the account's stored files; STRUCTURE_PIECEJOINTE:
    /// one file of a structure's store (structure{idStructure | identifiantStructure, typeIdentifiantStructure}), for its members.
    /// A stored file is named by pieceJointeId, at the root or in the object's block. → {pieceJointe (base64)}.
    /// </summary>
    private static async Task<IResult> DownloadAsync(HttpContext http, PortiqueDb db, CurrentUser user, GetInvoiceHandler invoices, CancellationToken ct)
    {
        var body = await CproBody.ReadAsync(http.Request, ct);
        var objectType = body.String("objetPieceJointe")?.ToUpperInvariant()
            ?? throw new PortiqueException("FIELD_REQUIRED", "« objetPieceJointe » est obligatoire.");
        var structureId = CproAnswer.StructureId(http);
        byte[] content;
        switch (objectType)
        {
            case "DEMANDE_PAIEMENT":
                var request = body.Field("demandePaiement") is JsonObject block ? new CproBody(block) : body;
                var ids = request.Strings("listeFacture", "idFacture").Select(s => CproBody.AsLong(JsonValue.Create(s), "idFacture")).OfType<long>().ToList();
                content = await InvoiceDownloads.ZipAsync(invoices, db, structureId, ids, request.String("format"),
                    InvoiceDownloads.WithAttachments(request.String("avecPiecesJointesComplementaires")), ct);
                break;
            case "UTILISATEUR":
                var accountId = CproAnswer.TechnicalAccountId(http);
                var mine = await StoredFiles.GetAsync(db, structureId, FileId(body, "utilisateur"), ct);
                content = mine.TechnicalAccountId == accountId
                    ? mine.Content
                    : throw PortiqueException.NotFound("ATTACHMENT_NOT_FOUND", $"La pièce jointe {mine.Id} n'est pas une pièce de ce compte.");
                break;
            case "STRUCTURE_PIECEJOINTE":
                var owner = await OwnerAsync(db, body, structureId, ct);
                await CproAccess.MemberAsync(db, user, owner, _ => true, ct);
                content = (await StoredFiles.GetAsync(db, owner, FileId(body, "structure"), ct)).Content;
                break;
            case "ENGAGEMENT_JURIDIQUE" or "SOLLICITATION" or "STRUCTURE_MANDAT" or "STRUCTURE_COORDONNEE_BANCAIRE":
                throw new PortiqueException("ATTACHMENT_OBJECT_UNSUPPORTED",
                    $"Portique ne conserve pas de pièces jointes de type « {objectType} » (engagements, sollicitations, mandats et RIB ne sont pas gérés).");
            default:
                throw new PortiqueException("FIELD_INVALID",
                    $"« objetPieceJointe » doit être DEMANDE_PAIEMENT, UTILISATEUR, STRUCTURE_PIECEJOINTE, ENGAGEMENT_JURIDIQUE, SOLLICITATION, STRUCTURE_MANDAT ou STRUCTURE_COORDONNEE_BANCAIRE : « {objectType} ».");
        }
        return CproAnswer.Json(CproAnswer.Ok(("pieceJointe", Convert.ToBase64String(content))));
    }

    private static long FileId(CproBody body, string block) =>
        (body.Field(block) is JsonObject holder ? new CproBody(holder).Long("pieceJointeId") : null) ?? body.Long("pieceJointeId")
        ?? throw new PortiqueException("FIELD_REQUIRED", "« pieceJointeId » est obligatoire pour télécharger une pièce stockée.");

    /// <summary>structure{idStructure} or structure{identifiantStructure, typeIdentifiantStructure}; the caller's structure when absent.</summary>
    private static async Task<long> OwnerAsync(PortiqueDb db, CproBody body, long own, CancellationToken ct)
    {
        if (body.Field("structure") is not JsonObject holder)
            return own;
        var criteria = new CproBody(holder);
        if ((criteria.Long("idStructure") ?? criteria.Long("idStructureCPP")) is { } id)
            return id;
        if (criteria.String("identifiantStructure") is not { } identifier)
            return own;
        var key = StructureIdentifier.Canonical(CproBody.Enum<IdentifierType>(criteria.String("typeIdentifiantStructure"), "typeIdentifiantStructure"), identifier);
        return await db.Structures.AsNoTracking().Where(s => s.Identifier == key).Select(s => (long?)s.Id).FirstOrDefaultAsync(ct)
            ?? throw PortiqueException.NotFound("STRUCTURE_NOT_FOUND", $"Aucune structure d'identifiant {identifier}.");
    }
}
