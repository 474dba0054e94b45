using Portique.Common;

namespace Portique.Annuaire;

/// <summary>Public entity or VAT-registered private company (XP Z12-013 entityType).</summary>
public enum EntityType
{
    Public,
    PrivateVatRegistered,
}

/// <summary>INSEE administrative status: A active, C closed (cessée).</summary>
public enum AdministrativeStatus
{
    A,
    C,
}

/// <summary>
/// A legal unit of the directory (SIREN). The Organisation structures of the same company are found by their SIRET, which
/// starts with this SIREN: nothing of the structure is copied here.
/// </summary>
public sealed class LegalUnit
{
    public const int NameMaxLength = 150;

    private LegalUnit() { }

    public string Siren { get; private set; } = "";
    public string BusinessName { get; private set; } = "";
    /// <summary>Upper-case, accent-free name: what the name-prefix search compares.</summary>
    public string NameKey { get; private set; } = "";
    public EntityType EntityType { get; private set; }
    public AdministrativeStatus AdministrativeStatus { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset? UpdatedAt { get; private set; }

    public bool IsPublic => EntityType == EntityType.Public;

    public static LegalUnit Create(string siren, string businessName, EntityType type, AdministrativeStatus status, DateTimeOffset now)
    {
        var name = Validation.Required(businessName, "raison sociale", NameMaxLength);
        return new LegalUnit
        {
            Siren = Annuaire.Siren.Checked(siren),
            BusinessName = name,
            NameKey = SearchKey.Of(name),
            EntityType = type,
            AdministrativeStatus = status,
            CreatedAt = now,
        };
    }
}
