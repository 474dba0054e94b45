using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Portique.Accounts.Deactivate;
using Portique.Accounts.MyAccount;
using Portique.Accounts.PlatformRoles;
using Portique.Accounts.Reactivate;
using Portique.Accounts.Register;

namespace Portique.Accounts;

public static class AccountsModule
{
    /// <summary>The default scheme AddIdentityApiEndpoints registers (IdentityConstants keeps its name internal).</summary>
    private const string BearerAndApplicationScheme = "Identity.BearerAndApplication";

    /// <summary>Call after AddIdentityApiEndpoints: replaces Identity's confirmation rule by ours.</summary>
    public static IServiceCollection AddAccounts(this IServiceCollection services)
    {
        // Identity consults IUserConfirmation only when confirmed accounts are required.
        services.Configure<IdentityOptions>(o => o.SignIn.RequireConfirmedAccount = true);
        services.AddScoped<IUserConfirmation<User>, ActiveAccountConfirmation>();
        services.AddScoped<IUserStore<User>, PortiqueUserStore>();
        services.AddScoped<IClaimsTransformation, DeactivatedAccountGuard>();
        // MapIdentityApi's composite scheme reads a bearer token or the cookie but challenges as bearer (a bare 401).
        // Outside /api the browser must be sent to the login and access-denied pages instead.
        services.Configure<AuthenticationSchemeOptions>(BearerAndApplicationScheme, o =>
            o.ForwardDefaultSelector = http => http.Request.Path.StartsWithSegments("/api") ? null : IdentityConstants.ApplicationScheme);
        return services
            .AddTransient<OutboxEmailSender>()
            .AddScoped<RegisterAccountHandler>()
            .AddScoped<MyAccountHandler>()
            .AddScoped<DeactivateAccountHandler>()
            .AddScoped<ReactivateAccountHandler>()
            .AddScoped<PlatformRolesHandler>();
    }

    /// <summary>Portique's additions to Identity's API: /api/v1/me and /api/v1/account/{deactivate,reactivation,reactivate}.</summary>
    public static void MapAccounts(this IEndpointRouteBuilder api)
    {
        MyAccountHandler.Map(api.MapGroup("").WithTags("Compte"));
        var account = api.MapGroup("/account").WithTags("Compte");
        DeactivateAccountHandler.Map(account);
        ReactivateAccountHandler.Map(account);
        PlatformRolesHandler.Map(api);
    }
}
