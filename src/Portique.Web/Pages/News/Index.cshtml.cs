using Portique.Common;
using Portique.News.ListNews;

namespace Portique.Web.Pages.News;

/// <summary>The news, for every signed-in user: the same handler as GET /api/v1/news.</summary>
public sealed class IndexModel(ListNewsHandler handler) : PortiquePage
{
    public Page<NewsView> News { get; private set; } = null!;

    public async Task OnGetAsync(int p, CancellationToken ct) => News = await handler.HandleAsync(new PageRequest(p, 10), ct);
}
