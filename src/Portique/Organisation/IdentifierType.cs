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
    // La Poste's establishments share the SIREN 356000000 and do not satisfy Luhn: INSEE's rule for them is
    // that the digits of the SIRET add up to a multiple of 5.
    private const string LaPosteSiren = "356000000";

    public static string Normalize(IdentifierType type, string? raw)
    {
        var value = Validation.Required(raw, "identifiant", 80).Replace(" ", "", StringComparison.Ordinal);
        switch (type)
        {
            case IdentifierType.SIRET:
                if (!IsValidSiret(value))
                    throw new PortiqueException("SIRET_INVALID", $"Le SIRET « {value} » est invalide : 14 chiffres dont la clé de contrôle (Luhn) est juste.");
                return value;
            case IdentifierType.UE_HORS_FRANCE:
                if (value.Length is < 4 or > 16 || !char.IsAsciiLetterUpper(value[0]) || !char.IsAsciiLetterUpper(value[1]) || value.StartsWith("FR", StringComparison.Ordinal))
                    throw new PortiqueException("VAT_NUMBER_INVALID", $"Le numéro de TVA intracommunautaire « {value} » est invalide : préfixe pays de l'UE hors France puis 2 à 14 caractères.");
                return value.ToUpperInvariant();
            case IdentifierType.RIDET:
                if (value.Length is < 6 or > 10 || !value.All(char.IsAsciiDigit))
                    throw new PortiqueException("RIDET_INVALID", $"Le RIDET « {value} » est invalide : 6 à 10 chiffres.");
                return value;
            case IdentifierType.TAHITI:
                if (value.Length is < 6 or > 9 || !value.All(char.IsAsciiLetterOrDigit))
                    throw new PortiqueException("TAHITI_INVALID", $"Le numéro TAHITI « {value} » est invalide : 6 à 9 caractères alphanumériques.");
                return value.ToUpperInvariant();
            default:
                return value;
        }
    }

    public static bool IsValidSiret(string value)
    {
        if (value.Length != 14 || !value.All(char.IsAsciiDigit))
            return false;
        if (value.StartsWith(LaPosteSiren, StringComparison.Ordinal) && value != "35600000000048")
            return value.Sum(c => c - '0') % 5 == 0;
        return Luhn(value);
    }

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
