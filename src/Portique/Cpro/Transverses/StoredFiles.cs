using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portique.Common;
using Portique.Common.Data;
using Portique.Connections;
using Portique.Cpro.Common;
using Portique.Invoicing;
using Portique.Organisation;

namespace Portique.Cpro.Transverses;

/// <summary>
/// A file uploaded with transverses/v1/ajouter/fichier (or deposer/pdf), kept in the structure's file store until an invoice
/// uses it by its pieceJointeId (soumettre, completer). It belongs to the structure of the technical account that uploaded it:
/// no other structure can use or see it. The account is kept too (rechercher/pj/moncompte lists an account's own files),
/// and the type of piece (recuperer/typespj): a deposed PDF is an invoice image, an added file a supporting document.
/// </summary>
internal sealed class StoredFile
{
    public const int NameMaxLength = 50;

    /// <summary>The extensions Chorus Pro accepts for attachments (chorus-pro.md §1.5).</summary>
    public static readonly IReadOnlySet<string> Extensions = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "BMP", "GIF", "FAX", "ODT", "PPT", "TIFF", "XLS", "BZ2", "GZ", "JPEG", "P7S", "RTF", "TXT", "XML", "CSV", "GZIP", "JPG", "PDF",
        "SVG", "XHTML", "XLSX", "DOC", "HTM", "ODP", "PNG", "TGZ", "XLC", "ZIP", "DOCX", "HTML", "ODS", "PPS", "TIF", "XLM", "PPTX",
    };

    private StoredFile() { }

    public long Id { get; private set; }
    public long StructureId { get; private set; }
    public long? TechnicalAccountId { get; private set; }
    public int TypeId { get; private set; }
    public string FileName { get; private set; } = "";
    public string MimeType { get; private set; } = "";
    public string Extension { get; private set; } = "";
    public byte[] Content { get; private set; } = [];
    public DateTimeOffset AddedAt { get; private set; }

    public bool IsPdf => Extension == "PDF" && Content.AsSpan().StartsWith("%PDF-"u8);

    /// <summary>The name with its declared extension (pieceJointeNom may come without it).</summary>
    public string NameWithExtension =>
        Path.GetExtension(FileName).TrimStart('.').Equals(Extension, StringComparison.OrdinalIgnoreCase) ? FileName : $"{FileName}.{Extension.ToLowerInvariant()}";

    public static StoredFile Create(long structureId, long? technicalAccountId, AttachmentType type, string? name, string? mimeType, string? extension,
        byte[] content, DateTimeOffset now)
    {
        var fileName = Validation.Required(name is null ? null : Path.GetFileName(name), "pieceJointeNom", NameMaxLength);
        var ext = (string.IsNullOrWhiteSpace(extension) ? Path.GetExtension(fileName) : extension).Trim().TrimStart('.').ToUpperInvariant();
        if (!Extensions.Contains(ext))
            throw new PortiqueException("ATTACHMENT_TYPE_INVALID", $"Extension de pièce jointe refusée : « {ext} » (pieceJointeExtension).");
        if (content.Length == 0 || content.Length > InvoiceAttachment.MaxBytes)
            throw new PortiqueException("ATTACHMENT_SIZE_INVALID", $"La pièce jointe « {fileName} » doit faire entre 1 octet et 10 Mo.");
        return new()
        {
            StructureId = structureId, TechnicalAccountId = technicalAccountId, TypeId = type.Id, FileName = fileName, Extension = ext, Content = content, AddedAt = now,
            MimeType = Validation.MaxLength(mimeType, "pieceJointeTypeMime", 100) ?? "application/octet-stream",
        };
    }
}

internal sealed class StoredFileConfiguration : IEntityTypeConfiguration<StoredFile>
{
    public void Configure(EntityTypeBuilder<StoredFile> b)
    {
        b.ToTable("cpro_files");
        b.Property(f => f.FileName).HaveMaxLengthAndRequired(StoredFile.NameMaxLength);
        b.Property(f => f.MimeType).HaveMaxLengthAndRequired(100);
        b.Property(f => f.Extension).HaveMaxLengthAndRequired(10);
        b.Ignore(f => f.IsPdf);
        b.HasIndex(f => new { f.StructureId, f.Id });
        b.HasOne<Structure>().WithMany().HasForeignKey(f => f.StructureId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<TechnicalAccount>().WithMany().HasForeignKey(f => f.TechnicalAccountId).OnDelete(DeleteBehavior.SetNull);
    }
}

/// <summary>transverses/v1/ajouter/fichier, and the look-up of a stored file by the structure that owns it.</summary>
internal static class StoredFiles
{
    internal static void Map(IEndpointRouteBuilder cpro) =>
        cpro.MapPost("/transverses/v1/ajouter/fichier", AddAsync).WithSummary("Ajouter une pièce jointe au stockage du compte (→ pieceJointeId)");

    private static async Task<IResult> AddAsync(HttpContext http, PortiqueDb db, TimeProvider clock, CancellationToken ct)
    {
        var body = await CproBody.ReadAsync(http.Request, ct);
        var content = Decode(body.RequiredString("pieceJointeFichier"), "pieceJointeFichier");
        var file = await StoreAsync(db, http, AttachmentTypes.Complementary, body.String("pieceJointeNom"), body.String("pieceJointeTypeMime"),
            body.String("pieceJointeExtension"), content, clock.GetUtcNow(), ct);
        return CproAnswer.Json(CproAnswer.Ok(("pieceJointeId", file.Id)));
    }

    /// <summary>A new file of the calling technical account, in its structure's store.</summary>
    public static async Task<StoredFile> StoreAsync(PortiqueDb db, HttpContext http, AttachmentType type, string? name, string? mimeType, string? extension,
        byte[] content, DateTimeOffset now, CancellationToken ct)
    {
        var file = StoredFile.Create(CproAnswer.StructureId(http), CproAnswer.TechnicalAccountId(http), type, name, mimeType, extension, content, now);
        db.Add(file);
        await db.SaveChangesAsync(ct);
        return file;
    }

    /// <summary>A file of the caller's structure; another structure's file is answered as not found, like an unknown id.</summary>
    public static async Task<StoredFile> GetAsync(PortiqueDb db, long structureId, long id, CancellationToken ct) =>
        await db.Set<StoredFile>().AsNoTracking().FirstOrDefaultAsync(f => f.Id == id && f.StructureId == structureId, ct)
        ?? throw PortiqueException.NotFound("ATTACHMENT_NOT_FOUND", $"La pièce jointe {id} n'existe pas dans le stockage de la structure.");

    public static byte[] Decode(string base64, string field)
    {
        try
        {
            return Convert.FromBase64String(base64);
        }
        catch (FormatException)
        {
            throw new PortiqueException("ATTACHMENT_BASE64_INVALID", $"« {field} » n'est pas encodé en base64.");
        }
    }
}
