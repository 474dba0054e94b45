namespace Portique.Common;

/// <summary>Field checks shared by every request validator. Each failure names the field and carries a stable code.</summary>
public static class Validation
{
    public static string Required(string? value, string field, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(value))
            throw new PortiqueException("FIELD_REQUIRED", $"Le champ « {field} » est obligatoire.") { Field = field };
        return MaxLength(value.Trim(), field, maxLength)!;
    }

    public static string? MaxLength(string? value, string field, int maxLength)
    {
        if (value is not null && value.Length > maxLength)
            throw new PortiqueException("FIELD_TOO_LONG", $"Le champ « {field} » dépasse {maxLength} caractères.") { Field = field };
        return string.IsNullOrWhiteSpace(value) ? null : value.Trim();
    }
}
