using Portique.Common;

namespace Portique.Refunds;

/// <summary>
/// The advance (acompte) paid on the deliveries of <see cref="Year"/>: a percentage of the refund obtained for Year − 1.
/// Two ways in, both dated by the filing day (Paris time): a request for Year − 1 deliveries filed inside the automatic
/// window gets it without asking (April 2022); from <see cref="CheckboxFrom"/> it is requested with the "Références"
/// checkbox of the Year request, ticked by default. Settings, not constants: 25 % in 2022, 50 % from 2024.
/// </summary>
public sealed class RefundCampaign
{
    private RefundCampaign() { }

    public int Year { get; private set; }
    public decimal AdvancePercent { get; private set; }
    public DateOnly? AutomaticFrom { get; private set; }
    public DateOnly? AutomaticTo { get; private set; }
    public DateOnly CheckboxFrom { get; private set; }

    public static RefundCampaign Create(int year, decimal advancePercent, DateOnly? automaticFrom, DateOnly? automaticTo, DateOnly checkboxFrom)
    {
        var c = new RefundCampaign { Year = RefundRules.CheckYear(year) };
        c.Change(advancePercent, automaticFrom, automaticTo, checkboxFrom);
        return c;
    }

    public void Change(decimal advancePercent, DateOnly? automaticFrom, DateOnly? automaticTo, DateOnly checkboxFrom)
    {
        if (advancePercent <= 0 || advancePercent > 100 || decimal.Round(advancePercent, 2) != advancePercent)
            throw new PortiqueException("REFUND_CAMPAIGN_INVALID", $"Le pourcentage d'avance « {advancePercent} » doit être compris entre 0 et 100.");
        if (automaticFrom is null != automaticTo is null || automaticFrom > automaticTo)
            throw new PortiqueException("REFUND_CAMPAIGN_INVALID", "La fenêtre d'avance automatique doit avoir un début et une fin, dans l'ordre.");
        AdvancePercent = advancePercent;
        AutomaticFrom = automaticFrom;
        AutomaticTo = automaticTo;
        CheckboxFrom = checkboxFrom;
    }

    /// <summary>A request for Year − 1 deliveries filed that day gets the advance on Year without asking.</summary>
    public bool IsAutomaticOn(DateOnly day) => AutomaticFrom <= day && day <= AutomaticTo;

    /// <summary>The checkbox of a Year request is offered (and honoured) from that day.</summary>
    public bool OffersCheckboxOn(DateOnly day) => day >= CheckboxFrom;

    public decimal AdvanceOn(decimal previousYearRefund) => RefundMoney.Round(previousYearRefund * AdvancePercent / 100m);

    internal static IEnumerable<object> Seed() =>
    [
        new { Year = 2022, AdvancePercent = 25m, AutomaticFrom = (DateOnly?)new DateOnly(2022, 4, 1), AutomaticTo = (DateOnly?)new DateOnly(2022, 4, 30), CheckboxFrom = new DateOnly(2022, 5, 1) },
        new { Year = 2024, AdvancePercent = 50m, AutomaticFrom = (DateOnly?)null, AutomaticTo = (DateOnly?)null, CheckboxFrom = new DateOnly(2024, 2, 1) },
    ];
}
