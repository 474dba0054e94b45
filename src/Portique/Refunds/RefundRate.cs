using Portique.Common;

namespace Portique.Refunds;

/// <summary>
/// The refund per unit of a product for one delivery year. Data, not code: operators correct or add a year without a release.
/// The initial table (chorus-pro.md §6.2) is seeded by the migration; 2018's per-tonne rates are stored per 100 kg like later years.
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

    internal static IEnumerable<object> Seed()
    {
        var table = new (int Year, RefundProduct Product, decimal Rate)[]
        {
            (2017, RefundProduct.GazoleNonRoutier, 11.23m),
            (2018, RefundProduct.GazoleNonRoutier, 14.96m), (2018, RefundProduct.FioulLourd, 13.765m), (2018, RefundProduct.Gpl, 5.72m),
            (2018, RefundProduct.GazNaturelCombustible, 8.331m),
            (2021, RefundProduct.GazoleNonRoutier, 14.96m), (2021, RefundProduct.FioulLourd, 13.765m), (2021, RefundProduct.Gpl, 5.72m),
            (2021, RefundProduct.GazNaturelCombustible, 7.89m), (2021, RefundProduct.GazNaturelCarburant, 4.69m),
            (2022, RefundProduct.GazoleNonRoutier, 14.96m), (2022, RefundProduct.FioulLourd, 13.765m), (2022, RefundProduct.Gpl, 5.72m),
            (2022, RefundProduct.GazNaturelCombustible, 7.87m), (2022, RefundProduct.GazNaturelCarburant, 4.69m),
            (2023, RefundProduct.GazoleNonRoutier, 14.96m), (2023, RefundProduct.FioulLourd, 13.76m), (2023, RefundProduct.Gpl, 5.72m),
            (2023, RefundProduct.GazNaturelCombustible, 7.83m), (2023, RefundProduct.GazNaturelCarburant, 4.69m),
        };
        return table.Select(t => new { t.Year, t.Product, t.Rate });
    }
}
