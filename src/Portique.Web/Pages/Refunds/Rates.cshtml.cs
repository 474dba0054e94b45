using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Portique.Common;
using Portique.Common.Authorization;
using Portique.Refunds;
using Portique.Refunds.FileRefund;
using Portique.Refunds.Settings;

namespace Portique.Web.Pages.Refunds;

/// <summary>Operators keep the rate table and the advance campaigns: data, so a new year needs no release.</summary>
[Authorize(Policy = Policies.Operator)]
public sealed class RatesModel(RefundSettingsHandler handler) : PortiquePage
{
    [BindProperty] public int RateYear { get; set; }
    [BindProperty] public RefundProduct RateProduct { get; set; }
    [BindProperty] public string? RateValue { get; set; }
    [BindProperty] public CampaignView? Campaign { get; set; }
    public IReadOnlyList<RateTableRow> Table { get; private set; } = [];
    public IReadOnlyList<CampaignView> Campaigns { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => await OnRefusedAsync();

    public Task<IActionResult> OnPostRateAsync(CancellationToken ct) => Run(async () =>
    {
        if (!decimal.TryParse(RateValue?.Trim().Replace(',', '.'), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var rate))
            throw new PortiqueException("REFUND_RATE_INVALID", $"Le champ « taux » (« {RateValue} ») n'est pas un nombre.");
        await handler.SetRateAsync(new SetRateRequest(RateYear, RateProduct, rate), ct);
        return Done($"Taux {RateYear} enregistré.", "/Refunds/Rates");
    });

    public Task<IActionResult> OnPostCampaignAsync(CancellationToken ct) => Run(async () =>
    {
        var campaign = Campaign ?? throw new PortiqueException("FIELD_REQUIRED", "Le champ « campagne » est obligatoire.");
        await handler.SetCampaignAsync(campaign, ct);
        return Done($"Campagne {campaign.Year} enregistrée.", "/Refunds/Rates");
    });

    protected override async Task OnRefusedAsync()
    {
        Table = await handler.TableAsync(HttpContext.RequestAborted);
        Campaigns = await handler.CampaignsAsync(HttpContext.RequestAborted);
    }
}
