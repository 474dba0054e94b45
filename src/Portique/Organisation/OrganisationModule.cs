using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Portique.Organisation.CreateStructure;
using Portique.Organisation.GetStructure;
using Portique.Organisation.SearchStructures;
using Portique.Organisation.Users;

namespace Portique.Organisation;

public static class OrganisationModule
{
    public static IServiceCollection AddOrganisation(this IServiceCollection services) => services
        .AddScoped<CreateStructureHandler>()
        .AddScoped<SearchStructuresHandler>()
        .AddScoped<GetStructureHandler>()
        .AddOrganisationUsers();

    /// <summary>JSON API of the module, under /api/v1.</summary>
    public static void MapOrganisation(this IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("").WithTags("Organisation");
        CreateStructureHandler.Map(group);
        SearchStructuresHandler.Map(group);
        GetStructureHandler.Map(group);
        api.MapOrganisationUsers();
    }
}
