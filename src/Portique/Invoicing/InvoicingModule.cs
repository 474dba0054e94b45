using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Portique.Invoicing.Consult;
using Portique.Invoicing.Deposit;
using Portique.Invoicing.Entry;
using Portique.Invoicing.Lifecycle;
using Portique.Invoicing.Search;

namespace Portique.Invoicing;

public static class InvoicingModule
{
    /// <summary>The deposit worker runs in every web node unless "Invoicing:Worker" is false (tests drain the queue themselves).</summary>
    public static IServiceCollection AddInvoicing(this IServiceCollection services, IConfiguration config)
    {
        services
            .AddScoped<InvoiceAccess>()
            .AddScoped<RecipientCheck>()
            .AddScoped<InvoiceNotifier>()
            .AddScoped<FlowProcessor>()
            .AddScoped<DepositFlowHandler>()
            .AddScoped<EnterInvoiceHandler>()
            .AddScoped<FlowReportHandler>()
            .AddScoped<ProcessInvoiceHandler>()
            .AddScoped<CompleteInvoiceHandler>()
            .AddScoped<RecycleInvoiceHandler>()
            .AddScoped<AcknowledgeRejectionHandler>()
            .AddScoped<SearchInvoicesHandler>()
            .AddScoped<GetInvoiceHandler>()
            .AddSingleton<InvoiceRenderings>()
            .AddScoped<Recipients.FindRecipientsHandler>()
            .AddScoped<Waiting.WaitingInvoicesHandler>()
            .AddScoped<Subcontracting.ValidationDeadlines>()
            .AddScoped<Subcontracting.InvoicesToValidateHandler>()
            .AddSingleton<DepositSignal>()
            .AddSingleton<DepositWorker>()
            .AddSingleton<DepositQuota>();
        if (config.GetValue("Invoicing:Worker", true))
        {
            services.AddHostedService(sp => sp.GetRequiredService<DepositWorker>());
            services.AddHostedService<Subcontracting.ValidationDeadlineWorker>();
        }
        return services;
    }

    /// <summary>JSON API of the module, under /api/v1.</summary>
    public static void MapInvoicing(this IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("").WithTags("Facturation");
        DepositFlowHandler.Map(group);
        EnterInvoiceHandler.Map(group);
        FlowReportHandler.Map(group);
        SearchInvoicesHandler.Map(group);
        GetInvoiceHandler.Map(group);
        ProcessInvoiceHandler.Map(group);
        CompleteInvoiceHandler.Map(group);
        RecycleInvoiceHandler.Map(group);
        AcknowledgeRejectionHandler.Map(group);
        Recipients.FindRecipientsHandler.Map(group);
        Subcontracting.InvoicesToValidateHandler.Map(group);
    }
}
