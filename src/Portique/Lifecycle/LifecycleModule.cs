using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Portique.Lifecycle.History;
using Portique.Lifecycle.SetStatus;

namespace Portique.Lifecycle;

/// <summary>Lifecycle statuses of B2B invoices (issue 19 pt 2): the transition table, the CDAR message of each status, the history.</summary>
public static class LifecycleModule
{
    public static IServiceCollection AddLifecycle(this IServiceCollection services, IConfiguration config) =>
        services
            .AddSingleton(new LifecycleSettings(
                Annuaire.Platform.CheckedMatricule(config["Lifecycle:PlatformMatricule"] ?? LifecycleSettings.DefaultMatricule),
                config["Lifecycle:PlatformName"] ?? "Portique"))
            .AddSingleton<LifecycleRecorder>()
            .AddScoped<LifecycleSides>()
            .AddScoped<SetStatusHandler>()
            .AddScoped<LifecycleHistoryHandler>();

    /// <summary>JSON API of the module, under /api/v1, next to the invoicing routes it extends.</summary>
    public static void MapLifecycle(this IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("").WithTags("Cycle de vie");
        SetStatusHandler.Map(group);
        LifecycleHistoryHandler.Map(group);
    }
}
