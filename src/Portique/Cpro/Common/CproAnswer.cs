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

    /// <summary>The paging fields at the root of the answer as well as in parametresRetour, as rechercher/recipiendaire answers them.</summary>
    public static void PagingAtRoot(Dictionary<string, object?> answer, Dictionary<string, object?> paging)
    {
        foreach (var (name, value) in paging)
            answer[name] = value;
        answer["parametresRetour"] = paging;
    }

    /// <summary>
    /// One page of a sub-list (lignes de poste, pièces jointes, historique…) and its paging fields, named with the list's
    /// suffix (nbResultatsParPage{suffix}, pageCourante{suffix}, pages{suffix}, total{suffix}); every item by default.
    /// </summary>
    public static Dictionary<string, object?> SubList<T>(string listName, IReadOnlyList<T> items, (int Page, int? Size) paging, string suffix,
        Func<T, Dictionary<string, object?>> item)
    {
        var size = paging.Size ?? Math.Max(items.Count, 1);
        return new()
        {
            [listName] = items.Skip((paging.Page - 1) * size).Take(size).Select(item).ToList(),
            [$"nbResultatsParPage{suffix}"] = size,
            [$"pageCourante{suffix}"] = paging.Page,
            [$"pages{suffix}"] = (items.Count + size - 1) / size,
            [$"total{suffix}"] = items.Count,
        };
    }

    public static string? Day(DateOnly? date) => date?.ToString(Date, CultureInfo.InvariantCulture);

    public static string Stamp(DateTimeOffset at) => at.ToString("yyyy-MM-dd'T'HH:mm:ss.fffzzz", CultureInfo.InvariantCulture);

    private static readonly TimeZoneInfo Paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");

    /// <summary>
    /// "YYYY-MM-DD HH:MM", French time: Chorus Pro's history and service timestamps carry neither seconds nor offset, and
    /// its clients parse them with exactly that pattern (a full ISO timestamp makes them fail).
    /// </summary>
    public static string Minute(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, Paris).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    /// <summary>A day in the minute pattern (its midnight), for dates Portique keeps without a time.</summary>
    public static string? Minute(DateOnly? day) => day?.ToString("yyyy-MM-dd '00:00'", CultureInfo.InvariantCulture);
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
