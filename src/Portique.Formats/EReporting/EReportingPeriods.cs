namespace Portique.Formats.EReporting;

/// <summary>The VAT regimes that set the e-reporting rhythm (spec b2b-reform §3.2).</summary>
public enum VatRegime
{
    /// <summary>Réel normal, monthly returns: transactions per décade, payments monthly.</summary>
    RealNormalMonthly,
    /// <summary>Réel normal, quarterly returns: transactions and payments monthly.</summary>
    RealNormalQuarterly,
    /// <summary>Réel simplifié (RSI): monthly, sent between the 25th and the 30th of the next month.</summary>
    RealSimplified,
    /// <summary>Franchise en base: every two months, sent between the 25th and the 30th of the month after the period.</summary>
    Franchise,
}

/// <summary>
/// One reporting period: its first and last day, and the window in which it must be sent (From may be null: "as soon as the
/// period is over"). Deadline is the last day allowed.
/// </summary>
public sealed record ReportingPeriod(DateOnly Start, DateOnly End, DateOnly? SendFrom, DateOnly Deadline)
{
    public bool Contains(DateOnly day) => day >= Start && day <= End;

    /// <summary>AAAAMMJJ, the wire form of the period's bounds.</summary>
    public string StartText => Start.ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture);

    public string EndText => End.ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>
/// Periods and deadlines of e-reporting per VAT regime, exactly as spec b2b-reform §3.2 states them. The décade deadlines of the
/// réel normal mensuel (the 20th, the month's end, the 10th of the next month) are the spec's "usual reading" of decree 2022-1299,
/// marked there to verify against the DGFiP text; franchise periods are taken as calendar pairs of months (January–February,
/// March–April…), which the spec does not spell out.
/// </summary>
public static class EReportingPeriods
{
    /// <summary>The transactions period (10.1 / 10.3) that holds <paramref name="day"/>.</summary>
    public static ReportingPeriod Transactions(VatRegime regime, DateOnly day)
    {
        var month = new DateOnly(day.Year, day.Month, 1);
        var monthEnd = month.AddMonths(1).AddDays(-1);
        return regime switch
        {
            VatRegime.RealNormalMonthly => day.Day switch
            {
                <= 10 => new(month, month.AddDays(9), null, month.AddDays(19)),
                <= 20 => new(month.AddDays(10), month.AddDays(19), null, monthEnd),
                _ => new(month.AddDays(20), monthEnd, null, month.AddMonths(1).AddDays(9)),
            },
            _ => Payments(regime, day),
        };
    }

    /// <summary>The payments period (10.2 / 10.4) that holds <paramref name="day"/>.</summary>
    public static ReportingPeriod Payments(VatRegime regime, DateOnly day)
    {
        var month = new DateOnly(day.Year, day.Month, 1);
        switch (regime)
        {
            case VatRegime.RealNormalMonthly or VatRegime.RealNormalQuarterly:
                // "before the 10th of M+1", read as "by the 10th" like the third décade's deadline.
                return new(month, month.AddMonths(1).AddDays(-1), null, month.AddMonths(1).AddDays(9));
            case VatRegime.RealSimplified:
                return new(month, month.AddMonths(1).AddDays(-1), Window(month.AddMonths(1)).From, Window(month.AddMonths(1)).To);
            case VatRegime.Franchise:
                var first = new DateOnly(day.Year, day.Month % 2 == 1 ? day.Month : day.Month - 1, 1);
                var next = first.AddMonths(2);
                return new(first, next.AddDays(-1), Window(next).From, Window(next).To);
            default:
                throw new ArgumentOutOfRangeException(nameof(regime), regime, "régime de TVA inconnu");
        }
    }

    /// <summary>The 25th–30th window of a month; February ends it on its last day.</summary>
    private static (DateOnly From, DateOnly To) Window(DateOnly month) =>
        (month.AddDays(24), month.AddDays(Math.Min(30, DateTime.DaysInMonth(month.Year, month.Month)) - 1));
}
