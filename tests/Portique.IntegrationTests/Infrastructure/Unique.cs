namespace Portique.IntegrationTests.Infrastructure;

/// <summary>Fresh identifiers so tests sharing a database never collide.</summary>
public static class Unique
{
    private static int _counter = Random.Shared.Next(1_000_000);

    public static int Next() => Interlocked.Increment(ref _counter);

    public static string Email(string prefix = "user") => $"{prefix}{Next()}@test.portique";

    /// <summary>A SIRET with a correct Luhn key (13 random digits, key computed).</summary>
    public static string Siret()
    {
        var body = (Random.Shared.NextInt64(1_000_000_000_000, 9_999_999_999_999)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (body.StartsWith("356000000", StringComparison.Ordinal))
            body = "4" + body[1..];
        for (var key = 0; key < 10; key++)
        {
            var candidate = body + key;
            if (Portique.Organisation.StructureIdentifier.Luhn(candidate))
                return candidate;
        }
        throw new InvalidOperationException("unreachable: one key in ten satisfies Luhn");
    }
}
