using Portique.Organisation;
using static Portique.Tests.Organisation.StructureIdentifierTests;

namespace Portique.Tests.Organisation;

public sealed class StructureRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 27, 10, 0, 0, TimeSpan.Zero);

    private static Structure Public() => Structure.Create(IdentifierType.SIRET, "21300010700010", "Commune de Test", true, Now);

    // Services of an unsaved structure all have Id 0, so tests that address a service by id use a structure holding only that one.
    private static Structure Private() => Structure.Create(IdentifierType.SIRET, "73282932000074", "Entreprise de Test", false, Now);

    [Fact]
    public void Public_structure_gets_the_default_service_and_private_does_not()
    {
        Assert.Equal([Structure.DefaultPublicServiceCode], Public().Services.Select(s => s.Code));
        Assert.Empty(Structure.Create(IdentifierType.SIRET, "73282932000074", "Privée", false, Now).Services);
    }

    [Fact]
    public void Default_service_cannot_be_deactivated_nor_closed_nor_created_again()
    {
        var structure = Public();
        var service = structure.Services.Single();

        AssertRefused("DEFAULT_SERVICE_PROTECTED", () => structure.SetServiceActive(service.Id, false));
        AssertRefused("DEFAULT_SERVICE_PROTECTED", () => structure.ModifyService(service.Id, "Factures", null, new DateOnly(2027, 1, 1), false));
        AssertRefused("SERVICE_CODE_RESERVED", () => structure.AddService("factures_publiques", "Copie", null, null));
        Assert.True(service.IsActive);
        Assert.Null(service.ValidTo);
    }

    [Fact]
    public void Service_codes_are_upper_cased_unique_and_dated_coherently()
    {
        var structure = Private();
        var service = structure.AddService("achats", "Achats", new DateOnly(2026, 1, 1), null, commitmentNumberRequired: true);

        Assert.Equal("ACHATS", service.Code);
        Assert.True(service.CommitmentNumberRequired);
        Assert.Equal("SERVICE_CODE_DUPLICATE", Assert.Throws<Portique.Common.PortiqueException>(() => structure.AddService("Achats", "Bis", null, null)).Code);
        AssertRefused("SERVICE_DATES_INVALID", () => structure.ModifyService(service.Id, "Achats", new DateOnly(2026, 2, 1), new DateOnly(2026, 1, 31), false));
        AssertRefused("SERVICE_CODE_INVALID", () => structure.AddService("ACHATS/2", "Slash", null, null));
        Assert.Single(structure.Services);
    }

    [Fact]
    public void Service_active_state_changes_only_when_different()
    {
        var structure = Private();
        var service = structure.AddService("ACHATS", "Achats", null, null);

        structure.SetServiceActive(service.Id, false);
        Assert.False(service.IsOpenOn(new DateOnly(2026, 12, 1)));
        AssertRefused("SERVICE_ALREADY_INACTIVE", () => structure.SetServiceActive(service.Id, false));
        structure.SetServiceActive(service.Id, true);
        AssertRefused("SERVICE_ALREADY_ACTIVE", () => structure.SetServiceActive(service.Id, true));
    }

    [Fact]
    public void Unknown_service_is_not_found()
    {
        var e = Assert.Throws<Portique.Common.PortiqueException>(() => Public().SetServiceActive(12345, false));
        Assert.Equal(("SERVICE_NOT_FOUND", 404), (e.Code, e.Status));
    }

    [Fact]
    public void Inactive_structure_refuses_changes_until_reactivated()
    {
        var structure = Public();
        structure.Deactivate(Now);

        AssertRefused("STRUCTURE_ALREADY_INACTIVE", () => structure.Deactivate(Now));
        AssertRefused("STRUCTURE_INACTIVE", () => structure.Modify("Autre", null, null, new PostalAddress(), new StructureParameters(), Now));
        AssertRefused("STRUCTURE_INACTIVE", () => structure.AddService("X", "X", null, null));
        structure.Reactivate(Now);
        structure.Modify("Autre nom", "mairie@test.fr", "de 123", new PostalAddress { CountryCode = "be" }, new StructureParameters { MoaOnly = true }, Now);
        Assert.Equal(("Autre nom", "AUTRE NOM", "DE123", "BE", true), (structure.Name, structure.NameKey, structure.VatNumber, structure.Address.CountryCode, structure.Parameters.MoaOnly));
    }

    [Theory]
    [InlineData("pas une adresse", null, "EMAIL_INVALID")]
    [InlineData(null, "FRA", "FIELD_TOO_LONG")]
    [InlineData(null, "F1", "COUNTRY_CODE_INVALID")]
    public void Modification_checks_contact_and_address(string? email, string? country, string code)
    {
        var structure = Public();
        AssertRefused(code, () => structure.Modify("Nom", email, null, new PostalAddress { CountryCode = country }, new StructureParameters(), Now));
        Assert.Equal("Commune de Test", structure.Name);
    }
}
