using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Portique.Connections.ApiClients;
using Portique.Connections.Cpro;
using Portique.Connections.CreateTechnicalAccount;
using Portique.Connections.ExpiryReminder;
using Portique.Connections.ListConnections;
using Portique.Connections.ResetTechnicalPassword;
using Portique.Connections.SetTechnicalAccountActive;
using Portique.Connections.Token;

namespace Portique.Connections;

public static class ConnectionsModule
{
    public static IServiceCollection AddConnections(this IServiceCollection services, IConfiguration config)
    {
        services.Configure<ConnectionSettings>(config.GetSection("Connections"));
        services.AddSingleton<ApiTokens>();
        services.AddSingleton<IPasswordHasher<TechnicalAccount>, PasswordHasher<TechnicalAccount>>();
        services.AddSingleton<IPasswordHasher<ApiClient>, PasswordHasher<ApiClient>>();
        services.AddSingleton<Secrets>();
        services.AddScoped<ListConnectionsHandler>()
            .AddScoped<CreateTechnicalAccountHandler>()
            .AddScoped<ResetTechnicalPasswordHandler>()
            .AddScoped<SetTechnicalAccountActiveHandler>()
            .AddScoped<ApiClientsHandler>()
            .AddScoped<ExpiryReminderHandler>();
        if (config.GetValue("Connections:ReminderWorker", true))
            services.AddHostedService<ExpiryReminderWorker>();
        services.AddAuthentication().AddScheme<AuthenticationSchemeOptions, CproAuthenticationHandler>(CproAuthenticationHandler.SchemeName, null);
        // /cpro endpoints authenticate with this scheme only: a portal cookie or an Identity bearer token is not enough there.
        services.AddAuthorizationBuilder().AddPolicy(CproAuthenticationHandler.Policy, p => p
            .AddAuthenticationSchemes(CproAuthenticationHandler.SchemeName)
            .RequireAuthenticatedUser()
            .RequireClaim(CproAuthenticationHandler.TechnicalAccountClaim));
        return services;
    }

    /// <summary>The /api/v1 endpoints of the module, plus the two roots the Chorus-compatible API needs: the token endpoint and /cpro.</summary>
    public static void MapConnections(this IEndpointRouteBuilder api, IEndpointRouteBuilder root)
    {
        var group = api.MapGroup("").WithTags("Raccordements");
        ListConnectionsHandler.Map(group);
        CreateTechnicalAccountHandler.Map(group);
        ResetTechnicalPasswordHandler.Map(group);
        SetTechnicalAccountActiveHandler.Map(group);
        ApiClientsHandler.Map(group);

        TokenEndpoint.Map(root);
        var cpro = root.MapGroup("/cpro").RequireAuthorization(CproAuthenticationHandler.Policy).WithTags("API Chorus Pro");
        HealthCheck.Map(cpro);
        MyAttachments.Map(cpro);
    }
}
