using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Net.Http.Headers;

namespace Portique.Invoicing.Consult;

/// <summary>
/// How an attachment leaves the portal. Attachments come from outside: only types a browser shows without running anything
/// (PDF, raster images, plain text) open in the browser; everything else (HTML, SVG, office files, archives) is a download,
/// and nosniff stops a browser from second-guessing the declared type.
/// </summary>
public static class AttachmentDownload
{
    private static readonly FileExtensionContentTypeProvider Types = new();
    private static readonly HashSet<string> Inline = new(StringComparer.OrdinalIgnoreCase)
    {
        "application/pdf", "image/png", "image/jpeg", "image/gif", "image/bmp", "image/tiff", "text/plain",
    };

    public static string ContentTypeOf(string fileName) =>
        Types.TryGetContentType(fileName, out var type) ? type : "application/octet-stream";

    public static bool OpensInBrowser(string fileName) => Inline.Contains(ContentTypeOf(fileName));

    public static IResult Result(HttpContext http, InvoiceAttachment attachment)
    {
        var name = Path.GetFileName(attachment.FileName);
        var type = ContentTypeOf(name);
        http.Response.Headers.XContentTypeOptions = "nosniff";
        if (!Inline.Contains(type))
            return TypedResults.File(attachment.Content, type, name);
        var disposition = new ContentDispositionHeaderValue("inline");
        disposition.SetHttpFileName(name);
        http.Response.Headers.ContentDisposition = disposition.ToString();
        return TypedResults.File(attachment.Content, type);
    }
}
