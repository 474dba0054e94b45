using MailKit.Net.Smtp;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Portique.Common.Data;

namespace Portique.Common.Mail;

/// <summary>
/// Drains the outbox. Several web nodes may run it at once against PostgreSQL: each batch is claimed with
/// FOR UPDATE SKIP LOCKED inside a transaction and marked sent before the commit releases the rows.
/// On SQLite the transaction takes the write lock up front (BEGIN IMMEDIATE), which serialises the workers.
/// Each message is marked on its own outcome: sent, refused by the server (retried later with back-off), or left
/// untouched when the server cannot be reached — an outage never costs a message one of its attempts.
/// </summary>
public sealed class OutboxWorker(IServiceScopeFactory scopes, IOptions<MailSettings> settings, TimeProvider clock, ILogger<OutboxWorker> log) : BackgroundService
{
    private const int BatchSize = 20;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            int handled;
            try
            {
                handled = await DrainOnceAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogWarning(e, "Outbox batch failed; retrying later");
                handled = 0;
            }
            if (handled == 0)
                await Task.Delay(settings.Value.PollInterval, clock, stoppingToken);
        }
    }

    /// <summary>
    /// Handles one batch; returns how many messages were sent or refused (0: nothing due). Throws when the mail server
    /// cannot be reached, leaving the batch as it was. Public so tests and the CLI can drain synchronously.
    /// </summary>
    public async Task<int> DrainOnceAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortiqueDb>();
        var sender = scope.ServiceProvider.GetRequiredService<SmtpMailSender>();
        var maxAttempts = settings.Value.MaxAttempts;
        var now = clock.GetUtcNow();

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        // Raw SQL on both providers: the row lock is PostgreSQL-only, and SQLite compares DateTimeOffset only as text
        // (EF stores it in a sortable ISO form, always UTC here).
        var batch = db.IsPostgres
            ? await db.Outbox.FromSql($"""
                SELECT * FROM outbox_messages
                WHERE "SentAt" IS NULL AND "Attempts" < {maxAttempts} AND ("NextAttemptAt" IS NULL OR "NextAttemptAt" <= {now})
                ORDER BY "Id" LIMIT {BatchSize} FOR UPDATE SKIP LOCKED
                """).ToListAsync(ct)
            : await db.Outbox.FromSql($"""
                SELECT * FROM outbox_messages
                WHERE "SentAt" IS NULL AND "Attempts" < {maxAttempts} AND ("NextAttemptAt" IS NULL OR "NextAttemptAt" <= {now})
                ORDER BY "Id" LIMIT {BatchSize}
                """).ToListAsync(ct);
        if (batch.Count == 0)
            return 0;

        await using var session = await sender.ConnectAsync(ct);
        var handled = 0;
        foreach (var message in batch)
        {
            try
            {
                await session.SendAsync(message, ct);
                message.MarkSent(clock.GetUtcNow());
            }
            catch (Exception e) when (e is SmtpCommandException or MimeKit.ParseException)
            {
                // This message only (refused recipient, malformed address): the others go on.
                log.LogWarning("Outbox message {Id} refused: {Error}", message.Id, e.Message);
                message.MarkFailed(e.Message, clock.GetUtcNow());
            }
            catch (Exception e)
            {
                // Connection lost or shutdown: record what was sent (so it is never sent again); the rest waits for the next batch.
                log.LogWarning(e, "Outbox delivery interrupted after {Count} of {Total} messages", handled, batch.Count);
                break;
            }
            handled++;
        }
        await db.SaveChangesAsync(CancellationToken.None);
        await tx.CommitAsync(CancellationToken.None);
        return handled;
    }
}
