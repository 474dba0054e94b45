using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Portique.Common;

namespace Portique.Annuaire.Afnor;

/// <summary>Errors in XP Z12-013's Error shape (errorCode, errorMessage, type, instance), as application/problem+json.</summary>
public static class DirectoryServiceErrors
{
    public static Task Write(HttpContext http, int status, string code, string message)
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = "application/problem+json";
        return http.Response.WriteAsync(JsonSerializer.Serialize(new { errorCode = code, errorMessage = message, type = "about:blank", instance = http.Request.Path.Value }), http.RequestAborted);
    }

    /// <summary>Turns the handlers' refusals into that shape, on the Directory Service only (the rest of the API keeps ProblemDetails).</summary>
    public sealed class Filter : IEndpointFilter
    {
        public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
        {
            try
            {
                return await next(context);
            }
            catch (PortiqueException e)
            {
                await Write(context.HttpContext, e.Status, e.Code, e.Message);
                return Results.Empty;
            }
        }
    }
}
