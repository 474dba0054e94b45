using Portique.Common;
using Portique.Organisation;

namespace Portique.Tests.Organisation;

public sealed class StructureIdentifierTests
{
    [Theory]
    [InlineData("73282932000074")]
    [InlineData("44306184100047")]
    [InlineData("21300010700010")]
    [InlineData("732 829 320 00074")]
    [InlineData("732.829.320.00074")]
    public void Siret_with_a_right_luhn_key_is_accepted_in_canonical_form(string raw) =>
        Assert.Equal(raw.Replace(" ", "", StringComparison.Ordinal).Replace(".", "", StringComparison.Ordinal),
            StructureIdentifier.Normalize(IdentifierType.SIRET, raw));

    [Theory]
    [InlineData("73282932000075")] // key off by one
    [InlineData("7328293200007")]  // 13 digits
    [InlineData("732829320000745")] // 15 digits
    [InlineData("7328293200007A")]
    [InlineData("00000000000000")] // satisfies Luhn, identifies nobody
    public void Siret_failing_the_format_or_the_key_is_refused(string raw) =>
        AssertRefused("SIRET_INVALID", () => StructureIdentifier.Normalize(IdentifierType.SIRET, raw));

    [Theory]
    [InlineData("35600000000048", true)]  // La Poste head office: Luhn holds, digit sum does not
    [InlineData("35600000000001", true)]  // establishment: digit sum 15, Luhn fails
    [InlineData("35600000049837", true)]
    [InlineData("35600000000014", false)] // Luhn holds but digit sum 19: La Poste's rule is the sum
    [InlineData("35600000000002", false)]
    public void La_Poste_establishments_follow_the_digit_sum_rule(string siret, bool valid) =>
        Assert.Equal(valid, StructureIdentifier.IsValidSiret(siret));

    [Theory]
    [InlineData("DE123456789", "DE123456789")]
    [InlineData("de 123 456 789", "DE123456789")]
    [InlineData("EL123456789", "EL123456789")]
    [InlineData("NL123456789B01", "NL123456789B01")]
    [InlineData("XI123456789", "XI123456789")]
    public void Intra_eu_vat_number_outside_france_is_accepted(string raw, string expected) =>
        Assert.Equal(expected, StructureIdentifier.Normalize(IdentifierType.UE_HORS_FRANCE, raw));

    [Theory]
    [InlineData("FR40303265045")] // French companies register by SIRET
    [InlineData("US123456789")]   // not a member state
    [InlineData("GR123456789")]   // Greece is EL in VAT numbers
    [InlineData("DE1")]
    [InlineData("NL123456789B0123")]
    [InlineData("DE12345_789")]
    public void Vat_number_that_is_french_foreign_or_malformed_is_refused(string raw) =>
        AssertRefused("VAT_NUMBER_INVALID", () => StructureIdentifier.Normalize(IdentifierType.UE_HORS_FRANCE, raw));

    [Theory]
    [InlineData(IdentifierType.RIDET, "1234567", "1234567")]
    [InlineData(IdentifierType.RIDET, "1 234 567.001", "1234567001")]
    [InlineData(IdentifierType.TAHITI, "a12345", "A12345")]
    [InlineData(IdentifierType.TAHITI, "A12345001", "A12345001")]
    [InlineData(IdentifierType.HORS_UE, "ein 12-3456789", "EIN12-3456789")]
    [InlineData(IdentifierType.PARTICULIER, "Jean Dupont 1970", "JEANDUPONT1970")]
    [InlineData(IdentifierType.AUTRE, "ASSO-W751234567", "ASSO-W751234567")]
    public void Other_types_are_normalised(IdentifierType type, string raw, string expected) =>
        Assert.Equal(expected, StructureIdentifier.Normalize(type, raw));

    [Theory]
    [InlineData(IdentifierType.RIDET, "12345", "RIDET_INVALID")]
    [InlineData(IdentifierType.RIDET, "12345678901", "RIDET_INVALID")]
    [InlineData(IdentifierType.RIDET, "12345A7", "RIDET_INVALID")]
    [InlineData(IdentifierType.TAHITI, "A1234", "TAHITI_INVALID")]
    [InlineData(IdentifierType.TAHITI, "A123450012", "TAHITI_INVALID")]
    [InlineData(IdentifierType.TAHITI, "A1234_", "TAHITI_INVALID")]
    [InlineData(IdentifierType.AUTRE, "  ", "FIELD_REQUIRED")]
    [InlineData(IdentifierType.HORS_UE, null, "FIELD_REQUIRED")]
    public void Malformed_identifiers_of_other_types_are_refused(IdentifierType type, string? raw, string code) =>
        AssertRefused(code, () => StructureIdentifier.Normalize(type, raw));

    [Fact]
    public void Identifier_longer_than_the_column_is_refused() =>
        AssertRefused("FIELD_TOO_LONG", () => StructureIdentifier.Normalize(IdentifierType.AUTRE, new string('A', StructureIdentifier.MaxLength + 1)));

    [Fact]
    public void Luhn_doubles_every_second_digit_from_the_right()
    {
        Assert.True(StructureIdentifier.Luhn("79927398713"));
        Assert.False(StructureIdentifier.Luhn("79927398710"));
    }

    internal static void AssertRefused(string code, Action action) =>
        Assert.Equal(code, Assert.Throws<PortiqueException>(action).Code);
}
