using Portique.Common;

namespace Portique.Refunds;

/// <summary>
/// The refund per unit of a product for one delivery year. Data, not code: operators correct or add a year without a release.
/// The published table (Data/refund-rates.tsv, one source per rate) is seeded by the migration; per-tonne rates are stored per 100 kg.
/// </summary>
public sealed class RefundRate
{
    private RefundRate() { }

    public int Year { get; private set; }
    public RefundProduct Product { get; private set; }
    /// <summary>Euros per unit of <see cref="RefundProducts.Unit"/>.</summary>
    public decimal Rate { get; private set; }

    public static RefundRate Create(int year, RefundProduct product, decimal rate)
    {
        var r = new RefundRate { Year = RefundRules.CheckYear(year), Product = product };
        r.Change(rate);
        return r;
    }

    public void Change(decimal rate)
    {
        if (rate <= 0 || rate >= 100_000 || decimal.Round(rate, 4) != rate)
            throw new PortiqueException("REFUND_RATE_INVALID", $"Le taux « {rate} » doit être positif, avec au plus 4 décimales.");
        Rate = rate;
    }

    /// <summary>The published rates of Data/refund-rates.tsv, each with its source there; unknown years are left for operators.</summary>
    internal static IEnumerable<object> Seed() =>
        RefundRateTable.Rows.Where(r => r.Rate is not null).Select(r => new { r.Year, r.Product, Rate = r.Rate!.Value });
}
