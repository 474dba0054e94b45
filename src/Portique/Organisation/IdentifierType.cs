using Portique.Common;

namespace Portique.Organisation;

/// <summary>Structure identifier types, named as Chorus Pro names them on the wire (typeIdentifiantStructure).</summary>
public enum IdentifierType
{
    SIRET,
    UE_HORS_FRANCE,
    HORS_UE,
    RIDET,
    TAHITI,
    PARTICULIER,
    AUTRE,
}

/// <summary>Checks and normalises a structure identifier for its type.</summary>
public static class StructureIdentifier
{
    public const int MaxLength = 80;

    // La Poste's establishments share the SIREN 356000000 and do not satisfy Luhn: INSEE's rule for them is
    // that the digits of the SIRET add up to a multiple of 5. The head office (…00048) satisfies both.
    private const string LaPosteSiren = "356000000";
    private const string LaPosteHeadOffice = "35600000000048";

    // Member states' VAT prefixes (Greece is EL in VIES, XI is Northern Ireland), France excluded: a French VAT
    // number identifies a French company, which registers by SIRET.
    private static readonly HashSet<string> EuVatPrefixes =
    [
        "AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "EL", "ES", "FI", "HR", "HU", "IE", "IT",
        "LT", "LU", "LV", "MT", "NL", "PL", "PT", "RO", "SE", "SI", "SK", "XI",
    ];

    public static string Normalize(IdentifierType type, string? raw)
    {
        var value = Canonical(type, Validation.Required(raw, "identifiant", MaxLength));
        return type switch
        {
            IdentifierType.SIRET => IsValidSiret(value) ? value
                : throw new PortiqueException("SIRET_INVALID", $"Le SIRET « {value} » est invalide : 14 chiffres dont la clé de contrôle (Luhn) est juste."),
            IdentifierType.UE_HORS_FRANCE => IsValidEuVatNumber(value) ? value
                : throw new PortiqueException("VAT_NUMBER_INVALID", $"Le numéro de TVA intracommunautaire « {value} » est invalide : préfixe d'un pays de l'UE hors France puis 2 à 12 lettres ou chiffres."),
            IdentifierType.RIDET => value.Length is >= 6 and <= 10 && value.All(char.IsAsciiDigit) ? value
                : throw new PortiqueException("RIDET_INVALID", $"Le RIDET « {value} » est invalide : 6 à 10 chiffres."),
            IdentifierType.TAHITI => value.Length is >= 6 and <= 9 && value.All(char.IsAsciiLetterOrDigit) ? value
                : throw new PortiqueException("TAHITI_INVALID", $"Le numéro TAHITI « {value} » est invalide : 6 à 9 lettres ou chiffres."),
            _ => value,
        };
    }

    /// <summary>
    /// The stored form, also what search compares with: upper case without spaces, and for the numbered registers
    /// without the dots and dashes people type ("552 100 554 00013", "DE 123.456.789").
    /// </summary>
    public static string Canonical(IdentifierType? type, string value)
    {
        var numbered = type is IdentifierType.SIRET or IdentifierType.UE_HORS_FRANCE or IdentifierType.RIDET or IdentifierType.TAHITI;
        // Most identifiers arrive canonical already (digits, capitals): no copy then — the migration reads 1.3 million.
        var canonical = true;
        foreach (var c in value)
        {
            if (!char.IsAscii(c) || char.IsAsciiLetterLower(c) || char.IsWhiteSpace(c) || (numbered && c is '.' or '-'))
            {
                canonical = false;
                break;
            }
        }
        if (canonical)
            return value;
        var kept = new System.Text.StringBuilder(value.Length);
        foreach (var c in value)
        {
            if (!char.IsWhiteSpace(c) && !(numbered && c is '.' or '-'))
                kept.Append(c);
        }
        return kept.ToString().ToUpperInvariant();
    }

    public static bool IsValidSiret(string value)
    {
        if (value.Length != 14 || value.AsSpan().ContainsAnyExceptInRange('0', '9') || !value.AsSpan().ContainsAnyExcept('0'))
            return false;
        if (value.StartsWith(LaPosteSiren, StringComparison.Ordinal) && value != LaPosteHeadOffice)
            return value.Sum(c => c - '0') % 5 == 0;
        return Luhn(value);
    }

    public static bool IsValidEuVatNumber(string value) =>
        value.Length is >= 4 and <= 14
        && EuVatPrefixes.Contains(value[..2])
        && value[2..].All(char.IsAsciiLetterOrDigit);

    public static bool Luhn(ReadOnlySpan<char> digits)
    {
        var sum = 0;
        for (var i = 0; i < digits.Length; i++)
        {
            var d = digits[digits.Length - 1 - i] - '0';
            if (i % 2 == 1)
            {
                d *= 2;
                if (d > 9) d -= 9;
            }
            sum += d;
        }
        return sum % 10 == 0;
    }
}
