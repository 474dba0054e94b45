using Portique.Common;

namespace Portique.Annuaire;

/// <summary>Main (P, siège) or secondary (S) establishment.</summary>
public enum FacilityType
{
    P,
    S,
}

/// <summary>
/// An establishment (SIRET) of a legal unit. Its B2G data (XP Z12-013 b2gAdditionalData) are those of the Organisation
/// structure of the same SIRET, read from there when answered, never copied.
/// </summary>
public sealed class Facility
{
    private Facility() { }

    public string Siret { get; private set; } = "";
    public string Siren { get; private set; } = "";
    public string Name { get; private set; } = "";
    public FacilityType FacilityType { get; private set; }
    public AdministrativeStatus AdministrativeStatus { get; private set; }
    public FacilityAddress Address { get; private set; } = new();
    /// <summary>INSEE "diffusible": false for establishments whose address may not be published (the lookup hides it).</summary>
    public bool Diffusible { get; private set; } = true;
    public DateTimeOffset CreatedAt { get; private set; }

    public static Facility Create(string siret, string name, FacilityType type, AdministrativeStatus status, FacilityAddress address, bool diffusible, DateTimeOffset now)
    {
        var checkedSiret = Annuaire.Siren.CheckedSiret(siret);
        return new Facility
        {
            Siret = checkedSiret,
            Siren = checkedSiret[..9],
            Name = Validation.Required(name, "nom de l'établissement", 100),
            FacilityType = type,
            AdministrativeStatus = status,
            Address = address.Validated(),
            Diffusible = diffusible,
            CreatedAt = now,
        };
    }
}

/// <summary>An establishment's address with XP Z12-013's field limits.</summary>
public sealed record FacilityAddress
{
    public string? Line1 { get; init; }
    public string? Line2 { get; init; }
    public string? Line3 { get; init; }
    public string? PostalCode { get; init; }
    public string? Subdivision { get; init; }
    public string? Locality { get; init; }
    public string? CountryCode { get; init; } = "FR";

    public FacilityAddress Validated()
    {
        var postal = Validation.MaxLength(PostalCode, "code postal", 5);
        if (postal is not null && (postal.Length != 5 || !postal.All(char.IsAsciiDigit)))
            throw new PortiqueException("POSTAL_CODE_INVALID", $"Le code postal « {postal} » doit comporter 5 chiffres.") { Field = "postalCode" };
        return new FacilityAddress
        {
            Line1 = Validation.MaxLength(Line1, "adresse", 255),
            Line2 = Validation.MaxLength(Line2, "complément d'adresse", 255),
            Line3 = Validation.MaxLength(Line3, "complément d'adresse", 255),
            PostalCode = postal,
            Subdivision = Validation.MaxLength(Subdivision, "subdivision", 100),
            Locality = Validation.MaxLength(Locality, "localité", 100),
            CountryCode = Validation.MaxLength(CountryCode, "pays", 2)?.ToUpperInvariant(),
        };
    }
}
