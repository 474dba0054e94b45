using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Portique.Accounts;
using Portique.Annuaire;
using Portique.Approvals;
using Portique.Common.Authorization;
using Portique.Common.Data;
using Portique.Common.Errors;
using Portique.Common.Mail;
using Portique.Connections;
using Portique.Cpro;
using Portique.Invoicing;
using Portique.Lifecycle;
using Portique.News;
using Portique.Organisation;
using Portique.Refunds;
using Portique.Statistics;

namespace Portique;

/// <summary>Registers every module's services and maps every module's JSON API. The web host and the CLI both call these.</summary>
public static class PortiqueModules
{
    public static IServiceCollection AddPortique(this IServiceCollection services, IConfiguration config)
    {
        services.AddPortiqueDb(config);
        services.TryAddSingletonTimeProvider();
        services.AddHttpContextAccessor();
        services.Configure<MailSettings>(config.GetSection("Mail"));
        services.AddScoped<CurrentUser>();
        services.AddScoped<Outbox>();
        services.AddScoped<SmtpMailSender>();
        services.AddSingleton<OutboxWorker>();
        services.AddExceptionHandler<ErrorHandler>();
        services.Configure<Portique.Common.Security.FailureLimits>(config.GetSection("Connections"));
        services.AddSingleton<Portique.Common.Security.FailureLimiter>();
        services.AddProblemDetails();
        // Unreadable bodies and parameters reach ErrorHandler, so they too get a ProblemDetails with a stable code.
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        // Enumerations travel by name on the wire ("SIRET", "PrincipalManager"), as in Chorus Pro.
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter()));

        services.AddIdentityApiEndpoints<User>(o =>
            {
                o.SignIn.RequireConfirmedEmail = true;
                o.User.RequireUniqueEmail = true;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                o.Password.RequiredLength = 12;
            })
            .AddRoles<IdentityRole<long>>()
            .AddEntityFrameworkStores<PortiqueDb>()
            .AddSignInManager<PortiqueSignInManager>()
            .AddPasswordValidator<Portique.Accounts.Passwords.CommonPasswordValidator>()
            .AddErrorDescriber<FrenchIdentityErrors>();
        services.AddTransient<IEmailSender<User>, OutboxEmailSender>();

        services.AddSingleton<IAuthorizationPolicyProvider, HabilitationPolicyProvider>();
        services.AddScoped<IAuthorizationHandler, HabilitationHandler>();
        services.AddAuthorizationBuilder()
            .AddPolicy(Policies.Operator, p => p.RequireRole(Roles.Operator));

        services.AddAccounts();
        services.AddOrganisation();
        services.AddNews();
        services.AddApprovals();
        services.AddConnections(config);
        services.AddRefunds();
        services.AddStatistics();
        services.AddInvoicing(config);
        services.AddDirectory();
        services.AddLifecycle(config);
        return services;
    }

    private static void TryAddSingletonTimeProvider(this IServiceCollection services)
    {
        if (!services.Any(d => d.ServiceType == typeof(TimeProvider)))
            services.AddSingleton(TimeProvider.System);
    }

    /// <summary>The JSON API: /api/v1/account (Identity) and one group per module.</summary>
    public static RouteGroupBuilder MapPortiqueApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1");
        api.MapGroup("/account").WithTags("Compte").AddEndpointFilter<IdentityApiGuard>().MapIdentityApi<User>();
        api.MapAccounts();
        api.MapOrganisation();
        api.MapNews();
        api.MapApprovals();
        api.MapConnections(app);
        app.MapCpro();
        api.MapRefunds();
        api.MapStatistics();
        api.MapInvoicing();
        api.MapDirectory();
        api.MapLifecycle();
        Portique.Annuaire.Afnor.DirectoryServiceApi.MapDirectoryService(app);
        return api;
    }
}
