using System.Globalization;

namespace Portique.Refunds;

/// <summary>What the administration published for one delivery year and product (Data/refund-rates.tsv).</summary>
public enum RateState
{
    /// <summary>A rate with its source: seeded into the rate table.</summary>
    Published,
    /// <summary>No published rate was found: operators enter it on the Barème page when it is published.</summary>
    Unknown,
    /// <summary>No refund at all for that year (e.g. GNR from July 2024: the reduced rate applies at delivery).</summary>
    NotApplicable,
}

public sealed record PublishedRate(int Year, RefundProduct Product, decimal? Rate, RateState State, string Source);

/// <summary>
/// The refund rates as published, one row per delivery year and product, each with its source, read from the data file shipped
/// inside the assembly. Published rates seed the database table (operators may correct them there); the unknown and
/// not-applicable rows tell users and operators why a year has no rate instead of leaving a silent gap.
/// </summary>
public static class RefundRateTable
{
    private const string Resource = "Portique.Refunds.Data.refund-rates.tsv";

    public static IReadOnlyList<PublishedRate> Rows { get; } = Load();

    public static PublishedRate? Find(int year, RefundProduct product) => Rows.FirstOrDefault(r => r.Year == year && r.Product == product);

    private static List<PublishedRate> Load()
    {
        using var stream = typeof(RefundRateTable).Assembly.GetManifestResourceStream(Resource)
            ?? throw new InvalidOperationException($"The resource {Resource} is missing from the assembly.");
        using var reader = new StreamReader(stream);
        var rows = new List<PublishedRate>();
        var header = true;
        for (var line = reader.ReadLine(); line is not null; line = reader.ReadLine())
        {
            if (line.Length == 0 || line.StartsWith('#'))
                continue;
            if (header)
            {
                header = false;
                continue;
            }
            rows.Add(Parse(line));
        }
        return rows;
    }

    /// <summary>A malformed row stops the start: a wrong rate must never reach a refund silently.</summary>
    internal static PublishedRate Parse(string line)
    {
        var cells = line.Split('\t');
        if (cells.Length != 5)
            throw new FormatException($"refund-rates.tsv: 5 columns expected in « {line} ».");
        var year = int.Parse(cells[0], NumberStyles.None, CultureInfo.InvariantCulture);
        var product = cells[1] switch
        {
            "GNR" => RefundProduct.GazoleNonRoutier,
            "FIOUL_LOURD" => RefundProduct.FioulLourd,
            "GPL" => RefundProduct.Gpl,
            "GAZ_NATUREL_COMBUSTIBLE" => RefundProduct.GazNaturelCombustible,
            "GAZ_NATUREL_CARBURANT" => RefundProduct.GazNaturelCarburant,
            _ => throw new FormatException($"refund-rates.tsv: unknown product « {cells[1]} »."),
        };
        var state = cells[3] switch
        {
            "publie" => RateState.Published,
            "inconnu" => RateState.Unknown,
            "sans-objet" => RateState.NotApplicable,
            _ => throw new FormatException($"refund-rates.tsv: unknown state « {cells[3]} »."),
        };
        decimal? rate = cells[2].Length == 0 ? null : decimal.Parse(cells[2], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);
        if ((state == RateState.Published) != rate.HasValue || string.IsNullOrWhiteSpace(cells[4]))
            throw new FormatException($"refund-rates.tsv: a published row needs a rate and every row a source (« {line} »).");
        return new PublishedRate(year, product, rate, state, cells[4]);
    }
}
