using System.Globalization;
using System.Text.Json.Serialization;

namespace Portique.Refunds;

/// <summary>Energy products eligible for the partial TICPE/TICGN refund (chorus-pro.md §6.2); codes travel as on the paper form.</summary>
public enum RefundProduct
{
    [JsonStringEnumMemberName("GNR")] GazoleNonRoutier,
    [JsonStringEnumMemberName("FIOUL_LOURD")] FioulLourd,
    [JsonStringEnumMemberName("GPL")] Gpl,
    [JsonStringEnumMemberName("GAZ_NATUREL_COMBUSTIBLE")] GazNaturelCombustible,
    [JsonStringEnumMemberName("GAZ_NATUREL_CARBURANT")] GazNaturelCarburant,
}

public static class RefundProducts
{
    public static IReadOnlyList<RefundProduct> All { get; } = Enum.GetValues<RefundProduct>();

    public static string Label(this RefundProduct product) => product switch
    {
        RefundProduct.GazoleNonRoutier => "Gazole non routier",
        RefundProduct.FioulLourd => "Fioul lourd",
        RefundProduct.Gpl => "GPL",
        RefundProduct.GazNaturelCombustible => "Gaz naturel combustible",
        RefundProduct.GazNaturelCarburant => "Gaz naturel carburant",
        _ => product.ToString(),
    };

    /// <summary>The unit quantities are declared in, which is also the unit the rate is per.</summary>
    public static string Unit(this RefundProduct product) => product switch
    {
        RefundProduct.GazoleNonRoutier => "hl",
        RefundProduct.FioulLourd or RefundProduct.Gpl => "100 kg",
        _ => "MWh",
    };
}

/// <summary>Amounts as the beneficiary reads them on the portal and in e-mails.</summary>
public static class RefundMoney
{
    private static readonly CultureInfo French = CultureInfo.GetCultureInfo("fr-FR");

    public static string Format(decimal amount) => amount.ToString("N2", French) + " €";

    public static decimal Round(decimal amount) => Math.Round(amount, 2, MidpointRounding.AwayFromZero);
}
