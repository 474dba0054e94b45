using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Portique.Common.Errors;

/// <summary>
/// Turns every refused request into RFC 9457 ProblemDetails with a stable "code" extension: rule failures
/// (PortiqueException), unreadable requests (bad JSON, unknown enum value) and lost races on unique keys.
/// </summary>
public sealed class ErrorHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken ct)
    {
        // A person in the portal gets the host's error page (with the layout, in French), never JSON. The middleware has
        // already pointed the request at that page: the path asked for is in the feature.
        if (!IsApi(http.Features.Get<IExceptionHandlerPathFeature>()?.Path is { } asked ? new PathString(asked) : http.Request.Path))
            return false;
        var (status, code, detail) = exception switch
        {
            PortiqueException p => (p.Status, p.Code, p.Message),
            BadHttpRequestException b => (StatusCodes.Status400BadRequest, "REQUEST_INVALID", Describe(b)),
            DbUpdateException d when IsUniqueViolation(d) => (StatusCodes.Status409Conflict, "CONFLICT", "La modification entre en conflit avec une donnée existante ; rechargez et réessayez."),
            DbUpdateConcurrencyException => (StatusCodes.Status409Conflict, "CONCURRENT_UPDATE", "Une autre modification a eu lieu entre-temps ; rechargez et réessayez."),
            // A quantity times a price beyond decimal's 7.9e28 (or a number beyond a field's type): the request, not the server, is at fault.
            OverflowException => (StatusCodes.Status400BadRequest, "NUMBER_OUT_OF_RANGE", "Un nombre de la requête (quantité, prix, montant) est hors de la plage admise."),
            _ => (0, "", ""),
        };
        if (status == 0)
            return false;
        http.Response.StatusCode = status;
        var problem = new ProblemDetails { Status = status, Title = code, Detail = detail, Type = $"https://portique.dev/errors/{code}" };
        problem.Extensions["code"] = code;
        if (exception is PortiqueException { Field: { } field })
            problem.Extensions["field"] = field;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = http, ProblemDetails = problem, Exception = exception });
    }

    /// <summary>The machine-facing paths (JSON API, Chorus-compatible API, OpenAPI): their errors stay ProblemDetails.</summary>
    public static bool IsApi(HttpRequest request) => IsApi(request.Path);

    public static bool IsApi(PathString path) =>
        path.StartsWithSegments("/api") || path.StartsWithSegments("/cpro") || path.StartsWithSegments("/directory-service") || path.StartsWithSegments("/openapi") || path.StartsWithSegments("/scalar");

    // The JSON binder's inner exception names the offending path ("$.identifierType"); surface it.
    private static string Describe(BadHttpRequestException b) =>
        b.InnerException is System.Text.Json.JsonException j ? $"Requête illisible : {j.Message}" : $"Requête invalide : {b.Message}";

    public static bool IsUniqueViolation(DbUpdateException e) => e.InnerException switch
    {
        Npgsql.PostgresException pg => pg.SqlState == Npgsql.PostgresErrorCodes.UniqueViolation,
        Microsoft.Data.Sqlite.SqliteException sq => sq.SqliteExtendedErrorCode is 2067 or 1555,
        _ => false,
    };
}
