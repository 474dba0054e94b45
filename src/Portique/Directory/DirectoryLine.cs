using Portique.Common;

namespace Portique.Annuaire;

/// <summary>XP Z12-013 directoryLineStatus, at a given day.</summary>
public enum LineStatus
{
    /// <summary>A platform receives, from a date already reached.</summary>
    Enabled,
    /// <summary>No platform is linked: the company is known but does not receive.</summary>
    Disabled,
    /// <summary>A platform is linked from a date still to come.</summary>
    Upcoming,
}

/// <summary>
/// One version of a directory line: an addressing identifier bound to a receiving platform over a period [ValidFrom, ValidTo).
/// Lines are historised: a version is never changed nor deleted — its only change is its closing, once, when a newer version
/// takes over (<see cref="Supersede"/>); <see cref="IdInstance"/> identifies the version. Two versions of one address never
/// overlap in time: the database refuses it (an exclusion constraint on PostgreSQL, triggers on SQLite), so does this class.
/// </summary>
public sealed class DirectoryLine
{
    private DirectoryLine() { }

    public long IdInstance { get; private set; }
    public string AddressingIdentifier { get; private set; } = "";
    public Granularity Granularity { get; private set; }
    public string Siren { get; private set; } = "";
    public string? Siret { get; private set; }
    public string? RoutingIdentifier { get; private set; }
    public string? Suffix { get; private set; }
    /// <summary>The receiving platform; null for a line that neutralises the address (Disabled).</summary>
    public string? PlatformMatricule { get; private set; }
    public DateOnly ValidFrom { get; private set; }
    /// <summary>Exclusive end; null while the version is the last one.</summary>
    public DateOnly? ValidTo { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }

    public static DirectoryLine Create(AddressingIdentifier address, string? platformMatricule, DateOnly validFrom, DateTimeOffset now) => new()
    {
        AddressingIdentifier = address.Value,
        Granularity = address.Granularity,
        Siren = address.Siren,
        Siret = address.Siret,
        RoutingIdentifier = address.RoutingIdentifier,
        Suffix = address.Suffix,
        PlatformMatricule = platformMatricule is null ? null : Platform.CheckedMatricule(platformMatricule),
        ValidFrom = validFrom,
        CreatedAt = now,
    };

    public bool IsInForceOn(DateOnly day) => ValidFrom <= day && (ValidTo is null || day < ValidTo);

    public LineStatus StatusOn(DateOnly day) =>
        PlatformMatricule is null ? LineStatus.Disabled
        : ValidFrom > day ? LineStatus.Upcoming
        : LineStatus.Enabled;

    /// <summary>
    /// A newer version of this address from <paramref name="from"/>: this one closes the day before, history kept. History is
    /// only appended: the new version starts after this one started, and a closed version is superseded by nothing.
    /// </summary>
    public DirectoryLine Supersede(string? platformMatricule, DateOnly from, DateTimeOffset now)
    {
        if (ValidTo is not null)
            throw PortiqueException.Conflict("DIRECTORY_LINE_CLOSED", $"La ligne {IdInstance} de l'adresse {AddressingIdentifier} est déjà close au {ValidTo:dd/MM/yyyy}.");
        if (from <= ValidFrom)
            throw new PortiqueException("DIRECTORY_LINE_START_TOO_EARLY",
                $"La nouvelle ligne de l'adresse {AddressingIdentifier} doit commencer après le {ValidFrom:dd/MM/yyyy}, début de la ligne en vigueur : l'historique ne se réécrit pas.") { Field = "validFrom" };
        ValidTo = from;
        return Create(Annuaire.AddressingIdentifier.Parse(AddressingIdentifier), platformMatricule, from, now);
    }
}
