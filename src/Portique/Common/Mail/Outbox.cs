using Microsoft.Extensions.Options;
using Portique.Common.Data;

namespace Portique.Common.Mail;

/// <summary>Queues e-mails in the caller's unit of work: they are sent only if the change that causes them commits.</summary>
public sealed class Outbox(PortiqueDb db, TimeProvider clock, IOptions<MailSettings> settings)
{
    public string Link(string pathAndQuery) => settings.Value.PublicBaseUrl.TrimEnd('/') + pathAndQuery;

    public void Enqueue(string to, string subject, string body, string? deduplicationKey = null)
    {
        if (string.IsNullOrWhiteSpace(to))
            return;
        db.Outbox.Add(OutboxMessage.Create(to, subject, body, clock.GetUtcNow(), deduplicationKey));
    }
}
