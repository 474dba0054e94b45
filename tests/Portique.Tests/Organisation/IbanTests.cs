using Portique.Organisation.BankAccounts;

namespace Portique.Tests.Organisation;

public sealed class IbanTests
{
    [Theory]
    [InlineData("FR76 3000 6000 0112 3456 7890 189", "FR7630006000011234567890189")]
    [InlineData("fr7630006000011234567890189", "FR7630006000011234567890189")]
    [InlineData("DE89 3704 0044 0532 0130 00", "DE89370400440532013000")]
    [InlineData("GB82 WEST 1234 5698 7654 32", "GB82WEST12345698765432")]
    [InlineData("BE68 5390 0754 7034", "BE68539007547034")]
    [InlineData("MU17BOMM0101101030300200000MUR", "MU17BOMM0101101030300200000MUR")] // outside the length table: check digits only
    public void Iban_with_right_check_digits_is_kept_without_spaces_in_upper_case(string raw, string expected) =>
        Assert.Equal(expected, Iban.Normalize(raw));

    [Theory]
    [InlineData("FR76 3000 6000 0112 3456 7890 188")] // last digit mistyped
    [InlineData("FR67 3000 6000 0112 3456 7890 189")] // check digits swapped
    [InlineData("FR76 3000 6000 0112 3456 7890 18")]  // one character short for France
    [InlineData("DE89 3704 0044 0532 0130 000")]      // one character long for Germany
    [InlineData("7630006000011234567890189")]          // no country
    [InlineData("FR76-3000-6000-0112-3456-7890-189")]  // separators other than spaces
    [InlineData("FR76")]
    public void Iban_with_wrong_format_length_or_check_digits_is_refused(string raw) =>
        StructureIdentifierTests.AssertRefused("BANK_IBAN_INVALID", () => Iban.Normalize(raw));

    [Fact]
    public void Missing_iban_is_a_required_field() =>
        StructureIdentifierTests.AssertRefused("FIELD_REQUIRED", () => Iban.Normalize("  "));

    [Theory]
    [InlineData("BNPAFRPP", "BNPAFRPP")]
    [InlineData("bnpa fr pp xxx", "BNPAFRPPXXX")]
    [InlineData(null, null)]
    [InlineData("", null)]
    public void Bic_of_8_or_11_characters_is_accepted_and_optional(string? raw, string? expected) =>
        Assert.Equal(expected, Iban.NormalizeBic(raw));

    [Theory]
    [InlineData("BNPAFRP")]
    [InlineData("BNPAFRPPXX")]
    [InlineData("1NPAFRPP")]
    [InlineData("BNPA12PP")]
    public void Bic_with_wrong_shape_is_refused(string raw) =>
        StructureIdentifierTests.AssertRefused("BANK_BIC_INVALID", () => Iban.NormalizeBic(raw));
}
