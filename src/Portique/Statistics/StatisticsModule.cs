using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Portique.Statistics.Activity;

namespace Portique.Statistics;

public static class StatisticsModule
{
    public static IServiceCollection AddStatistics(this IServiceCollection services) => services.AddScoped<GetActivityHandler>();

    public static void MapStatistics(this IEndpointRouteBuilder api) => GetActivityHandler.Map(api.MapGroup("").WithTags("Statistiques"));
}
