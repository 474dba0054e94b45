namespace Portique.Common.Mail;

/// <summary>
/// An e-mail waiting to be sent. Written in the same transaction as the change that causes it, so a crash
/// never loses it; the worker marks it sent in the transaction that holds its row lock, so it is never sent twice
/// by two nodes (a crash between SMTP acceptance and commit can still repeat one message: SMTP has no two-phase commit).
/// </summary>
public sealed class OutboxMessage
{
    private OutboxMessage() { }

    public long Id { get; private set; }
    public string To { get; private set; } = "";
    public string Subject { get; private set; } = "";
    public string Body { get; private set; } = "";
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset? SentAt { get; private set; }
    public int Attempts { get; private set; }
    public string? LastError { get; private set; }
    /// <summary>Makes a notification idempotent: one message per (event, recipient).</summary>
    public string? DeduplicationKey { get; private set; }
    /// <summary>After a refusal, not before this time (exponential back-off).</summary>
    public DateTimeOffset? NextAttemptAt { get; private set; }

    public static OutboxMessage Create(string to, string subject, string body, DateTimeOffset now, string? deduplicationKey = null) =>
        new() { To = to, Subject = subject, Body = body, CreatedAt = now, DeduplicationKey = deduplicationKey };

    public void MarkSent(DateTimeOffset now)
    {
        SentAt = now;
        Attempts++;
        LastError = null;
    }

    /// <summary>The server refused this message: try again later, waiting longer each time.</summary>
    public void MarkFailed(string error, DateTimeOffset now)
    {
        Attempts++;
        LastError = error.Length > 1000 ? error[..1000] : error;
        NextAttemptAt = now + TimeSpan.FromMinutes(Math.Min(60, Math.Pow(2, Attempts - 1)));
    }

    /// <summary>Message-Id derived from the row, so a receiver can recognise a repeat after a crash between SMTP and commit.</summary>
    public string MessageId(string domain) => $"outbox-{Id}@{domain}";
}
