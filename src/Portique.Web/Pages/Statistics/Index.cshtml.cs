using System.Text;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Portique.Common.Authorization;
using Portique.Statistics.Activity;

namespace Portique.Web.Pages.Statistics;

/// <summary>Activity since go-live: the same handler as /api/v1/statistics/activity, drawn with Chart.js.</summary>
[Authorize(Policy = Policies.Operator)]
public sealed class IndexModel(GetActivityHandler handler) : PortiquePage
{
    [BindProperty(SupportsGet = true)] public string? From { get; set; }
    [BindProperty(SupportsGet = true)] public string? To { get; set; }
    public Activity? Activity { get; private set; }

    public Task<IActionResult> OnGetAsync(CancellationToken ct) => Run(async () =>
    {
        Activity = await handler.HandleAsync(Blank(From), Blank(To), ct);
        From = Activity.From;
        To = Activity.To;
        return Page();
    });

    public Task<IActionResult> OnGetCsvAsync(CancellationToken ct) => Run(async () =>
    {
        var activity = await handler.HandleAsync(Blank(From), Blank(To), ct);
        return File(Encoding.UTF8.GetBytes(GetActivityHandler.ToCsv(activity)), "text/csv", $"activite-{activity.From}-{activity.To}.csv");
    });

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
