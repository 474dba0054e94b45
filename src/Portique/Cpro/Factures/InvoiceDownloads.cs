using System.IO.Compression;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Portique.Common;
using Portique.Common.Data;
using Portique.Invoicing;
using Portique.Invoicing.Consult;

namespace Portique.Cpro.Factures;

/// <summary>
/// Invoices as files for telecharger/groupe and telecharger/pieceJointe (DEMANDE_PAIEMENT): each invoice's original
/// (format PIVOT, the default) or its readable PDF (format PDF), with its attachments when asked, in one zip.
/// An invoice is looked up on the sent side, then on the received side; one that is visible on neither refuses the call.
/// </summary>
internal static class InvoiceDownloads
{
    /// <summary>Chorus Pro's bound on a downloaded folder (beyond it, it answers HTTP 413).</summary>
    public const long MaxBytes = 120L * 1024 * 1024;

    public static async Task<byte[]> ZipAsync(GetInvoiceHandler handler, PortiqueDb db, long structureId, IReadOnlyList<long> ids, string? format,
        bool withAttachments, CancellationToken ct)
    {
        var pdf = format?.Trim().ToUpperInvariant() switch
        {
            null or "" or "PIVOT" or "XML" or "ZIP" => false,
            "PDF" => true,
            _ => throw new PortiqueException("FIELD_INVALID", $"« format » doit être PDF ou PIVOT : « {format} »."),
        };
        var distinct = ids.Distinct().ToList();
        if (distinct.Count == 0 || distinct.Count > GetInvoiceHandler.MaxZipInvoices)
            throw new PortiqueException("DOWNLOAD_SELECTION_INVALID", $"Choisissez entre 1 et {GetInvoiceHandler.MaxZipInvoices} factures.");
        long total = 0;
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var id in distinct)
            {
                var (side, original) = await OriginalAsync(handler, structureId, id, ct);
                var baseName = Path.GetFileNameWithoutExtension(original.FileName);
                var content = pdf ? await handler.PdfAsync(structureId, side, id, ct) : original.Content;
                total = Checked(total + content.Length);
                await AddAsync(zip, pdf ? $"{id}-{baseName}.pdf" : $"{id}-{Path.GetFileName(original.FileName)}", content, ct);
                if (!withAttachments)
                    continue;
                var attachments = await db.Set<InvoiceAttachment>().AsNoTracking().Where(a => a.InvoiceId == id).OrderBy(a => a.Id)
                    .Select(a => new { a.Id, a.FileName, a.Content }).ToListAsync(ct);
                foreach (var a in attachments)
                {
                    total = Checked(total + a.Content.Length);
                    await AddAsync(zip, $"{id}-pj{a.Id}-{Path.GetFileName(a.FileName)}", a.Content, ct);
                }
            }
        }
        return buffer.ToArray();
    }

    /// <summary>avecPiecesJointesComplementaires: "OUI" / "NON" as Chorus Pro writes it, or a boolean.</summary>
    public static bool WithAttachments(string? value) => value?.Trim().ToUpperInvariant() switch
    {
        null or "" or "NON" or "FALSE" => false,
        "OUI" or "TRUE" => true,
        _ => throw new PortiqueException("FIELD_INVALID", $"« avecPiecesJointesComplementaires » doit être OUI ou NON : « {value} »."),
    };

    private static async Task<(InvoiceSide Side, InvoiceOriginal Original)> OriginalAsync(GetInvoiceHandler handler, long structureId, long id, CancellationToken ct)
    {
        try
        {
            return (InvoiceSide.Sent, await handler.OriginalAsync(structureId, InvoiceSide.Sent, id, ct));
        }
        catch (PortiqueException e) when (e.Status == StatusCodes.Status404NotFound)
        {
            return (InvoiceSide.Received, await handler.OriginalAsync(structureId, InvoiceSide.Received, id, ct));
        }
    }

    private static long Checked(long total) => total <= MaxBytes
        ? total
        : throw new PortiqueException("DOWNLOAD_TOO_LARGE", $"Le dossier demandé dépasse {MaxBytes / (1024 * 1024)} Mo : demandez moins de factures à la fois.");

    private static async Task AddAsync(ZipArchive zip, string name, byte[] content, CancellationToken ct)
    {
        var entry = zip.CreateEntry(name, CompressionLevel.Fastest);
        await using var stream = await entry.OpenAsync(ct);
        await stream.WriteAsync(content, ct);
    }
}
