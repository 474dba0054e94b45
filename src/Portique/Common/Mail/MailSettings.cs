namespace Portique.Common.Mail;

/// <summary>Section "Mail" of the settings: the SMTP server every e-mail goes through.</summary>
public sealed class MailSettings
{
    public string Host { get; set; } = "127.0.0.1";
    public int Port { get; set; } = 25;
    public bool UseTls { get; set; }
    public string? UserName { get; set; }
    public string? Password { get; set; }
    public string From { get; set; } = "Portique <no-reply@portique.local>";
    /// <summary>Base address used in links (activation, reset); set it to the public URL of the portal.</summary>
    public string PublicBaseUrl { get; set; } = "http://localhost:5080";
    /// <summary>How often the outbox worker looks for unsent e-mails.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);
    /// <summary>Tries per message refused by the server; waits double between tries (1 min, 2, 4 … capped at 1 h).</summary>
    public int MaxAttempts { get; set; } = 10;
    /// <summary>When set, e-mails are written there as .eml files instead of going to SMTP (quick start, no mail server needed).</summary>
    public string? PickupDirectory { get; set; }
}
