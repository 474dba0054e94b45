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
