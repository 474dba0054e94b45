using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Portique.Approvals.DecideApproval;
using Portique.Approvals.GetApproval;
using Portique.Approvals.ListApprovals;
using Portique.Approvals.MyRequests;
using Portique.Approvals.RequestAttachment;
using Portique.Approvals.RequestHabilitation;

namespace Portique.Approvals;

public static class ApprovalsModule
{
    public static IServiceCollection AddApprovals(this IServiceCollection services) => services
        .AddScoped<RequestAttachmentHandler>()
        .AddScoped<RequestHabilitationHandler>()
        .AddScoped<ListApprovalsHandler>()
        .AddScoped<GetApprovalHandler>()
        .AddScoped<DecideApprovalHandler>()
        .AddScoped<MyRequestsHandler>();

    public static void MapApprovals(this IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("").WithTags("Approbations");
        RequestAttachmentHandler.Map(group);
        RequestHabilitationHandler.Map(group);
        ListApprovalsHandler.Map(group);
        MyRequestsHandler.Map(group);
        GetApprovalHandler.Map(group);
        DecideApprovalHandler.Map(group);
    }
}
