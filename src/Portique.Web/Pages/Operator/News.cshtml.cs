using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Portique.Common.Authorization;
using Portique.News.PublishNews;

namespace Portique.Web.Pages.Operator;

[Authorize(Policy = Policies.Operator)]
public sealed class NewsModel(PublishNewsHandler handler) : PortiquePage
{
    [BindProperty] public string Title { get; set; } = "";
    [BindProperty] public string Body { get; set; } = "";
    [BindProperty] public DateTime? WebinarAt { get; set; }
    [BindProperty] public string? WebinarLink { get; set; }

    public void OnGet()
    {
    }

    public Task<IActionResult> OnPostAsync(CancellationToken ct) => Run(async () =>
    {
        // The operator types the webinar's time as it is in Paris.
        DateTimeOffset? webinarAt = WebinarAt is { } at ? Portique.Common.ParisTime.FromParis(at) : null;
        var published = await handler.HandleAsync(new PublishNewsRequest(Title, Body, webinarAt, WebinarLink), ct);
        return Done($"Actualité publiée ; {published.Recipients} e-mail(s) en file d'envoi.", "/News");
    });
}
