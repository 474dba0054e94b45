using Portique.Common;
using Portique.Organisation;

namespace Portique.Annuaire;

/// <summary>SIREN (9 digits) and SIRET (SIREN + 5 digits) keys as INSEE issues them: Luhn, with La Poste's exception for SIRETs.</summary>
public static class Siren
{
    public static bool IsValid(string? value) =>
        value is { Length: 9 } && !value.AsSpan().ContainsAnyExceptInRange('0', '9') && value.AsSpan().ContainsAnyExcept('0')
        && StructureIdentifier.Luhn(value);

    public static string Checked(string? value)
    {
        var canonical = value?.Replace(" ", "", StringComparison.Ordinal) ?? "";
        return IsValid(canonical) ? canonical
            : throw new PortiqueException("SIREN_INVALID", $"Le SIREN « {value} » est invalide : 9 chiffres dont la clé de contrôle (Luhn) est juste.") { Field = "siren" };
    }

    public static string CheckedSiret(string? value)
    {
        var canonical = value?.Replace(" ", "", StringComparison.Ordinal) ?? "";
        return StructureIdentifier.IsValidSiret(canonical) ? canonical
            : throw new PortiqueException("SIRET_INVALID", $"Le SIRET « {value} » est invalide : 14 chiffres dont la clé de contrôle (Luhn) est juste.") { Field = "siret" };
    }
}
