using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Portique.Accounts.Deactivate;
using Portique.Accounts.MyAccount;
using Portique.Accounts.Reactivate;
using Portique.Accounts.Register;

namespace Portique.Accounts;

public static class AccountsModule
{
    /// <summary>Call after AddIdentityApiEndpoints: replaces Identity's confirmation rule by ours.</summary>
    public static IServiceCollection AddAccounts(this IServiceCollection services)
    {
        // Identity consults IUserConfirmation only when confirmed accounts are required.
        services.Configure<IdentityOptions>(o => o.SignIn.RequireConfirmedAccount = true);
        services.AddScoped<IUserConfirmation<User>, ActiveAccountConfirmation>();
        services.AddScoped<IClaimsTransformation, DeactivatedAccountGuard>();
        return services
            .AddTransient<OutboxEmailSender>()
            .AddScoped<RegisterAccountHandler>()
            .AddScoped<MyAccountHandler>()
            .AddScoped<DeactivateAccountHandler>()
            .AddScoped<ReactivateAccountHandler>();
    }

    /// <summary>Portique's additions to Identity's API: /api/v1/me and /api/v1/account/{deactivate,reactivation,reactivate}.</summary>
    public static void MapAccounts(this IEndpointRouteBuilder api)
    {
        MyAccountHandler.Map(api.MapGroup("").WithTags("Compte"));
        var account = api.MapGroup("/account").WithTags("Compte");
        DeactivateAccountHandler.Map(account);
        ReactivateAccountHandler.Map(account);
    }
}
