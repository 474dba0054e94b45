using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Portique.News.ListNews;
using Portique.News.PublishNews;

namespace Portique.News;

public static class NewsModule
{
    public static IServiceCollection AddNews(this IServiceCollection services) => services
        .AddScoped<PublishNewsHandler>()
        .AddScoped<ListNewsHandler>();

    public static void MapNews(this IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("").WithTags("Actualités");
        PublishNewsHandler.Map(group);
        ListNewsHandler.Map(group);
    }
}
