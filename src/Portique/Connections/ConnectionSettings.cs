namespace Portique.Connections;

/// <summary>Section "Connections" of the settings.</summary>
public sealed class ConnectionSettings
{
    /// <summary>Chorus Pro renews technical passwords every 424 days (about 14 months).</summary>
    public int TechnicalPasswordLifetimeDays { get; set; } = 424;
    public int ExpiryWarningDays { get; set; } = 15;
    /// <summary>How often the expiry reminder looks for passwords entering the warning period.</summary>
    public TimeSpan ReminderInterval { get; set; } = TimeSpan.FromHours(1);
    // FailuresPerAddress, FailuresPerLogin and FailureWindow of this section are read by Common/Security/FailureLimiter.

    public TimeSpan PasswordLifetime => TimeSpan.FromDays(TechnicalPasswordLifetimeDays);
    public TimeSpan ExpiryWarning => TimeSpan.FromDays(ExpiryWarningDays);
}
