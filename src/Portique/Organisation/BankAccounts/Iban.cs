using System.Collections.Frozen;
using Portique.Common;

namespace Portique.Organisation.BankAccounts;

/// <summary>ISO 13616 IBAN and ISO 9362 BIC checks: what an invoice's credit transfer (EN 16931 BT-84, BT-86) must carry.</summary>
public static class Iban
{
    /// <summary>
    /// IBAN length per country of the SEPA area and the French overseas territories (the SWIFT IBAN registry); a country
    /// outside the table is checked by its check digits and the 34-character maximum only.
    /// </summary>
    private static readonly FrozenDictionary<string, int> Lengths = new Dictionary<string, int>
    {
        ["AD"] = 24, ["AT"] = 20, ["BE"] = 16, ["BG"] = 22, ["CH"] = 21, ["CY"] = 28, ["CZ"] = 24, ["DE"] = 22, ["DK"] = 18,
        ["EE"] = 20, ["ES"] = 24, ["FI"] = 18, ["FR"] = 27, ["GB"] = 22, ["GF"] = 27, ["GI"] = 23, ["GP"] = 27, ["GR"] = 27,
        ["HR"] = 21, ["HU"] = 28, ["IE"] = 22, ["IS"] = 26, ["IT"] = 27, ["LI"] = 21, ["LT"] = 20, ["LU"] = 20, ["LV"] = 21,
        ["MC"] = 27, ["MQ"] = 27, ["MT"] = 31, ["NC"] = 27, ["NL"] = 18, ["NO"] = 15, ["PF"] = 27, ["PL"] = 28, ["PM"] = 27,
        ["PT"] = 25, ["RE"] = 27, ["RO"] = 24, ["SE"] = 24, ["SI"] = 19, ["SK"] = 24, ["SM"] = 27, ["VA"] = 22, ["WF"] = 27,
        ["YT"] = 27,
    }.ToFrozenDictionary();

    /// <summary>The IBAN without spaces, upper case, once its country, length and check digits (mod 97 = 1) are right.</summary>
    public static string Normalize(string? value)
    {
        var iban = Validation.Required(value, "iban", 50).Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant();
        if (iban.Length < 15 || iban.Length > 34 || !char.IsAsciiLetterUpper(iban[0]) || !char.IsAsciiLetterUpper(iban[1])
            || !char.IsAsciiDigit(iban[2]) || !char.IsAsciiDigit(iban[3]) || !iban.All(char.IsAsciiLetterOrDigit))
            throw Invalid(value, "deux lettres de pays, deux chiffres de contrôle puis 11 à 30 lettres ou chiffres");
        if (Lengths.TryGetValue(iban[..2], out var length) && iban.Length != length)
            throw Invalid(value, $"un IBAN {iban[..2]} compte {length} caractères, pas {iban.Length}");
        if (Mod97(iban) != 1)
            throw Invalid(value, "les chiffres de contrôle ne correspondent pas (une faute de frappe ?)");
        return iban;
    }

    /// <summary>A BIC of 8 or 11 characters: bank (4 letters), country (2 letters), location (2), optional branch (3).</summary>
    public static string? NormalizeBic(string? value)
    {
        var bic = Validation.MaxLength(value?.Replace(" ", "", StringComparison.Ordinal), "bic", 11)?.ToUpperInvariant();
        if (bic is null)
            return null;
        if (bic.Length is not (8 or 11) || !bic[..6].All(char.IsAsciiLetterUpper) || !bic[6..].All(char.IsAsciiLetterOrDigit))
            throw new PortiqueException("BANK_BIC_INVALID", $"Le BIC « {value} » doit compter 8 ou 11 caractères : 4 lettres de banque, 2 de pays, puis lettres ou chiffres.");
        return bic;
    }

    /// <summary>The IBAN with its first four characters moved to the end and letters as 10…35, modulo 97, digit by digit.</summary>
    private static int Mod97(string iban)
    {
        var remainder = 0;
        foreach (var c in iban[4..] + iban[..4])
        {
            var digits = char.IsAsciiDigit(c) ? c - '0' : c - 'A' + 10;
            remainder = (remainder * (digits < 10 ? 10 : 100) + digits) % 97;
        }
        return remainder;
    }

    private static PortiqueException Invalid(string? value, string why) => new("BANK_IBAN_INVALID", $"L'IBAN « {value} » est invalide : {why}.");
}
