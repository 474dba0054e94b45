using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Portique.Connections.Cpro;

/// <summary>
/// GET /cpro/transverses/v1/health-check: lets an integrator check token, technical account and connectivity in one call.
/// Besides the envelope it answers body, statusCode and statusCodeValue, the fields the PISTE gateway's health check carries
/// and that clients read.
/// </summary>
internal static class HealthCheck
{
    internal static void Map(IEndpointRouteBuilder cpro) =>
        cpro.MapGet("/transverses/v1/health-check", () =>
            {
                var answer = CproEnvelope.Ok();
                answer["body"] = "OK";
                answer["statusCode"] = "OK";
                answer["statusCodeValue"] = StatusCodes.Status200OK;
                return Results.Json(answer);
            })
            .WithSummary("Vérifier l'accès à l'API (jeton + en-tête cpro-account)");
}
