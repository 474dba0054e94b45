using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Portique.Common;
using Portique.Common.Data;

namespace Portique.News.ListNews;

public sealed record NewsView(long Id, string Title, string Body, DateTimeOffset PublishedAt, DateTimeOffset? WebinarAt, string? WebinarLink);

/// <summary>News is for every signed-in user, latest first.</summary>
public sealed class ListNewsHandler(PortiqueDb db)
{
    public async Task<Page<NewsView>> HandleAsync(PageRequest paging, CancellationToken ct)
    {
        var news = db.Set<NewsItem>().AsNoTracking();
        var total = await news.CountAsync(ct);
        // Ordered by id: ids follow publication order, and SQLite cannot sort on DateTimeOffset.
        var items = await news.OrderByDescending(n => n.Id).Skip(paging.Skip).Take(paging.SafeSize)
            .Select(n => new NewsView(n.Id, n.Title, n.Body, n.PublishedAt, n.WebinarAt, n.WebinarLink))
            .ToListAsync(ct);
        return new Page<NewsView>(items, paging.SafePage, paging.SafeSize, total);
    }

    internal static void Map(IEndpointRouteBuilder api) =>
        api.MapGet("/news", async Task<Ok<Page<NewsView>>> (CancellationToken ct, ListNewsHandler handler, int page = 1, int size = 20) =>
                TypedResults.Ok(await handler.HandleAsync(new PageRequest(page, size), ct)))
            .RequireAuthorization()
            .WithSummary("Actualités publiées, les plus récentes d'abord");
}
