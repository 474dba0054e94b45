using System.Formats.Tar;
using System.IO.Compression;
using Portique.Common;

namespace Portique.Invoicing.Deposit;

/// <summary>Splits a flow into its documents: a zip or a tar.gz holds several invoices, anything else is one invoice.</summary>
public static class FlowDocuments
{
    public sealed record Document(string Name, byte[] Content);

    public static IReadOnlyList<Document> Split(string fileName, byte[] content)
    {
        if (content.AsSpan().StartsWith("PK\u0003\u0004"u8))
            return Zip(content);
        if (content.Length > 2 && content[0] == 0x1F && content[1] == 0x8B)
            return TarGz(content);
        return [new Document(fileName, content)];
    }

    private static List<Document> Zip(byte[] content)
    {
        using var zip = new ZipArchive(new MemoryStream(content), ZipArchiveMode.Read);
        var documents = new List<Document>();
        long total = 0;
        foreach (var entry in zip.Entries.Where(e => !e.FullName.EndsWith('/')))
        {
            using var stream = entry.Open();
            documents.Add(new Document(entry.FullName, ReadBounded(stream, ref total)));
            EnsureCount(documents.Count);
        }
        return documents;
    }

    private static List<Document> TarGz(byte[] content)
    {
        using var gzip = new GZipStream(new MemoryStream(content), CompressionMode.Decompress);
        using var tar = new TarReader(gzip);
        var documents = new List<Document>();
        long total = 0;
        while (tar.GetNextEntry() is { } entry)
        {
            if (entry.EntryType is not (TarEntryType.RegularFile or TarEntryType.V7RegularFile) || entry.DataStream is null)
                continue;
            documents.Add(new Document(entry.Name, ReadBounded(entry.DataStream, ref total)));
            EnsureCount(documents.Count);
        }
        return documents;
    }

    private static void EnsureCount(int count)
    {
        if (count > Flow.MaxInvoices)
            throw new PortiqueException("FLOW_TOO_MANY_INVOICES", $"Un flux contient au plus {Flow.MaxInvoices} factures.");
    }

    /// <summary>Reads an entry while counting what the whole archive expands to, so a compression bomb stops early.</summary>
    private static byte[] ReadBounded(Stream stream, ref long total)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = stream.Read(chunk, 0, chunk.Length)) > 0)
        {
            total += read;
            if (total > Flow.MaxBytes)
                throw new PortiqueException("FLOW_TOO_LARGE", "Le contenu décompressé du flux dépasse 100 Mo.");
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }
}
