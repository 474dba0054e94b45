using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Portique.Annuaire.AddRoutingCode;
using Portique.Annuaire.Afnor;
using Portique.Annuaire.ChangePlatform;
using Portique.Annuaire.RegisterFacility;
using Portique.Annuaire.RegisterLegalUnit;
using Portique.Annuaire.RegisterPlatform;
using Portique.Annuaire.Resolution;

namespace Portique.Annuaire;

/// <summary>
/// The reform's directory (annuaire): legal units, establishments, routing codes, platforms and historised directory lines,
/// resolution of an address to its receiving platform, and maintenance. Folder Directory/, namespace Portique.Annuaire
/// (docs/decisions/0025: "Portique.Directory" would hide System.IO.Directory from every Portique namespace).
/// </summary>
public static class DirectoryModule
{
    public static IServiceCollection AddDirectory(this IServiceCollection services)
    {
        services.AddScoped<DirectoryResolver>()
            .AddScoped<RegisterLegalUnitHandler>()
            .AddScoped<RegisterFacilityHandler>()
            .AddScoped<RegisterPlatformHandler>()
            .AddScoped<AddRoutingCodeHandler>()
            .AddScoped<ChangePlatformHandler>()
            .AddScoped<Lookup.LookupDirectoryHandler>();
        services.AddDirectoryService();
        return services;
    }

    /// <summary>Maintenance under /api/v1/directory; the AFNOR read API is mapped at the root (/directory-service).</summary>
    public static void MapDirectory(this IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/directory").WithTags("Annuaire");
        RegisterLegalUnitHandler.Map(group);
        RegisterFacilityHandler.Map(group);
        RegisterPlatformHandler.Map(group);
        AddRoutingCodeHandler.Map(group);
        ChangePlatformHandler.Map(group);
    }
}
