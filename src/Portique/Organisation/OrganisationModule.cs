using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Portique.Organisation.BankAccounts;
using Portique.Organisation.CreateService;
using Portique.Organisation.CreateStructure;
using Portique.Organisation.GetStructure;
using Portique.Organisation.ModifyService;
using Portique.Organisation.ModifyStructure;
using Portique.Organisation.MyStructures;
using Portique.Organisation.SearchStructures;
using Portique.Organisation.SetServiceActive;
using Portique.Organisation.SetStructureActive;
using Portique.Organisation.Users;

namespace Portique.Organisation;

public static class OrganisationModule
{
    public static IServiceCollection AddOrganisation(this IServiceCollection services) => services
        .AddScoped<CreateStructureHandler>()
        .AddScoped<SearchStructuresHandler>()
        .AddScoped<GetStructureHandler>()
        .AddScoped<MyStructuresHandler>()
        .AddScoped<ModifyStructureHandler>()
        .AddScoped<SetStructureActiveHandler>()
        .AddScoped<CreateServiceHandler>()
        .AddScoped<ModifyServiceHandler>()
        .AddScoped<SetServiceActiveHandler>()
        .AddOrganisationUsers()
        .AddBankAccounts();

    /// <summary>JSON API of the module, under /api/v1.</summary>
    public static void MapOrganisation(this IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("").WithTags("Organisation");
        CreateStructureHandler.Map(group);
        SearchStructuresHandler.Map(group);
        MyStructuresHandler.Map(group);
        GetStructureHandler.Map(group);
        ModifyStructureHandler.Map(group);
        SetStructureActiveHandler.Map(group);
        CreateServiceHandler.Map(group);
        ModifyServiceHandler.Map(group);
        SetServiceActiveHandler.Map(group);
        api.MapOrganisationUsers();
        api.MapBankAccounts();
    }
}
