using Portique.Annuaire;
using Portique.Common;

namespace Portique.Tests.Annuaire;

/// <summary>Addressing identifiers (BT-49 values under scheme 0225): the four granularities, their fallback, the refusals.</summary>
public sealed class AddressingIdentifierTests
{
    private const string Siren = "552100554";
    private const string Siret = "55210055400013";

    [Theory]
    [InlineData("552100554", Granularity.SIREN, null, null, null)]
    [InlineData("0225:552100554", Granularity.SIREN, null, null, null)]
    [InlineData("552100554_55210055400013", Granularity.SIREN_SIRET, Siret, null, null)]
    [InlineData("552100554_55210055400013_ACHATS-2", Granularity.SIREN_SIRET_ROUTINGCODE, Siret, "ACHATS-2", null)]
    [InlineData("552100554_STATUTS", Granularity.SIREN_SUFFIX, null, null, "STATUTS")]
    [InlineData("552100554_FACT_2026.B", Granularity.SIREN_SUFFIX, null, null, "FACT_2026.B")]
    // 14 digits that are not a SIRET of this SIREN make a suffix.
    [InlineData("552100554_12345678901234", Granularity.SIREN_SUFFIX, null, null, "12345678901234")]
    public void Reads_the_four_granularities(string raw, Granularity granularity, string? siret, string? code, string? suffix)
    {
        var address = AddressingIdentifier.Parse(raw);
        Assert.Equal((granularity, Siren, siret, code, suffix), (address.Granularity, address.Siren, address.Siret, address.RoutingIdentifier, address.Suffix));
        Assert.Equal(raw.Replace("0225:", "", StringComparison.Ordinal), address.Value);
    }

    [Theory]
    [InlineData("552100554", new[] { "552100554" })]
    [InlineData("552100554_55210055400013", new[] { "552100554_55210055400013", "552100554" })]
    [InlineData("552100554_55210055400013_ACHATS", new[] { "552100554_55210055400013_ACHATS", "552100554_55210055400013", "552100554" })]
    [InlineData("552100554_STATUTS", new[] { "552100554_STATUTS", "552100554" })]
    public void Falls_back_from_the_finest_to_the_siren(string raw, string[] expected) =>
        Assert.Equal(expected, AddressingIdentifier.Parse(raw).Fallback());

    [Theory]
    [InlineData("")]
    [InlineData("0225:")]
    [InlineData("552100555")]                      // wrong key
    [InlineData("55210055")]                       // eight digits
    [InlineData("552100554/STATUTS")]              // "/" was removed by FNFE V1.3.1
    [InlineData("552100554_")]                     // empty suffix
    [InlineData("552100554_55210055400013_A.B")]   // a routing code has no dot
    [InlineData("552100554 STATUTS")]
    public void Refuses_what_is_no_addressing_identifier(string raw)
    {
        Assert.Null(AddressingIdentifier.TryParse(raw, out var error));
        Assert.False(string.IsNullOrWhiteSpace(error));
        Assert.Equal("ADDRESS_INVALID", Assert.Throws<PortiqueException>(() => AddressingIdentifier.Parse(raw)).Code);
    }

    [Fact]
    public void Refuses_more_than_125_characters() =>
        Assert.Null(AddressingIdentifier.TryParse(Siren + "_" + new string('A', 116), out _));

    [Fact]
    public void A_suffix_does_not_combine_with_a_siret_nor_a_code_without_siret()
    {
        Assert.Equal("ADDRESS_GRANULARITY_INVALID", Assert.Throws<PortiqueException>(() => AddressingIdentifier.For(Siren, Siret, null, "X")).Code);
        Assert.Equal("ADDRESS_GRANULARITY_INVALID", Assert.Throws<PortiqueException>(() => AddressingIdentifier.For(Siren, null, "CODE", null)).Code);
        Assert.Equal($"{Siren}_{Siret}_CODE", AddressingIdentifier.For(Siren, Siret, "CODE", null).Value);
    }

    [Fact]
    public void A_line_is_superseded_only_forward_and_once()
    {
        var now = DateTimeOffset.UtcNow;
        var line = DirectoryLine.Create(AddressingIdentifier.Parse(Siren), "0431", new DateOnly(2026, 9, 1), now);
        Assert.Equal(LineStatus.Upcoming, line.StatusOn(new DateOnly(2026, 8, 31)));
        Assert.Equal(LineStatus.Enabled, line.StatusOn(new DateOnly(2026, 9, 1)));
        Assert.Equal("DIRECTORY_LINE_START_TOO_EARLY", Assert.Throws<PortiqueException>(() => line.Supersede(null, new DateOnly(2026, 9, 1), now)).Code);
        var next = line.Supersede(null, new DateOnly(2027, 1, 1), now);
        Assert.Equal(new DateOnly(2027, 1, 1), line.ValidTo);
        Assert.False(line.IsInForceOn(new DateOnly(2027, 1, 1)));
        Assert.Equal(LineStatus.Disabled, next.StatusOn(new DateOnly(2027, 1, 1)));
        Assert.Equal("DIRECTORY_LINE_CLOSED", Assert.Throws<PortiqueException>(() => line.Supersede("0431", new DateOnly(2027, 6, 1), now)).Code);
    }
}
