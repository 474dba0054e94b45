using Portique.Common;

namespace Portique.Annuaire;

/// <summary>UNTDID 3035 role of a receiving platform: WK a platform (PA), DFH the public portal (PPF).</summary>
public enum PlatformType
{
    WK,
    DFH,
}

/// <summary>A receiving platform, known by its 4-digit matricule (ICD scheme 0238), registered by operators.</summary>
public sealed class Platform
{
    public const string PublicPortal = "0000";
    public const string ChorusPro = "9999";

    private Platform() { }

    public string Matricule { get; private set; } = "";
    public string Name { get; private set; } = "";
    public PlatformType Type { get; private set; }
    /// <summary>Where the platform's AFNOR Flow Service answers; null while unknown.</summary>
    public string? BaseUrl { get; private set; }
    public bool IsActive { get; private set; } = true;
    public DateTimeOffset RegisteredAt { get; private set; }

    public static Platform Register(string matricule, string name, PlatformType type, string? baseUrl, DateTimeOffset now) => new()
    {
        Matricule = CheckedMatricule(matricule),
        Name = Validation.Required(name, "nom de la plateforme", 100),
        Type = type,
        BaseUrl = CheckedUrl(baseUrl),
        RegisteredAt = now,
    };

    public static string CheckedMatricule(string? value)
    {
        var m = value?.Trim() ?? "";
        return m.Length == 4 && m.All(char.IsAsciiDigit) ? m
            : throw new PortiqueException("PLATFORM_MATRICULE_INVALID", $"Le matricule de plateforme « {value} » doit comporter 4 chiffres.") { Field = "matricule" };
    }

    private static string? CheckedUrl(string? value)
    {
        var url = Validation.MaxLength(value, "adresse de la plateforme", 255);
        if (url is null)
            return null;
        return Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http" ? url
            : throw new PortiqueException("PLATFORM_URL_INVALID", $"L'adresse « {url} » n'est pas une URL http(s) absolue.") { Field = "baseUrl" };
    }

    /// <summary>The two platforms every directory knows: the public portal and Chorus Pro (public-sector recipients).</summary>
    internal static Platform[] Seed() =>
    [
        new() { Matricule = PublicPortal, Name = "Portail public de facturation", Type = PlatformType.DFH, RegisteredAt = new DateTimeOffset(2024, 10, 15, 0, 0, 0, TimeSpan.Zero) },
        new() { Matricule = ChorusPro, Name = "Chorus Pro", Type = PlatformType.WK, RegisteredAt = new DateTimeOffset(2024, 10, 15, 0, 0, 0, TimeSpan.Zero) },
    ];
}
