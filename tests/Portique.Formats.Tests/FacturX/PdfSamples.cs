using PdfSharp.Pdf;
using PdfSharp.Drawing;
using Portique.Formats.FacturX;

namespace Portique.Formats.Tests.FacturX;

/// <summary>Small PDFs built in code for the failure cases the FeRD examples do not cover.</summary>
internal static class PdfSamples
{
    public static byte[] WithoutAttachment() => Save(NewDocument());

    /// <summary>A PDF whose only attachment is <paramref name="name"/> with <paramref name="content"/>.</summary>
    public static byte[] WithAttachment(string name, byte[] content)
    {
        var directory = Directory.CreateTempSubdirectory("portique-pdf-");
        try
        {
            var path = Path.Combine(directory.FullName, name);
            File.WriteAllBytes(path, content);
            var document = NewDocument();
            document.AddEmbeddedFile(name, path);
            return Save(document);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    public static byte[] Encrypted(string userPassword)
    {
        var document = NewDocument();
        document.SecuritySettings.UserPassword = userPassword;
        document.SecuritySettings.OwnerPassword = "owner-secret";
        return Save(document);
    }

    /// <summary>A hand-written PDF whose embedded-files tree is <paramref name="depth"/> nested arrays or dictionaries.</summary>
    public static byte[] DeeplyNested(int depth, bool dictionaries)
    {
        var nested = dictionaries
            ? string.Concat(Enumerable.Repeat("<</A ", depth)) + string.Concat(Enumerable.Repeat(">>", depth))
            : new string('[', depth) + new string(']', depth);
        var body = new System.Text.StringBuilder("%PDF-1.7\n");
        var offsets = new List<int>();
        foreach (var obj in new[]
        {
            "1 0 obj\n<</Type/Catalog/Pages 2 0 R/Names<</EmbeddedFiles 3 0 R>>>>\nendobj\n",
            "2 0 obj\n<</Type/Pages/Count 0/Kids[]>>\nendobj\n",
            $"3 0 obj\n<</Names {nested}>>\nendobj\n",
        })
        {
            offsets.Add(body.Length);
            body.Append(obj);
        }
        var xref = body.Length;
        body.Append("xref\n0 4\n0000000000 65535 f\r\n");
        foreach (var offset in offsets)
            body.Append(System.Globalization.CultureInfo.InvariantCulture, $"{offset:D10} 00000 n\r\n");
        body.Append(System.Globalization.CultureInfo.InvariantCulture, $"trailer\n<</Size 4/Root 1 0 R>>\nstartxref\n{xref}\n%%EOF\n");
        return System.Text.Encoding.ASCII.GetBytes(body.ToString());
    }

    private static PdfDocument NewDocument()
    {
        EmbeddedFonts.Ensure();
        var document = new PdfDocument();
        var page = document.AddPage();
        using var graphics = XGraphics.FromPdfPage(page);
        graphics.DrawString("Not an invoice", new XFont(EmbeddedFonts.Family, 12), XBrushes.Black, 40, 60);
        return document;
    }

    private static byte[] Save(PdfDocument document)
    {
        using (document)
        {
            using var output = new MemoryStream();
            document.Save(output, closeStream: false);
            return output.ToArray();
        }
    }
}
