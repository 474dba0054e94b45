using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Portique.Organisation.AuditLog;
using Portique.Organisation.Users.AppointPrincipal;
using Portique.Organisation.Users.AssignServices;
using Portique.Organisation.Users.AttachUser;
using Portique.Organisation.Users.CopyHabilitations;
using Portique.Organisation.Users.DetachUser;
using Portique.Organisation.Users.ExportUsers;
using Portique.Organisation.Users.GrantHabilitation;
using Portique.Organisation.Users.ListUsers;
using Portique.Organisation.Users.TransferPrincipalRole;
using Portique.Organisation.Users.WithdrawHabilitation;

namespace Portique.Organisation.Users;

/// <summary>Users of a structure, their roles and habilitations, the structure's audit log, and the operator's appointment of a principal.</summary>
public static class UsersFeature
{
    public static IServiceCollection AddOrganisationUsers(this IServiceCollection services) => services
        .AddScoped<ListUsersHandler>()
        .AddScoped<AttachUserHandler>()
        .AddScoped<DetachUserHandler>()
        .AddScoped<AssignServicesHandler>()
        .AddScoped<GrantHabilitationHandler>()
        .AddScoped<WithdrawHabilitationHandler>()
        .AddScoped<CopyHabilitationsHandler>()
        .AddScoped<TransferPrincipalRoleHandler>()
        .AddScoped<AppointPrincipalHandler>()
        .AddScoped<ExportUsersHandler>()
        .AddScoped<AuditLogHandler>();

    /// <summary>Maps /structures/{structureId}/users/..., /structures/{structureId}/audit and /operator/structures/{structureId}/principal-manager.</summary>
    public static void MapOrganisationUsers(this IEndpointRouteBuilder api)
    {
        var users = api.MapGroup("/structures/{structureId:long}/users").WithTags("Utilisateurs");
        ListUsersHandler.Map(users);
        ExportUsersHandler.Map(users);
        AttachUserHandler.Map(users);
        DetachUserHandler.Map(users);
        AssignServicesHandler.Map(users);
        GrantHabilitationHandler.Map(users);
        WithdrawHabilitationHandler.Map(users);
        CopyHabilitationsHandler.Map(users);
        TransferPrincipalRoleHandler.Map(users);
        AuditLogHandler.Map(api.MapGroup("").WithTags("Audit"));
        AppointPrincipalHandler.Map(api.MapGroup("/operator").WithTags("Opérateur"));
    }
}
