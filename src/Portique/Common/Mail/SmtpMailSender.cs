using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Portique.Common.Mail;

/// <summary>Sends one e-mail through the configured SMTP server with MailKit. Only the outbox worker calls it.</summary>
public sealed class SmtpMailSender(IOptions<MailSettings> settings)
{
    public async Task SendAsync(IEnumerable<OutboxMessage> messages, CancellationToken ct)
    {
        var s = settings.Value;
        using var client = new SmtpClient();
        await client.ConnectAsync(s.Host, s.Port, s.UseTls ? SecureSocketOptions.StartTls : SecureSocketOptions.None, ct);
        if (!string.IsNullOrEmpty(s.UserName))
            await client.AuthenticateAsync(s.UserName, s.Password ?? "", ct);
        foreach (var message in messages)
        {
            using var mime = new MimeMessage();
            mime.From.Add(MailboxAddress.Parse(s.From));
            mime.To.Add(MailboxAddress.Parse(message.To));
            mime.Subject = message.Subject;
            mime.Body = new TextPart("plain") { Text = message.Body };
            await client.SendAsync(mime, ct);
        }
        await client.DisconnectAsync(true, ct);
    }
}
