using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using Portique.Common;
using Portique.Connections.Cpro;

namespace Portique.Cpro.Common;

/// <summary>The Chorus Pro envelope of /cpro answers, and the structure a technical account acts for.</summary>
internal static class CproAnswer
{
    public const string Date = "yyyy-MM-dd";

    /// <summary>
    /// codeRetour by kind of refusal (docs/api-cpro.md): 1 invalid request, 2 not found, 3 illegal in the current state,
    /// 4 not allowed. The libelle is Portique's stable code; the message is for people.
    /// </summary>
    public static int ReturnCode(int status) => status switch
    {
        404 => 2,
        409 => 3,
        403 => 4,
        _ => 1,
    };

    public static Dictionary<string, object?> Ok(params (string Name, object? Value)[] fields)
    {
        var answer = new Dictionary<string, object?> { ["codeRetour"] = 0, ["libelle"] = CproEnvelope.Success };
        foreach (var (name, value) in fields)
            answer[name] = value;
        return answer;
    }

    public static IResult Json(Dictionary<string, object?> answer) => Results.Json(answer);

    public static IResult Refused(PortiqueException e) =>
        Results.Json(new Dictionary<string, object?> { ["codeRetour"] = ReturnCode(e.Status), ["libelle"] = e.Code, ["message"] = e.Message },
            statusCode: StatusCodes.Status400BadRequest);

    /// <summary>The technical account's structure: every /cpro call acts from it, with its principal manager's rights.</summary>
    public static long StructureId(HttpContext http) =>
        long.Parse(http.User.FindFirstValue(CproAuthenticationHandler.TechnicalStructureClaim)!, CultureInfo.InvariantCulture);

    /// <summary>The technical account the call authenticated with.</summary>
    public static long TechnicalAccountId(HttpContext http) =>
        long.Parse(http.User.FindFirstValue(CproAuthenticationHandler.TechnicalAccountClaim)!, CultureInfo.InvariantCulture);

    public static Dictionary<string, object?> Paging(int page, int size, int total) => new()
    {
        ["nbResultatsParPage"] = size,
        ["pageCourante"] = page,
        ["pages"] = size == 0 ? 0 : (total + size - 1) / size,
        ["total"] = total,
    };

    public static string? Day(DateOnly? date) => date?.ToString(Date, CultureInfo.InvariantCulture);

    public static string Stamp(DateTimeOffset at) => at.ToString("yyyy-MM-dd'T'HH:mm:ss.fffzzz", CultureInfo.InvariantCulture);
}

/// <summary>Turns a refused business rule into the Chorus envelope (HTTP 400, codeRetour ≠ 0) instead of ProblemDetails.</summary>
internal sealed class CproErrorFilter : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try
        {
            return await next(context);
        }
        catch (PortiqueException e) when (e.Status != StatusCodes.Status401Unauthorized)
        {
            return CproAnswer.Refused(e);
        }
    }
}
