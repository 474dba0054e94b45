using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Portique.Common.Mail;

/// <summary>
/// Delivers outbox messages with MailKit: to the configured SMTP server, or as .eml files into Mail:PickupDirectory
/// when that is set. Only the outbox worker calls it.
/// </summary>
public sealed class SmtpMailSender(IOptions<MailSettings> settings)
{
    /// <summary>Opens one SMTP connection for a batch; throws when the server cannot be reached.</summary>
    public async Task<MailSession> ConnectAsync(CancellationToken ct)
    {
        var s = settings.Value;
        if (!string.IsNullOrEmpty(s.PickupDirectory))
        {
            Directory.CreateDirectory(s.PickupDirectory);
            return new MailSession(s, null);
        }
        var client = new SmtpClient();
        try
        {
            await client.ConnectAsync(s.Host, s.Port, s.UseTls ? SecureSocketOptions.StartTls : SecureSocketOptions.None, ct);
            if (!string.IsNullOrEmpty(s.UserName))
                await client.AuthenticateAsync(s.UserName, s.Password ?? "", ct);
            return new MailSession(s, client);
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }
}

public sealed class MailSession(MailSettings settings, SmtpClient? client) : IAsyncDisposable
{
    /// <summary>Sends one message. An SmtpCommandException means the server refused this message only; any other failure, the connection.</summary>
    public async Task SendAsync(OutboxMessage message, CancellationToken ct)
    {
        using var mime = new MimeMessage();
        var from = MailboxAddress.Parse(settings.From);
        mime.From.Add(from);
        mime.To.Add(MailboxAddress.Parse(message.To));
        mime.Subject = message.Subject;
        mime.MessageId = message.MessageId(from.Domain is { Length: > 0 } d ? d : "portique.local");
        mime.Body = new TextPart("plain") { Text = message.Body };
        if (client is not null)
        {
            await client.SendAsync(mime, ct);
            return;
        }
        // Written under a temporary name then renamed: a reader of the folder never sees half a message.
        var path = Path.Combine(settings.PickupDirectory!, $"{message.CreatedAt:yyyyMMdd-HHmmss}-{message.Id}.eml");
        await mime.WriteToAsync(path + ".tmp", ct);
        File.Move(path + ".tmp", path, overwrite: true);
    }

    public async ValueTask DisposeAsync()
    {
        if (client is null)
            return;
        if (client.IsConnected)
        {
            try
            {
                await client.DisconnectAsync(true);
            }
            catch (Exception e) when (e is IOException or MailKit.ProtocolException or SmtpCommandException)
            {
                // The messages are already accepted; a failed QUIT changes nothing.
            }
        }
        client.Dispose();
    }
}
