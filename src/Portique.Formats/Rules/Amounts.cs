namespace Portique.Formats.Rules;

/// <summary>Decimal arithmetic exactly as the XPath 2.0 expressions of the artefacts compute it.</summary>
internal static class Amounts
{
    /// <summary>XPath fn:round: the nearest integer, halves rounded towards positive infinity (round(-2.5) = -2).</summary>
    public static decimal Round(decimal value) => decimal.Floor(value + 0.5m);

    /// <summary>The artefacts' "round(x * 10 * 10) div 100": two decimals, halves towards positive infinity.</summary>
    public static decimal Round2(decimal value) => decimal.Floor(value * 100m + 0.5m) / 100m;

    /// <summary>Number of decimals as written (the model keeps the scale of the source text).</summary>
    public static bool HasMoreThanTwoDecimals(decimal? value) => value is { } v && v.Scale > 2;

    public static bool IsBlank(string? value) => string.IsNullOrWhiteSpace(value);

    /// <summary>XPath normalize-space(a) = 'b' for a code value.</summary>
    public static bool Is(string? code, string expected) => code is not null && code.AsSpan().Trim().SequenceEqual(expected);
}
