using Portique.Common;

namespace Portique.Web;

/// <summary>How the portal's pages meet errors: the status a failure shows as, and an upload over the limit refused before it is read.</summary>
internal static class ErrorPages
{
    /// <summary>A refused rule keeps its status; a body over the size limit (also when MVC wraps the read failure) is a 413.</summary>
    public static int Status(Exception error)
    {
        for (var e = error; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case PortiqueException p:
                    return p.Status;
                case BadHttpRequestException b:
                    return b.StatusCode;
            }
        }
        return StatusCodes.Status500InternalServerError;
    }

    /// <summary>
    /// Sorts requests between the two status-code pages: the APIs leave the error page (the re-execution placed just
    /// before) to keep the ProblemDetails of the outer one. A page upload that announces more than the limit is answered
    /// with the error page at once: read, it would fail deep in antiforgery or binding as a bare 400. The forms check the
    /// size before sending, so this is the last guard.
    /// </summary>
    public static Task SortAsync(HttpContext http, RequestDelegate next)
    {
        if (Portique.Common.Errors.ErrorHandler.IsApi(http.Request))
        {
            if (http.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodePagesFeature>() is { } pages)
                pages.Enabled = false;
            return next(http);
        }
        // The error page itself is reached by re-executing the refused request, headers included.
        if (http.Request.ContentLength > Portique.Invoicing.Flow.MaxRequestBytes && !http.Request.Path.StartsWithSegments("/Error"))
            throw new BadHttpRequestException("Request body too large.", StatusCodes.Status413PayloadTooLarge);
        return next(http);
    }
}
