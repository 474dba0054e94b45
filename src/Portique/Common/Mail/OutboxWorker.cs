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
/// On SQLite the database lock serialises writers, so a plain read in a transaction is enough.
/// </summary>
public sealed class OutboxWorker(IServiceScopeFactory scopes, IOptions<MailSettings> settings, TimeProvider clock, ILogger<OutboxWorker> log) : BackgroundService
{
    private const int BatchSize = 20;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            int sent;
            try
            {
                sent = await DrainOnceAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogWarning(e, "Outbox batch failed; retrying later");
                sent = 0;
            }
            if (sent == 0)
                await Task.Delay(settings.Value.PollInterval, clock, stoppingToken);
        }
    }

    /// <summary>Sends one batch; returns how many messages it handled. Public so tests and the CLI can drain synchronously.</summary>
    public async Task<int> DrainOnceAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortiqueDb>();
        var sender = scope.ServiceProvider.GetRequiredService<SmtpMailSender>();
        var maxAttempts = settings.Value.MaxAttempts;

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var batch = db.IsPostgres
            ? await db.Outbox.FromSql($"""
                SELECT * FROM outbox_messages
                WHERE "SentAt" IS NULL AND "Attempts" < {maxAttempts}
                ORDER BY "Id" LIMIT {BatchSize} FOR UPDATE SKIP LOCKED
                """).ToListAsync(ct)
            : await db.Outbox.Where(m => m.SentAt == null && m.Attempts < maxAttempts).OrderBy(m => m.Id).Take(BatchSize).ToListAsync(ct);
        if (batch.Count == 0)
            return 0;
        try
        {
            await sender.SendAsync(batch, ct);
            foreach (var m in batch)
                m.MarkSent(clock.GetUtcNow());
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            log.LogWarning(e, "SMTP delivery failed for {Count} messages", batch.Count);
            foreach (var m in batch)
                m.MarkFailed(e.Message);
        }
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return batch.Count;
    }
}
