using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Portique.Connections.Cpro;

/// <summary>GET /cpro/transverses/v1/health-check: lets an integrator check token, technical account and connectivity in one call.</summary>
internal static class HealthCheck
{
    internal static void Map(IEndpointRouteBuilder cpro) =>
        cpro.MapGet("/transverses/v1/health-check", () => Results.Json(CproEnvelope.Ok()))
            .WithSummary("Vérifier l'accès à l'API (jeton + en-tête cpro-account)");
}
