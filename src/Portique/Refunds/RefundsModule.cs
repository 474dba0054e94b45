using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Portique.Accounts;
using Portique.Refunds.FileRefund;
using Portique.Refunds.GetRefund;
using Portique.Refunds.ListRefunds;
using Portique.Refunds.Processing;
using Portique.Refunds.Settings;

namespace Portique.Refunds;

/// <summary>TICPE/TICGN partial refunds for agricultural work (cadre A21): filing by beneficiaries, processing by the customs.</summary>
public static class RefundsModule
{
    /// <summary>Members of the customs administration (Identity role "Douane").</summary>
    public const string CustomsPolicy = "douane";

    public static IServiceCollection AddRefunds(this IServiceCollection services)
    {
        services.AddAuthorizationBuilder().AddPolicy(CustomsPolicy, p => p.RequireRole(Roles.Customs));
        return services
            .AddScoped<FileRefundHandler>()
            .AddScoped<ListRefundsHandler>()
            .AddScoped<GetRefundHandler>()
            .AddScoped<CustomsRefundsHandler>()
            .AddScoped<RefundSettingsHandler>();
    }

    public static void MapRefunds(this IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("").WithTags("Remboursement de taxes");
        FileRefundHandler.Map(group);
        ListRefundsHandler.Map(group);
        GetRefundHandler.Map(group);
        CustomsRefundsHandler.Map(group);
        RefundSettingsHandler.Map(group);
    }
}
