namespace Portique.Common;

/// <summary>
/// The portal's users live in France: every date and time shown or typed is Europe/Paris (summer and winter time), while
/// instants are stored in UTC. Pages, e-mails and forms go through here rather than the server's own time zone.
/// </summary>
public static class ParisTime
{
    public static readonly TimeZoneInfo Zone = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");

    /// <summary>The instant as Paris shows it (its offset +01:00 or +02:00).</summary>
    public static DateTimeOffset AtParis(this DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, Zone);

    /// <summary>A wall-clock time typed in Paris (a datetime-local field) as the instant it names.</summary>
    public static DateTimeOffset FromParis(DateTime local)
    {
        var unspecified = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        return new DateTimeOffset(unspecified, Zone.GetUtcOffset(unspecified)).ToUniversalTime();
    }

    /// <summary>The calendar day in Paris at that instant.</summary>
    public static DateOnly DayInParis(this DateTimeOffset at) => DateOnly.FromDateTime(at.AtParis().DateTime);
}
