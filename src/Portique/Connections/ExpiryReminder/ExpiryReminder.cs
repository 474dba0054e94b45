using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Portique.Common.Data;
using Portique.Common.Mail;

namespace Portique.Connections.ExpiryReminder;

/// <summary>
/// E-mails the principal managers of a structure once when one of its technical accounts enters the warning period before its
/// password expires (Chorus Pro: 15 days), so the software's owner resets it before the connector stops. "Once" is per
/// expiry date: the outbox's deduplication key carries it, so a reset password gets its own reminder, and two nodes
/// running the reminder at the same time send it once (the key is unique).
/// </summary>
public sealed class ExpiryReminderHandler(PortiqueDb db, Outbox outbox, TimeProvider clock, IOptions<ConnectionSettings> settings)
{
    /// <summary>Queues the reminders due; returns how many accounts were reminded.</summary>
    public async Task<int> RemindAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var horizon = now + settings.Value.ExpiryWarning;
        // SQLite cannot compare DateTimeOffset columns, so the period is filtered on the streamed projection; there are few
        // technical accounts (one or two per connected structure) and the reminder runs hourly.
        var due = await (
                from t in db.TechnicalAccounts.AsNoTracking()
                join s in db.Structures on t.StructureId equals s.Id
                where t.DeactivatedAt == null
                select new { t.Id, t.StructureId, t.Login, t.PasswordExpiresAt, StructureName = s.Name })
            .AsAsyncEnumerable()
            .Where(t => t.PasswordExpiresAt > now && t.PasswordExpiresAt <= horizon)
            .ToListAsync(ct);
        var reminded = 0;
        foreach (var account in due)
        {
            var key = $"technical-account-expiry:{account.Id}:{account.PasswordExpiresAt.UtcTicks.ToString(CultureInfo.InvariantCulture)}";
            if (await db.Outbox.AnyAsync(m => m.DeduplicationKey != null && m.DeduplicationKey.StartsWith(key), ct))
                continue;
            await PrincipalManagers.NotifyAsync(db, outbox, account.StructureId,
                $"Portique — le mot de passe du compte technique expire bientôt ({account.StructureName})",
                $"Bonjour,\n\nLe mot de passe du compte technique {account.Login} de la structure {account.StructureName} expire le " +
                $"{account.PasswordExpiresAt:dd/MM/yyyy}. Réinitialisez-le avant cette date et donnez le nouveau mot de passe au logiciel qui l'utilise : " +
                "après l'expiration, ses appels à l'API seront refusés.\n", ct, key);
            if (!db.ChangeTracker.HasChanges())
                continue; // no principal manager to write to
            try
            {
                await db.SaveChangesAsync(ct);
                reminded++;
            }
            catch (DbUpdateException)
            {
                // Another node queued the same reminder first (unique deduplication key): nothing to do.
                db.ChangeTracker.Clear();
            }
        }
        return reminded;
    }
}

/// <summary>Runs the reminder at start-up and then every Connections:ReminderInterval (an hour by default).</summary>
public sealed class ExpiryReminderWorker(IServiceScopeFactory scopes, TimeProvider clock, IOptions<ConnectionSettings> settings, ILogger<ExpiryReminderWorker> log)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<ExpiryReminderHandler>().RemindAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogWarning(e, "Technical account expiry reminders failed; retrying at the next interval");
            }
            await Task.Delay(settings.Value.ReminderInterval, clock, stoppingToken);
        }
    }
}
