using System.Buffers;
using Portique.Common;

namespace Portique.Annuaire;

/// <summary>The four addressing granularities ("mailles") of a directory line.</summary>
public enum Granularity
{
    SIREN,
    SIREN_SIRET,
    SIREN_SIRET_ROUTINGCODE,
    SIREN_SUFFIX,
}

/// <summary>
/// An addressing identifier (BT-49 / BT-34 value under scheme 0225): SIREN, SIREN_SIRET, SIREN_SIRET_ROUTINGCODE or
/// SIREN_SUFFIX, separated by underscores (b2b-reform.md §1.2). A second part of 14 digits starting with the SIREN is a
/// SIRET; any other second part starts a suffix (which may itself hold underscores).
/// </summary>
public sealed record AddressingIdentifier(string Value, Granularity Granularity, string Siren, string? Siret, string? RoutingIdentifier, string? Suffix)
{
    public const int MaxLength = 125;
    public const string Scheme = "0225";
    private static readonly SearchValues<char> Allowed = SearchValues.Create("+-_.abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789");

    public static AddressingIdentifier For(string siren, string? siret, string? routingIdentifier, string? suffix)
    {
        if (suffix is not null && (siret is not null || routingIdentifier is not null))
            throw new PortiqueException("ADDRESS_GRANULARITY_INVALID", "Un suffixe ne se combine ni avec un SIRET ni avec un code routage.");
        if (routingIdentifier is not null && siret is null)
            throw new PortiqueException("ADDRESS_GRANULARITY_INVALID", "Un code routage s'adresse toujours avec le SIRET de son établissement.");
        var value = string.Join('_', new[] { siren, siret, routingIdentifier, suffix }.Where(p => p is not null));
        return Parse(value);
    }

    /// <summary>Reads an identifier, with or without its "0225:" scheme prefix; null when it is not one (the reason in <paramref name="error"/>).</summary>
    public static AddressingIdentifier? TryParse(string? raw, out string? error)
    {
        error = null;
        var value = raw?.Trim() ?? "";
        if (value.StartsWith(Scheme + ":", StringComparison.Ordinal))
            value = value[(Scheme.Length + 1)..];
        if (value.Length is 0 or > MaxLength)
        {
            error = $"L'adresse électronique « {raw} » doit comporter de 9 à {MaxLength} caractères.";
            return null;
        }
        if (value.AsSpan().ContainsAnyExcept(Allowed))
        {
            error = $"L'adresse électronique « {raw} » contient un caractère interdit (autorisés : lettres, chiffres, + - _ .).";
            return null;
        }
        var parts = value.Split('_', 3);
        if (!Annuaire.Siren.IsValid(parts[0]))
        {
            error = $"L'adresse électronique « {raw} » ne commence pas par un SIREN valide.";
            return null;
        }
        var siren = parts[0];
        if (parts.Length == 1)
            return new(value, Granularity.SIREN, siren, null, null, null);
        if (parts[1].Length == 14 && parts[1].StartsWith(siren, StringComparison.Ordinal) && Organisation.StructureIdentifier.IsValidSiret(parts[1]))
        {
            if (parts.Length == 2)
                return new(value, Granularity.SIREN_SIRET, siren, parts[1], null, null);
            if (parts[2].Length > RoutingCode.MaxLength || parts[2].Contains('.', StringComparison.Ordinal) || parts[2].Contains('+', StringComparison.Ordinal))
            {
                error = $"Le code routage de l'adresse « {raw} » est invalide.";
                return null;
            }
            return new(value, Granularity.SIREN_SIRET_ROUTINGCODE, siren, parts[1], parts[2], null);
        }
        var suffix = value[(siren.Length + 1)..];
        if (suffix.Length == 0)
        {
            error = $"L'adresse électronique « {raw} » a un suffixe vide.";
            return null;
        }
        return new(value, Granularity.SIREN_SUFFIX, siren, null, null, suffix);
    }

    public static AddressingIdentifier Parse(string? raw) =>
        TryParse(raw, out var error) ?? throw new PortiqueException("ADDRESS_INVALID", error!) { Field = "addressingIdentifier" };

    /// <summary>
    /// The identifiers to try, finest first: the address itself, then its establishment (routing code → SIRET), then the
    /// SIREN's default line (a suffix or a SIRET falls back to it).
    /// </summary>
    public IReadOnlyList<string> Fallback() => Granularity switch
    {
        Granularity.SIREN => [Value],
        Granularity.SIREN_SIRET_ROUTINGCODE => [Value, $"{Siren}_{Siret}", Siren],
        _ => [Value, Siren],
    };

    public override string ToString() => Value;
}
